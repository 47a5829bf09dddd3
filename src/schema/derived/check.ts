// The type checker: the kind of value an expression gives in a table, or why it does not
// fit. A derived field can be saved only when its tree checks, and the builder (./offers.ts)
// offers only what checks, so a saved derived field always computes (empty and
// not-understood inputs aside, which the evaluator flags per record).

import type { ParseContext } from "../fields/field-type";
import { fieldType } from "../fields/registry";
import { operator } from "../views/operators";
import { withConstants } from "../views/query";
import { dtypeOfField, readText } from "./dtypes";
import type { DType, Expr } from "./expr";
import { operation, readDecimals } from "./operations";
import { rollupResult } from "./rollups";
import { constantsOf, linkTarget, liveField, lookupType, type Scope } from "./scope";

export type Checked = { ok: true; type: DType } | { ok: false; reason: string };

const no = (reason: string): Checked => ({ ok: false, reason });

export function check(expr: Expr, scope: Scope, context: ParseContext): Checked {
  switch (expr.k) {
    case "field": {
      const field = liveField(scope.table, expr.fieldId);
      if (!field) return no("a field it uses was deleted");
      const type = dtypeOfField(field.type);
      return type ? { ok: true, type } : no(`“${field.name}” (${fieldType(field.type).label.toLowerCase()}) cannot be computed with`);
    }
    case "const": {
      const constant = constantsOf(scope.schema).find((c) => c.id === expr.constantId);
      return constant ? { ok: true, type: constant.type } : no("a constant it uses was deleted");
    }
    case "lit": {
      const read = readText(expr.type, expr.text, context, context.timeZone);
      if (!read.ok) return no(read.reason);
      return read.value === null ? no("a value is missing") : { ok: true, type: expr.type };
    }
    case "today":
    case "now":
      return { ok: true, type: "date" };
    case "lookup": {
      const got = linkTarget(scope.schema, scope.table, expr.linkId);
      if (typeof got === "string") return no(got);
      const field = liveField(got.target, expr.fieldId);
      if (!field) return no(`a field of “${got.target.name}” it uses was deleted`);
      const type = dtypeOfField(field.type);
      return type ? { ok: true, type: lookupType(got.link, type) } : no(`“${field.name}” cannot be looked up`);
    }
    case "rollup": {
      const got = linkTarget(scope.schema, scope.table, expr.linkId);
      if (typeof got === "string") return no(got);
      let dtype: DType | null = null;
      if (expr.fieldId !== null) {
        const field = liveField(got.target, expr.fieldId);
        if (!field) return no(`a field of “${got.target.name}” it uses was deleted`);
        dtype = dtypeOfField(field.type);
        if (dtype === null) return no(`“${field.name}” cannot be rolled up`);
      }
      const type = rollupResult(expr.agg, dtype);
      return type ? { ok: true, type } : no(`that summary does not fit “${got.link.name}”`);
    }
    case "op": {
      const op = operation(expr.op);
      if (!op) return no(`unknown operation “${expr.op}”`);
      if (expr.args.length !== op.arity) return no(`“${op.label}” takes ${op.arity} ${op.arity === 1 ? "value" : "values"}`);
      if (op.param === "decimals" && readDecimals(expr.param) === null) return no("round to 0 to 6 decimals");
      const types: DType[] = [];
      for (const arg of expr.args) {
        const got = check(arg, scope, context);
        if (!got.ok) return got;
        types.push(got.type);
      }
      const type = op.result(types);
      if (type) return { ok: true, type };
      // Name the fields read here: after a type change, that is what changed.
      const fields = expr.args.flatMap((a) => {
        const field = a.k === "field" ? liveField(scope.table, a.fieldId) : undefined;
        return field ? [`“${field.name}” is a ${fieldType(field.type).label.toLowerCase()} field`] : [];
      });
      return no(`“${op.label}” does not fit ${types.join(" and ")}${fields.length > 0 ? ` (${fields.join(", ")})` : ""}`);
    }
    case "if": {
      let tested = scope;
      if (expr.via !== undefined) {
        const got = linkTarget(scope.schema, scope.table, expr.via);
        if (typeof got === "string") return no(got);
        tested = { schema: scope.schema, table: got.target };
      }
      const problem = checkCondition(expr.cond, tested, context);
      if (problem) return no(problem);
      const then = check(expr.yes, scope, context);
      if (!then.ok || expr.no === null) return then;
      const other = check(expr.no, scope, context);
      if (!other.ok) return other;
      return other.type === then.type ? then : no(`“then” gives ${then.type} but “otherwise” gives ${other.type}`);
    }
  }
}

/** Why a condition (a view filter's condition) cannot be used here, or null. */
export function checkCondition(cond: { fieldId: string; op: string; args: string[] }, scope: Scope, context: ParseContext): string | null {
  const field = liveField(scope.table, cond.fieldId);
  if (!field) return "the field of its condition was deleted";
  const op = operator(cond.op);
  if (!op?.fits(field.type)) return `that condition does not fit “${field.name}”`;
  const args = withConstants(cond.args, context);
  if (typeof args === "string") return args;
  const prepared = op.prepare(args, field, context);
  return prepared.ok ? null : prepared.reason;
}
