import { describe, expect, it } from "vitest";
import { type ChunkCache, chunkRecords, jobReport, type ImportPlan } from "./job";

const plan: ImportPlan = { skip: 1, fields: [{ id: "fa", name: "Fee", type: "number", column: 1 }], skipped: ["Name"] };
const rows = [["Name", "Fee"], ["Ann", "12"], ["Bo", "lots"], ["Cy", ""], ["Di", "12"]];
const context = { now: new Date(0), timeZone: "UTC" } as never;

describe("an import job's chunks", () => {
  it("reads rows [from, to) after the header, keeps text that is not understood, leaves blanks empty", () => {
    let n = 0;
    const records = chunkRecords(rows, plan, 1, 10, new Map([["fa", { type: "number", options: null }]]), context, () => `r${n++}`);
    expect(records.map((r) => r.id)).toEqual(["r0", "r1", "r2"]);
    expect(records[0]!.cells.fa).toMatchObject({ text: "lots", value: null });
    expect(records[0]!.cells.fa?.invalid).toBeTypeOf("string");
    expect(records[1]!.cells).toEqual({});
    expect(records[2]!.cells.fa).toEqual({ text: "12", value: 12 });
    expect(jobReport(plan, 4, [1])).toEqual({ records: 4, columns: [{ name: "Fee", type: "number", flagged: 1 }], skipped: ["Name"], notImported: [] });
  });

  it("reads a repeated text once across chunks, and again once its field's type changed", () => {
    const cache: ChunkCache = [];
    const asNumber = new Map([["fa", { type: "number" as const, options: null }]]);
    const [first] = chunkRecords(rows, plan, 0, 1, asNumber, context, () => "a", cache);
    const [, , again] = chunkRecords(rows, plan, 1, 4, asNumber, context, () => "b", cache);
    expect(again!.cells.fa).toBe(first!.cells.fa);
    const [asText] = chunkRecords(rows, plan, 3, 4, new Map([["fa", { type: "text" as const, options: null }]]), context, () => "c", cache);
    expect(asText!.cells.fa).toEqual({ text: "12", value: "12" });
  });

  it("decides a place name several places share by where the column's other places lie", () => {
    const towns = (names: string[]) => [["Name", "Town"], ...names.map((town, i) => [`P${i}`, town])];
    const asPlace = new Map([["ft", { type: "location" as const, options: null }]]);
    const placePlan: ImportPlan = { skip: 1, fields: [{ id: "ft", name: "Town", type: "location", column: 1 }], skipped: ["Name"] };
    const read = (names: string[]) => chunkRecords(towns(names), placePlan, 0, names.length, asPlace, context, () => "r").map((r) => r.cells.ft!);
    const english = read(["Leeds", "York", "Bath", "Halifax", "Derby"]);
    expect(english.filter((cell) => cell.invalid !== undefined)).toEqual([]);
    expect(english.map((cell) => (cell.value as { countryCode: string }).countryCode)).toEqual(["GB", "GB", "GB", "GB", "GB"]);
    const american = read(["Scranton, PA", "Harrisburg, PA", "Lancaster, PA", "York"]);
    expect(american[3]!.value).toMatchObject({ city: "York", state: "Pennsylvania", countryCode: "US" });
  });
});
