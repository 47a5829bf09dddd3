// Calendars of views (issue 13) through the screens over HTTP: a month at its own address,
// ranges cut per week, times shown, moving between months, the view's filters, dragging a
// record to another day (the runtime's drop, as the test client sends it) and its undo, and
// a viewer who may look but not move.

import { describe, expect, it } from "vitest";
import { addField, invite, openNewTable, ownerApp, newSharedView } from "./helpers";

async function calendarOfEvents(database: string) {
  const app = await ownerApp(database);
  const { client } = app;
  await openNewTable(client, "Events");
  await addField(client, "Name", "text");
  await addField(client, "When", "date");
  for (const [name, when] of [["Tour", "2026-11-12 to 2026-11-17"], ["Concert", "Nov 14, 2026 7:30pm to 10pm"], ["Party", "2026-12-31"]]) {
    await client.click("Add record");
    const n = client.queryAll("tbody tr").length;
    client.fill(`Name of record ${n}`, name!);
    client.fill(`When of record ${n}`, when!);
    await client.click("Save changes");
  }
  await newSharedView(client, "Season");
  await client.click("Calendar");
  const view = new URL(app.current(), "http://x").pathname.replace(/\/at\/.*$/, "");
  // November 2026 by its address, whatever today is.
  const opened = await app.browser.app(database, `${view}/at/2026-11`);
  return { ...app, client: opened.client, current: opened.current, view };
}

const labels = (client: { queryAll(s: string): Element[] }, name: string) => client.queryAll(".cal-event").map((e) => e.getAttribute("aria-label") ?? "").filter((l) => l.startsWith(`${name},`));

describe("calendars", () => {
  it("shows a month at its address: ranges cut per week, times, and links to the months around it", async () => {
    const { client, current } = await calendarOfEvents("cal-month");
    expect(client.query("#calendar-title")?.textContent).toBe("November 2026");
    expect(client.queryAll(".cal-week")).toHaveLength(6);
    const tour = client.queryAll(".cal-event").filter((e) => e.getAttribute("aria-label")?.startsWith("Tour,"));
    expect(tour.map((e) => e.getAttribute("class"))).toEqual([
      "cal-event cal-col-4 cal-span-4 cal-lane-1 allday goes-on",
      "cal-event cal-col-1 cal-span-2 cal-lane-1 allday from-before",
    ]);
    const concert = client.queryAll(".cal-event").find((e) => e.getAttribute("aria-label")?.startsWith("Concert,"));
    expect(concert?.querySelector(".cal-time")?.textContent).toBe("7:30 PM");
    expect(labels(client, "Party")).toEqual([]);
    // A day shows at most three events; the rest are counted and lead to that day's week.
    expect(client.queryAll(".cal-more")).toEqual([]);
    await client.click("Next month");
    expect(client.query("#calendar-title")?.textContent).toBe("December 2026");
    expect(current()).toMatch(/\/views\/[\w-]+\/at\/2026-12\?k=/);
    expect(labels(client, "Party")).toEqual(["Party, Dec 31, 2026"]);
    await client.click("Week");
    expect(client.query("#calendar-title")?.textContent).toBe("Nov 30 – Dec 6, 2026");
    expect(current()).toMatch(/\/at\/2026-11-30\?k=/);
  });

  it("shows at most three events a day in a month, and how many more", async () => {
    const { browser, view } = await calendarOfEvents("cal-more");
    const { client } = await browser.app("cal-more", view.replace(/\/views\/.*/, ""));
    for (const name of ["Rehearsal", "Dinner", "Encore"]) {
      await client.click("Add record");
      const n = client.queryAll("tbody tr").length;
      client.fill(`Name of record ${n}`, name);
      client.fill(`When of record ${n}`, "Nov 13, 2026");
      await client.click("Save changes");
    }
    const month = (await browser.app("cal-more", `${view}/at/2026-11`)).client;
    // Friday 13th: Tour (12–17) and three more; Saturday 14th: Tour and Concert.
    const more = month.queryAll(".cal-more");
    expect(more.map((a) => [a.getAttribute("class"), a.textContent])).toEqual([["cal-more cal-col-5", "+1 more"]]);
    await month.click("+1 more");
    expect(month.query("#calendar-title")?.textContent).toBe("November 9–15, 2026");
    expect(month.queryAll(".cal-more")).toEqual([]);
  });

  it("applies the view's filters", async () => {
    const { client } = await calendarOfEvents("cal-filter");
    await client.click("+ Filter");
    client.fill("Filter", "Name is");
    client.fill("Value", "Concert");
    await client.click("Add filter");
    expect(labels(client, "Tour")).toEqual([]);
    expect(labels(client, "Concert")).toHaveLength(1);
  });

  it("moves a dragged record to another day as one undoable edit, keeping a range's length and a time of day", async () => {
    const { client } = await calendarOfEvents("cal-drag");
    const concert = labels(client, "Concert")[0]!;
    expect(concert).toBe("Concert, Nov 14, 2026, 7:30 PM – 10:00 PM");
    await client.drag(concert, "2026-11-20");
    expect(labels(client, "Concert")).toEqual(["Concert, Nov 20, 2026, 7:30 PM – 10:00 PM"]);
    expect(client.text).toContain("“Concert” moved to Nov 20, 2026.");
    await client.drag(labels(client, "Tour")[0]!, "2026-11-25");
    expect(labels(client, "Tour")[0]).toBe("Tour, Nov 25, 2026 – Nov 30, 2026");
    await client.click("Undo");
    expect(labels(client, "Tour")[0]).toBe("Tour, Nov 12, 2026 – Nov 17, 2026");
    await client.click("Undo");
    expect(labels(client, "Concert")).toEqual([concert]);
  });

  it("lets a viewer look and open records, but not drag them", async () => {
    const { browser, client, view } = await calendarOfEvents("cal-viewer");
    const owner = (await browser.app("cal-viewer", "/t/cal-viewer/members")).client;
    const { member } = await invite(owner, "viewer", "vi@cal-viewer.org");
    const { client: viewer } = await member.app("cal-viewer", `${view}/at/2026-11`);
    expect(labels(viewer, "Concert")).toHaveLength(1);
    expect(viewer.queryAll("[data-drag]")).toEqual([]);
    // A forged drop (the owner's drag input, sent from the viewer's page) changes nothing.
    const name = client.queryAll("[data-drag]")[0]?.getAttribute("data-drag") ?? "";
    await viewer.clickWith({ [name]: "2026-11-02" }, "Next month");
    const again = (await member.app("cal-viewer", `${view}/at/2026-11`)).client;
    expect(labels(again, "Concert")).toEqual(["Concert, Nov 14, 2026, 7:30 PM – 10:00 PM"]);
  });
});
