// What the derived-field builder and the constants page may ask of a database (part of
// TroveApp, as `app.derived`). Every call is authorised by the member's role in the object.

import type { Constant, DType, Expr } from "../schema/derived/expr";
import type { PreviewRow } from "../schema/derived/plan";
import type { Outcome } from "../schema/errors";
import type { Schema } from "../schema/model";

export interface DerivedPort {
  /** Live tables and the constants: what the builder's offers read. */
  schema(): Schema;
  /** The result on the first few records of a table, computed and not stored. */
  preview(tableId: string, expr: Expr): { ok: true; type: DType; rows: (PreviewRow & { name: string })[] } | { ok: false; reason: string };
  /** Adds a derived field at the end of the table (builders). */
  addField(tableId: string, name: string, expr: Expr): Outcome<{ fieldId: string }>;
  /** Changes how a derived field is computed (and renames it when `name` differs). */
  change(tableId: string, fieldId: string, name: string, expr: Expr): Outcome;
  /** Names of the derived fields that read a field ("Orders.Total" for other tables). */
  usedBy(tableId: string, fieldId: string): string[];
  constants(): Constant[];
  /** Adds (constantId null) or changes a named constant; what uses it is recomputed. */
  setConstant(constantId: string | null, name: string, type: DType, text: string): Outcome<{ constantId: string }>;
  deleteConstant(constantId: string): Outcome;
  /** Names of the derived fields that use a constant. */
  constantUsers(constantId: string): string[];
  /** A recomputation of many records running in the background for a table: how far it
   *  is (0–99) and which fields wait; null when none runs. */
  progress(tableId: string): { percent: number; fieldIds: string[] } | null;
  /** Of these records of a table, "record/field" for each cell not recomputed yet. */
  pending(tableId: string, recordIds: readonly string[]): Set<string>;
}
