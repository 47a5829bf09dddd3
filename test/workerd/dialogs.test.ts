// Dialogs (issue 10, item 6): each marks its way out (`data-dismiss`, which the browser
// runtime clicks for Escape and the backdrop) and can take focus (`tabindex=-1`). Closing the
// record dialog with its × keeps what was typed.

import { describe, expect, it } from "vitest";
import type { TestClient } from "../../src/ui/engine/test-client";
import { openNewTable, ownerApp } from "./helpers";

/** The open dialog's way out: exactly one, labelled `label`; clicking it closes the dialog. */
async function dismiss(client: TestClient, label: string): Promise<void> {
  const dialog = client.query("[role=dialog]");
  expect(dialog?.getAttribute("tabindex")).toBe("-1");
  const ways = client.queryAll("[role=dialog] [data-dismiss]");
  expect(ways.map((el) => el.getAttribute("aria-label") ?? el.textContent?.trim())).toEqual([label]);
  await client.click(label, "[role=dialog]");
  expect(client.query("[role=dialog]")).toBeNull();
}

describe("issue 10: dialogs", () => {
  it("confirm, type change and record dialogs each have one way out marked data-dismiss", async () => {
    const { client } = await ownerApp("dialog-dismiss");
    client.fill("New table", "Venues");
    await client.click("Create table");
    await client.click("← Tables");
    await client.click("Delete Venues");
    await dismiss(client, "Cancel");
    expect(client.text).toContain("Venues");

    await client.click("Venues");
    await client.click("Field menu for Name");
    await client.click("Change type");
    await dismiss(client, "Cancel");

    await client.click("Add record");
    await client.click("Open record 1");
    await dismiss(client, "Close");
  });

  it("the record dialog's × closes it for an owner and keeps what was typed", async () => {
    const { client } = await ownerApp("dialog-record");
    await openNewTable(client, "Venues");
    await client.click("Add record");
    await client.click("Open record 1");
    expect(client.query("[role=dialog] .dialog-header [data-dismiss]")?.getAttribute("aria-label")).toBe("Close");
    client.fill("Name", "Carnegie Hall");
    await client.click("Close", "[role=dialog]");
    expect(client.query("[role=dialog]")).toBeNull();
    expect(client.query("input[aria-label='Name of record 1']")?.getAttribute("value")).toBe("Carnegie Hall");
  });
});
