// How field types and derived values meet: which field types an expression reads as which
// kind of value (DType), how a cell is read, and how a result is written back as a cell of
// the field type it is stored as (so views, sorts, parts and export treat it as any value).

import type { Json, ParseContext } from "../fields/field-type";
import { type FieldTypeName, fieldType, formatCell, parseCell } from "../fields/registry";
import type { StoredCell } from "../values";
import type { DType } from "./expr";

/** A field's value as an expression sees it; link, user and multiple choice are reached
 *  through lookups and rollups instead. */
export function dtypeOfField(type: FieldTypeName): DType | null {
  switch (type) {
    case "number":
    case "percent":
    case "money":
    case "duration":
    case "date":
    case "checkbox":
    case "location":
      return type;
    case "text":
    case "longText":
    case "email":
    case "url":
    case "phone":
    case "choice":
      return "text";
    default:
      return null;
  }
}

export const DTYPE_LABELS: Record<DType, string> = {
  number: "number",
  percent: "percent",
  money: "money",
  duration: "duration",
  date: "date",
  text: "text",
  checkbox: "yes/no",
  location: "place",
};

/** A result of evaluation: a value, empty (null), or why it cannot be computed (with the
 *  text shown instead, e.g. amounts kept per currency). */
export type Out = { ok: true; value: Json | null } | { ok: false; reason: string; text?: string };

export const empty: Out = { ok: true, value: null };
export const cannot = (reason: string, text?: string): Out => (text === undefined ? { ok: false, reason } : { ok: false, reason, text });

/** A cell read as a value of `dtype`: text kinds read the kept text, others the parsed
 *  value; a value not understood cannot be computed with. */
export function readCell(cell: StoredCell | undefined, dtype: DType, name: string): Out {
  if (!cell) return empty;
  if (cell.invalid !== undefined) return cannot(`“${name}” is not understood (${cell.invalid})`);
  if (cell.value === null) return empty;
  if (dtype === "text") return { ok: true, value: typeof cell.value === "string" ? cell.value : cell.text };
  return { ok: true, value: cell.value };
}

/** Default options for a result stored as `dtype` (money in `currency`). */
export function resultOptions(dtype: DType, currency: string, timeZone: string): Json {
  if (dtype === "money") return { currency };
  if (dtype === "date") return { timeZone };
  if (dtype === "number" || dtype === "percent") return { decimals: 0 };
  return fieldType(dtype).defaultOptions();
}

/** Display text of a value of `dtype`, with default options (dates in `timeZone`). */
export function formatValue(dtype: DType, value: Json, timeZone: string): string {
  if (dtype === "text") return String(value);
  const options = dtype === "money" ? { currency: (value as { currency?: string }).currency ?? "USD" } : resultOptions(dtype, "USD", timeZone);
  try {
    return formatCell(dtype, value, options);
  } catch {
    return "";
  }
}

/** A typed text (a literal or a constant) read as `dtype`. */
export function readText(dtype: DType, text: string, context: ParseContext, timeZone: string): Out {
  if (text.trim() === "") return empty;
  if (dtype === "text") return { ok: true, value: text };
  const parsed = parseCell(dtype, text, resultOptions(dtype, "USD", timeZone), context);
  return parsed.ok ? { ok: true, value: parsed.value } : cannot(`“${text}” is ${parsed.reason}`);
}

/** The cell a result is stored as in a field of `dtype` with `options`. */
export function cellOf(out: Out, dtype: DType, options: Json): StoredCell | null {
  if (!out.ok) return { text: out.text ?? "", value: null, invalid: `cannot compute: ${out.reason}` };
  if (out.value === null) return null;
  try {
    const text = dtype === "text" ? String(out.value) : formatCell(dtype, out.value, options);
    return { text, value: out.value };
  } catch {
    return { text: "", value: null, invalid: "cannot compute: the result could not be shown" };
  }
}
