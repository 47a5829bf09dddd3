// Pasting a block (a spreadsheet's clipboard: rows of cells) into a table's grid, pure: the
// request the browser sends (checked by a valibot schema, bounded), and the plan — which
// cells of which records get which text, which records are added below — as ONE
// `recordBatch` action, so a single Undo takes the whole paste back. Each cell's text is
// parsed by its field's type when the action applies, exactly as if it had been typed.

import * as v from "valibot";
import { findField, type Field, type Table } from "./model";
import type { OneRecordAction, RecordBatchAction } from "./record-actions";
import type { StoredRecord } from "./records";
import type { StoredCell } from "./values";
import { grouped } from "./text";

/** What one paste may hold. The socket frame (256 KB) bounds the characters anyway; past
 *  these the grid says so and offers the importer. */
export const PASTE_LIMITS = { cells: 5000, characters: 200_000, columns: 200 } as const;

const Id = v.pipe(v.string(), v.regex(/^[\w-]{1,64}$/));
const Text = v.pipe(v.string(), v.maxLength(PASTE_LIMITS.characters));

/** Browser → object. `fieldIds`: the columns from the pasted-at cell rightwards, as shown;
 *  `recordIds`: the records from it downwards, as shown (rows past them are new records);
 *  `bases`: what each of those records' target cells showed when pasted over (null: not
 *  known), so a cell someone else changed meanwhile is never overwritten silently. */
export const PasteRequestSchema = v.pipe(
  v.object({
    fieldIds: v.pipe(v.array(Id), v.minLength(1), v.maxLength(PASTE_LIMITS.columns)),
    recordIds: v.pipe(v.array(Id), v.maxLength(PASTE_LIMITS.cells)),
    rows: v.pipe(v.array(v.pipe(v.array(Text), v.maxLength(PASTE_LIMITS.columns))), v.minLength(1), v.maxLength(PASTE_LIMITS.cells)),
    bases: v.optional(v.pipe(v.array(v.array(v.nullable(Text))), v.maxLength(PASTE_LIMITS.cells))),
  }),
  v.check((p) => p.rows.reduce((n, row) => n + row.length, 0) <= PASTE_LIMITS.cells, `A paste is at most ${grouped(PASTE_LIMITS.cells)} cells.`),
  v.check((p) => p.rows.reduce((n, row) => n + row.reduce((m, t) => m + t.length, 0), 0) <= PASTE_LIMITS.characters, `A paste is at most ${grouped(PASTE_LIMITS.characters)} characters.`),
);

export type PasteRequest = v.InferOutput<typeof PasteRequestSchema>;

/** Reads the browser's JSON; a reason a person can act on when it is not a paste. */
export function parsePasteRequest(json: string): { ok: true; request: PasteRequest } | { ok: false; reason: string } {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return { ok: false, reason: "That paste could not be read." };
  }
  const parsed = v.safeParse(PasteRequestSchema, value);
  if (parsed.success) return { ok: true, request: parsed.output };
  const bound = parsed.issues.find((i) => i.type === "check");
  return { ok: false, reason: bound ? bound.message : "That paste could not be read." };
}

/** What the plan needs of the database: records as they are now and how a cell is shown. */
export interface PasteSource {
  record(recordId: string): StoredRecord | undefined;
  shown(field: Field, cell: StoredCell | undefined): string;
  newId(): string;
  now: number;
}

export interface PastePlan {
  /** Null when the paste changes nothing (every cell already held its text). */
  action: RecordBatchAction | null;
  /** Cells whose text changes, in existing records and new ones. */
  cells: number;
  /** The records added below, in order. */
  added: string[];
  /** Pasted columns past the last field (nothing to put them in): said, never silent. */
  spareColumns: number;
  /** Pasted cells that fell on computed fields and were left as computed: said too. */
  computedCells: number;
}

export type PasteOutcome = { ok: true; plan: PastePlan } | { ok: false; reason: string };

export function planPaste(table: Table, request: PasteRequest, source: PasteSource): PasteOutcome {
  const fields: Field[] = [];
  for (const id of request.fieldIds) {
    const field = findField(table, id);
    if (!field || field.deletedAt !== undefined) return { ok: false, reason: "A field you pasted into no longer exists. Nothing was pasted." };
    fields.push(field);
  }
  const widest = request.rows.reduce((n, row) => Math.max(n, row.length), 0);
  const actions: OneRecordAction[] = [];
  const added: string[] = [];
  let cells = 0;
  let conflicts = 0;
  let computedCells = 0;
  // A computed field keeps its computed value: the text pasted onto it is counted, not typed.
  const typed = (field: Field, text: string | undefined): text is string => {
    if (text === undefined) return false;
    if (field.derived && text.trim() !== "") computedCells++;
    return !field.derived;
  };
  request.rows.forEach((row, r) => {
    const recordId = request.recordIds[r];
    if (recordId === undefined) {
      const texts = new Map<string, string>();
      fields.forEach((field, c) => {
        const text = row[c];
        if (typed(field, text) && text.trim() !== "") texts.set(field.id, text);
      });
      const id = source.newId();
      added.push(id);
      cells += texts.size;
      actions.push({ kind: "addRecord", tableId: table.id, recordId: id, at: source.now, cells: Object.fromEntries(texts) });
      return;
    }
    const record = source.record(recordId);
    if (!record || record.deletedAt !== undefined) {
      conflicts++;
      return;
    }
    fields.forEach((field, c) => {
      const text = row[c];
      if (!typed(field, text)) return;
      const shown = source.shown(field, record.cells[field.id]);
      if (text === shown || (text.trim() === "" && record.cells[field.id] === undefined)) return;
      const base = request.bases?.[r]?.[c];
      if (base !== undefined && base !== null && base !== shown) {
        conflicts++;
        return;
      }
      cells++;
      actions.push({ kind: "setCell", tableId: table.id, recordId, fieldId: field.id, text });
    });
  });
  if (conflicts > 0) {
    return {
      ok: false,
      reason: `${conflicts === 1 ? "A cell you pasted over was" : `${grouped(conflicts)} cells you pasted over were`} changed by someone else meanwhile. Nothing was pasted: the grid now shows their values; paste again to replace them.`,
    };
  }
  const description = `paste ${grouped(cells)} ${cells === 1 ? "cell" : "cells"} into “${table.name}”`;
  return {
    ok: true,
    plan: { action: actions.length === 0 ? null : { kind: "recordBatch", tableId: table.id, description, actions }, cells, added, spareColumns: Math.max(0, widest - fields.length), computedCells },
  };
}
