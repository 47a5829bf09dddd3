// A stored cell: the text a person typed (or imported) beside the value it parsed to. Text
// that does not parse keeps `value: null` and says why in `invalid`; nothing is dropped.
import type { Json, ParseContext } from "./fields/field-type";
import { type FieldTypeName, parseCell } from "./fields/registry";

export type StoredCell = { text: string; value: Json | null; invalid?: string };


/** Blank text is an empty cell; other text is parsed by the field's type. */
export function parseCellText(
  type: FieldTypeName,
  text: string,
  options: Json,
  context: ParseContext,
): StoredCell {
  if (text.trim() === "") return { text, value: null };
  const parsed = parseCell(type, text, options, context);
  return parsed.ok ? { text, value: parsed.value } : { text, value: null, invalid: parsed.reason };
}
