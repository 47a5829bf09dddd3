// Finding records by name, for link fields: a record is named by its first field's text,
// with case, spacing and punctuation folded ("ACME inc." finds "Acme Inc"), or by its id.

import { foldName } from "./text";
import { findTable, liveFields, type Schema } from "./model";
import type { RecordStore } from "./records";

/** A lookup for ParseContext. Each table's names are read once per lookup, so a type change
 *  over many cells reads them once; make a new lookup after records change. */
export function recordLookup(schema: () => Schema, records: RecordStore): (tableId: string, text: string) => string | undefined {
  const names = new Map<string, Map<string, string>>();
  return (tableId, text) => {
    const table = findTable(schema(), tableId);
    const primary = table && liveFields(table)[0];
    if (!table || table.deletedAt !== undefined || !primary) return undefined;
    let index = names.get(tableId);
    if (!index) {
      index = new Map();
      for (const [id, name] of records.fieldTexts(tableId, primary.id)) {
        const key = foldName(name);
        if (key && !index.has(key)) index.set(key, id);
      }
      names.set(tableId, index);
    }
    const found = index.get(foldName(text));
    if (found) return found;
    const byId = records.get(tableId, text.trim());
    return byId && byId.deletedAt === undefined ? byId.id : undefined;
  };
}
