// Point-in-time (issue 16): the database as it was at a moment, from Trove's own change log.
// The log holds every applied action with its inverse, in order, so applying the inverses of
// everything after a moment, newest first, gives the state at that moment.
// - Looking (read-only): the inverses are applied inside a storage transaction that is then
//   rolled back — the same code as every action, and nothing stays written.
// - Restoring: the same inverses, in the same order, as one batch action applied for the
//   member: logged, live, and undoable as one step like any other change.

import { apply, type BatchAction, type Document } from "../schema/actions";
import type { Outcome } from "../schema/errors";
import type { Member } from "../schema/members";
import { findTable, liveFields, liveTables, type Table } from "../schema/model";
import type { StoredRecord } from "../schema/records";
import type { Tenant } from "./tenant";
import { grouped } from "../schema/text";

/** What this part uses of the engine (./tenant.ts): its port. */
export type PointInTimePort = Pick<Tenant, "document" | "history" | "schema" | "storage">;

/** At most this many changes are taken back in one look or restore. */
export const POINT_IN_TIME_LIMIT = 5000;
/** A restore is logged as one row: keep it well under SQLite's 2 MB row. */
const MAX_RESTORE_JSON = 1_500_000;
/** Records shown when looking at a table as it was. */
const SHOWN = 50;

const TOO_MANY = `Too many changes since then to take back at once (more than ${grouped(POINT_IN_TIME_LIMIT)}): choose a later moment, or one table.`;

class Rollback extends Error {}

/** Applies the inverses of every change after `at`, newest first, inside a transaction that
 *  is then rolled back, and returns what `read` saw of the document then. Writes nothing. */
function atMoment<T extends object>(tenant: PointInTimePort, member: Member, at: number, read: (doc: Document, changes: number) => Outcome<T>): Outcome<T> {
  const changes = tenant.history.since(at, POINT_IN_TIME_LIMIT);
  if (changes === "too many") return { ok: false, reason: TOO_MANY };
  let outcome: Outcome<T> = { ok: false, reason: "Could not rebuild that moment." };
  try {
    tenant.storage.transactionSync(() => {
      const doc = tenant.document(member);
      for (let i = changes.length - 1; i >= 0; i--) {
        const applied = apply(doc, changes[i]!.inverse);
        if (!applied.ok) {
          outcome = { ok: false, reason: `The history cannot be taken back that far: ${applied.reason}` };
          throw new Rollback();
        }
        doc.schema = applied.schema;
      }
      outcome = read(doc, changes.length);
      throw new Rollback();
    });
  } catch (error) {
    if (!(error instanceof Rollback)) throw error;
  }
  return outcome;
}

/** A table as it was at `at`: its definition and first records, and how many changes were
 *  taken back to see it. */
export function reconstructTable(tenant: PointInTimePort, member: Member, tableId: string, at: number): Outcome<{ table: Table; records: StoredRecord[]; total: number; changes: number }> {
  return atMoment<{ table: Table; records: StoredRecord[]; total: number; changes: number }>(tenant, member, at, (doc, changes) => {
    const table = findTable(doc.schema, tableId);
    if (!table || table.deletedAt !== undefined) return { ok: false, reason: "This table did not exist at that moment." };
    return { ok: true, table, records: doc.records.list(tableId, 0, SHOWN), total: doc.records.count(tableId), changes };
  });
}

/** The database's tables as they were at `at`, each with what became of it since. */
export function reconstructDatabase(tenant: PointInTimePort, member: Member, at: number): Outcome<{ tables: { id: string; name: string; fields: number; records: number; now: string }[]; changes: number }> {
  const now = tenant.schema;
  return atMoment(tenant, member, at, (doc, changes) => {
    const tables = liveTables(doc.schema).map((t) => {
      const later = findTable(now, t.id);
      const fate = !later ? "erased" : later.deletedAt !== undefined ? "deleted since" : later.name !== t.name ? `now “${later.name}”` : "";
      return { id: t.id, name: t.name, fields: liveFields(t).length, records: doc.records.count(t.id), now: fate };
    });
    return { ok: true, tables, changes };
  });
}

/** The batch that restores one table (its changes only) or the whole database to `at`. */
export function restoreAction(tenant: PointInTimePort, at: number, description: string, tableId?: string): Outcome<{ action: BatchAction; changes: number }> {
  const changes = tenant.history.since(at, POINT_IN_TIME_LIMIT, tableId);
  if (changes === "too many") return { ok: false, reason: TOO_MANY };
  const actions = changes.map((c) => c.inverse).reverse();
  const action: BatchAction = { kind: "batch", tableId: tableId ?? actions[0]?.tableId ?? "", description, actions };
  if (JSON.stringify(action).length > MAX_RESTORE_JSON) return { ok: false, reason: "The changes since then are too large to take back in one step: choose a later moment, or one table." };
  return { ok: true, action, changes: changes.length };
}
