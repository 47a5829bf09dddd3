// An import as a job (../../tenant-do/import-jobs.ts runs it): the importTable action makes
// the table and its fields with no records, and the rows go in afterwards, a chunk at a time.
// This file is the pure part: the plan a job keeps (which source column feeds which field),
// the records of one chunk (each cell parsed by its field type, a value not understood kept
// and flagged), and the report at the end. Ids and the clock come in.

import type { Outcome } from "../errors";
import type { Json, ParseContext } from "../fields/field-type";
import type { LocationValue } from "../fields/location";
import type { PlaceHint } from "../gazetteer/resolve";
import { hintOf } from "../place-hints";
import type { FieldTypeName } from "../fields/registry";
import type { Cells } from "../records";
import { parseCellText, type StoredCell } from "../values";
import type { ImportType } from "./infer";
import type { ImportIntoReport } from "./mapping";
import type { ImportPreview, ImportReport, ImportSettings } from "./plan";
import { type ImportTableAction, MAX_FILE_NAME } from "./import-action";

/** Rows applied in one transaction: each chunk once, its progress written with it. */
export const IMPORT_CHUNK = 2_000;

/** What a job keeps to read its rows again after a restart. */
export interface ImportPlan {
  /** Rows to skip at the start (the header). */
  skip: number;
  /** Per field, in order: its id, type and the source column it reads. */
  fields: { id: string; name: string; type: ImportType; column: number }[];
  skipped: string[];
}

export type JobState = "running" | "done" | "cancelled" | "failed";

/** What a person sees of a job. */
export interface ImportJobView {
  id: string;
  memberId: string;
  tableId: string;
  name: string;
  state: JobState;
  total: number;
  done: number;
  /** Why it stopped early (cancelled, undone, failed). */
  reason: string | null;
  report: ImportReport;
  /** An import into an existing table: what it added, updated and flagged so far. */
  into?: ImportIntoReport;
}

/** The action that makes the table (no records yet) and the plan of the job that fills it. */
export function planImportJob(rowCount: number, preview: ImportPreview, settings: ImportSettings, newId: () => string, at: number): Outcome<{ action: ImportTableAction; plan: ImportPlan }> {
  const kept = preview.columns.map((column, c) => ({ column, c })).filter(({ c }) => settings.columns[c] !== "skip");
  if (kept.length === 0) return { ok: false, reason: "Every column is skipped: keep at least one." };
  const fields = kept.map(({ column, c }) => ({ id: newId(), name: column.name, type: column.type, options: column.options, column: c }));
  const skip = preview.header ? 1 : 0;
  const action: ImportTableAction = {
    kind: "importTable",
    tableId: newId(),
    name: settings.name,
    at,
    fields: fields.map(({ id, name, type, options }) => ({ id, name, type, options })),
    records: [],
    recordCount: Math.max(0, rowCount - skip),
    ...(settings.file === undefined ? {} : { file: settings.file.slice(0, MAX_FILE_NAME) }),
  };
  const plan: ImportPlan = { skip, fields: fields.map(({ id, name, type, column }) => ({ id, name, type, column })), skipped: preview.columns.filter((_, c) => settings.columns[c] === "skip").map((column) => column.name) };
  return { ok: true, action, plan };
}

/** Distinct texts remembered per column while parsing a chunk (choices, dates and amounts
 *  repeat: each is parsed once). */
const CACHE_LIMIT = 5_000;

/** Per field of a plan, the cells already read, by text, with the type and options they
 *  were read by: kept by the job runner from one chunk to the next (a cache: a new one after
 *  a restart reads the same cells; a field whose type or options changed meanwhile starts
 *  its own again). */
export type ChunkCache = { read: string; seen: Map<string, StoredCell>; hint?: PlaceHint }[];

/** Rows whose places decide an ambiguous place name in their column (the preview's). */
const HINT_ROWS = 20_000;

/** Where a location column's places lie (its first HINT_ROWS rows, each distinct text read
 *  once), so "York" among English towns is York, England, as typing it into the grid would
 *  be (../place-hints.ts). Asked for only when a name turns out to be ambiguous. */
function columnPlaceHint(rows: readonly string[][], skip: number, column: number, options: Json, context: ParseContext): PlaceHint {
  const counts = new Map<string, number>();
  for (let i = skip; i < Math.min(rows.length, skip + HINT_ROWS); i++) {
    const text = rows[i]![column] ?? "";
    if (text.trim() !== "") counts.set(text, (counts.get(text) ?? 0) + 1);
  }
  const places: { countryCode: string; state?: string | undefined; count: number }[] = [];
  for (const [text, count] of counts) {
    const cell = parseCellText("location", text, options, context);
    if (cell.invalid !== undefined || cell.value === null) continue;
    const place = cell.value as LocationValue;
    places.push({ countryCode: place.countryCode, state: place.state, count });
  }
  return hintOf(places);
}

/** The records of rows [from, to) of the source (after the header), each cell parsed by its
 *  field's type as typing would. `options` are the fields' current options, by id. A text
 *  repeated in a column gives the same cell object (`cache`), so it is read and stored once. */
export function chunkRecords(rows: readonly string[][], plan: ImportPlan, from: number, to: number, types: ReadonlyMap<string, { type: FieldTypeName; options: Json }>, context: ParseContext, newId: () => string, cache: ChunkCache = []): { id: string; cells: Cells }[] {
  const columns = plan.fields.map((f, i) => {
    const { type, options } = types.get(f.id) ?? { type: f.type, options: null };
    const read = JSON.stringify([type, options]);
    const cached = cache[i]?.read === read ? cache[i] : { read, seen: new Map<string, StoredCell>() };
    cache[i] = cached;
    const columnContext = type !== "location" ? context : { ...context, placeHint: () => (cached.hint ??= columnPlaceHint(rows, plan.skip, f.column, options, context)) };
    return { field: f, type, options, seen: cached.seen, context: columnContext };
  });
  const out: { id: string; cells: Cells }[] = [];
  const end = Math.min(to, rows.length - plan.skip);
  for (let i = from; i < end; i++) {
    const row = rows[i + plan.skip]!;
    const cells: Cells = {};
    for (const column of columns) {
      const text = row[column.field.column] ?? "";
      if (text.trim() === "") continue;
      let cell = column.seen.get(text);
      if (!cell) {
        cell = parseCellText(column.type, text, column.options, column.context);
        if (column.seen.size < CACHE_LIMIT) column.seen.set(text, cell);
      }
      cells[column.field.id] = cell;
    }
    out.push({ id: newId(), cells });
  }
  return out;
}

/** The report of a job that applied `done` records, with `flagged` values per field. */
export function jobReport(plan: ImportPlan, done: number, flagged: readonly number[]): ImportReport {
  return {
    records: done,
    columns: plan.fields.map((f, i) => ({ name: f.name, type: f.type, flagged: flagged[i] ?? 0 })),
    skipped: plan.skipped,
    notImported: [],
  };
}
