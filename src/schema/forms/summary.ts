// The short summary a person sees after sending a form: each of the form's read-only summary
// lines with the value computed for the record just added ("Total: $30.00"). A value that
// cannot be computed is "not available", never an error; a line whose field was deleted is
// left out.

import { withMark, type DecimalMark } from "../fields/decimal";
import { formatCell } from "../fields/registry";
import type { Cells } from "../records";
import type { Field, Table } from "../model";
import type { StoredCell } from "../values";
import type { FormDefinition } from "./form";

export interface SummaryValue {
  key: string;
  label: string;
  /** The value as shown; "" when empty; null when it cannot be computed. */
  value: string | null;
}

/** A computed cell as a person reads it: formatted by its type, with the database's
 *  decimal mark; null when it could not be computed. */
export function summaryText(field: Field, cell: StoredCell | undefined, mark: DecimalMark): string | null {
  if (!cell) return "";
  if (cell.invalid !== undefined) return null;
  if (cell.value === null || field.type === "link" || field.type === "user") return cell.text;
  try {
    const shown = formatCell(field.type, cell.value, field.options);
    const numeric = field.type === "number" || field.type === "percent" || field.type === "money";
    return numeric ? withMark(shown, mark) : shown;
  } catch {
    return null;
  }
}

/** The summary of one record (its cells as stored, computed values included). */
export function formSummary(form: FormDefinition, table: Table, cells: Cells, mark: DecimalMark): SummaryValue[] {
  return (form.summary ?? []).flatMap((line) => {
    const field = table.fields.find((f) => f.id === line.fieldId);
    if (!field || field.deletedAt !== undefined) return [];
    return [{ key: line.key, label: line.label, value: summaryText(field, cells[field.id], mark) }];
  });
}
