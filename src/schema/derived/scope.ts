// What an expression can see: its table, the tables its links reach, the database's named
// constants. The checker and the builder read fields through here, so both agree on what
// an operand is.

import type { LinkOptions } from "../fields/link";
import { type Field, findTable, liveFields, type Schema, type Table } from "../model";
import { dtypeOfField } from "./dtypes";
import type { Constant, DType } from "./expr";

export interface Scope {
  schema: Schema;
  table: Table;
}

export function constantsOf(schema: Schema): readonly Constant[] {
  return schema.constants ?? [];
}

export function liveField(table: Table, fieldId: string): Field | undefined {
  return liveFields(table).find((f) => f.id === fieldId);
}

/** Fields of `table` an expression may read directly, with their kind. */
export function operandFields(table: Table): { field: Field; dtype: DType }[] {
  return liveFields(table).flatMap((field) => {
    const dtype = dtypeOfField(field.type);
    return dtype ? [{ field, dtype }] : [];
  });
}

/** A live link field of `table` and the live table it points to. */
export function linkTarget(schema: Schema, table: Table, linkId: string): { link: Field; target: Table } | string {
  const link = liveField(table, linkId);
  if (!link) return "a link field was deleted";
  if (link.type !== "link") return `“${link.name}” is no longer a link`;
  const target = findTable(schema, (link.options as LinkOptions | null)?.tableId ?? "");
  if (!target || target.deletedAt !== undefined) return `the table “${link.name}” links to was deleted`;
  return { link, target };
}

export function linkFields(schema: Schema, table: Table): { link: Field; target: Table }[] {
  return liveFields(table).flatMap((f) => {
    if (f.type !== "link") return [];
    const got = linkTarget(schema, table, f.id);
    return typeof got === "string" ? [] : [got];
  });
}

/** What a lookup gives: through a link to one record, the field's own kind; through a link
 *  to several, every linked record's value as a list (text, joined by commas; a rollup is
 *  how numbers and money are added up). */
export function lookupType(link: Field, dtype: DType): DType {
  return linksSeveral(link) ? "text" : dtype;
}

/** Whether a link field holds several records: a lookup through it is every linked value. */
export function linksSeveral(link: Field): boolean {
  return (link.options as LinkOptions | null)?.multiple === true;
}
