// Importing rows into an existing table as ONE step: new fields (appended), records made in
// linked tables for names that matched none, records added, and cells of matching records
// updated (a merge). Every cell keeps its text; what its field does not understand is kept
// and flagged, never dropped.
//
// Its inverse, `setImported` with `present: false`, deletes (keeps, marked) the records and
// fields the import made and puts back the updated cells exactly as they were stored (the
// stored cell, not its text re-read); the inverse of that is `present: true`, so Undo and
// Redo go back and forth without re-reading anything. The change log keeps the import
// without its rows (`importRecordsForLog`): undo and redo need only the inverse.

import * as v from "valibot";
import { type Applied, checkName, type Document } from "../action-kit";
import type { NewField } from "../field-actions";
import type { Json } from "../fields/field-type";
import { fieldTypeNames } from "../fields/registry";
import { type Field, findField, findTable, liveFields, type Schema, type Table } from "../model";
import { type Cells, cellTypes } from "../records";
import { parseCellText, type StoredCell } from "../values";
import { IMPORT_LIMITS } from "./csv";

/** Records one import may make in a linked table (as turning a field into a link does). */
export const MAX_LINKED_RECORDS = 10_000;

const Id = v.pipe(v.string(), v.regex(/^[\w-]{1,40}$/));
const Texts = v.record(Id, v.pipe(v.string(), v.maxLength(IMPORT_LIMITS.cellChars)));
const Rows = v.pipe(v.array(v.object({ id: Id, cells: Texts })), v.maxLength(IMPORT_LIMITS.rows));
const Cell = v.object({ text: v.string(), value: v.custom<Json>(() => true), invalid: v.optional(v.string()) });

export const ImportRecordsActionSchema = v.object({
  kind: v.literal("importRecords"),
  tableId: Id,
  at: v.number(),
  description: v.pipe(v.string(), v.maxLength(300)),
  fields: v.pipe(v.array(v.object({ id: Id, name: v.pipe(v.string(), v.maxLength(200)), type: v.picklist(fieldTypeNames), options: v.custom<Json>(() => true) })), v.maxLength(IMPORT_LIMITS.columns)),
  /** Records made in linked tables, named in their first field. */
  linked: v.array(v.object({ tableId: Id, fieldId: Id, records: v.pipe(v.array(v.object({ id: Id, name: v.string() })), v.maxLength(MAX_LINKED_RECORDS)) })),
  add: Rows,
  update: Rows,
  /** Counts the change log keeps (it drops `add` and `update`). */
  added: v.number(),
  updated: v.number(),
  /** A streamed import (a file over 5 MB): the job that adds and updates the records, a
   *  chunk at a time, noting each in the import journal (`add` and `update` stay empty). */
  job: v.optional(Id),
});

export const SetImportedActionSchema = v.object({
  kind: v.literal("setImported"),
  tableId: Id,
  at: v.number(),
  description: v.pipe(v.string(), v.maxLength(300)),
  /** true: the import is there (records and fields live); false: taken back. */
  present: v.boolean(),
  fieldIds: v.array(Id),
  records: v.array(v.object({ tableId: Id, ids: v.array(Id) })),
  /** Updated records' cells to put as they are (null: no cell). */
  cells: v.array(v.object({ recordId: Id, cells: v.record(Id, v.nullable(Cell)) })),
  /** A streamed import's job: its records and cells are those of the import journal. */
  job: v.optional(Id),
});

export type ImportRecordsAction = Omit<v.InferOutput<typeof ImportRecordsActionSchema>, "fields"> & { fields: NewField[] };
export type SetImportedAction = Omit<v.InferOutput<typeof SetImportedActionSchema>, "cells"> & { cells: { recordId: string; cells: { [fieldId: string]: StoredCell | null } }[] };

export function isImportRecordsAction(value: unknown): value is ImportRecordsAction {
  return v.is(ImportRecordsActionSchema, value);
}

export function isSetImportedAction(value: unknown): value is SetImportedAction {
  return v.is(SetImportedActionSchema, value);
}

/** What the change log keeps: the import without its rows or the linked records' names
 *  (they are in the tables; undo and redo need only the inverse). */
export function importRecordsForLog(action: ImportRecordsAction): ImportRecordsAction {
  return { ...action, add: [], update: [], linked: action.linked.map((l) => ({ ...l, records: [] })) };
}

const withTable = (schema: Schema, table: Table): Schema => ({ ...schema, tables: schema.tables.map((t) => (t.id === table.id ? table : t)) });

export function applyImportRecords(doc: Document, action: ImportRecordsAction): Applied {
  const start = findTable(doc.schema, action.tableId);
  if (!start || start.deletedAt !== undefined) return { ok: false, reason: "That table no longer exists." };
  const taken: { id: string; name: string }[] = liveFields(start);
  const added: Field[] = [];
  for (const field of action.fields) {
    const problem = checkName("field", field.name, [...taken, ...added]);
    if (problem) return { ok: false, reason: problem };
    if (findField(start, field.id) || added.some((f) => f.id === field.id)) return { ok: false, reason: "Two fields have the same id." };
    added.push({ ...field, name: field.name.trim() });
  }
  const table: Table = { ...start, fields: [...start.fields, ...added] };
  const schema = withTable(doc.schema, table);
  const before = doc.schema;
  // Parsing reads the schema with the new fields (a link's lookup goes through doc.schema).
  doc.schema = schema;
  try {
    const created: { tableId: string; ids: string[] }[] = [];
    for (const group of action.linked) {
      const linkedTable = findTable(schema, group.tableId);
      const nameField = linkedTable && findField(linkedTable, group.fieldId);
      if (!linkedTable || linkedTable.deletedAt !== undefined || !nameField || nameField.deletedAt !== undefined || nameField.derived) return { ok: false, reason: "A linked table changed since the preview: look at the preview again." };
      const types = cellTypes(linkedTable);
      for (const record of group.records) {
        if (doc.records.get(linkedTable.id, record.id)) return { ok: false, reason: "That record already exists." };
        doc.records.insert({ id: record.id, tableId: linkedTable.id, cells: { [nameField.id]: parseCellText(nameField.type, record.name, nameField.options, doc.context) }, createdAt: action.at }, types);
      }
      created.push({ tableId: linkedTable.id, ids: group.records.map((r) => r.id) });
    }
    const types = cellTypes(table);
    const parse = (fieldId: string, text: string): StoredCell | null | string => {
      const field = findField(table, fieldId);
      if (!field || field.deletedAt !== undefined) return "A field changed since the preview: look at the preview again.";
      if (field.derived) return `“${field.name}” is computed; it cannot be imported into.`;
      if (text.length > IMPORT_LIMITS.cellChars) return `A value is at most ${IMPORT_LIMITS.cellChars.toLocaleString("en")} characters.`;
      return text.trim() === "" ? null : parseCellText(field.type, text, field.options, doc.context);
    };
    for (const record of action.add) {
      if (doc.records.get(table.id, record.id)) return { ok: false, reason: "That record already exists." };
      const cells: Cells = {};
      for (const [fieldId, text] of Object.entries(record.cells)) {
        const cell = parse(fieldId, text);
        if (typeof cell === "string") return { ok: false, reason: cell };
        if (cell) cells[fieldId] = cell;
      }
      doc.records.insert({ id: record.id, tableId: table.id, cells, createdAt: action.at }, types);
    }
    const restore: SetImportedAction["cells"] = [];
    for (const change of action.update) {
      const record = doc.records.get(table.id, change.id);
      if (!record || record.deletedAt !== undefined) return { ok: false, reason: "A record to update was deleted since the preview: look at the preview again." };
      const next: { [fieldId: string]: StoredCell | null } = {};
      const old: { [fieldId: string]: StoredCell | null } = {};
      for (const [fieldId, text] of Object.entries(change.cells)) {
        const cell = parse(fieldId, text);
        if (typeof cell === "string") return { ok: false, reason: cell };
        next[fieldId] = cell;
        old[fieldId] = record.cells[fieldId] ?? null;
      }
      doc.records.setCells(table.id, record.id, next, types, record);
      restore.push({ recordId: record.id, cells: old });
    }
    if (action.add.length > 0) created.unshift({ tableId: table.id, ids: action.add.map((r) => r.id) });
    const inverse: SetImportedAction = { kind: "setImported", tableId: table.id, at: action.at, description: `undo ${action.description}`, present: false, fieldIds: added.map((f) => f.id), records: created, cells: restore, ...(action.job === undefined ? {} : { job: action.job }) };
    if (action.job !== undefined) doc.journal?.setPresent(action.job, true);
    return { ok: true, schema, inverse };
  } finally {
    doc.schema = before;
  }
}

/** Takes an import back (`present: false`) or puts it again (`present: true`). */
export function applySetImported(doc: Document, action: SetImportedAction): Applied {
  const start = findTable(doc.schema, action.tableId);
  if (!start || start.deletedAt !== undefined) return { ok: false, reason: "That table no longer exists." };
  let fields = start.fields;
  for (const fieldId of action.fieldIds) {
    const field = findField(start, fieldId);
    if (!field) return { ok: false, reason: "A field of that import no longer exists." };
    fields = fields.map((f) => {
      if (f.id !== fieldId) return f;
      if (action.present) {
        const { deletedAt: _gone, ...live } = f;
        return live;
      }
      return { ...f, deletedAt: action.at };
    });
  }
  const table: Table = { ...start, fields };
  const types = cellTypes(table);
  const swapped: SetImportedAction["cells"] = [];
  for (const change of action.cells) {
    const record = doc.records.get(table.id, change.recordId);
    if (!record) return { ok: false, reason: "A record of that import no longer exists." };
    const now: { [fieldId: string]: StoredCell | null } = {};
    for (const fieldId of Object.keys(change.cells)) now[fieldId] = record.cells[fieldId] ?? null;
    doc.records.setCells(table.id, record.id, change.cells, types, record);
    swapped.push({ recordId: record.id, cells: now });
  }
  if (action.job !== undefined) {
    const journaled = applyJournal(doc, action, action.job, table);
    if (journaled) return { ok: false, reason: journaled };
  }
  for (const group of action.records) {
    for (const id of group.ids) {
      const record = doc.records.get(group.tableId, id);
      if (!record) return { ok: false, reason: "A record of that import no longer exists." };
      if (action.present && record.deletedAt !== undefined) doc.records.setDeleted(group.tableId, id, null);
      if (!action.present && record.deletedAt === undefined) doc.records.setDeleted(group.tableId, id, action.at);
    }
  }
  const description = action.description.startsWith("undo ") ? action.description.slice(5) : `undo ${action.description}`;
  return { ok: true, schema: withTable(doc.schema, table), inverse: { ...action, description, present: !action.present, cells: swapped } };
}

/** Entries of the journal read (and swapped) at a time. */
const JOURNAL_PAGE = 2_000;

/** A streamed import taken back or put again: each record it added deleted (kept, marked)
 *  or restored, each record it updated given the journal's cells (and the journal the cells
 *  they had, for the next swap). A refusal, or undefined. */
function applyJournal(doc: Document, action: SetImportedAction, jobId: string, table: Table): string | undefined {
  const journal = doc.journal;
  if (!journal) return "This import's record of what it did is not here.";
  const types = cellTypes(table);
  for (let after = -1; ; ) {
    const entries = journal.page(jobId, after, JOURNAL_PAGE);
    if (entries.length === 0) break;
    for (const entry of entries) {
      after = entry.pos;
      const record = doc.records.get(entry.tableId, entry.recordId);
      if (!record) continue; // erased for good from the trash since
      if (entry.cells === null) {
        if (action.present && record.deletedAt !== undefined) doc.records.setDeleted(entry.tableId, entry.recordId, null);
        if (!action.present && record.deletedAt === undefined) doc.records.setDeleted(entry.tableId, entry.recordId, action.at);
        continue;
      }
      const now: { [fieldId: string]: StoredCell | null } = {};
      for (const fieldId of Object.keys(entry.cells)) now[fieldId] = record.cells[fieldId] ?? null;
      doc.records.setCells(entry.tableId, entry.recordId, entry.cells, types, record);
      journal.swap(jobId, entry.pos, now);
    }
  }
  journal.setPresent(jobId, action.present);
  return undefined;
}
