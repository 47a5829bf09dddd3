// Stored cells upgraded once, on the first wake under code that stores them differently.
// Sort keys: computed by each field type (FieldType.sortKey); when that code changes,
// SORT_KEYS_VERSION goes up and every cell's key is rewritten. Places stored before a
// location value kept its display text (`shown`, src/schema/fields/location.ts) are given it:
// after that, showing a stored place reads no place data, so the first page after a cold
// start does not pay for decoding it. That first wake pays once (it reads the writings back
// against the gazetteer); a database made since is marked done at sign-up and never does.
// Cells are rewritten through the record store, which owns the `records` table.

import { type LocationValue, withShown } from "../schema/fields/location";
import type { Schema } from "../schema/model";
import type { StoredCell } from "../schema/values";
import type { Storage } from "./sql";
import type { SqlRecordStore } from "./sql-records";
import { SORT_KEYS_VERSION } from "./stored-cells";

/** The meta key, and the version of the kept display texts it records. */
export const PLACE_TEXTS = "place_texts";
export const PLACE_TEXTS_VERSION = "1";

export interface CellUpgradesPort {
  readonly schema: Schema;
  readonly records: Pick<SqlRecordStore, "rewriteField">;
  readonly storage: Pick<Storage, "transactionSync">;
  getMeta(key: string): string | undefined;
  setMeta(key: string, value: string): void;
}

/** A cell with a place lacking its display text gets it; any other cell is kept as it is. */
export function withPlaceText(cell: StoredCell): StoredCell {
  const v = cell.value;
  if (cell.invalid !== undefined || v === null || typeof v !== "object" || Array.isArray(v) || typeof v.shown === "string") return cell;
  try {
    return { ...cell, value: withShown(v as LocationValue) };
  } catch {
    return cell;
  }
}

/** Rewrites the cells of every field `wanted` picks through `rewrite`, in one transaction,
 *  unless the meta `key` already records `version`; then records it. */
function rewriteOnce(port: CellUpgradesPort, key: string, version: string, wanted: (type: string) => boolean, rewrite: (cell: StoredCell) => StoredCell): void {
  if (port.getMeta(key) === version) return;
  port.storage.transactionSync(() => {
    for (const table of port.schema.tables) {
      for (const field of table.fields) if (wanted(field.type)) port.records.rewriteField(table.id, field.id, field.type, rewrite);
    }
    port.setMeta(key, version);
  });
}

/** Gives every stored place its display text, once per database. */
export const keepPlaceTexts = (port: CellUpgradesPort): void => rewriteOnce(port, PLACE_TEXTS, PLACE_TEXTS_VERSION, (type) => type === "location", withPlaceText);

/** Rewrites every cell's sort key (the record store computes it as it writes) when
 *  SORT_KEYS_VERSION went up, once per database. */
export const refreshSortKeys = (port: CellUpgradesPort): void => rewriteOnce(port, "sort_keys", SORT_KEYS_VERSION, () => true, (cell) => cell);
