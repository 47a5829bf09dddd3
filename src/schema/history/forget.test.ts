import { describe, expect, it } from "vitest";
import type { Action } from "../actions";
import type { OneRecordAction } from "../record-actions";
import { withoutErased } from "./forget";

const records = (...ids: string[]) => ({ records: new Set(ids), fields: new Set<string>() });
import { changeParts } from "./parts";

const set = (recordId: string, text: string): OneRecordAction => ({ kind: "setCell", tableId: "t1", recordId, fieldId: "f1", text });

describe("withoutErased", () => {
  it("drops an erased record's parts from a batch and its inverse, keeping the pairs of the others", () => {
    const action: Action = { kind: "recordBatch", tableId: "t1", description: "paste 3 cells", actions: [set("r1", "a"), set("r2", "b"), set("r3", "c")] };
    const inverse: Action = { kind: "recordBatch", tableId: "t1", description: "undo paste 3 cells", actions: [set("r3", ""), set("r2", "old b"), set("r1", "")] };
    const left = withoutErased({ action, inverse }, records("r2"));
    expect(JSON.stringify(left)).not.toContain("r2");
    expect(JSON.stringify(left)).not.toContain("old b");
    expect(changeParts(left!.action, left!.inverse).map((p) => [p.action, p.inverse])).toEqual([
      [set("r1", "a"), set("r1", "")],
      [set("r3", "c"), set("r3", "")],
    ]);
  });

  it("leaves nothing of a step about erased records only, and keeps steps about none", () => {
    const bulk: Action = { kind: "recordBatch", tableId: "t1", description: "delete 2 records", actions: [{ kind: "deleteRecord", tableId: "t1", recordId: "r1", at: 1 }, { kind: "deleteRecord", tableId: "t1", recordId: "r2", at: 1 }] };
    const back: Action = { kind: "recordBatch", tableId: "t1", description: "undo", actions: [{ kind: "restoreRecord", tableId: "t1", recordId: "r2" }, { kind: "restoreRecord", tableId: "t1", recordId: "r1" }] };
    expect(withoutErased({ action: bulk, inverse: back }, records("r1", "r2"))).toBeUndefined();
    expect(withoutErased({ action: set("r1", "x"), inverse: set("r1", "") }, records("r1"))).toBeUndefined();
    const field: Action = { kind: "renameField", tableId: "t1", fieldId: "f1", name: "B" };
    expect(withoutErased({ action: field, inverse: { ...field, name: "A" } }, records("r1"))).toEqual({ action: field, inverse: { ...field, name: "A" } });
  });

  it("takes an erased record's earlier cells and id out of an import's undo, inside nested batches too", () => {
    const undo: Action = {
      kind: "setImported", tableId: "t1", at: 5, description: "undo import", present: false, fieldIds: [],
      records: [{ tableId: "t1", ids: ["r1", "r2"] }],
      cells: [{ recordId: "r1", cells: { f1: { text: "secret", value: "secret" } } }, { recordId: "r3", cells: { f1: null } }],
    };
    const nested: Action = { kind: "batch", tableId: "t1", description: "restore", actions: [undo, set("r1", "x")] };
    const nestedBack: Action = { kind: "batch", tableId: "t1", description: "undo restore", actions: [set("r1", ""), { ...undo, present: true }] };
    const left = withoutErased({ action: nested, inverse: nestedBack }, records("r1"));
    expect(JSON.stringify(left)).not.toMatch(/r1|secret/);
    const first = left!.action.kind === "batch" ? left!.action.actions[0] : undefined;
    expect(first).toMatchObject({ kind: "setImported", records: [{ tableId: "t1", ids: ["r2"] }], cells: [{ recordId: "r3" }] });
  });

  it("takes an erased field's values out of pastes, new records and an import's undo", () => {
    const fields = { records: new Set<string>(), fields: new Set(["f1"]) };
    const other: OneRecordAction = { kind: "setCell", tableId: "t1", recordId: "r2", fieldId: "f2", text: "kept" };
    const paste: Action = { kind: "recordBatch", tableId: "t1", description: "paste", actions: [set("r1", "gone"), other, { kind: "addRecord", tableId: "t1", recordId: "r3", at: 1, cells: { f1: "gone too", f2: "kept too" } }] };
    const back: Action = { kind: "recordBatch", tableId: "t1", description: "undo paste", actions: [{ kind: "deleteRecord", tableId: "t1", recordId: "r3", at: 1 }, { ...other, text: "" }, set("r1", "")] };
    const left = withoutErased({ action: paste, inverse: back }, fields);
    expect(JSON.stringify(left)).not.toContain("gone");
    expect(changeParts(left!.action, left!.inverse).map((p) => p.action)).toEqual([other, { kind: "addRecord", tableId: "t1", recordId: "r3", at: 1, cells: { f2: "kept too" } }]);
    const undo: Action = { kind: "setImported", tableId: "t1", at: 5, description: "undo import", present: false, fieldIds: ["f1", "f2"], records: [], cells: [{ recordId: "r1", cells: { f1: { text: "gone", value: "gone" }, f2: null } }] };
    expect(withoutErased({ action: undo, inverse: { ...undo, present: true } }, fields)?.action).toMatchObject({ fieldIds: ["f2"], cells: [{ recordId: "r1", cells: { f2: null } }] });
  });
});
