// The shape of a database's structure: its tables and their fields. Held in memory by the
// tenant object (it is small) and changed only through actions (./actions.ts).

import type { Constant, Expr } from "./derived/expr";
import type { Json } from "./fields/field-type";
import type { FieldTypeName } from "./fields/registry";
import type { FormDefinition } from "./forms/form";
import type { ViewDefinition } from "./views/view";

export interface Field {
  id: string;
  name: string;
  type: FieldTypeName;
  options: Json;
  hidden?: boolean;
  /** The column's width in the table's grid (pixels), when someone set one. */
  width?: number;
  /** Set on a derived field: its cells are computed from this expression (./derived/), and
   *  `type`/`options` say how the result is stored and shown. */
  derived?: { expr: Expr };
  /** Set when the field was deleted: its data is kept so the deletion can be undone. */
  deletedAt?: number;
}

export interface Table {
  id: string;
  name: string;
  fields: Field[];
  /** Set when the table was deleted: its records are kept so the deletion can be undone. */
  deletedAt?: number;
}

export interface Schema {
  tables: Table[];
  /** Public forms (./forms/form.ts); absent in databases that never had one. */
  forms?: FormDefinition[];
  /** Saved views of tables (./views/view.ts); absent in databases that never had one. */
  views?: ViewDefinition[];
  /** Named constants ("tax rate" = 8%) derived fields and view filters may use. */
  constants?: Constant[];
}

export const emptySchema = (): Schema => ({ tables: [] });

/** Tables a person sees (not deleted), in their order. */
export function liveTables(schema: Schema): Table[] {
  return schema.tables.filter((t) => t.deletedAt === undefined);
}

export function findTable(schema: Schema, id: string): Table | undefined {
  return schema.tables.find((t) => t.id === id);
}

/** Fields a person sees in a table (not deleted), in order; hidden ones included. */
export function liveFields(table: Table): Field[] {
  return table.fields.filter((f) => f.deletedAt === undefined);
}

export function findField(table: Table, id: string): Field | undefined {
  return table.fields.find((f) => f.id === id);
}
