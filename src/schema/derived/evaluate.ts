// The evaluator: a checked tree is compiled once (fields found, literals, constants and
// conditions read, "today" fixed) into a function of one record, run per record. It never
// throws: empty inputs give an empty result, values not understood and anything else that
// cannot be computed give `{ ok: false, reason }`, which is stored as a flagged cell.

import type { Json, ParseContext } from "../fields/field-type";
import { formatCell } from "../fields/registry";
import type { Field } from "../model";
import type { StoredRecord } from "../records";
import { operator } from "../views/operators";
import { withConstants } from "../views/query";
import { wallTime } from "../fields/zone";
import { cannot, dtypeOfField, empty, type Out, readCell, readText } from "./dtypes";
import { check } from "./check";
import type { DType, Expr } from "./expr";
import { operation, runOperation } from "./operations";
import { runRollup } from "./rollups";
import { constantsOf, linksSeveral, linkTarget, liveField, type Scope } from "./scope";

/** What a compiled expression reads besides the record: the live records a link of it
 *  points to, in the link's order. */
export interface Row {
  record: StoredRecord;
  linked(linkId: string, targetTableId: string): readonly StoredRecord[];
}

export type Compiled = { ok: true; type: DType; run(row: Row): Out } | { ok: false; reason: string };

type Run = (row: Row) => Out;

export function compile(expr: Expr, scope: Scope, context: ParseContext): Compiled {
  const checked = check(expr, scope, context);
  if (!checked.ok) return checked;
  try {
    const run = build(expr, scope, context);
    return {
      ok: true,
      type: checked.type,
      run(row) {
        try {
          return run(row);
        } catch (error) {
          return cannot(`could not compute (${String(error)})`);
        }
      },
    };
  } catch (error) {
    return { ok: false, reason: `could not compute (${String(error)})` };
  }
}

const constant = (out: Out): Run => () => out;

export function todayValue(context: ParseContext): Json {
  const w = wallTime(context.now.getTime(), context.timeZone);
  const pad = (n: number, d = 2) => String(n).padStart(d, "0");
  return { start: `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}`, end: null, time: false };
}

function typeOf(expr: Expr, scope: Scope, context: ParseContext): DType {
  const got = check(expr, scope, context);
  if (!got.ok) throw new Error(got.reason);
  return got.type;
}

function build(expr: Expr, scope: Scope, context: ParseContext): Run {
  switch (expr.k) {
    case "field": {
      const field = liveField(scope.table, expr.fieldId)!;
      const dtype = dtypeOfField(field.type)!;
      return (row) => readCell(row.record.cells[field.id], dtype, field.name);
    }
    case "const": {
      const c = constantsOf(scope.schema).find((k) => k.id === expr.constantId)!;
      const out = readText(c.type, c.text, context, context.timeZone);
      return constant(out.ok ? out : cannot(`the constant “${c.name}”: ${out.reason}`));
    }
    case "lit":
      return constant(readText(expr.type, expr.text, context, context.timeZone));
    case "today":
      return constant({ ok: true, value: todayValue(context) });
    case "now":
      return constant({ ok: true, value: { start: `${context.now.toISOString().slice(0, 19)}Z`, end: null, time: true } });
    case "lookup": {
      const got = linkTarget(scope.schema, scope.table, expr.linkId);
      if (typeof got === "string") throw new Error(got);
      const field = liveField(got.target, expr.fieldId)!;
      const dtype = dtypeOfField(field.type)!;
      if (!linksSeveral(got.link)) {
        return (row) => {
          const [first] = row.linked(got.link.id, got.target.id);
          return first ? readCell(first.cells[field.id], dtype, field.name) : empty;
        };
      }
      // A link to several records: every linked record's value, shown as the grid shows it.
      return (row) => {
        const texts: string[] = [];
        for (const r of row.linked(got.link.id, got.target.id)) {
          const out = readCell(r.cells[field.id], dtype, field.name);
          if (!out.ok) return cannot(`a linked record's ${out.reason}`);
          if (out.value !== null) texts.push(shownAs(field, r.cells[field.id]!.text, out.value));
        }
        return texts.length === 0 ? empty : { ok: true, value: texts.join(", ") };
      };
    }
    case "rollup": {
      const got = linkTarget(scope.schema, scope.table, expr.linkId);
      if (typeof got === "string") throw new Error(got);
      const { link, target } = got;
      if (expr.agg === "count") return (row) => ({ ok: true, value: row.linked(link.id, target.id).length });
      const nameField = target.fields.find((f) => f.deletedAt === undefined);
      if (expr.agg === "names") {
        return (row) => {
          const names = row.linked(link.id, target.id).map((r) => (nameField ? (r.cells[nameField.id]?.text ?? "") : "").trim() || "(no name)");
          return names.length === 0 ? empty : { ok: true, value: names.join(", ") };
        };
      }
      const field = liveField(target, expr.fieldId ?? "")!;
      const dtype = dtypeOfField(field.type)!;
      const agg = expr.agg;
      return (row) => {
        const values: Json[] = [];
        for (const r of row.linked(link.id, target.id)) {
          const out = readCell(r.cells[field.id], dtype, field.name);
          if (!out.ok) return cannot(`a linked record's ${out.reason}`);
          if (out.value !== null) values.push(out.value);
        }
        return runRollup(agg, dtype, values, context.timeZone);
      };
    }
    case "op": {
      const op = operation(expr.op)!;
      const args = expr.args.map((a) => build(a, scope, context));
      const types = expr.args.map((a) => typeOf(a, scope, context));
      const param = expr.param;
      const tz = context.timeZone;
      return (row) => {
        const values: Json[] = [];
        for (const arg of args) {
          const out = arg(row);
          if (!out.ok) return out;
          if (out.value === null) return empty;
          values.push(out.value);
        }
        return runOperation(op, values, types, param, tz);
      };
    }
    case "if": {
      const via = expr.via === undefined ? null : linkTarget(scope.schema, scope.table, expr.via);
      if (typeof via === "string") throw new Error(via);
      const field = liveField(via ? via.target : scope.table, expr.cond.fieldId)!;
      const op = operator(expr.cond.op)!;
      const args = withConstants(expr.cond.args, context);
      if (typeof args === "string") throw new Error(args);
      const prepared = op.prepare(args, field, context);
      if (!prepared.ok) throw new Error(prepared.reason);
      const then = build(expr.yes, scope, context);
      const other = expr.no ? build(expr.no, scope, context) : null;
      const holds = (row: Row): boolean | Out => {
        const cells = via ? row.linked(via.link.id, via.target.id).map((r) => r.cells[field.id]) : [row.record.cells[field.id]];
        for (const cell of cells) {
          if (cell?.invalid !== undefined) return cannot(`${via ? "a linked record's " : ""}“${field.name}” is not understood (${cell.invalid})`);
          if (op.test(prepared.value, cell)) return true;
        }
        return false;
      };
      return (row) => {
        const got = holds(row);
        if (typeof got !== "boolean") return got;
        return got ? then(row) : other ? other(row) : empty;
      };
    }
  }
}

/** A linked record's value as its field shows it (the kept text when that fails). */
function shownAs(field: Field, text: string, value: Json): string {
  if (typeof value === "string") return value;
  try {
    return formatCell(field.type, value, field.options);
  } catch {
    return text;
  }
}
