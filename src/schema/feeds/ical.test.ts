// The iCalendar writer, read back by a maintained parser (ical.js, Mozilla's): folding,
// escaping, all-day, timed and ranges, and the same UIDs on every fetch so an app that
// imports the feed twice updates its events instead of duplicating them.
import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { escapeText, foldLine, type IcalEvent, writeIcal } from "./ical";

const event = (recordId: string, value: IcalEvent["value"], summary = recordId, description = ""): IcalEvent => ({
  recordId, summary, description, url: `https://trove.test/t/orchestra/tables/t1/views/v1/records/${recordId}`, value, created: Date.UTC(2026, 10, 1),
});

const calendar = (events: IcalEvent[]) => writeIcal({ database: "orchestra", name: "Concerts: Season", timeZone: "Europe/Paris", stamp: Date.UTC(2026, 10, 20, 9, 30), events });

function parse(text: string) {
  const component = new ICAL.Component(ICAL.parse(text));
  return component.getAllSubcomponents("vevent").map((c) => new ICAL.Event(c));
}

describe("iCalendar writer", () => {
  it("writes all-day dates with an exclusive end, and timed values in UTC", () => {
    const text = calendar([
      event("day", { start: "2026-11-12", end: null, time: false }),
      event("tour", { start: "2026-11-12", end: "2026-11-17", time: false }),
      event("concert", { start: "2026-11-14T19:30:00Z", end: "2026-11-14T22:00:00Z", time: true }),
      event("call", { start: "2026-11-15T08:00:00Z", end: null, time: true }),
    ]);
    const [day, tour, concert, call] = parse(text);
    expect(day!.startDate.isDate).toBe(true);
    expect(day!.startDate.toString()).toBe("2026-11-12");
    expect(day!.endDate.toString()).toBe("2026-11-13");
    expect(tour!.endDate.toString()).toBe("2026-11-18"); // the 17th included
    expect(concert!.startDate.isDate).toBe(false);
    expect(concert!.startDate.toJSDate().toISOString()).toBe("2026-11-14T19:30:00.000Z");
    expect(concert!.endDate.toJSDate().toISOString()).toBe("2026-11-14T22:00:00.000Z");
    expect(call!.startDate.toJSDate().toISOString()).toBe("2026-11-15T08:00:00.000Z");
    expect(text).toContain("DTSTART;VALUE=DATE:20261112\r\nDTEND;VALUE=DATE:20261113\r\n");
    expect(text.endsWith("END:VCALENDAR\r\n")).toBe(true);
  });

  it("escapes commas, semicolons, backslashes and line breaks, and reads them back", () => {
    const summary = "Rehearsal; strings, brass \\ winds";
    const description = "Bring:\nscores, stands\r\nand a pencil";
    const text = calendar([event("r1", { start: "2026-11-12", end: null, time: false }, summary, description)]);
    expect(text).toContain("SUMMARY:Rehearsal\\; strings\\, brass \\\\ winds");
    const [read] = parse(text);
    expect(read!.summary).toBe(summary);
    expect(read!.description).toBe("Bring:\nscores, stands\nand a pencil");
    expect(escapeText("a,b;c\\d\ne")).toBe("a\\,b\\;c\\\\d\\ne");
  });

  it("folds lines at 75 octets without splitting a character, and the parser unfolds them", () => {
    const summary = `Saison ${"é".repeat(60)} — 🎻 ${"x".repeat(80)}`;
    const text = calendar([event("long", { start: "2026-11-12", end: null, time: false }, summary)]);
    const encoder = new TextEncoder();
    for (const line of text.split("\r\n")) expect(encoder.encode(line).length).toBeLessThanOrEqual(75);
    expect(parse(text)[0]!.summary).toBe(summary);
    expect(foldLine("short")).toBe("short");
    const folded = foldLine("A".repeat(200));
    expect(folded.split("\r\n").map((l) => l.length)).toEqual([75, 75, 52]); // 75 + (space + 74) + (space + 51);
  });

  it("gives every record the same UID on every fetch, so importing twice updates instead of duplicating", () => {
    const first = parse(calendar([event("rec1", { start: "2026-11-12", end: null, time: false }, "Before")]));
    const second = parse(calendar([event("rec1", { start: "2026-11-13", end: null, time: false }, "After"), event("rec2", { start: "2026-11-20", end: null, time: false })]));
    // An app keeps events by UID: importing the second after the first.
    const store = new Map<string, string>();
    for (const e of [...first, ...second]) store.set(e.uid, e.summary);
    expect([...store.keys()]).toEqual(["rec1@orchestra.trove", "rec2@orchestra.trove"]);
    expect(store.get("rec1@orchestra.trove")).toBe("After");
    // The same data gives the same bytes (DTSTAMP is the feed's last change, not the time of the request).
    const again = (n: string) => calendar([event("rec1", { start: "2026-11-12", end: null, time: false }, n)]);
    expect(again("X")).toBe(again("X"));
  });

  it("names the calendar and links each event back to its record", () => {
    const text = calendar([event("rec1", { start: "2026-11-12", end: null, time: false })]);
    const component = new ICAL.Component(ICAL.parse(text));
    expect(component.getFirstPropertyValue("x-wr-calname")).toBe("Concerts: Season");
    expect(component.getFirstSubcomponent("vevent")?.getFirstPropertyValue("url")).toBe("https://trove.test/t/orchestra/tables/t1/views/v1/records/rec1");
  });
});
