// The history side of TroveApp for one member (issue 16): the activity feed, a record's
// history and "restore this value", the trash, and looking at or restoring a table (or the
// database) as it was at a moment. Reads are for anyone who may read; every change goes
// through an action applied for this member, so roles, undo, the log and live updates hold.

import type { Action } from "../schema/actions";
import type { Outcome } from "../schema/errors";
import { type ChangeSource, describeChange, formatMoment, type LoggedChange, type Names, parseLocalMoment, sourceWords } from "../schema/history/describe";
import { changeParts, partsAbout } from "../schema/history/parts";
import type { Member } from "../schema/members";
import { type Field, findField, findTable, liveFields, type Table } from "../schema/model";
import type { StoredCell } from "../schema/values";
import { can } from "../schema/roles";
import type { ActivityEntry, ActivityFilter, TableMoment, TrashEntry } from "../ui/app";
import { HISTORY_MS } from "./history";
import { reconstructDatabase, reconstructTable, restoreAction } from "./point-in-time";
import type { Tenant } from "./tenant";

/** What this part uses of the engine (./tenant.ts): its port. */
export type HistoryAppPort = Pick<
  Tenant,
  "document" | "getMeta" | "history" | "housekeeping" | "now" | "records" | "schema" | "storage" |
  "timeZone" | "trash"
>;

const PAGE = 40;
/** A record's history shows this many changes at most. */
const HISTORY_LIMIT = 200;

/** What the history screens need of the member's app. */
export interface HistoryPort {
  display(field: Field, cell: StoredCell | undefined): string;
  members(): Member[];
  /** Applies an action for the member (and notes its topics). */
  apply(action: Action, source: ChangeSource): Outcome;
}

export class HistoryApp {
  constructor(
    private readonly tenant: HistoryAppPort,
    private readonly member: Member,
    private readonly port: HistoryPort,
  ) {}

  /** Names as the database is now; deleted tables, fields and records keep theirs. */
  private names(): Names {
    const schema = this.tenant.schema;
    const members = new Map(this.port.members().map((m) => [m.id, m.name]));
    return {
      member: (id) => {
        if (id.startsWith("form:")) {
          const form = (schema.forms ?? []).find((f) => `form:${f.id}` === id);
          return form ? `Form “${form.title}”` : "A public form";
        }
        if (id === "sample") return "Sample data";
        return members.get(id) ?? "A former member";
      },
      table: (id) => findTable(schema, id)?.name ?? "a table",
      field: (tableId, fieldId) => {
        const table = findTable(schema, tableId);
        return (table && findField(table, fieldId)?.name) ?? "a field";
      },
      record: (tableId, recordId) => {
        const table = findTable(schema, tableId);
        const primary = table && liveFields(table)[0];
        const record = this.tenant.records.get(tableId, recordId);
        const name = primary && record ? this.port.display(primary, record.cells[primary.id]).trim() : "";
        return name === "" ? "a record" : name;
      },
    };
  }

  /** Personal views are their maker's: others do not see their changes. */
  private visible(change: LoggedChange): boolean {
    const { action, inverse } = change;
    const view = action.kind === "addView" || action.kind === "updateView" ? action.view : inverse.kind === "addView" ? inverse.view : undefined;
    return !view || view.owner === null || view.owner === this.member.id;
  }

  private entry(change: LoggedChange, names: Names): ActivityEntry {
    const described = describeChange(change, names);
    return {
      seq: change.seq,
      at: change.at,
      when: formatMoment(change.at, this.tenant.timeZone),
      who: names.member(change.userId),
      text: described.text,
      before: described.before,
      after: described.after,
      from: sourceWords(change.source),
      undone: change.undone,
      structure: described.structure,
      tableId: change.action.tableId,
      restorable: change.action.kind === "setCell" && change.inverse.kind === "setCell" && can(this.member.role, "write"),
    };
  }

  activity(filter: ActivityFilter): { entries: ActivityEntry[]; more: boolean } {
    if (!can(this.member.role, "read")) return { entries: [], more: false };
    const rows = this.tenant.history.read({ tableId: filter.tableId, userId: filter.memberId, structure: filter.structure, before: filter.before, limit: PAGE + 1 });
    const names = this.names();
    const page = rows.slice(0, PAGE);
    return { entries: page.filter((c) => this.visible(c)).map((c) => this.entry(c, names)), more: rows.length > PAGE };
  }

  /** The record's changes, newest first: its own, its part of each step that changed many
   *  records at once (a paste, a bulk delete), and — for a record that came with an import —
   *  the import as its first entry. */
  recordHistory(tableId: string, recordId: string): ActivityEntry[] {
    if (!can(this.member.role, "read")) return [];
    const names = this.names();
    const entries: ActivityEntry[] = [];
    const changes = this.tenant.history.read({ recordId, limit: HISTORY_LIMIT });
    for (const change of changes) {
      const { action } = change;
      if (action.kind === "importRecords") {
        if (action.tableId === tableId) entries.push(this.importedInto(change, recordId, names));
        continue;
      }
      if (action.kind !== "batch" && action.kind !== "recordBatch") {
        if (action.tableId === tableId) entries.push(this.entry(change, names));
        continue;
      }
      const parts = partsAbout(change, recordId).filter((p) => p.action.tableId === tableId);
      for (const part of parts.reverse()) {
        entries.push({ ...this.entry({ ...change, action: part.action, inverse: part.inverse }, names), part: part.index, within: action.description.replace(/^undo /, "undo of ") });
      }
    }
    if (changes.length < HISTORY_LIMIT) {
      const imported = this.importEntry(tableId, recordId, names);
      if (imported) entries.push(imported);
    }
    return entries;
  }

  /** An import into the table that added or updated this record (its undo says so itself). */
  private importedInto(change: LoggedChange, recordId: string, names: Names): ActivityEntry {
    const updated = change.inverse.kind === "setImported" && change.inverse.cells.some((c) => c.recordId === recordId);
    const table = names.table(change.action.tableId);
    const description = "description" in change.action ? change.action.description : "";
    return {
      ...this.entry(change, names),
      text: updated ? `updated this record by an import into “${table}”` : `added this record by an import into “${table}”`,
      ...(description ? { within: description } : {}),
      restorable: false,
      structure: false,
    };
  }

  /** "Olive imported this record from the file “players.csv”": when the record came with the
   *  import that made its table (the import is logged without its records: the record's
   *  creation time is the import's). */
  private importEntry(tableId: string, recordId: string, names: Names): ActivityEntry | undefined {
    const record = this.tenant.records.get(tableId, recordId);
    const change = record && this.tenant.history.importOf(tableId);
    if (!record || change?.action.kind !== "importTable" || record.createdAt !== change.action.at) return undefined;
    const { file } = change.action;
    const from = file === undefined ? "" : file === "" ? " from pasted text" : ` from the file “${file}”`;
    return {
      ...this.entry(change, names),
      text: `imported this record${from} with the table “${change.action.name}”`,
      restorable: false,
      structure: false,
    };
  }

  restoreValue(tableId: string, recordId: string, seq: number, part?: number): Outcome<{ field: string; text: string }> {
    const change = this.tenant.history.get(seq);
    // The change (or its part) must be a value's edit of this very record: seq and part come from the page.
    const picked = change && (part === undefined ? change : changeParts(change.action, change.inverse)[part]);
    const action = picked?.action;
    const inverse = picked?.inverse;
    if (action?.kind !== "setCell" || inverse?.kind !== "setCell" || action.tableId !== tableId || action.recordId !== recordId) {
      return { ok: false, reason: "That change is no longer in this record's history." };
    }
    const { fieldId, text } = inverse;
    const table = findTable(this.tenant.schema, tableId);
    const field = table && findField(table, fieldId);
    if (!field || field.deletedAt !== undefined) return { ok: false, reason: "That field was deleted: restore it from the trash first." };
    const result = this.port.apply({ kind: "setCell", tableId, recordId, fieldId, text }, "history");
    return result.ok ? { ok: true, field: field.name, text } : result;
  }

  trash(): TrashEntry[] {
    if (!can(this.member.role, "write")) return [];
    const schema = this.tenant.schema;
    const names = this.names();
    return this.tenant.trash
      .items(schema)
      .filter((item) => item.kind !== "view" || item.owner === null || item.owner === this.member.id)
      .map((item) => {
        const table = names.table(item.tableId);
        const name = item.kind === "table" ? table : item.kind === "field" ? names.field(item.tableId, item.id) : item.kind === "record" ? names.record(item.tableId, item.id) : item.name ?? "";
        const needs = item.kind === "record" || (item.kind === "view" && item.owner !== null) ? "write" : "build";
        return {
          key: item.key,
          kind: item.kind,
          name,
          table: item.kind === "table" ? "" : table,
          deletedAt: item.deletedAt,
          when: formatMoment(item.deletedAt, this.tenant.timeZone),
          by: item.by ? names.member(item.by) : "",
          canRestore: can(this.member.role, needs),
        };
      });
  }

  restoreFromTrash(key: string): Outcome<{ name: string }> {
    const entry = this.trash().find((e) => e.key === key);
    if (!entry) return { ok: false, reason: "That is no longer in the trash." };
    const planned = this.tenant.trash.restoreAction(key, this.tenant.schema);
    if (!planned.ok) return planned;
    const result = this.port.apply(planned.action, "trash");
    return result.ok ? { ok: true, name: entry.name } : result;
  }

  emptyTrash(): Outcome<{ count: number }> {
    if (!can(this.member.role, "manage")) return { ok: false, reason: "Only owners empty the trash." };
    return { ok: true, count: this.tenant.housekeeping.eraseTrash(Number.POSITIVE_INFINITY) };
  }

  historyStart(): number {
    const window = this.tenant.now() - HISTORY_MS;
    const created = Number(this.tenant.getMeta("created_at") ?? window);
    return Math.max(window, Number.isFinite(created) ? created : window);
  }

  parseMoment(text: string): number | undefined {
    return parseLocalMoment(text, this.tenant.timeZone);
  }

  private checkMoment(at: number): string | null {
    if (!Number.isFinite(at)) return "Choose a moment.";
    if (at < this.historyStart()) return `History reaches back to ${formatMoment(this.historyStart(), this.tenant.timeZone)}: choose a later moment.`;
    if (at > this.tenant.now()) return "Choose a moment in the past.";
    return null;
  }

  tableAt(tableId: string, at: number): Outcome<TableMoment> {
    if (!can(this.member.role, "read")) return { ok: false, reason: "Your role does not allow this." };
    const problem = this.checkMoment(at);
    if (problem) return { ok: false, reason: problem };
    const result = reconstructTable(this.tenant, this.member, tableId, at);
    return result.ok ? { ...result, when: formatMoment(at, this.tenant.timeZone) } : result;
  }

  databaseAt(at: number): Outcome<{ tables: { id: string; name: string; fields: number; records: number; now: string }[]; changes: number; when: string }> {
    if (!can(this.member.role, "read")) return { ok: false, reason: "Your role does not allow this." };
    const problem = this.checkMoment(at);
    if (problem) return { ok: false, reason: problem };
    const result = reconstructDatabase(this.tenant, this.member, at);
    return result.ok ? { ...result, when: formatMoment(at, this.tenant.timeZone) } : result;
  }

  restoreTo(at: number, tableId?: string): Outcome<{ changes: number; description: string }> {
    if (!can(this.member.role, "build")) return { ok: false, reason: "Only builders and owners restore to an earlier moment." };
    const problem = this.checkMoment(at);
    if (problem) return { ok: false, reason: problem };
    const table: Table | undefined = tableId === undefined ? undefined : findTable(this.tenant.schema, tableId);
    if (tableId !== undefined && !table) return { ok: false, reason: "That table does not exist." };
    const what = table ? `the table “${table.name}”` : "the database";
    const planned = restoreAction(this.tenant, at, `restore ${what} to ${formatMoment(at, this.tenant.timeZone)}`, tableId);
    if (!planned.ok) return planned;
    if (planned.changes === 0) return { ok: false, reason: `Nothing changed in ${what} since then.` };
    const result = this.port.apply(planned.action, "restore");
    return result.ok ? { ok: true, changes: planned.changes, description: planned.action.description } : result;
  }
}
