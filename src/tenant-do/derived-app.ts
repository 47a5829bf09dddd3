// The DerivedPort for one member: builder previews, adding and changing derived fields, and
// named constants — each change an action through the tenant (so undo, the change log and
// live updates work), authorised there by the member's role.

import type { Action } from "../schema/actions";
import { constantsUsed, dependencies, derivedFields } from "../schema/derived/deps";
import type { Constant, DType, Expr } from "../schema/derived/expr";
import { planDerived, previewDerived } from "../schema/derived/plan";
import type { Outcome } from "../schema/errors";
import { findField, findTable, liveFields, liveTables, type Schema } from "../schema/model";
import type { Member } from "../schema/members";
import type { DerivedPort } from "../ui/derived-port";
import { randomId } from "../ui/engine/ids";
import type { Tenant } from "./tenant";

/** What this part uses of the engine (./tenant.ts): its port. */
export type DerivedAppPort = Pick<Tenant, "derivedJobs" | "document" | "housekeeping" | "records" | "schema">;

const PREVIEW_ROWS = 5;

export class DerivedApp implements DerivedPort {
  constructor(
    private readonly tenant: DerivedAppPort,
    private readonly member: Member,
    private readonly act: (action: Action) => Outcome,
  ) {}

  schema(): Schema {
    return { tables: liveTables(this.tenant.schema), constants: this.constants() };
  }

  preview(tableId: string, expr: Expr) {
    const table = findTable(this.tenant.schema, tableId);
    if (!table || table.deletedAt !== undefined) return { ok: false as const, reason: "That table no longer exists." };
    const doc = this.tenant.document(this.member);
    const records = this.tenant.records.list(tableId, 0, PREVIEW_ROWS);
    const first = liveFields(table)[0];
    const got = previewDerived(doc, table, expr, records);
    if (!got.ok) return got;
    const names = new Map(records.map((r, i) => [r.id, (first && r.cells[first.id]?.text.trim()) || `Record ${i + 1}`]));
    return { ...got, rows: got.rows.map((row) => ({ ...row, name: names.get(row.recordId) ?? "" })) };
  }

  addField(tableId: string, name: string, expr: Expr): Outcome<{ fieldId: string }> {
    const table = findTable(this.tenant.schema, tableId);
    if (!table || table.deletedAt !== undefined) return { ok: false, reason: "That table no longer exists." };
    const fieldId = randomId(8);
    const plan = planDerived(this.tenant.document(this.member), table, fieldId, name, expr);
    if (!plan.ok) return plan;
    const result = this.act({ kind: "addField", tableId, field: plan.field, index: table.fields.length });
    if (result.ok) this.tenant.housekeeping.scheduleTodayRefresh();
    return result.ok ? { ok: true, fieldId } : result;
  }

  change(tableId: string, fieldId: string, name: string, expr: Expr): Outcome {
    const table = findTable(this.tenant.schema, tableId);
    const field = table && findField(table, fieldId);
    if (!table || !field?.derived || field.deletedAt !== undefined) return { ok: false, reason: "That derived field no longer exists." };
    const plan = planDerived(this.tenant.document(this.member), table, fieldId, name, expr);
    if (!plan.ok) return plan;
    const set: Action = { kind: "setDerived", tableId, fieldId, expr: plan.field.derived!.expr, type: plan.field.type, options: plan.field.options as { [key: string]: string | number } };
    const actions: Action[] = name.trim() === field.name ? [set] : [set, { kind: "renameField", tableId, fieldId, name }];
    const result = this.act(actions.length === 1 ? set : { kind: "batch", tableId, description: `change how “${field.name}” is computed`, actions });
    if (result.ok) this.tenant.housekeeping.scheduleTodayRefresh();
    return result;
  }

  usedBy(tableId: string, fieldId: string): string[] {
    const schema = this.tenant.schema;
    return derivedFields(schema)
      .filter((d) => !(d.table.id === tableId && d.field.id === fieldId) && dependencies(schema, d.table, d.field.derived.expr).some((x) => x.tableId === tableId && x.fieldId === fieldId))
      .map((d) => (d.table.id === tableId ? d.field.name : `${d.table.name}.${d.field.name}`));
  }

  constants(): Constant[] {
    return [...(this.tenant.schema.constants ?? [])];
  }

  constantUsers(constantId: string): string[] {
    return derivedFields(this.tenant.schema)
      .filter((d) => constantsUsed(d.field.derived.expr, this.tenant.schema).has(constantId))
      .map((d) => `${d.table.name}.${d.field.name}`);
  }

  private tablesUsing(constantId: string): string[] {
    return [...new Set(derivedFields(this.tenant.schema).filter((d) => constantsUsed(d.field.derived.expr, this.tenant.schema).has(constantId)).map((d) => d.table.id))];
  }

  setConstant(constantId: string | null, name: string, type: DType, text: string): Outcome<{ constantId: string }> {
    const id = constantId ?? randomId(8);
    const constant = { id, name, type, text };
    if (name.trim() === "") return { ok: false, reason: "A constant needs a name." };
    if (name.length > 80) return { ok: false, reason: "A constant name is at most 80 characters." };
    if (text.length > 200) return { ok: false, reason: "A value is at most 200 characters." };
    const result = this.act({ kind: "setConstant", tableId: "", constantId: id, constant, tables: this.tablesUsing(id) });
    return result.ok ? { ok: true, constantId: id } : result;
  }

  progress(tableId: string) {
    return this.tenant.derivedJobs.progress(tableId);
  }

  pending(tableId: string, recordIds: readonly string[]): Set<string> {
    return this.tenant.derivedJobs.pending(tableId, recordIds);
  }

  deleteConstant(constantId: string): Outcome {
    const users = this.constantUsers(constantId);
    if (users.length > 0) return { ok: false, reason: `It is used by ${users.join(", ")}: change those first.` };
    return this.act({ kind: "setConstant", tableId: "", constantId, constant: null, tables: [] });
  }
}
