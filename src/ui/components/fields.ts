// Looking up a field from a callback's argument, for handlers on any screen.

import type { Json } from "../../schema/fields/field-type";
import { type Field, liveFields } from "../../schema/model";
import type { TroveApp } from "../app";

/** A field of a table that is not deleted (ids in callbacks may outlive their field). */
export function liveField(app: TroveApp, tableId: string, fieldId: Json): Field | undefined {
  const table = app.table(tableId);
  return table && liveFields(table).find((f) => f.id === fieldId);
}
