// A change made of parts (a paste, a bulk delete, a restore to a moment) seen from one
// record: the parts about that record, each with its own inverse, so a record's history says
// "set Email of “Jo” to jo@example.org" rather than "made 40 changes in one step". A batch's
// inverse lists its parts' inverses in reverse order (../actions.ts, ../record-actions.ts);
// that is how a part finds its own.

import type { Action } from "../actions";
import type { LoggedChange } from "./describe";

/** One part of a change with its inverse; `index` numbers the parts in order (nested
 *  batches flattened), so a part can be named again later (e.g. to restore its value). */
export interface ChangePart {
  index: number;
  action: Action;
  inverse: Action;
}

const isBatch = (a: Action): a is Extract<Action, { kind: "batch" | "recordBatch" }> => a.kind === "batch" || a.kind === "recordBatch";

/** Every leaf part of a change with its inverse, in order. A batch whose inverse does not
 *  mirror it (never written so, but the log is read defensively) stays one part. */
export function changeParts(action: Action, inverse: Action): ChangePart[] {
  const out: ChangePart[] = [];
  const walk = (a: Action, inv: Action) => {
    if (isBatch(a) && isBatch(inv) && inv.kind === a.kind && inv.actions.length === a.actions.length) {
      const n = a.actions.length;
      for (const [i, part] of a.actions.entries()) walk(part, inv.actions[n - 1 - i]!);
      return;
    }
    out.push({ index: out.length, action: a, inverse: inv });
  };
  walk(action, inverse);
  return out;
}

/** The parts of `change` about `recordId` (the change itself when it is one record's). */
export function partsAbout(change: Pick<LoggedChange, "action" | "inverse">, recordId: string): ChangePart[] {
  return changeParts(change.action, change.inverse).filter((p) => "recordId" in p.action && p.action.recordId === recordId);
}
