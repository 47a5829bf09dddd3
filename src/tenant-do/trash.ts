// The trash (issue 16): what was deleted in the last 30 days, restorable exactly. Tables,
// fields and records are soft-deleted (kept with `deletedAt`), so restoring one is its
// restore action — records and the links to and from them come back as they were. Forms and
// views leave the schema when deleted; their definitions live on in the change log's
// inverses, so restoring one applies that inverse. Restores are ordinary actions by the
// restoring member (undoable, logged, live). Owners can empty the trash, and the alarm
// erases what is older than 30 days: erasing removes the rows, the cells of erased fields,
// the definitions from the schema, and every logged change about them.

import type { Action } from "../schema/actions";
import type { LoggedChange } from "../schema/history/describe";
import { findField, findTable, type Schema } from "../schema/model";
import { HISTORY_MS, type History } from "./history";
import { forgetJournalField, forgetJournalRecords, forgetJournalTable } from "./import-journal";
import { forgetUnseen } from "./public-forms";
import type { Storage } from "./sql";
import { eraseDeletedRecords, eraseFieldCells, eraseTableRows } from "./sql-records";

/** One thing in the trash. `key` names it for Restore: built here, parsed by `restoreAction`. */
export interface TrashItem {
  key: string;
  kind: "table" | "field" | "record" | "form" | "view";
  tableId: string;
  /** The record's id (for its name), the field's or the form's/view's id. */
  id: string;
  /** The name it had (forms and views; tables and fields are named from the schema). */
  name?: string;
  deletedAt: number;
  /** Who deleted it, when the log still says. */
  by?: string;
  /** A personal view's owner: only they see it here. */
  owner?: string | null;
}

const RECORDS_LISTED = 200;

export class Trash {
  constructor(
    private readonly storage: Storage,
    private readonly history: History,
    private readonly now: () => number,
  ) {}

  /** Everything restorable, newest first. */
  items(schema: Schema): TrashItem[] {
    const items: TrashItem[] = [];
    for (const table of schema.tables) {
      if (table.deletedAt !== undefined) {
        const by = this.history.lastDeletion("deleteTable", table.id, () => true)?.userId;
        items.push({ key: `table:${table.id}`, kind: "table", tableId: table.id, id: table.id, deletedAt: table.deletedAt, by });
        continue; // its fields and records come back with it
      }
      for (const field of table.fields) {
        if (field.deletedAt === undefined) continue;
        const by = this.history.lastDeletion("deleteField", table.id, (a) => a.kind === "deleteField" && a.fieldId === field.id)?.userId;
        items.push({ key: `field:${table.id}:${field.id}`, kind: "field", tableId: table.id, id: field.id, deletedAt: field.deletedAt, by });
      }
      const rows = this.storage.sql.exec<{ id: string; deleted_at: number }>(
        "SELECT id, deleted_at FROM records WHERE table_id = ? AND deleted_at IS NOT NULL ORDER BY deleted_at DESC LIMIT ?", table.id, RECORDS_LISTED,
      ).toArray();
      for (const row of rows) {
        const by = this.history.lastDeletion("deleteRecord", table.id, () => true, row.id)?.userId;
        items.push({ key: `record:${table.id}:${row.id}`, kind: "record", tableId: table.id, id: row.id, deletedAt: row.deleted_at, by });
      }
    }
    const seen = new Set<string>();
    for (const change of this.history.formAndViewDeletions()) {
      const item = this.formOrView(change, schema);
      if (!item || seen.has(item.id)) continue;
      seen.add(item.id);
      items.push(item);
    }
    return items.sort((a, b) => b.deletedAt - a.deletedAt);
  }

  /** A form's or view's deletion as a trash item, unless it is back (or its table erased). */
  private formOrView(change: LoggedChange, schema: Schema): TrashItem | undefined {
    const inverse = change.inverse;
    if (!findTable(schema, inverse.tableId)) return undefined;
    if (inverse.kind === "addForm") {
      if ((schema.forms ?? []).some((f) => f.id === inverse.form.id)) return undefined;
      return { key: `form:${change.seq}`, kind: "form", tableId: inverse.tableId, id: inverse.form.id, name: inverse.form.title, deletedAt: change.at, by: change.userId };
    }
    if (inverse.kind === "addView") {
      if ((schema.views ?? []).some((v) => v.id === inverse.view.id)) return undefined;
      return { key: `view:${change.seq}`, kind: "view", tableId: inverse.tableId, id: inverse.view.id, name: inverse.view.name, deletedAt: change.at, by: change.userId, owner: inverse.view.owner };
    }
    return undefined;
  }

  /** The action that puts an item back, or why there is none. `key` is untrusted. */
  restoreAction(key: string, schema: Schema): { ok: true; action: Action } | { ok: false; reason: string } {
    const gone = { ok: false as const, reason: "That is no longer in the trash." };
    const [kind, a = "", b = ""] = key.split(":");
    if (kind === "table") return findTable(schema, a)?.deletedAt !== undefined ? { ok: true, action: { kind: "restoreTable", tableId: a } } : gone;
    if (kind === "field") {
      const table = findTable(schema, a);
      return table && findField(table, b)?.deletedAt !== undefined ? { ok: true, action: { kind: "restoreField", tableId: a, fieldId: b } } : gone;
    }
    if (kind === "record") return { ok: true, action: { kind: "restoreRecord", tableId: a, recordId: b } };
    if (kind === "form" || kind === "view") {
      const seq = Number(a);
      const change = Number.isSafeInteger(seq) ? this.history.get(seq) : undefined;
      const item = change && this.formOrView(change, schema);
      if (!change || !item || item.kind !== kind) return gone;
      const inverse = change.inverse;
      if (inverse.kind !== "addForm") return { ok: true, action: inverse };
      // A form asks only for fields that are there: questions about fields deleted since go.
      const table = findTable(schema, inverse.tableId);
      const live = (id: string) => table?.fields.some((f) => f.id === id && f.deletedAt === undefined) === true;
      return { ok: true, action: { ...inverse, form: { ...inverse.form, fields: inverse.form.fields.filter((f) => live(f.fieldId)) } } };
    }
    return gone;
  }

  /** Erases for good what was deleted before `before` (everything: Infinity). Returns how
   *  many things went and the schema without them. Run inside a transaction. */
  erase(schema: Schema, before: number): { count: number; schema: Schema } {
    let count = 0;
    const tables = [];
    let forms = schema.forms;
    let views = schema.views;
    for (const table of schema.tables) {
      if (table.deletedAt !== undefined && table.deletedAt < before) {
        eraseTableRows(this.storage, table.id);
        forgetUnseen(this.storage, table.id);
        this.history.forgetTable(table.id);
        forgetJournalTable(this.storage, table.id);
        forms = forms?.filter((f) => f.tableId !== table.id);
        views = views?.filter((v) => v.tableId !== table.id);
        count++;
        continue;
      }
      const fields = [];
      for (const field of table.fields) {
        if (field.deletedAt !== undefined && field.deletedAt < before) {
          eraseFieldCells(this.storage, table.id, field.id);
          this.history.forgetField(table.id, field.id);
          forgetJournalField(this.storage, table.id, field.id);
          count++;
        } else fields.push(field);
      }
      const erased = eraseDeletedRecords(this.storage, table.id, before);
      if (erased.length > 0) {
        this.history.forgetRecords(table.id, erased);
        forgetJournalRecords(this.storage, table.id, erased.map((r) => r.id));
        count += erased.length;
      }
      tables.push(fields.length === table.fields.length ? table : { ...table, fields });
    }
    // Deleted forms and views: their definitions live only in the log; forget every row about them.
    const deletions = this.history.formAndViewDeletions().filter((c) => c.at < before);
    for (const change of deletions) {
      const item = this.formOrView(change, schema);
      if (item) count++;
      if (item) this.history.forgetDefinition(item.kind === "form" ? "form" : "view", item.id);
    }
    this.history.forgetSeqs(deletions.map((c) => c.seq));
    const next: Schema = { ...schema, tables };
    if (forms !== undefined) next.forms = forms;
    if (views !== undefined) next.views = views;
    return { count, schema: next };
  }

  /** Erases what is older than the trash keeps (the alarm). */
  expire(schema: Schema): { count: number; schema: Schema } {
    return this.erase(schema, this.now() - HISTORY_MS);
  }
}
