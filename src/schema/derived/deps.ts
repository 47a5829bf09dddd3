// What each derived field depends on, and the loops a new expression would make. A
// dependency is a field of some table, reached directly (the same record) or through a link
// of the derived field's table (the records linked to); `RECORDS` stands for a table's set
// of records (a rollup's count changes when a linked record is deleted).

import type { LinkOptions } from "../fields/link";
import { type Field, findTable, liveFields, type Schema, type Table } from "../model";
import { foldSpaces } from "../text";
import { type Expr, nodes } from "./expr";

export const RECORDS = "*";

export interface Dependency {
  tableId: string;
  fieldId: string;
  /** The link of the derived field's table it is reached through; null: the same record. */
  via: string | null;
}

export interface DerivedRef {
  table: Table;
  field: Field & { derived: { expr: Expr } };
}

/** Each table's derived fields, kept per table object: a table is never changed in place (an
 *  action builds a new one), so a structure change re-reads only the tables it rebuilt, not
 *  every field of the schema (300 tables × 30 fields on every "Create table"). */
const derivedOfTable = new WeakMap<Table, DerivedRef[]>();

function tableDerived(table: Table): DerivedRef[] {
  let refs = derivedOfTable.get(table);
  if (!refs) {
    refs = liveFields(table).flatMap((field) => (field.derived ? [{ table, field: field as DerivedRef["field"] }] : []));
    derivedOfTable.set(table, refs);
  }
  return refs;
}

export function derivedFields(schema: Schema): DerivedRef[] {
  const out: DerivedRef[] = [];
  for (const table of schema.tables) if (table.deletedAt === undefined) out.push(...tableDerived(table));
  return out;
}

function targetOf(table: Table, linkId: string): string | null {
  const link = table.fields.find((f) => f.id === linkId);
  return link?.type === "link" ? ((link.options as LinkOptions | null)?.tableId ?? null) : null;
}

export function dependencies(schema: Schema, table: Table, expr: Expr): Dependency[] {
  const out: Dependency[] = [];
  for (const node of nodes(expr)) {
    if (node.k === "field") out.push({ tableId: table.id, fieldId: node.fieldId, via: null });
    if (node.k === "if" && node.via === undefined) out.push({ tableId: table.id, fieldId: node.cond.fieldId, via: null });
    if (node.k === "if" && node.via !== undefined) {
      out.push({ tableId: table.id, fieldId: node.via, via: null });
      const target = targetOf(table, node.via);
      if (target !== null) out.push({ tableId: target, fieldId: RECORDS, via: node.via }, { tableId: target, fieldId: node.cond.fieldId, via: node.via });
    }
    if (node.k === "lookup" || node.k === "rollup") {
      out.push({ tableId: table.id, fieldId: node.linkId, via: null });
      const target = targetOf(table, node.linkId);
      if (target === null) continue;
      out.push({ tableId: target, fieldId: RECORDS, via: node.linkId });
      if (node.k === "lookup" || node.fieldId !== null) out.push({ tableId: target, fieldId: node.k === "lookup" ? node.fieldId : node.fieldId!, via: node.linkId });
      if (node.k === "rollup" && node.agg === "names") {
        const first = findTable(schema, target)?.fields.find((f) => f.deletedAt === undefined);
        if (first) out.push({ tableId: target, fieldId: first.id, via: node.linkId });
      }
    }
  }
  return out;
}

/** Ids of the constants a tree reads: as operands, and named in a condition's values
 *  ("{Cutoff}", read by `withConstants`). */
export function constantsUsed(expr: Expr, schema: Schema): Set<string> {
  const out = new Set<string>();
  for (const node of nodes(expr)) {
    if (node.k === "const") out.add(node.constantId);
    if (node.k !== "if") continue;
    for (const arg of node.cond.args) {
      const named = /^\s*\{(.+)\}\s*$/.exec(arg)?.[1];
      const found = named && schema.constants?.find((c) => foldSpaces(c.name) === foldSpaces(named));
      if (found) out.add(found.id);
    }
  }
  return out;
}

export function usesToday(expr: Expr): boolean {
  for (const node of nodes(expr)) if (node.k === "today" || node.k === "now") return true;
  return false;
}

/** Whether a tree reads the time now (refreshed hourly, not only daily). */
export function usesNow(expr: Expr): boolean {
  for (const node of nodes(expr)) if (node.k === "now") return true;
  return false;
}

const key = (tableId: string, fieldId: string) => `${tableId}/${fieldId}`;

/** The loop `expr` (as field `fieldId` of `table`) would close, as names ("Total → Tax →
 *  Total"), or null. */
export function findLoop(schema: Schema, table: Table, fieldId: string, expr: Expr): string | null {
  const byKey = new Map(derivedFields(schema).map((d) => [key(d.table.id, d.field.id), d]));
  const name = (k: string) => {
    const [tableId, id] = k.split("/") as [string, string];
    const t = findTable(schema, tableId);
    const f = t?.fields.find((x) => x.id === id);
    return t && t.id !== table.id ? `${t.name}.${f?.name ?? "?"}` : (f?.name ?? "?");
  };
  const start = key(table.id, fieldId);
  const edges = (k: string): string[] => {
    if (k === start) return dependencies(schema, table, expr).map((d) => key(d.tableId, d.fieldId));
    const d = byKey.get(k);
    return d ? dependencies(schema, d.table, d.field.derived.expr).map((x) => key(x.tableId, x.fieldId)) : [];
  };
  const path: string[] = [];
  const seen = new Set<string>();
  const walk = (k: string): string[] | null => {
    if (k === start && path.length > 0) return [...path, k];
    if (seen.has(k)) return null;
    seen.add(k);
    path.push(k);
    for (const next of edges(k)) {
      const loop = walk(next);
      if (loop) return loop;
    }
    path.pop();
    return null;
  };
  const loop = walk(start);
  return loop ? loop.map(name).join(" → ") : null;
}
