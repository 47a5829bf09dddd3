// Bench-only (scenario 12, issue 14): derived fields on the fixture's tables, driven through
// the real action path as the owner. Imported by bench/trove-entry.ts only.
//
// - setup: a constant "Rate" (8 %) and a derived "Tax" = Rate percent of Amount on the
//   table (every record computed); a second, plain table "Plain" of the same rows with no
//   derived fields; "Twice" = Amount × 2 and "Doubled" = Amount + Amount on the table, and a
//   table "Teams" whose link "Members" points at the first records, with "Total" = sum of the
//   members' Amount: so an Amount edit has 3 dependents, one through a link.
// - rate: sets the constant; every Tax recomputed (in the background job's chunks, run to
//   the end here).
// - raw: one UPDATE of the same rows' Tax cells computed in SQL (the baseline).
// - edit: sets one Amount cell, in the table with dependents or in "Plain".

import type { Action } from "../src/schema/actions";
import type { Expr } from "../src/schema/derived/expr";
import type { Tenant } from "../src/tenant-do/tenant";

const AT = 1_750_000_000_000;
const amount: Expr = { k: "field", fieldId: "famount" };

function actor(tenant: Tenant) {
  const owner = tenant.accounts.members().find((m) => m.role === "owner");
  if (!owner) throw new Error("no owner: sign up first");
  return (action: Action) => {
    const result = tenant.applyAction(owner, action);
    if (!result.ok) throw new Error(`${action.kind}: ${result.reason}`);
  };
}

export function derivedSetup(tenant: Tenant, table: string): { tableId: string; records: number } {
  const t = tenant.schema.tables.find((x) => x.name === table && x.deletedAt === undefined);
  if (!t) throw new Error(`no table ${table}`);
  const act = actor(tenant);
  if (t.fields.some((f) => f.id === "ftax")) return { tableId: t.id, records: tenant.records.count(t.id) };
  act({ kind: "setConstant", tableId: "", constantId: "bench-rate", constant: { id: "bench-rate", name: "Rate", type: "percent", text: "8%" }, tables: [] });
  const money = { currency: "USD" };
  act({ kind: "addField", tableId: t.id, field: { id: "ftax", name: "Tax", type: "money", options: money, derived: { expr: { k: "op", op: "percentOf", args: [{ k: "const", constantId: "bench-rate" }, amount] } } }, index: 9 });
  act({ kind: "addField", tableId: t.id, field: { id: "ftwice", name: "Twice", type: "money", options: money, derived: { expr: { k: "op", op: "multiply", args: [amount, { k: "lit", type: "number", text: "2" }] } } }, index: 9 });
  act({ kind: "addField", tableId: t.id, field: { id: "fdoubled", name: "Doubled", type: "money", options: money, derived: { expr: { k: "op", op: "add", args: [amount, amount] } } }, index: 9 });
  act({ kind: "addTable", tableId: "bench-teams", name: "Teams", at: AT });
  act({ kind: "addField", tableId: "bench-teams", field: { id: "tname", name: "Name", type: "text", options: {} }, index: 0 });
  act({ kind: "addField", tableId: "bench-teams", field: { id: "tmembers", name: "Members", type: "link", options: { tableId: t.id, multiple: true } }, index: 1 });
  act({ kind: "addField", tableId: "bench-teams", field: { id: "ttotal", name: "Total", type: "money", options: money, derived: { expr: { k: "rollup", linkId: "tmembers", agg: "sum", fieldId: "famount" } } }, index: 2 });
  const first = tenant.records.list(t.id, 0, 5);
  act({ kind: "addRecord", tableId: "bench-teams", recordId: "team-1", at: AT, cells: { tname: "Team one" } });
  tenant.records.setCells("bench-teams", "team-1", { tmembers: { text: first.map((r) => r.id).join(","), value: first.map((r) => r.id) } }, { tmembers: "link" });
  act({ kind: "setCell", tableId: "bench-teams", recordId: "team-1", fieldId: "tname", text: "Team 1" });
  return { tableId: t.id, records: tenant.records.count(t.id) };
}

/** The constant changed, and every value recomputed: on a big table the action only
 *  starts the background job, so its chunks (what the alarm runs) are run here to the end,
 *  each in its own transaction as the alarm would — the figure is the whole work. */
export function derivedRate(tenant: Tenant, tableId: string, text: string): number {
  actor(tenant)({ kind: "setConstant", tableId: "", constantId: "bench-rate", constant: { id: "bench-rate", name: "Rate", type: "percent", text }, tables: [tableId] });
  while (tenant.derivedJobs.step().more);
  return tenant.records.count(tableId);
}

/** The baseline: one raw UPDATE that does, in SQL, the work the recomputation must do on
 *  the same rows of the same storage: each record's Amount read, Rate percent of it, and
 *  the Tax cell written in the product's cell shape (text, value, sort key `k`; a cell
 *  flagged "cannot compute" where the Amount is not understood), about the same bytes as
 *  Trove writes (the text and key formats differ in detail: SQLite has no money format). */
export function derivedRaw(storage: DurableObjectStorage, tableId: string, rateText: string): number {
  const rate = Number(rateText.replace("%", "")) / 100;
  const tax = "round(json_extract(cells, '$.\"famount\".value.amount') * ?1, 6)";
  storage.sql.exec(
    `UPDATE records SET cells = json_set(cells, '$."ftax"', CASE
       WHEN json_extract(cells, '$."famount".invalid') IS NOT NULL
         THEN json_object('text', '', 'value', NULL, 'invalid', 'cannot compute: “Amount” is not understood (' || json_extract(cells, '$."famount".invalid') || ')')
       ELSE json_object('text', '$' || printf('%,d', CAST(${tax} AS INTEGER)) || '.' || printf('%02d', CAST(round(${tax} * 100) AS INTEGER) % 100),
         'value', json_object('amount', ${tax}, 'currency', 'USD'),
         'k', 'USD' || char(0, 0) || printf('%016x', CAST(${tax} * 1000000 AS INTEGER))) END)
     WHERE table_id = ?2 AND deleted_at IS NULL`,
    rate, tableId,
  );
  return storage.sql.exec<{ n: number }>("SELECT changes() AS n").one().n;
}

export function derivedEdit(tenant: Tenant, tableName: string, text: string): void {
  const t = tenant.schema.tables.find((x) => x.name === tableName && x.deletedAt === undefined);
  if (!t) throw new Error(`no table ${tableName}`);
  const [record] = tenant.records.list(t.id, 0, 1);
  if (!record) throw new Error("no record");
  actor(tenant)({ kind: "setCell", tableId: t.id, recordId: record.id, fieldId: "famount", text });
}
