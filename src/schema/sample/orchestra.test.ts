// The sample orchestra database: every action applies, the tables have the fields and
// records promised, the planted junk (and only it) is kept and flagged, and the same seed
// gives the same actions.

import { describe, expect, it } from "vitest";
import type { Action, Document } from "../actions";
import type { ChoiceOptions } from "../fields/choice";
import type { DateValue } from "../fields/date";
import type { Json } from "../fields/field-type";
import type { LocationValue } from "../fields/location";
import type { MoneyValue } from "../fields/money";
import { liveTables, type Table } from "../model";
import type { StoredRecord } from "../records";
import { must, newDocument, testContext } from "../test-kit";
import { orchestraSample } from "./orchestra";
import { ALL_JUNK } from "./orchestra-data";

const now = new Date("2026-01-15T17:00:00Z");
const timeZone = "America/New_York";

function counter(prefix = "id"): () => string {
  let n = 0;
  return () => `${prefix}${++n}`;
}

const sample = (seed: number) => orchestraSample({ seed, now, timeZone, newId: counter() });

function build(actions: readonly Action[]): Document {
  const doc = newDocument(testContext({ now, timeZone }));
  for (const action of actions) must(doc, action);
  return doc;
}

const actions = sample(42);
const doc = build(actions);

function table(name: string): Table {
  const found = liveTables(doc.schema).find((t) => t.name === name);
  if (!found) throw new Error(`no table ${name}`);
  return found;
}
const fieldId = (t: Table, name: string) => t.fields.find((f) => f.name === name)?.id ?? "";
const records = (t: Table): StoredRecord[] => doc.records.list(t.id, 0, 1e9);
const values = <V>(t: Table, field: string): V[] =>
  records(t).flatMap((r) => {
    const v = r.cells[fieldId(t, field)]?.value;
    return v === undefined || v === null ? [] : [v as V];
  });

/** Per table, the share of stored cells flagged invalid; checks on the way that every cell
 *  kept the exact text typed, and that a cell is invalid exactly when its text is planted junk. */
function invalidShares(d: Document, typedActions: readonly Action[]): { [table: string]: number } {
  const typed = new Map<string, string>();
  for (const a of typedActions) if (a.kind === "addRecord") for (const [f, text] of Object.entries(a.cells)) typed.set(`${a.recordId}/${f}`, text);
  const shares: { [table: string]: number } = {};
  for (const t of liveTables(d.schema)) {
    const cells = d.records.list(t.id, 0, 1e9).flatMap((r) => Object.entries(r.cells).map(([f, cell]) => ({ cell, typed: typed.get(`${r.id}/${f}`) })));
    for (const { cell, typed: text } of cells) {
      expect(cell.text).toBe(text);
      expect(cell.text.trim()).not.toBe("");
      expect({ text: cell.text, invalid: cell.invalid !== undefined }).toEqual({ text: cell.text, invalid: ALL_JUNK.has(cell.text) });
    }
    shares[t.name] = cells.filter((c) => c.cell.invalid !== undefined).length / cells.length;
  }
  return shares;
}

describe("orchestraSample", () => {
  it("makes the four tables with their fields and types", () => {
    const shape = liveTables(doc.schema).map((t) => [t.name, t.fields.map((f) => `${f.name}:${f.type}`)]);
    expect(shape).toEqual([
      ["Sections", ["Name:text", "Principal:text", "Seats:number"]],
      ["Musicians", ["Name:text", "Instrument:choice", "Section:link", "Email:email", "Phone:phone", "Joined:date", "Fee:money", "Address:location", "Active:checkbox"]],
      ["Concerts", ["Title:text", "When:date", "Venue:location", "Programme:longText", "Ticket price:money"]],
      ["Donors", ["Name:text", "Email:email", "Gift:money", "Given on:date", "Pledge:percent", "Notes:longText"]],
    ]);
    const musicians = table("Musicians");
    const option = (name: string) => musicians.fields.find((f) => f.name === name)?.options;
    expect(option("Fee")).toEqual({ currency: "USD" });
    expect(option("Joined")).toEqual({ timeZone });
    const choices = (option("Instrument") as ChoiceOptions).choices;
    expect(choices.map((c) => c.label)).toEqual(["Violin", "Viola", "Cello", "Double bass", "Flute", "Oboe", "Clarinet", "Bassoon", "Horn", "Trumpet", "Trombone", "Tuba", "Timpani", "Percussion", "Harp", "Piano"]);
    expect(choices.every((c) => c.color !== "")).toBe(true);
  });

  it("has a few hundred records", () => {
    const counts = Object.fromEntries(liveTables(doc.schema).map((t) => [t.name, doc.records.count(t.id)]));
    expect(counts).toEqual({ Sections: 5, Musicians: 120, Concerts: 24, Donors: 80 });
    expect(values<string>(table("Sections"), "Name")).toEqual(["Strings", "Woodwinds", "Brass", "Percussion", "Keyboards"]);
  });

  it("keeps a few percent of Musicians' and Donors' cells as flagged text, and only the planted junk", () => {
    const shares = invalidShares(doc, actions);
    for (const name of ["Musicians", "Donors"]) {
      expect(shares[name]).toBeGreaterThanOrEqual(0.02);
      expect(shares[name]).toBeLessThanOrEqual(0.08);
    }
    expect(shares).toMatchObject({ Sections: 0, Concerts: 0 });
  });

  it("reads instruments as option ids and keeps sections consistent", () => {
    const musicians = table("Musicians");
    const options = musicians.fields.find((f) => f.name === "Instrument")?.options as ChoiceOptions | undefined;
    const ids = new Set(options?.choices.map((c) => c.id));
    expect(ids.size).toBe(16);
    const instruments = values<string>(musicians, "Instrument");
    expect(instruments.length).toBeGreaterThan(100);
    for (const id of instruments) expect(ids.has(id)).toBe(true);
    // Section links to a record of Sections.
    const sectionIds = new Set(records(table("Sections")).map((r) => r.id));
    const links = values<string[]>(musicians, "Section");
    expect(links).toHaveLength(120);
    for (const link of links) expect(link.length === 1 && sectionIds.has(link[0]!)).toBe(true);
    const names = new Set(values<string>(musicians, "Name"));
    for (const p of values<string>(table("Sections"), "Principal")) expect(names.has(p)).toBe(true);
  });

  it("gives donors' gifts in several currencies and musicians' fees mostly in dollars", () => {
    const gifts = values<MoneyValue>(table("Donors"), "Gift");
    expect(new Set(gifts.map((g) => g.currency)).size).toBeGreaterThanOrEqual(3);
    const fees = values<MoneyValue>(table("Musicians"), "Fee");
    expect(fees.filter((f) => f.currency === "USD").length / fees.length).toBeGreaterThan(0.8);
  });

  it("schedules concerts as timed ranges", () => {
    const when = values<DateValue>(table("Concerts"), "When");
    expect(when).toHaveLength(24);
    for (const v of when) {
      expect(v.time).toBe(true);
      expect(v.end).not.toBeNull();
      expect(Date.parse(v.end ?? "") - Date.parse(v.start)).toBeGreaterThanOrEqual(2 * 3600_000);
    }
    const joined = values<DateValue>(table("Musicians"), "Joined");
    for (const v of joined) expect(v).toMatchObject({ end: null, time: false });
  });

  it("understands most addresses and venues, some down to the street", () => {
    const places = [...values<LocationValue>(table("Musicians"), "Address"), ...values<LocationValue>(table("Concerts"), "Venue")];
    expect(places.length).toBeGreaterThan(130);
    expect(places.some((p) => p.street !== undefined)).toBe(true);
  });

  it("takes every id from newId", () => {
    const ids = actions.flatMap((a) =>
      a.kind === "addTable" ? [a.tableId] : a.kind === "addField" ? [a.field.id] : a.kind === "addRecord" ? [a.recordId] : [],
    );
    for (const id of ids) expect(id).toMatch(/^id\d+$/);
    const stamps = actions.flatMap((a) => ("at" in a ? [a.at] : []));
    expect(Math.min(...stamps)).toBe(now.getTime());
  });

  it("is deterministic for a seed and differs between seeds", () => {
    const json = (a: Action[]): Json => JSON.stringify(a);
    expect(json(sample(42))).toEqual(json(actions));
    expect(json(sample(7))).not.toEqual(json(actions));
    expect(json(sample(7))).toEqual(json(sample(7)));
    for (const seed of [1, 7, 2026]) {
      const other = sample(seed);
      const shares = invalidShares(build(other), other);
      expect(shares.Musicians).toBeGreaterThan(0.02);
      expect(shares.Donors).toBeGreaterThan(0.02);
    }
  });
});
