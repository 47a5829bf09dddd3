// A public form's link question asked as a choice among the linked table's records (when its
// builder allows it: `FormField.recordChoices`). Only each record's name (its first field's
// text) and id are ever put on the page — never another field — and at most
// RECORD_CHOICES_MAX of them; past that the page offers the names as type-ahead. The answer
// is read like any typed link (by id or name against the live records when submitted), so a
// record deleted meanwhile is refused with a reason.

import { liveFields, type Table } from "../model";
import type { FormDefinition } from "./form";

export const RECORD_CHOICES_MAX = 200;

export interface RecordChoice {
  id: string;
  name: string;
}

/** Per question key: the records offered, by name, and whether there are more. */
export type RecordChoices = ReadonlyMap<string, { records: RecordChoice[]; more: boolean }>;

/** Reads up to `limit` live records of a table, in name order, as [id, first field's text]. */
export type NamesReader = (tableId: string, fieldId: string, limit: number) => [string, string][];

export function recordChoicesFor(form: FormDefinition, table: Table, tableOf: (tableId: string) => Table | undefined, read: NamesReader): Map<string, { records: RecordChoice[]; more: boolean }> {
  const result = new Map<string, { records: RecordChoice[]; more: boolean }>();
  for (const question of form.fields) {
    if (question.recordChoices !== true || question.hidden) continue;
    const field = liveFields(table).find((f) => f.id === question.fieldId);
    const options = field?.type === "link" ? (field.options as { tableId?: unknown } | null) : null;
    const target = typeof options?.tableId === "string" ? tableOf(options.tableId) : undefined;
    const primary = target && target.deletedAt === undefined ? liveFields(target)[0] : undefined;
    if (!target || !primary) continue;
    const rows = read(target.id, primary.id, RECORD_CHOICES_MAX + 1);
    const records = rows.map(([id, name]) => ({ id, name: name.trim() })).filter((r) => r.name !== "");
    result.set(question.key, { records: records.slice(0, RECORD_CHOICES_MAX), more: rows.length > RECORD_CHOICES_MAX });
  }
  return result;
}
