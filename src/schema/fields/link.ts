// Link field: records of another table. The value is the list of linked record ids; typed
// text names records by their first field ("Strings", or "Ann, Bob" when a cell may hold
// several), read through the context's lookup. A name that matches no record is kept and
// flagged like any text a field does not understand. Names are not in the value, so format
// gives ids (which read back through the lookup); screens show the records' names.
import type { FieldType } from "./field-type";
import { order } from "./sort-keys";

export type LinkOptions = { tableId: string; multiple: boolean };

/** The names a link cell's text holds: one, or with `multiple` those between commas,
 *  semicolons and line breaks. */
export function linkNames(text: string, multiple: boolean): string[] {
  return (multiple ? text.split(/[,;\n]/) : [text]).map((p) => p.trim()).filter(Boolean);
}

export const linkType: FieldType<string[], LinkOptions> = {
  name: "link",
  label: "Link to records",
  defaultOptions: () => ({ tableId: "", multiple: false }),
  parse(text, options, context) {
    if (!context.lookup || !options.tableId) return { ok: false, reason: "this field links to no table" };
    const ids: string[] = [];
    for (const part of linkNames(text, options.multiple === true)) {
      const id = context.lookup(options.tableId, part);
      if (!id) return { ok: false, reason: `no record called “${part}”` };
      if (!ids.includes(id)) ids.push(id);
    }
    return ids.length > 0 ? { ok: true, value: ids } : { ok: false, reason: "no record named" };
  },
  format: (value) => value.join(", "),
  compare(a, b) {
    const x = a.join(",");
    const y = b.join(",");
    return order(x, y);
  },
  sortsByText: true,
  sortKey: (value) => value.join(","),
  parts: [],
};
