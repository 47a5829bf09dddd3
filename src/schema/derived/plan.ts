// From a builder's tree to a field: the type its result is stored as, with options (money
// in the currency its operands use, dates in the database's zone), and a preview of the
// result on a few records — computed, never stored — so a person sees what they build.

import type { Document } from "../action-kit";
import type { Json } from "../fields/field-type";
import type { NewField } from "../field-actions";
import type { MoneyValue } from "../fields/money";
import type { Table } from "../model";
import type { StoredRecord } from "../records";
import { check } from "./check";
import { cellOf, readText, resultOptions } from "./dtypes";
import { compile } from "./evaluate";
import { type DType, type Expr, nodes, parseExpr } from "./expr";
import { rowOf } from "./recompute";
import { constantsOf, linkTarget, liveField } from "./scope";

/** The currency a tree's money comes in: its first money operand's, else US dollars. */
export function currencyOf(doc: Pick<Document, "schema" | "context">, table: Table, expr: Expr): string {
  const currencyOfField = (t: Table, id: string) => {
    const f = liveField(t, id);
    return f?.type === "money" ? ((f.options as { currency?: string } | null)?.currency ?? null) : null;
  };
  for (const node of nodes(expr)) {
    let found: string | null = null;
    if (node.k === "field") found = currencyOfField(table, node.fieldId);
    if ((node.k === "lookup" || node.k === "rollup") && node.fieldId) {
      const got = linkTarget(doc.schema, table, node.linkId);
      if (typeof got !== "string") found = currencyOfField(got.target, node.fieldId);
    }
    const typed = node.k === "lit" && node.type === "money" ? node.text : node.k === "const" ? constantsOf(doc.schema).find((c) => c.id === node.constantId && c.type === "money")?.text : undefined;
    if (typed !== undefined) {
      const read = readText("money", typed, doc.context, doc.context.timeZone);
      if (read.ok && read.value !== null) found = (read.value as MoneyValue).currency;
    }
    if (found) return found;
  }
  return "USD";
}

/** The field a named tree makes, or why it cannot be saved. */
export function planDerived(doc: Pick<Document, "schema" | "context">, table: Table, id: string, name: string, input: unknown): { ok: true; field: NewField & { type: DType } } | { ok: false; reason: string } {
  const parsed = parseExpr(input);
  if (!parsed.ok) return parsed;
  const checked = check(parsed.expr, { schema: doc.schema, table }, doc.context);
  if (!checked.ok) return { ok: false, reason: `This cannot be computed: ${checked.reason}.` };
  const options = resultOptions(checked.type, currencyOf(doc, table, parsed.expr), doc.context.timeZone);
  return { ok: true, field: { id, name, type: checked.type, options, derived: { expr: parsed.expr } } };
}

export interface PreviewRow {
  recordId: string;
  text: string;
  /** Why it cannot be computed (the text may still show amounts kept per currency). */
  flagged?: string;
}

/** The result on some records, as the grid would show it. */
export function previewDerived(doc: Document, table: Table, expr: Expr, records: readonly StoredRecord[]): { ok: true; type: DType; rows: PreviewRow[] } | { ok: false; reason: string } {
  const compiled = compile(expr, { schema: doc.schema, table }, doc.context);
  if (!compiled.ok) return compiled;
  const options: Json = resultOptions(compiled.type, currencyOf(doc, table, expr), doc.context.timeZone);
  const rows = records.map((record) => {
    const cell = cellOf(compiled.run(rowOf(doc.records, record)), compiled.type, options);
    return cell?.invalid !== undefined ? { recordId: record.id, text: cell.text, flagged: cell.invalid } : { recordId: record.id, text: cell?.text ?? "" };
  });
  return { ok: true, type: compiled.type, rows };
}
