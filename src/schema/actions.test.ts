import { describe, expect, it } from "vitest";
import { type Action, apply } from "./actions";
import { emptySchema, liveTables, type Schema } from "./model";

/** Applies actions in order, then their inverses in reverse, and checks we are back. */
function applyAndUndo(start: Schema, actions: Action[]): Schema {
  let schema = start;
  const inverses: Action[] = [];
  for (const action of actions) {
    const r = apply(schema, action);
    if (!r.ok) throw new Error(r.reason);
    schema = r.schema;
    inverses.unshift(r.inverse);
  }
  let undone = schema;
  for (const inverse of inverses) {
    const r = apply(undone, inverse);
    if (!r.ok) throw new Error(r.reason);
    undone = r.schema;
  }
  expect(stripDeleted(undone)).toEqual(stripDeleted(start));
  return schema;
}
const stripDeleted = (s: Schema) => liveTables(s);

describe("table actions", () => {
  const musicians: Action = { kind: "addTable", tableId: "t1", name: "Musicians", at: 1 };

  it("adds, renames and deletes tables, and undo restores the original every time", () => {
    const after = applyAndUndo(emptySchema(), [
      musicians,
      { kind: "addTable", tableId: "t2", name: "Donors", at: 2 },
      { kind: "renameTable", tableId: "t1", name: "Players" },
      { kind: "deleteTable", tableId: "t2", at: 3 },
    ]);
    expect(liveTables(after).map((t) => t.name)).toEqual(["Players"]);
    // Deleting keeps the table so the deletion can be undone.
    expect(after.tables.find((t) => t.id === "t2")?.deletedAt).toBe(3);
  });

  it("refuses blank and duplicate names (case and spacing folded)", () => {
    const one = apply(emptySchema(), musicians);
    if (!one.ok) throw new Error();
    const dup = apply(one.schema, { kind: "addTable", tableId: "t2", name: "  musicians ", at: 2 });
    expect(dup).toEqual({ ok: false, reason: "There is already a table called “Musicians”." });
    expect(apply(one.schema, { kind: "renameTable", tableId: "t1", name: "  " })).toMatchObject({ ok: false });
  });

  it("cannot restore a table whose name was taken meanwhile", () => {
    let s = emptySchema();
    for (const a of [musicians, { kind: "deleteTable", tableId: "t1", at: 2 } as Action,
      { kind: "addTable", tableId: "t2", name: "Musicians", at: 3 } as Action]) {
      const r = apply(s, a);
      if (!r.ok) throw new Error(r.reason);
      s = r.schema;
    }
    expect(apply(s, { kind: "restoreTable", tableId: "t1" })).toMatchObject({ ok: false });
  });
});
