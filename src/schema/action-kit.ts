// Shared pieces of the action modules: the result type, the document actions apply to,
// name checks, exhaustiveness, and the valibot pieces every action schema is built from
// (ids, names, times, descriptions, option JSON — each bounded).

import * as v from "valibot";
import type { Action } from "./actions";
import type { Json, ParseContext } from "./fields/field-type";
import type { Schema } from "./model";
import { NAME_LIMIT } from "./names";
import type { RecordStore } from "./records";
import type { StoredCell } from "./values";
import { foldSpaces } from "./text";

/** What applying needs: the structure, the records, and how to read typed text. */
export interface Document {
  schema: Schema;
  records: RecordStore;
  context: ParseContext;
  /** Where a recomputation of very many records goes instead of running in the action's
   *  transaction (./derived/background.ts); without it, everything is recomputed at once. */
  background?: Background;
  /** Cells the caller already read from the texts it passes, with this document's context
   *  (a public form's validation), by field id: adding the record takes them as they are
   *  instead of reading the same text again. */
  read?: ReadonlyMap<string, StoredCell>;
  /** What a streamed import into a table (an import job) did, record by record, for its one
   *  undo step (./import/import-records-action.ts; kept by ../tenant-do/import-journal.ts). */
  journal?: ImportJournal;
}

/** One record a streamed import touched: added (`cells` null) or updated (`cells`: the cells
 *  to put back, as they were before it, or after it once undone). */
export interface JournalEntry {
  pos: number;
  tableId: string;
  recordId: string;
  cells: { [fieldId: string]: StoredCell | null } | null;
}

export interface ImportJournal {
  /** Up to `limit` entries of the job after position `after`, in order. */
  page(jobId: string, after: number, limit: number): JournalEntry[];
  /** Keeps `cells` as the entry's cells to put back next (undo and redo swap them). */
  swap(jobId: string, pos: number, cells: { [fieldId: string]: StoredCell | null }): void;
  /** The import was taken back (`false`: a running job stops) or put again. */
  setPresent(jobId: string, present: boolean): void;
}

/** Takes derived fields ("table/field") to recompute on every record, later, in chunks. */
export interface Background {
  /** From how many records (of the tables concerned, together) a recomputation is deferred. */
  from: number;
  defer(keys: readonly string[]): void;
}

export type Applied = { ok: true; schema: Schema; inverse: Action } | { ok: false; reason: string };

const MAX_NAME_LENGTH = NAME_LIMIT;

/** Ids Trove generates (the pattern `sqlId` in views/cell-sql.ts lets into SQL text). */
export const ActionId = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,64}$/, "An id is a short id Trove made."));
/** A table or field name as typed: at most NAME_LIMIT characters once trimmed. Blank and
 *  clashing names are refused when the action applies, with the name in the message. */
export const ActionName = v.pipe(
  v.string(),
  v.maxLength(1_000, `A name is at most ${NAME_LIMIT} characters.`),
  v.check((s) => s.trim().length <= NAME_LIMIT, `A name is at most ${NAME_LIMIT} characters.`),
);
/** A moment (milliseconds since 1970) or a position in a list. */
export const ActionTime = v.pipe(v.number(), v.finite());
export const ActionIndex = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(1_000_000));
/** What a batch did, in words (the undo button's label). */
export const DESCRIPTION_LIMIT = 2_000;
export const ActionDescription = v.pipe(v.string(), v.maxLength(DESCRIPTION_LIMIT));
/** The description of a batch's inverse: "undo …", kept within the bound however often a
 *  change is undone and redone. */
export function undoDescription(description: string): string {
  return `undo ${description}`.slice(0, DESCRIPTION_LIMIT);
}
/** A field's options as the action carries them: any JSON of bounded size. Each field type
 *  checks its own options with its own schema when the action applies (field-setup.ts). */
export const ActionOptions = v.custom<Json>((value) => isBoundedJson(value, { nodes: 20_000, depth: 12 }), "A field's settings are not understood.");

/** The kinds a variant schema of actions accepts, for dispatching by kind. */
export function kindsOf(schema: { options: readonly { entries: { kind: { literal: string } } }[] }): ReadonlySet<string> {
  return new Set(schema.options.map((o) => o.entries.kind.literal));
}

function isBoundedJson(value: unknown, budget: { nodes: number; depth: number }): boolean {
  let nodes = 0;
  const walk = (x: unknown, depth: number): boolean => {
    if (++nodes > budget.nodes || depth > budget.depth) return false;
    if (x === null || typeof x === "boolean" || typeof x === "string") return typeof x !== "string" || x.length <= 100_000;
    if (typeof x === "number") return Number.isFinite(x);
    if (Array.isArray(x)) return x.every((y) => walk(y, depth + 1));
    if (typeof x !== "object") return false;
    return Object.values(x).every((y) => walk(y, depth + 1));
  };
  return walk(value, 0);
}

export function assertNever(value: never): never {
  throw new Error(`unhandled ${JSON.stringify(value)}`);
}

/** Folded names by name, so checking a new name against 300 tables folds one name, not 301
 *  (names are few and short; the map is emptied if it ever grows large). */
const foldedNames = new Map<string, string>();

function foldedName(name: string): string {
  let folded = foldedNames.get(name);
  if (folded === undefined) {
    if (foldedNames.size >= 10_000) foldedNames.clear();
    folded = foldSpaces(name);
    foldedNames.set(name, folded);
  }
  return folded;
}

export function checkName(kind: "table" | "field", name: string, taken: { id: string; name: string }[], exceptId?: string): string | null {
  const trimmed = name.trim();
  if (trimmed === "") return `A ${kind} needs a name.`;
  if (trimmed.length > MAX_NAME_LENGTH) return `A ${kind} name is at most ${MAX_NAME_LENGTH} characters.`;
  const folded = foldSpaces(trimmed);
  const clash = taken.find((t) => t.id !== exceptId && foldedName(t.name) === folded);
  return clash ? `There is already a ${kind} called “${clash.name}”.` : null;
}

export function isJsonObject(value: unknown): value is { [key: string]: Json } {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
