// Importing rows into an existing table: which field each column goes to, and the one
// action that does it. Columns map to fields by name (case and spaces do not matter), or to
// a new field of the column's type, or are skipped. Rows are added, or — in a merge — a row
// whose key matches a record's key field updates that record and the rest are added. Names
// in a column mapped to a link field that match no record make records in the linked table,
// near-duplicates merged ("ACME Inc." = "Acme inc") as turning a field into a link does.
// Pure: the records, the lookup, ids and the clock come in.

import type { Outcome } from "../errors";
import type { ParseContext } from "../fields/field-type";
import { type LinkOptions, linkNames } from "../fields/link";
import { fieldType } from "../fields/registry";
import type { NewField } from "../field-actions";
import { type Field, findTable, liveFields, type Schema, type Table } from "../model";
import { foldLabel, foldName, foldSpaces, groupSpellings } from "../text";
import { parseCellText } from "../values";
import type { ColumnGuess } from "./infer";
import { type ImportRecordsAction, MAX_LINKED_RECORDS } from "./import-records-action";
import type { ImportPreview } from "./plan";

/** A column's target as the page keeps it: "" (by name, else a new field), "new", "skip",
 *  "link:<table id>" (a new field linking to that table's records by name), or a field's id. */
export type ColumnTarget = string;

export type ImportMode = "add" | "merge";

export interface ImportIntoSettings {
  /** Per column (as in the preview). */
  targets: readonly ColumnTarget[];
  mode: ImportMode;
  /** The field whose value finds the record to update (merge only). */
  keyFieldId: string | null;
  /** Whether the member may add fields (builders); without, unmatched columns are skipped. */
  addFields: boolean;
}

export type ResolvedTarget = { kind: "field"; field: Field } | { kind: "new"; name: string; link?: string } | { kind: "skip"; why?: string };

/** What the import into a table did (or will do), column by column. */
export interface ImportIntoReport {
  added: number;
  updated: number;
  /** Rows that matched a record already matched by an earlier row (the later values win). */
  repeatedKeys: number;
  /** Records the key matched more than one of (the first made was updated). */
  ambiguousKeys: number;
  columns: { name: string; field: string; isNew: boolean; flagged: number; understood: number; /** Up to three flagged values, cut to 60 characters. */ examples: string[] }[];
  linked: { table: string; created: number }[];
  skipped: string[];
}

/** The change log keeps the undo step — the ids of what the import made and the updated
 *  cells as they were — in one row (≤ 2 MB): at most this many bytes of it. */
export const MAX_UNDO_BYTES = 1_200_000;

/** Fields a column can go to: live and not computed. */
export function importableFields(table: Table): Field[] {
  return liveFields(table).filter((f) => !f.derived);
}

/** Each column's target: the person's choice, else the field of the same name (case and
 *  spaces aside), else a new field. A field takes one column (the first that names it). */
export function resolveTargets(columns: readonly ColumnGuess[], table: Table, targets: readonly ColumnTarget[], addFields: boolean, schema?: Schema): ResolvedTarget[] {
  const fields = importableFields(table);
  const computed = liveFields(table).filter((f) => f.derived);
  const chosen = new Set(targets.filter((t) => t !== "" && t !== "new" && t !== "skip"));
  const used = new Set<string>();
  const taken = new Set(liveFields(table).map((f) => foldSpaces(f.name)));
  return columns.map((column, c): ResolvedTarget => {
    const target = targets[c] ?? "";
    if (target === "skip") return { kind: "skip" };
    const link = target.startsWith("link:") ? target.slice(5) : undefined;
    if (link !== undefined) {
      const linked = schema && findTable(schema, link);
      if (!linked || linked.deletedAt !== undefined) return { kind: "skip", why: "that table is gone" };
      if (!addFields) return { kind: "skip", why: "adding fields needs the right to build" };
    }
    if (target !== "" && target !== "new" && link === undefined) {
      const field = fields.find((f) => f.id === target);
      if (!field) return { kind: "skip", why: "that field is gone" };
      if (used.has(field.id)) return { kind: "skip", why: `“${field.name}” already takes a column` };
      used.add(field.id);
      return { kind: "field", field };
    }
    if (target === "") {
      const named = fields.find((f) => foldLabel(f.name) === foldLabel(column.name) && !used.has(f.id) && !chosen.has(f.id));
      if (named) {
        used.add(named.id);
        return { kind: "field", field: named };
      }
      const isComputed = computed.find((f) => foldLabel(f.name) === foldLabel(column.name));
      if (isComputed) return { kind: "skip", why: `“${isComputed.name}” is computed` };
      if (!addFields) return { kind: "skip", why: "no field of that name" };
    }
    if (!addFields) return { kind: "skip", why: "adding fields needs the right to build" };
    let name = column.name;
    for (let n = 2; taken.has(foldSpaces(name)); n++) name = `${column.name.slice(0, 74)} ${n}`;
    taken.add(foldSpaces(name));
    return link === undefined ? { kind: "new", name } : { kind: "new", name, link };
  });
}

export interface IntoPorts {
  schema: Schema;
  context: ParseContext;
  /** Each record's text in a field, oldest record first. */
  fieldTexts(tableId: string, fieldId: string): [string, string][];
  newId(): string;
  at: number;
  /** The bound of the undo step (MAX_UNDO_BYTES; a streamed import's journal has none). */
  maxUndoBytes?: number;
  /** One record's text in a field: given, a merge reads only the records its keys match
   *  (a job's chunk) instead of every record's text in each mapped field. */
  cellText?(tableId: string, recordId: string, fieldId: string): string | undefined;
}

/** The action and report for importing `rows` (as `preview` shows them) into `table`. */
export function planImportInto(rows: readonly string[][], preview: ImportPreview, table: Table, settings: ImportIntoSettings, ports: IntoPorts): Outcome<{ action: ImportRecordsAction; report: ImportIntoReport }> {
  const resolved = resolveTargets(preview.columns, table, settings.targets, settings.addFields, ports.schema);
  const kept = resolved.flatMap((target, c) => (target.kind === "skip" ? [] : [{ c, target, column: preview.columns[c]! }]));
  if (kept.length === 0) return { ok: false, reason: "Every column is skipped: send at least one to a field." };
  const newFields: NewField[] = [];
  const fieldOf = kept.map(({ target, column }): Field => {
    if (target.kind === "field") return target.field;
    // A new link names records of another table: one a cell, or several for a list column.
    const field: NewField = target.link ? { id: ports.newId(), name: target.name, type: "link", options: { tableId: target.link, multiple: column.type === "multiChoice" } } : { id: ports.newId(), name: target.name, type: column.type, options: column.options };
    newFields.push(field);
    return field;
  });
  // The key: the field chosen, else the first existing field a column goes to.
  const isNew = new Set(newFields.map((f) => f.id));
  const keyFieldId = settings.keyFieldId ?? fieldOf.find((f) => !isNew.has(f.id))?.id ?? null;
  let keyColumn = -1;
  if (settings.mode === "merge") {
    keyColumn = fieldOf.findIndex((f) => f.id === keyFieldId);
    if (!keyFieldId || keyColumn < 0 || isNew.has(keyFieldId)) return { ok: false, reason: "To update matching records, send a column to an existing field and choose it as the key." };
  }
  const body = preview.header ? rows.slice(1) : rows;

  // Names in link columns that match no record: records to make, near-duplicates merged.
  const linked: ImportRecordsAction["linked"] = [];
  const madeNames = new Map<string, Map<string, string>>();
  const report: ImportIntoReport = { added: 0, updated: 0, repeatedKeys: 0, ambiguousKeys: 0, columns: [], linked: [], skipped: [] };
  for (const [i, { c }] of kept.entries()) {
    const field = fieldOf[i]!;
    if (field.type !== "link") continue;
    const options = field.options as LinkOptions;
    const target = findTable(ports.schema, options.tableId);
    const nameField = target && liveFields(target)[0];
    if (!target || target.deletedAt !== undefined || !nameField || nameField.derived) continue;
    const names = body.flatMap((row) => linkNames(row[c] ?? "", options.multiple === true)).filter((n) => !ports.context.lookup?.(target.id, n));
    const made = madeNames.get(target.id) ?? new Map<string, string>();
    const records = groupSpellings(names, foldName)
      .filter((g) => !made.has(foldName(g.label)))
      .map((g) => {
        const id = ports.newId();
        made.set(foldName(g.label), id);
        return { id, name: g.label };
      });
    madeNames.set(target.id, made);
    if (records.length === 0) continue;
    const group = linked.find((l) => l.tableId === target.id);
    if (group) group.records.push(...records);
    else linked.push({ tableId: target.id, fieldId: nameField.id, records });
    const total = linked.find((l) => l.tableId === target.id)!.records.length;
    if (total > MAX_LINKED_RECORDS) return { ok: false, reason: `The column “${preview.columns[c]!.name}” names more than ${MAX_LINKED_RECORDS.toLocaleString("en")} records that “${target.name}” does not have: too many to make in one import.` };
  }
  for (const l of linked) report.linked.push({ table: findTable(ports.schema, l.tableId)?.name ?? "a table", created: l.records.length });

  // The merge: each key's record, and each mapped field's current text.
  const byKey = new Map<string, { kind: "record"; id: string } | { kind: "added"; entry: { id: string; cells: { [fieldId: string]: string } } }>();
  const current = new Map<string, Map<string, string>>();
  const currentText = (fieldId: string, recordId: string) => (ports.cellText ? ports.cellText(table.id, recordId, fieldId) : current.get(fieldId)?.get(recordId));
  if (settings.mode === "merge" && keyFieldId) {
    for (const [id, text] of ports.fieldTexts(table.id, keyFieldId)) {
      const key = foldSpaces(text);
      if (!key) continue;
      if (byKey.has(key)) report.ambiguousKeys++;
      else byKey.set(key, { kind: "record", id });
    }
    if (!ports.cellText) for (const field of fieldOf) if (!isNew.has(field.id)) current.set(field.id, new Map(ports.fieldTexts(table.id, field.id)));
  }

  const add: ImportRecordsAction["add"] = [];
  const updates = new Map<string, { [fieldId: string]: string }>();
  const matched = new Set<string>();
  for (const row of body) {
    const key = keyColumn >= 0 ? foldSpaces(row[kept[keyColumn]!.c] ?? "") : "";
    const found = key ? byKey.get(key) : undefined;
    if (found?.kind === "record") {
      if (matched.has(found.id)) report.repeatedKeys++;
      matched.add(found.id);
      const cells = updates.get(found.id) ?? {};
      for (const [i, { c }] of kept.entries()) {
        const text = row[c] ?? "";
        const field = fieldOf[i]!;
        // The key matched (case and spaces aside): it stays as it was. Blank cells leave
        // values as they are; the same text changes nothing.
        if (i === keyColumn || text.trim() === "" || currentText(field.id, found.id) === text) continue;
        cells[field.id] = text;
      }
      updates.set(found.id, cells);
      continue;
    }
    if (found?.kind === "added") {
      report.repeatedKeys++;
      for (const [i, { c }] of kept.entries()) if ((row[c] ?? "").trim() !== "") found.entry.cells[fieldOf[i]!.id] = row[c]!;
      continue;
    }
    const entry = { id: ports.newId(), cells: {} as { [fieldId: string]: string } };
    for (const [i, { c }] of kept.entries()) if ((row[c] ?? "").trim() !== "") entry.cells[fieldOf[i]!.id] = row[c]!;
    add.push(entry);
    if (key) byKey.set(key, { kind: "added", entry });
  }
  const update = [...updates].filter(([, cells]) => Object.keys(cells).length > 0).map(([id, cells]) => ({ id, cells }));
  report.added = add.length;
  report.updated = update.length;

  // What the undo step keeps: the updated cells as they are now.
  // (A stored cell is about its text twice, as text and value, plus its shape.)
  const encoder = new TextEncoder();
  let undoBytes = 14 * (add.length + linked.reduce((n, l) => n + l.records.length, 0));
  for (const { id, cells } of update) for (const fieldId of Object.keys(cells)) undoBytes += 80 + 2 * encoder.encode(currentText(fieldId, id) ?? "").length;
  if (undoBytes > (ports.maxUndoBytes ?? MAX_UNDO_BYTES)) return { ok: false, reason: `This import is too big for one undo step (about ${Math.round(undoBytes / 1000).toLocaleString("en")} KB to keep, at most ${MAX_UNDO_BYTES / 1000} KB: it would update ${count(update.length, "record")} and add ${count(add.length, "record")}). Import fewer rows at a time.` };

  // Per column, values understood and flagged, read by the field's type as typing is (links
  // see the records this import makes).
  const lookup = ports.context.lookup;
  const context: ParseContext = { ...ports.context, lookup: (tableId, text) => madeNames.get(tableId)?.get(foldName(text)) ?? lookup?.(tableId, text) };
  for (const [i, { c, target, column }] of kept.entries()) {
    const field = fieldOf[i]!;
    let flagged = 0;
    let understood = 0;
    const examples: string[] = [];
    for (const row of body) {
      const text = row[c] ?? "";
      if (text.trim() === "") continue;
      if (parseCellText(field.type, text, field.options, context).invalid === undefined) understood++;
      else if (++flagged <= 3) examples.push(text.length > 60 ? `${text.slice(0, 60)}…` : text);
    }
    report.columns.push({ name: column.name, field: field.name, isNew: target.kind === "new", flagged, understood, examples });
  }
  report.skipped = resolved.flatMap((t, c) => (t.kind === "skip" ? [preview.columns[c]!.name] : []));

  const description = `import ${count(add.length, "record")} into “${table.name}”${update.length > 0 ? `, updating ${update.length.toLocaleString("en")}` : ""}`;
  const action: ImportRecordsAction = { kind: "importRecords", tableId: table.id, at: ports.at, description, fields: newFields, linked, add, update, added: add.length, updated: update.length };
  return { ok: true, action, report };
}

const count = (n: number, word: string) => `${n.toLocaleString("en")} ${n === 1 ? word : `${word}s`}`;

/** A field's type name, for the mapping's labels. */
export const typeLabel = (field: Pick<Field, "type">) => fieldType(field.type).label;
