// The place data (src/schema/gazetteer/data.txt) is decoded on the first place read, not when
// the code loads: a database's pages that show no place never pay for it. Checked by the
// module's own decode counter, not by timing. This file runs first in its own isolate, so
// nothing else has read a place before it.

import { env } from "cloudflare:workers";
import { evictDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { forgetWritingsForTests } from "../../src/schema/fields/location";
import { forgetDecodedForTests, gazetteerDecodes, zipCodeDecodes } from "../../src/schema/gazetteer/gazetteer";
import { addField, type Browser, openNewTable, ownerApp } from "./helpers";

describe("the place data loads lazily", () => {
  let grid = "";
  let person: Browser | undefined;
  it("is not decoded for sign-up, the tables page or a grid; is decoded when a place is read", async () => {
    expect(gazetteerDecodes()).toBe(0);
    const { browser, client, current } = await ownerApp("lazy-places");
    person = browser;
    await openNewTable(client, "Venues");
    await addField(client, "Name", "text");
    await addField(client, "Where", "location");
    await client.click("Add record");
    client.fill("Name of record 1", "Town hall");
    await client.click("Save changes");
    expect(client.text).toContain("1 record");
    // Signing up, the tables page, a new table, its fields and a text cell read no place.
    expect(gazetteerDecodes()).toBe(0);

    client.fill("Where of record 1", "Albany, NY");
    await client.click("Save changes");
    expect(gazetteerDecodes()).toBe(1);
    const cell = client.query("input[aria-label='Where of record 1']")!;
    expect(cell.getAttribute("aria-invalid")).toBeNull();
    expect(cell.getAttribute("value")).toBe("Albany, NY, United States");

    // Decoded once per isolate, however many places are read.
    client.fill("Where of record 1", "Sydney NSW");
    await client.click("Save changes");
    expect(client.query("input[aria-label='Where of record 1']")!.getAttribute("value")).toBe("Sydney, NSW, Australia");
    expect(gazetteerDecodes()).toBe(1);

    // The US ZIP codes wait for the first text that holds one.
    expect(zipCodeDecodes()).toBe(0);
    client.fill("Where of record 1", "ZIP 02139");
    await client.click("Save changes");
    expect(client.query("input[aria-label='Where of record 1']")!.getAttribute("value")).toBe("Cambridge, MA 02139, United States");
    expect(zipCodeDecodes()).toBe(1);
    expect(gazetteerDecodes()).toBe(1);

    // A place with several writings ("Paris, France" or "Paris, Île-de-France, France"), whose
    // display text was once found by reading each back.
    await client.click("Add record");
    client.fill("Where of record 2", "Paris, France");
    await client.click("Save changes");
    expect(client.query("input[aria-label='Where of record 2']")!.getAttribute("value")).toBe("Paris, France");
    grid = new URL(current(), "http://trove.test").pathname;
  });

  it("is not decoded for a grid that shows stored places, after a fresh start", async () => {
    expect(grid).toMatch(/\/tables\//);
    // As after a deploy: a new isolate (nothing decoded, no display text found yet) and the
    // object woken afresh.
    forgetDecodedForTests();
    forgetWritingsForTests();
    await evictDurableObject(env.TENANT.getByName("lazy-places"));
    const page = await person!.open(grid);
    expect(page.response.status).toBe(200);
    expect(page.html).toContain('value="Cambridge, MA 02139, United States"');
    expect(page.html).toContain('value="Paris, France"');
    expect(gazetteerDecodes()).toBe(0);
    expect(zipCodeDecodes()).toBe(0);
    // The record's own page shows its place without the data too.
    const id = /\/records\/([\w-]+)/.exec(page.html)?.[1];
    expect(id).toBeDefined();
    const record = await person!.open(`${grid}/records/${id}`);
    expect(record.html).toMatch(/Cambridge, MA 02139, United States|Paris, France/);
    expect(gazetteerDecodes()).toBe(0);
  });
});
