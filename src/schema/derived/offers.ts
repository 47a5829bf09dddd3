// What the builder offers, read from the same signatures the checker uses: the operands
// (fields, lookups and rollups through links, constants, today, a typed value), the
// operations that fit a value of some kind, and the operands that fit an operation's second
// place. A builder draft is a chain — a first operand, then steps — plus an optional
// condition; `draftExpr` turns it into a tree. Everything offered type-checks (the property
// test in offers.test.ts holds the builder to that, and the checker to accepting it).

import { fieldType } from "../fields/registry";
import { liveFields, type Schema, type Table } from "../model";
import { operatorsFor } from "../views/operators";
import { DTYPE_LABELS } from "./dtypes";
import { DTYPES, type DType, type Expr, ROLLUPS } from "./expr";
import { type Operation, operations } from "./operations";
import { ROLLUP_LABELS, rollupResult } from "./rollups";
import { constantsOf, linkFields, linksSeveral, lookupType, operandFields } from "./scope";

export interface OperandOffer {
  /** Stable key the builder's menus post ("f:<field>", "r:<link>:sum:<field>", "lit:money"). */
  key: string;
  label: string;
  /** Menu group: "Fields", "Through links", "Constants", "Dates", "A value". */
  group: string;
  type: DType;
  /** A literal: the person types its text. */
  typed?: boolean;
}

export function operandOffers(schema: Schema, table: Table): OperandOffer[] {
  const out: OperandOffer[] = [];
  for (const { field, dtype } of operandFields(table)) out.push({ key: `f:${field.id}`, label: field.name, group: "Fields", type: dtype });
  for (const { link, target } of linkFields(schema, table)) {
    out.push({ key: `r:${link.id}:count:`, label: `${link.name}: ${ROLLUP_LABELS.count}`, group: "Through links", type: "number" });
    out.push({ key: `r:${link.id}:names:`, label: `${link.name}: ${ROLLUP_LABELS.names}`, group: "Through links", type: "text" });
    for (const { field, dtype } of operandFields(target)) {
      const looked = lookupType(link, dtype);
      // Through a link to several records a lookup is the list of every linked value.
      const every = linksSeveral(link);
      out.push({ key: `l:${link.id}:${field.id}`, label: every ? `${link.name} → every ${field.name}` : `${link.name} → ${field.name}`, group: "Through links", type: looked });
      for (const agg of ROLLUPS) {
        if (agg === "count" || agg === "names") continue;
        const type = rollupResult(agg, dtype);
        if (type) out.push({ key: `r:${link.id}:${agg}:${field.id}`, label: `${link.name}: ${ROLLUP_LABELS[agg]} ${field.name}`, group: "Through links", type });
      }
    }
  }
  for (const c of constantsOf(schema)) out.push({ key: `c:${c.id}`, label: c.name, group: "Constants", type: c.type });
  out.push({ key: "today", label: "today", group: "Dates", type: "date" });
  out.push({ key: "now", label: "now", group: "Dates", type: "date" });
  for (const type of DTYPES) if (type !== "location" && type !== "checkbox") out.push({ key: `lit:${type}`, label: `a ${DTYPE_LABELS[type]} I type`, group: "A value", type, typed: true });
  return out;
}

/** The tree of an operand offer (a literal with its typed text), or null for an unknown key. */
export function operandExpr(key: string, text = ""): Expr | null {
  if (key === "today" || key === "now") return { k: key };
  const [kind, a = "", b = "", c = ""] = key.split(":");
  if (kind === "f" && a) return { k: "field", fieldId: a };
  if (kind === "c" && a) return { k: "const", constantId: a };
  if (kind === "l" && a && b) return { k: "lookup", linkId: a, fieldId: b };
  if (kind === "r" && a && (ROLLUPS as readonly string[]).includes(b)) return { k: "rollup", linkId: a, agg: b as (typeof ROLLUPS)[number], fieldId: c || null };
  if (kind === "lit" && (DTYPES as readonly string[]).includes(a)) return { k: "lit", type: a as DType, text };
  return null;
}

/** Operations that fit a value of `type` given the operands at hand (a two-place operation
 *  is offered only when some operand fits its second place). */
export function operationOffers(type: DType, operands: readonly OperandOffer[]): Operation[] {
  const kinds = new Set(operands.map((o) => o.type));
  return [...operations.values()].filter((op) => (op.arity === 1 ? op.result([type]) !== null : [...kinds].some((t) => op.result([type, t]) !== null)));
}

/** Operands that fit the second place of `op` after a value of `type`. */
export function secondOperandOffers(op: Operation, type: DType, operands: readonly OperandOffer[]): OperandOffer[] {
  return op.arity === 2 ? operands.filter((o) => op.result([type, o.type]) !== null) : [];
}

/** Fields a condition may test: every live field whose type has filter operators. */
export function conditionFields(table: Table) {
  return table.fields.filter((f) => f.deletedAt === undefined && fieldType(f.type) !== undefined && !f.derived);
}

/** A condition the builder offers: a field and a filter operator, on the record itself or
 *  on the records one of its links points to (then it holds when any of them passes). */
export interface ConditionOffer {
  /** What the menu posts: "<field> <operator>", or "<link>><field> <operator>". */
  key: string;
  group: string;
  label: string;
  cond: { fieldId: string; op: string; via?: string };
}

/** Every condition a computed field of `table` may test (`self`: the field being changed,
 *  which cannot test itself). */
export function conditionOffers(schema: Schema, table: Table, self: string | null): ConditionOffer[] {
  const out: ConditionOffer[] = [];
  for (const f of liveFields(table)) {
    if (f.id === self) continue;
    for (const o of operatorsFor(f.type)) out.push({ key: `${f.id} ${o.name}`, group: f.name, label: `${f.name} ${o.label}`, cond: { fieldId: f.id, op: o.name } });
  }
  for (const { link, target } of linkFields(schema, table)) {
    for (const f of liveFields(target)) {
      for (const o of operatorsFor(f.type)) out.push({ key: `${link.id}>${f.id} ${o.name}`, group: `any linked ${link.name}`, label: `any ${link.name} → ${f.name} ${o.label}`, cond: { fieldId: f.id, op: o.name, via: link.id } });
    }
  }
  return out;
}

/** The condition offer a menu value names, or null. */
export function conditionOf(offers: readonly ConditionOffer[], key: string): ConditionOffer | null {
  return offers.find((o) => o.key === key) ?? null;
}

export interface Draft {
  start: { key: string; text: string } | null;
  steps: { op: string; arg: { key: string; text: string } | null; param?: string }[];
  /** `via`: a link of the table; the condition then tests its linked records (any of them). */
  cond: { fieldId: string; op: string; args: string[]; via?: string } | null;
  /** When the condition does not hold: another operand, or empty. */
  otherwise: { key: string; text: string } | null;
}

export const emptyDraft = (): Draft => ({ start: null, steps: [], cond: null, otherwise: null });

/** The tree a draft makes: the chain, wrapped in "if" when there is a condition. */
export function draftExpr(draft: Draft): Expr | null {
  if (!draft.start) return null;
  let expr = operandExpr(draft.start.key, draft.start.text);
  for (const step of draft.steps) {
    if (!expr) return null;
    const arg = step.arg ? operandExpr(step.arg.key, step.arg.text) : null;
    expr = { k: "op", op: step.op, args: arg ? [expr, arg] : [expr], ...(step.param !== undefined && { param: step.param }) };
  }
  if (!expr || !draft.cond) return expr;
  const otherwise = draft.otherwise ? operandExpr(draft.otherwise.key, draft.otherwise.text) : null;
  const { via, ...cond } = draft.cond;
  return { k: "if", cond, ...(via !== undefined && { via }), yes: expr, no: otherwise };
}

/** The draft a tree came from, when it is a chain the builder makes; null otherwise. */
export function exprDraft(expr: Expr): Draft | null {
  const draft = emptyDraft();
  let chain = expr;
  if (expr.k === "if") {
    draft.cond = expr.via === undefined ? expr.cond : { ...expr.cond, via: expr.via };
    if (expr.no) {
      const other = operandKey(expr.no);
      if (!other) return null;
      draft.otherwise = other;
    }
    chain = expr.yes;
  }
  const steps: Draft["steps"] = [];
  while (chain.k === "op") {
    const [first, second] = chain.args;
    if (!first) return null;
    const arg = second ? operandKey(second) : null;
    if (second && !arg) return null;
    steps.unshift({ op: chain.op, arg, ...(chain.param !== undefined && { param: chain.param }) });
    chain = first;
  }
  const start = operandKey(chain);
  if (!start) return null;
  return { ...draft, start, steps };
}

function operandKey(expr: Expr): { key: string; text: string } | null {
  switch (expr.k) {
    case "field":
      return { key: `f:${expr.fieldId}`, text: "" };
    case "const":
      return { key: `c:${expr.constantId}`, text: "" };
    case "today":
    case "now":
      return { key: expr.k, text: "" };
    case "lookup":
      return { key: `l:${expr.linkId}:${expr.fieldId}`, text: "" };
    case "rollup":
      return { key: `r:${expr.linkId}:${expr.agg}:${expr.fieldId ?? ""}`, text: "" };
    case "lit":
      return { key: `lit:${expr.type}`, text: expr.text };
    default:
      return null;
  }
}

/** Makes every choice of a draft one the builder offers now: a step whose operation no
 *  longer fits (an earlier choice changed) ends the chain there; a second operand that no
 *  longer fits becomes the first that does; settings get their defaults. */
export function normalize(draft: Draft, operands: readonly OperandOffer[]): { draft: Draft; type: DType | null } {
  const byKey = new Map(operands.map((o) => [o.key, o]));
  const start = draft.start && byKey.get(draft.start.key);
  if (!draft.start || !start) return { draft: { ...emptyDraft(), cond: draft.cond }, type: null };
  let type: DType = start.type;
  const steps: Draft["steps"] = [];
  for (const step of draft.steps) {
    const op = operationOffers(type, operands).find((o) => o.name === step.op);
    if (!op) break;
    const seconds = secondOperandOffers(op, type, operands);
    const chosen = op.arity === 2 ? (seconds.find((o) => o.key === step.arg?.key) ?? seconds[0]) : undefined;
    if (op.arity === 2 && !chosen) break;
    const arg = chosen ? { key: chosen.key, text: step.arg?.key === chosen.key ? step.arg.text : "" } : null;
    const param = op.param === "decimals" ? (step.param ?? "0") : op.param === "separator" ? (step.param ?? " ") : undefined;
    steps.push({ op: op.name, arg, ...(param !== undefined && { param }) });
    type = op.result(chosen ? [type, chosen.type] : [type])!;
  }
  const otherwise = draft.otherwise && byKey.get(draft.otherwise.key)?.type === type ? draft.otherwise : null;
  return { draft: { start: draft.start, steps, cond: draft.cond, otherwise: draft.cond ? otherwise : null }, type };
}
