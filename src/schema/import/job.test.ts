import { describe, expect, it } from "vitest";
import { chunkRecords, jobReport, type ImportPlan } from "./job";

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
});
