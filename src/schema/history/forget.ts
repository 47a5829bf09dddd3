// Erasing records or fields for good (the trash emptied, or 30 days gone by) erases their
// values from the change log too, not only the rows about them alone: a logged step that
// changed many records at once (a paste, a bulk delete, a restore to a moment, an import into
// a table, turning a field into a link) keeps its other parts, and loses the erased records'
// and fields' parts from both the change and its inverse — so nothing of them stays, and
// undoing the rest still works (it would refuse a part about something that no longer
// exists). A batch's inverse lists its parts' inverses in reverse order (./parts.ts); a part
// goes with its inverse.

import type { Action } from "../actions";
import type { SetImportedAction } from "../import/import-records-action";

export interface LoggedPair {
  action: Action;
  inverse: Action;
}

const isBatch = (a: Action): a is Extract<Action, { kind: "batch" | "recordBatch" }> => a.kind === "batch" || a.kind === "recordBatch";

/** What is erased: records' and fields' ids (a field's id is unique in its database). */
export interface Erased {
  records: ReadonlySet<string>;
  fields: ReadonlySet<string>;
}

const about = (a: Action, erased: Erased) =>
  ("recordId" in a && erased.records.has(a.recordId)) || ("fieldId" in a && erased.fields.has(a.fieldId)) || ("field" in a && erased.fields.has(a.field.id));

/** Cells without the erased fields' (keys are field ids). */
function cellsWithout<T>(cells: { [fieldId: string]: T }, erased: Erased): { [fieldId: string]: T } {
  const out: { [fieldId: string]: T } = {};
  for (const [fieldId, cell] of Object.entries(cells)) if (!erased.fields.has(fieldId)) Object.defineProperty(out, fieldId, { value: cell, enumerable: true, writable: true, configurable: true });
  return out;
}

/** An import's undo (or redo) without the erased records: their cells put back and their ids. */
function setImportedWithout(a: SetImportedAction, erased: Erased): SetImportedAction {
  return {
    ...a,
    fieldIds: a.fieldIds.filter((id) => !erased.fields.has(id)),
    cells: a.cells.filter((c) => !erased.records.has(c.recordId)).map((c) => ({ ...c, cells: cellsWithout(c.cells, erased) })),
    records: a.records.map((g) => ({ ...g, ids: g.ids.filter((id) => !erased.records.has(id)) })),
  };
}

/** One action (not a mirrored batch) without the erased records' and fields' values, or
 *  undefined when it was about one of them only. */
function leafWithout(a: Action, erased: Erased): Action | undefined {
  if (about(a, erased)) return undefined;
  if (a.kind === "addRecord") return { ...a, cells: cellsWithout(a.cells, erased) };
  if (a.kind === "setImported") return setImportedWithout(a, erased);
  if (a.kind === "importRecords") {
    const keep = (r: { id: string }) => !erased.records.has(r.id);
    return { ...a, add: a.add.filter(keep), update: a.update.filter(keep), linked: a.linked.map((l) => ({ ...l, records: l.records.filter(keep) })) };
  }
  if (isBatch(a)) {
    // A batch whose inverse does not mirror it (never written so; read defensively).
    const parts = a.actions.map((p) => leafWithout(p, erased)).filter((p): p is Action => p !== undefined);
    return parts.length === 0 ? undefined : ({ ...a, actions: parts } as Action);
  }
  return a;
}

/** The logged change without what it held of the erased records, or undefined when nothing
 *  else is left of it (the row then goes). */
export function withoutErased(pair: LoggedPair, erased: Erased): LoggedPair | undefined {
  const { action, inverse } = pair;
  if (isBatch(action) && isBatch(inverse) && inverse.kind === action.kind && inverse.actions.length === action.actions.length) {
    const n = action.actions.length;
    const kept: LoggedPair[] = [];
    for (const [i, part] of action.actions.entries()) {
      const left = withoutErased({ action: part, inverse: inverse.actions[n - 1 - i]! }, erased);
      if (left) kept.push(left);
    }
    if (kept.length === 0) return undefined;
    return {
      action: { ...action, actions: kept.map((p) => p.action) } as Action,
      inverse: { ...inverse, actions: kept.map((p) => p.inverse).reverse() } as Action,
    };
  }
  const a = leafWithout(action, erased);
  const inv = leafWithout(inverse, erased);
  return a && inv ? { action: a, inverse: inv } : undefined;
}
