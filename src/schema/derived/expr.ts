// The expression tree of a derived field, as stored in the schema and posted by the builder.
// A tree is data (valibot-checked at every trust boundary, bounded in depth and size); what
// it means is decided by the type checker (./check.ts) and the evaluator (./evaluate.ts).
// Nothing here is a formula language: the builder (./offers.ts) makes trees by pointing.

import * as v from "valibot";
import { ConditionSchema } from "../views/view";

/** The kinds of value an expression has. Each is also a field type a result is stored as. */
export const DTYPES = ["number", "percent", "money", "duration", "date", "text", "checkbox", "location"] as const;
export type DType = (typeof DTYPES)[number];

export const ROLLUPS = ["count", "sum", "average", "min", "max", "earliest", "latest", "names"] as const;
export type RollupKind = (typeof ROLLUPS)[number];

/** Deepest nesting and most nodes a tree may have: enough for anything built by pointing. */
export const MAX_DEPTH = 12;
export const MAX_NODES = 200;

const id = v.pipe(v.string(), v.minLength(1), v.maxLength(64));
const small = v.pipe(v.string(), v.maxLength(200, "A value is at most 200 characters."));

export type Expr =
  | { k: "field"; fieldId: string }
  | { k: "const"; constantId: string }
  | { k: "lit"; type: DType; text: string }
  | { k: "today" }
  | { k: "now" }
  | { k: "lookup"; linkId: string; fieldId: string }
  | { k: "rollup"; linkId: string; agg: RollupKind; fieldId: string | null }
  | { k: "op"; op: string; args: Expr[]; param?: string }
  /** `via`: the condition tests the records a link points to — it holds when it holds for
   *  any of them ("any linked Donation's Amount is over 100"). */
  | { k: "if"; cond: v.InferOutput<typeof ConditionSchema>; via?: string; yes: Expr; no: Expr | null };

export const ExprSchema: v.GenericSchema<Expr> = v.lazy(() =>
  v.variant("k", [
    v.object({ k: v.literal("field"), fieldId: id }),
    v.object({ k: v.literal("const"), constantId: id }),
    v.object({ k: v.literal("lit"), type: v.picklist(DTYPES), text: small }),
    v.object({ k: v.literal("today") }),
    v.object({ k: v.literal("now") }),
    v.object({ k: v.literal("lookup"), linkId: id, fieldId: id }),
    v.object({ k: v.literal("rollup"), linkId: id, agg: v.picklist(ROLLUPS), fieldId: v.nullable(id) }),
    v.object({ k: v.literal("op"), op: v.pipe(v.string(), v.maxLength(40)), args: v.pipe(v.array(ExprSchema), v.maxLength(3)), param: v.optional(v.pipe(v.string(), v.maxLength(20))) }),
    v.object({ k: v.literal("if"), cond: ConditionSchema, via: v.optional(id), yes: ExprSchema, no: v.nullable(ExprSchema) }),
  ]),
);

/** The nodes of a tree below and including `expr`, depth first. */
export function* nodes(expr: Expr): Generator<Expr> {
  yield expr;
  if (expr.k === "op") for (const a of expr.args) yield* nodes(a);
  if (expr.k === "if") {
    yield* nodes(expr.yes);
    if (expr.no) yield* nodes(expr.no);
  }
}

export function depth(expr: Expr): number {
  if (expr.k === "op") return 1 + Math.max(0, ...expr.args.map(depth));
  if (expr.k === "if") return 1 + Math.max(depth(expr.yes), expr.no ? depth(expr.no) : 0);
  return 1;
}

/** Checks untrusted data is a tree within the bounds; a reason otherwise. */
export function parseExpr(input: unknown): { ok: true; expr: Expr } | { ok: false; reason: string } {
  const parsed = v.safeParse(ExprSchema, input);
  if (!parsed.success) return { ok: false, reason: parsed.issues[0]?.message ?? "Not an expression." };
  if (depth(parsed.output) > MAX_DEPTH) return { ok: false, reason: `An expression nests at most ${MAX_DEPTH} deep.` };
  let n = 0;
  for (const _ of nodes(parsed.output)) if (++n > MAX_NODES) return { ok: false, reason: `An expression has at most ${MAX_NODES} parts.` };
  return { ok: true, expr: parsed.output };
}

/** A named constant of a database ("tax rate" = 8%): its text is read with its type's parser
 *  whenever it is used, like a cell. */
export const ConstantSchema = v.object({
  id,
  name: v.pipe(v.string(), v.check((t) => t.trim() !== "", "A constant needs a name."), v.maxLength(80, "A constant name is at most 80 characters.")),
  type: v.picklist(DTYPES),
  text: small,
});
export type Constant = v.InferOutput<typeof ConstantSchema>;
