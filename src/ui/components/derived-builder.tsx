// The derived-field builder: a dialog over the table (tables/<t>/derived/new, or
// …/derived/<field> to change one) where a person points at what to compute — a first
// value, then steps ("minus Due", "in days"), optionally "only when" a condition (the same
// conditions as view filters) — from menus that offer only what fits, so nothing ill-typed
// can be saved. A live preview shows the result on the first records. Every menu commits on
// change with JavaScript; without it, "Update preview" posts the whole form.

import { DTYPE_LABELS } from "../../schema/derived/dtypes";
import { conditionOf, conditionOffers, type Draft, draftExpr, emptyDraft, exprDraft, normalize, type OperandOffer, operandOffers, operationOffers, secondOperandOffers } from "../../schema/derived/offers";
import { operation } from "../../schema/derived/operations";
import type { Json } from "../../schema/fields/field-type";
import { type Field, findTable } from "../../schema/model";
import { operator } from "../../schema/views/operators";
import type { TroveApp } from "../app";
import { Component } from "../engine/component";
import type { HandlerContext } from "../engine/context";
import type { Renderer } from "../engine/renderer";

type Ctx = HandlerContext<TroveApp>;

interface State {
  [key: string]: Json;
  tableId: string;
  /** The derived field being changed; null: a new one. */
  fieldId: string | null;
  name: string;
  /** A `Draft` (../../schema/derived/offers.ts). */
  draft: Json;
  error: string | null;
}

const TEXT_MAX = 200;

export class DerivedBuilder extends Component<State> {
  static override readonly type = "DerivedBuilder";
  static readonly modal = true;

  static create(tableId: string, field?: Field): DerivedBuilder {
    const draft = field?.derived ? (exprDraft(field.derived.expr) ?? emptyDraft()) : emptyDraft();
    return new DerivedBuilder({ tableId, fieldId: field?.id ?? null, name: field?.name ?? "", draft: draft as unknown as Json, error: null });
  }

  override place(): string {
    return `derived/${this.state.fieldId ?? "new"}`;
  }

  private get draft(): Draft {
    return this.state.draft as unknown as Draft;
  }

  private set draft(draft: Draft) {
    this.state.draft = draft as unknown as Json;
  }

  private offers(app: TroveApp): OperandOffer[] {
    const schema = app.derived.schema();
    const table = findTable(schema, this.state.tableId);
    return table ? operandOffers(schema, table) : [];
  }

  render(r: Renderer<TroveApp>) {
    const app = r.app;
    r.watch(`records:${this.state.tableId}`);
    r.watch("constants");
    const table = app.table(this.state.tableId);
    if (!table) return <p class="form-error">This table no longer exists.</p>;
    const operands = this.offers(app);
    const { draft, type } = normalize(this.draft, operands);
    const expr = draftExpr(draft);
    const preview = expr ? app.derived.preview(table.id, expr) : null;
    const conditions = conditionOffers(app.derived.schema(), table, this.state.fieldId);
    const condKey = draft.cond ? `${draft.cond.via !== undefined ? `${draft.cond.via}>` : ""}${draft.cond.fieldId} ${draft.cond.op}` : "";
    const condGroups = [...new Set(conditions.map((c) => c.group))];
    // The kind of value so far, step by step (normalize gives the chain's last).
    let at = operands.find((o) => o.key === draft.start?.key)?.type ?? null;
    return (
      <div class="backdrop">
        <div class="dialog derived-builder" role="dialog" aria-modal="true" aria-labelledby="derived-title" tabindex={-1}>
          <form {...r.form}>
            <h2 id="derived-title">{this.state.fieldId ? `Change how “${this.state.name}” is computed` : `New computed field in “${table.name}”`}</h2>
            <div class="field-row">
              <label for="derived-name">Field name</label>
              <input id="derived-name" name={r.input(this, this.setState, "name")} value={this.state.name} maxlength={80} autocomplete="off" autofocus={r.autofocus} data-commit="" />
            </div>
            <ol class="steps">
              <li class="step">
                <label for="derived-start">Start with</label>
                {operandSelect("derived-start", r.input(this, this.pickStart), operands, draft.start?.key ?? null, "— choose a value —")}
                {literalInput(r, this, "derived-start-text", draft.start, this.setStartText, null)}
              </li>
              {draft.steps.map((step, i) => {
                const before = at!;
                const op = operation(step.op)!;
                const seconds = secondOperandOffers(op, before, operands);
                at = op.result(step.arg ? [before, operands.find((o) => o.key === step.arg!.key)!.type] : [before]);
                return (
                  <li class="step">
                    <label for={`derived-op-${i}`}>Step {i + 1}</label>
                    {opSelect(`derived-op-${i}`, r.input(this, this.pickOp, i), before, operands, step.op)}
                    {op.param && (
                      <input class="param" name={r.input(this, this.setParam, i)} value={step.param ?? ""} aria-label={op.param === "decimals" ? "Decimals" : "Separator"} size={4} maxlength={20} data-commit="" />
                    )}
                    {op.arity === 2 && operandSelect(`derived-arg-${i}`, r.input(this, this.pickArg, i), seconds, step.arg?.key ?? null, null, `Second value of step ${i + 1}`)}
                    {literalInput(r, this, `derived-arg-text-${i}`, step.arg, this.setArgText, i)}
                  </li>
                );
              })}
              {at !== null && operationOffers(at, operands).length > 0 && (
                <li class="step add-step">
                  <label for="derived-op-next">Add a step</label>
                  {opSelect("derived-op-next", r.input(this, this.pickOp, draft.steps.length), at, operands, null)}
                </li>
              )}
            </ol>
            {type !== null && (
              <fieldset class="condition">
                <legend>Only when (optional)</legend>
                <select name={r.input(this, this.pickCondition)} aria-label="Condition" data-commit="">
                  <option value="">always</option>
                  {condGroups.map((group) => (
                    <optgroup label={group}>
                      {conditions.filter((c) => c.group === group).map((c) => <option value={c.key} selected={c.key === condKey}>{c.label}</option>)}
                    </optgroup>
                  ))}
                </select>
                {draft.cond && operator(draft.cond.op)?.input !== "none" && (
                  <input name={r.input(this, this.setCondArg)} value={draft.cond.args[0] ?? ""} aria-label="Condition value" maxlength={TEXT_MAX} data-commit="" />
                )}
                {draft.cond && (
                  <>
                    <label for="derived-otherwise">otherwise</label>
                    {operandSelect("derived-otherwise", r.input(this, this.pickOtherwise), operands.filter((o) => o.type === type), draft.otherwise?.key ?? null, "empty")}
                    {literalInput(r, this, "derived-otherwise-text", draft.otherwise, this.setOtherwiseText, null)}
                  </>
                )}
              </fieldset>
            )}
            <div class="preview" role="status" aria-live="polite">
              {!preview && <p class="muted">Choose what to start with: a field, something through a link, a constant, today or a value you type.</p>}
              {preview && !preview.ok && <p class="form-error">{preview.reason}</p>}
              {preview?.ok && (
                <>
                  <p>Gives a <strong>{DTYPE_LABELS[preview.type]}</strong>{preview.rows.length > 0 ? "; on the first records:" : "; the table has no records yet."}</p>
                  {preview.rows.length > 0 && (
                    <table class="data-table examples">
                      <thead><tr><th scope="col">Record</th><th scope="col">Result</th></tr></thead>
                      <tbody>
                        {preview.rows.map((row) => (
                          <tr class={row.flagged ? "invalid" : undefined}><td>{row.name}</td><td>{row.text || (row.flagged ? "" : "empty")}{row.flagged && <span class="flag"> {row.flagged}</span>}</td></tr>
                        ))}
                      </tbody>
                    </table>
                  )}
                </>
              )}
            </div>
            {this.state.error && <p class="form-error" role="alert">{this.state.error}</p>}
            <div class="dialog-actions">
              <button class="button" type="submit">Update preview</button>
              <span class="spacer" />
              <button class="button" {...r.submit(this, this.cancel)} data-dismiss="">Cancel</button>
              <button class="button primary" {...r.submit(this, this.save)} disabled={!preview?.ok}>{this.state.fieldId ? "Save changes" : "Add field"}</button>
            </div>
          </form>
        </div>
      </div>
    );
  }

  private update(ctx: Ctx, change: (draft: Draft) => void) {
    const draft = structuredClone(this.draft);
    change(draft);
    this.draft = normalize(draft, this.offers(ctx.app)).draft;
    this.state.error = null;
  }

  pickStart(ctx: Ctx, _arg: Json, value: string | undefined) {
    this.update(ctx, (d) => {
      if (!value) return Object.assign(d, emptyDraft(), { cond: d.cond });
      if (d.start?.key !== value) d.start = { key: value, text: "" };
    });
  }

  setStartText(ctx: Ctx, _arg: Json, value: string | undefined) {
    this.update(ctx, (d) => {
      if (d.start) d.start.text = (value ?? "").slice(0, TEXT_MAX);
    });
  }

  pickOp(ctx: Ctx, index: Json, value: string | undefined) {
    if (typeof index !== "number") return;
    this.update(ctx, (d) => {
      if (!value) {
        d.steps = d.steps.slice(0, index);
        return;
      }
      if (d.steps[index]?.op === value) return;
      if (index <= d.steps.length) d.steps[index] = { op: value, arg: null };
    });
  }

  pickArg(ctx: Ctx, index: Json, value: string | undefined) {
    this.update(ctx, (d) => {
      const step = typeof index === "number" ? d.steps[index] : undefined;
      if (step && value && step.arg?.key !== value) step.arg = { key: value, text: "" };
    });
  }

  setArgText(ctx: Ctx, index: Json, value: string | undefined) {
    this.update(ctx, (d) => {
      const step = typeof index === "number" ? d.steps[index] : undefined;
      if (step?.arg) step.arg.text = (value ?? "").slice(0, TEXT_MAX);
    });
  }

  setParam(ctx: Ctx, index: Json, value: string | undefined) {
    this.update(ctx, (d) => {
      const step = typeof index === "number" ? d.steps[index] : undefined;
      if (step) step.param = (value ?? "").slice(0, 20);
    });
  }

  pickCondition(ctx: Ctx, _arg: Json, value: string | undefined) {
    const table = findTable(ctx.app.derived.schema(), this.state.tableId);
    const offer = table ? conditionOf(conditionOffers(ctx.app.derived.schema(), table, this.state.fieldId), value ?? "") : null;
    this.update(ctx, (d) => {
      if (!offer) d.cond = null;
      else if (d.cond?.fieldId !== offer.cond.fieldId || d.cond.op !== offer.cond.op || d.cond.via !== offer.cond.via) d.cond = { ...offer.cond, args: [] };
    });
  }

  setCondArg(ctx: Ctx, _arg: Json, value: string | undefined) {
    this.update(ctx, (d) => {
      if (d.cond) d.cond.args = value ? [value.slice(0, TEXT_MAX)] : [];
    });
  }

  pickOtherwise(ctx: Ctx, _arg: Json, value: string | undefined) {
    this.update(ctx, (d) => {
      d.otherwise = value ? (d.otherwise?.key === value ? d.otherwise : { key: value, text: "" }) : null;
    });
  }

  setOtherwiseText(ctx: Ctx, _arg: Json, value: string | undefined) {
    this.update(ctx, (d) => {
      if (d.otherwise) d.otherwise.text = (value ?? "").slice(0, TEXT_MAX);
    });
  }

  async cancel(ctx: Ctx) {
    await ctx.answer(null);
  }

  async save(ctx: Ctx) {
    const { draft } = normalize(this.draft, this.offers(ctx.app));
    const expr = draftExpr(draft);
    if (!expr) {
      this.state.error = "Choose what to compute first.";
      return;
    }
    const name = this.state.name.trim();
    if (name === "") {
      this.state.error = "A field needs a name.";
      return;
    }
    const result = this.state.fieldId ? ctx.app.derived.change(this.state.tableId, this.state.fieldId, name, expr) : ctx.app.derived.addField(this.state.tableId, name, expr);
    if (!result.ok) {
      this.state.error = result.reason;
      return;
    }
    await ctx.answer(this.state.fieldId ? `“${name}” is recomputed.` : `“${name}” is added and computed for every record.`);
  }
}

function operandSelect(id: string, name: string, offers: readonly OperandOffer[], chosen: string | null, none: string | null, label?: string) {
  const groups = [...new Set(offers.map((o) => o.group))];
  return (
    <select id={id} name={name} aria-label={label} data-commit="">
      {none !== null && <option value="">{none}</option>}
      {groups.map((g) => (
        <optgroup label={g}>
          {offers.filter((o) => o.group === g).map((o) => <option value={o.key} selected={o.key === chosen}>{o.label}{o.typed ? "" : ` (${DTYPE_LABELS[o.type]})`}</option>)}
        </optgroup>
      ))}
    </select>
  );
}

function opSelect(id: string, name: string, type: NonNullable<ReturnType<typeof normalize>["type"]>, operands: readonly OperandOffer[], chosen: string | null) {
  return (
    <select id={id} name={name} data-commit="">
      <option value="">{chosen ? "— remove this step —" : "— choose —"}</option>
      {operationOffers(type, operands).map((op) => <option value={op.name} selected={op.name === chosen}>{op.label}</option>)}
    </select>
  );
}

/** The text box of a typed value (a literal), beside its menu. */
function literalInput(r: Renderer<TroveApp>, page: DerivedBuilder, id: string, pick: { key: string; text: string } | null, handler: DerivedBuilder["setStartText"], arg: Json) {
  if (!pick?.key.startsWith("lit:")) return null;
  const type = pick.key.slice(4) as keyof typeof DTYPE_LABELS;
  const hints: Partial<Record<string, string>> = { number: "3", percent: "8%", money: "$12.50", duration: "3 days", date: "Sep 1, 2026", text: "any text" };
  return <input id={id} class="literal" name={r.input(page, handler, arg)} value={pick.text} aria-label={`The ${DTYPE_LABELS[type]} to use`} placeholder={hints[type]} maxlength={TEXT_MAX} data-commit="" />;
}
