import { describe, expect, it } from "vitest";
import { apply, describeAction, forLog, isAction } from "../actions";
import { liveTables } from "../model";
import type { MemoryRecordStore } from "../records";
import { must, newDocument, testContext } from "../test-kit";
import { parseDelimited } from "./csv";
import { type ColumnChoice, planImport, previewImport } from "./plan";

const more = Array.from({ length: 8 }, (_, i) => `P${i},$${i + 10},2026-04-0${i + 1},${i % 2 ? "Brass" : "Strings"}\n`).join("");
const csv = `Name,Fee,Joined,Section\nAnn,$1200,2026-01-05,Strings\nBo,€35,2026-02-01,Brass\nCy,free,,Strings\n"Dee ""D""",$5,2026-03-01,Brass\n${more}`;

function plan(columns: ColumnChoice[] = []) {
  const parsed = parseDelimited(csv);
  if (!parsed.ok) throw new Error(parsed.reason);
  let n = 0;
  const settings = { name: "Musicians", header: true, columns };
  const planned = planImport(parsed.rows, previewImport(parsed, settings.header, columns, testContext()), settings, () => `id${++n}`, 5);
  if (!planned.ok) throw new Error(planned.reason);
  return planned;
}

describe("importing a table", () => {
  it("creates the table, its fields and every record in one action, keeping every cell's text", () => {
    const doc = newDocument();
    const { action, report } = plan();
    const inverse = must(doc, action);
    const [table] = liveTables(doc.schema);
    expect(table?.fields.map((f) => `${f.name}:${f.type}`)).toEqual(["Name:text", "Fee:money", "Joined:date", "Section:choice"]);
    const records = (doc.records as MemoryRecordStore).list(table!.id, 0, 100);
    expect(records.map((r) => r.cells[table!.fields[0]!.id]?.text).slice(0, 4)).toEqual(["Ann", "Bo", "Cy", 'Dee "D"']);
    expect(records).toHaveLength(12);
    const fee = table!.fields[1]!.id;
    expect(records[2]?.cells[fee]).toMatchObject({ text: "free", value: null, invalid: expect.any(String) });
    expect(report).toMatchObject({ records: 12, notImported: [], columns: [{ name: "Name", flagged: 0 }, { name: "Fee", flagged: 1 }, { name: "Joined", flagged: 0 }, { name: "Section", flagged: 0 }] });
    // One undo step: the inverse takes the whole table away; its inverse brings it back.
    expect(inverse).toEqual({ kind: "deleteTable", tableId: action.tableId, at: 5 });
    const undone = must(doc, inverse);
    expect(liveTables(doc.schema)).toEqual([]);
    must(doc, undone);
    expect((doc.records as MemoryRecordStore).list(table!.id, 0, 100)).toHaveLength(12);
  });

  it("leaves skipped columns out and takes the type a person chose", () => {
    const doc = newDocument();
    const { action, report } = plan([undefined, "text", "skip"]);
    must(doc, action);
    expect(liveTables(doc.schema)[0]?.fields.map((f) => `${f.name}:${f.type}`)).toEqual(["Name:text", "Fee:text", "Section:choice"]);
    expect(report.skipped).toEqual(["Joined"]);
  });

  it("refuses a name that is taken, writing nothing", () => {
    const doc = newDocument();
    must(doc, { kind: "addTable", tableId: "t1", name: "musicians", at: 1 });
    const result = apply(doc, plan().action);
    expect(result).toMatchObject({ ok: false, reason: expect.stringContaining("already a table") });
    expect((doc.records as MemoryRecordStore).count(plan().action.tableId)).toBe(0);
  });

  it("is logged without its records, still an action that names the import", () => {
    const { action } = plan();
    const logged = JSON.parse(JSON.stringify(forLog(action)));
    expect(logged.records).toEqual([]);
    expect(isAction(logged)).toBe(true);
    expect(describeAction(logged, { tables: [] })).toBe("import table “Musicians” (12 records)");
    expect(isAction({ ...logged, fields: [{ id: "x", name: "n", type: "nonsense", options: {} }] })).toBe(false);
  });
});
