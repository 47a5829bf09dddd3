// Keeps derived cells true after an action, inside the same transaction: a cell edit
// recomputes only the derived fields that depend on it, on that record and on the records
// linking to it (and so on, transitively); a structure change (a field deleted, restored or
// retyped, a derived field added or changed, a constant changed) recomputes the affected
// derived fields on every record. Results that cannot be computed are stored flagged, with
// the reason, like values not understood.

import type { Document } from "../action-kit";
import type { Schema } from "../model";
import { cellTypes, type RecomputeProgress, type RecomputeRange, type RecordStore, type StoredRecord } from "../records";
import type { StoredCell } from "../values";
import { cellOf, type Out } from "./dtypes";
import { dependencies, type Dependency, type DerivedRef, derivedFields, RECORDS } from "./deps";
import { type Compiled, compile, type Row } from "./evaluate";
import type { DType } from "./expr";

const k = (tableId: string, fieldId: string) => `${tableId}/${fieldId}`;

/** Most record-level steps one change may take (a safety net: loops are refused earlier). */
const MAX_STEPS = 100_000;

export class Recomputer {
  private readonly refs: DerivedRef[];
  private readonly deps = new Map<string, Dependency[]>();
  private readonly compiled = new Map<string, Compiled>();

  constructor(private readonly doc: Document) {
    this.refs = topological(doc.schema, derivedFields(doc.schema));
    for (const ref of this.refs) this.deps.set(k(ref.table.id, ref.field.id), dependencies(doc.schema, ref.table, ref.field.derived.expr));
  }

  get any(): boolean {
    return this.refs.length > 0;
  }

  private compiledOf(ref: DerivedRef): Compiled {
    const key = k(ref.table.id, ref.field.id);
    let got = this.compiled.get(key);
    if (!got) {
      got = compile(ref.field.derived.expr, { schema: this.doc.schema, table: ref.table }, this.doc.context);
      this.compiled.set(key, got);
    }
    return got;
  }

  private row(record: StoredRecord): Row {
    return rowOf(this.doc.records, record);
  }

  /** The cell a derived field holds for a record. */
  cellFor(ref: DerivedRef, record: StoredRecord): StoredCell | null {
    return this.cellMaker(ref)(record);
  }

  /** cellFor for one field, its compiled expression found once (a recomputation of every
   *  record calls it per record). */
  private cellMaker(ref: DerivedRef): (record: StoredRecord) => StoredCell | null {
    const compiled = this.compiledOf(ref);
    const type = ref.field.type as DType;
    const options = ref.field.options;
    let out: Out | undefined;
    if (!compiled.ok) out = { ok: false, reason: compiled.reason };
    else if (compiled.type !== type) out = { ok: false, reason: `it now gives a ${compiled.type}, but the field shows a ${ref.field.type}` };
    if (out) {
      const fixed = out;
      return () => cellOf(fixed, type, options);
    }
    const run = (compiled as Extract<Compiled, { ok: true }>).run;
    return (record) => cellOf(run(this.row(record)), type, options);
  }

  /** Recomputes `ref` on some records; returns those whose cell changed. */
  private recomputeRecords(ref: DerivedRef, recordIds: Iterable<string>): string[] {
    const changed: string[] = [];
    const types = cellTypes(ref.table);
    for (const id of recordIds) {
      const record = this.doc.records.get(ref.table.id, id);
      if (!record || record.deletedAt !== undefined) continue;
      const cell = this.cellFor(ref, record);
      if (sameCell(record.cells[ref.field.id], cell)) continue;
      this.doc.records.setCells(ref.table.id, id, { [ref.field.id]: cell }, types);
      changed.push(id);
    }
    return changed;
  }

  /** After cells of `fieldIds` changed on some records of a table (RECORDS: the records
   *  came or went): their dependents, transitively. */
  cellsChanged(tableId: string, fieldIds: readonly string[], recordIds: readonly string[]): void {
    const queue: { tableId: string; fieldId: string; recordIds: readonly string[] }[] = fieldIds.map((fieldId) => ({ tableId, fieldId, recordIds }));
    let steps = 0;
    while (queue.length > 0 && steps < MAX_STEPS) {
      const change = queue.shift()!;
      for (const ref of this.refs) {
        const targets = new Set<string>();
        for (const dep of this.deps.get(k(ref.table.id, ref.field.id)) ?? []) {
          if (dep.tableId !== change.tableId || dep.fieldId !== change.fieldId) continue;
          if (dep.via === null) for (const id of change.recordIds) targets.add(id);
          else for (const ids of this.doc.records.linkedFrom(ref.table.id, dep.via, change.recordIds).values()) for (const id of ids) targets.add(id);
        }
        if (targets.size === 0) continue;
        steps += targets.size;
        const changed = this.recomputeRecords(ref, targets);
        if (changed.length > 0) queue.push({ tableId: ref.table.id, fieldId: ref.field.id, recordIds: changed });
      }
    }
  }

  /** A record came (added or restored): every derived field of its table, then whatever
   *  depends on it through links. */
  recordArrived(tableId: string, recordId: string): void {
    const own = this.refs.filter((r) => r.table.id === tableId);
    const changed = own.filter((ref) => this.recomputeRecords(ref, [recordId]).length > 0).map((r) => r.field.id);
    this.cellsChanged(tableId, [RECORDS, ...changed], [recordId]);
  }

  /** Recomputes, on every record, the derived fields in `seeds` and those that depend on
   *  `keys` ("table/field") or on them, in dependency order. */
  recomputeAll(seeds: ReadonlySet<string>, keys: ReadonlySet<string>): void {
    const affected = new Set<string>(seeds);
    let grew = true;
    while (grew) {
      grew = false;
      for (const ref of this.refs) {
        const key = k(ref.table.id, ref.field.id);
        if (affected.has(key)) continue;
        const deps = this.deps.get(key) ?? [];
        if (deps.some((d) => keys.has(k(d.tableId, d.fieldId)) || affected.has(k(d.tableId, d.fieldId)))) {
          affected.add(key);
          grew = true;
        }
      }
    }
    const refs = this.refs.filter((ref) => affected.has(k(ref.table.id, ref.field.id)));
    const background = this.doc.background;
    if (background) {
      const counts = this.doc.records.counts();
      const records = [...new Set(refs.map((r) => r.table.id))].reduce((n, t) => n + (counts.get(t) ?? 0), 0);
      if (records >= background.from) {
        background.defer(refs.map((r) => k(r.table.id, r.field.id)));
        return;
      }
    }
    for (const ref of refs) this.recomputeRange(ref);
  }

  /** Recomputes a derived field on the live records of its table (those in `range`). */
  recomputeRange(ref: DerivedRef, range?: RecomputeRange): RecomputeProgress {
    const key = k(ref.table.id, ref.field.id);
    // The record's own cells the expression reads (fields, links followed, conditions).
    const reads = (this.deps.get(key) ?? []).flatMap((d) => (d.via === null && d.tableId === ref.table.id && d.fieldId !== RECORDS ? [d.fieldId] : []));
    const make = this.cellMaker(ref);
    const fieldId = ref.field.id;
    return this.doc.records.recomputeField(
      ref.table.id,
      ref.field.id,
      cellTypes(ref.table),
      (record) => {
        const cell = make(record);
        return sameCell(record.cells[fieldId], cell) ? undefined : cell;
      },
      range,
      reads,
    );
  }

  /** Live derived fields, each after those it reads. */
  ordered(): readonly DerivedRef[] {
    return this.refs;
  }

  refsUsing(predicate: (ref: DerivedRef) => boolean): string[] {
    return this.refs.filter(predicate).map((r) => k(r.table.id, r.field.id));
  }
}

/** A record with its links followed through the store (live records only). */
export function rowOf(records: RecordStore, record: StoredRecord): Row {
  return {
    record,
    linked(linkId, targetTableId) {
      const ids = record.cells[linkId]?.value;
      if (!Array.isArray(ids)) return [];
      return ids.flatMap((id) => {
        const r = typeof id === "string" ? records.get(targetTableId, id) : undefined;
        return r && r.deletedAt === undefined ? [r] : [];
      });
    },
  };
}

export function sameCell(a: StoredCell | undefined, b: StoredCell | null): boolean {
  if (!a || !b) return !a && !b;
  return a.text === b.text && a.invalid === b.invalid && JSON.stringify(a.value) === JSON.stringify(b.value);
}

/** Derived fields ordered so each comes after the derived fields it reads. */
function topological(schema: Schema, refs: DerivedRef[]): DerivedRef[] {
  const byKey = new Map(refs.map((r) => [k(r.table.id, r.field.id), r]));
  const out: DerivedRef[] = [];
  const state = new Map<string, "visiting" | "done">();
  const visit = (key: string) => {
    if (state.has(key)) return;
    state.set(key, "visiting");
    const ref = byKey.get(key)!;
    for (const d of dependencies(schema, ref.table, ref.field.derived.expr)) if (byKey.has(k(d.tableId, d.fieldId))) visit(k(d.tableId, d.fieldId));
    state.set(key, "done");
    out.push(ref);
  };
  for (const key of byKey.keys()) visit(key);
  return out;
}
