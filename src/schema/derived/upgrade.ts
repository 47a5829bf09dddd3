// Derived fields stored by older code, brought to what the builder saves today, so a
// definition saved before a change of meaning keeps working without being saved again.
// Run once per database on wake (the object keeps DERIVED_UPGRADE_VERSION in its meta), and
// on every setDerived (an undo may bring back an older definition from the change log).
//
// 1. A lookup through a link to several records gives every linked value, as text. Before,
//    it gave the first linked record's value in the field's own kind, so a lookup of money
//    was stored as a money field, and now "cannot compute: it gives a text". Such a field is
//    stored as text, as the builder saves it.

import { fieldType } from "../fields/registry";
import type { Field, Schema, Table } from "../model";
import type { DType, Expr } from "./expr";
import { linksSeveral, linkTarget } from "./scope";

/** Raise when a new step is added: databases below it run upgradeDerived once more. */
export const DERIVED_UPGRADE_VERSION = "1";

type Options = { [key: string]: string | number };

/** The type and options a derived field with this expression is stored with today, or null
 *  when `type` is still right. */
export function upgradedType(schema: Schema, table: Table, expr: Expr, type: string): { type: DType; options: Options } | null {
  if (expr.k !== "lookup" || type === "text") return null;
  const got = linkTarget(schema, table, expr.linkId);
  if (typeof got === "string" || !linksSeveral(got.link)) return null;
  return { type: "text", options: fieldType("text").defaultOptions() as Options };
}

/** The schema with every stored derived field upgraded (deleted ones too, so restoring one
 *  works), and "table/field" of the live ones whose cells must be recomputed. Tables with
 *  nothing to upgrade are the same objects (so only changed tables are written). */
export function upgradeDerived(schema: Schema): { schema: Schema; keys: string[] } {
  const keys: string[] = [];
  let changed = false;
  const tables = schema.tables.map((table) => {
    let mine = false;
    const fields = table.fields.map((field): Field => {
      if (!field.derived) return field;
      const next = upgradedType(schema, table, field.derived.expr, field.type);
      if (!next) return field;
      mine = true;
      if (field.deletedAt === undefined && table.deletedAt === undefined) keys.push(`${table.id}/${field.id}`);
      return { ...field, type: next.type, options: next.options };
    });
    if (!mine) return table;
    changed = true;
    return { ...table, fields };
  });
  return changed ? { schema: { ...schema, tables }, keys } : { schema, keys };
}
