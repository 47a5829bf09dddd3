// Changing a field's type, with a preview before anything happens: how many values the new
// type will understand, how many will be kept as text and flagged, with examples. Text to
// choice proposes the options from the distinct values. Changing back restores everything,
// because every cell keeps its text.

import type { Json } from "../../schema/fields/field-type";
import { type FieldTypeName, fieldTypes, isFieldTypeName } from "../../schema/fields/registry";
import type { Field } from "../../schema/model";
import type { TroveApp } from "../app";
import { Component } from "../engine/component";
import type { HandlerContext } from "../engine/context";
import type { Renderer } from "../engine/renderer";

type Ctx = HandlerContext<TroveApp>;

interface State {
  [key: string]: Json;
  tableId: string;
  fieldId: string;
  fieldName: string;
  from: string;
  to: string;
}

export class TypeChange extends Component<State> {
  static override readonly type = "TypeChange";
  static readonly modal = true;

  static create(tableId: string, field: Field): TypeChange {
    return new TypeChange({ tableId, fieldId: field.id, fieldName: field.name, from: field.type, to: field.type === "text" ? "choice" : "text" });
  }

  render(r: Renderer<TroveApp>) {
    const app = r.app;
    const to = isFieldTypeName(this.state.to) ? this.state.to : "text";
    const options = app.proposedOptions(this.state.tableId, this.state.fieldId, to);
    const preview = app.previewTypeChange(this.state.tableId, this.state.fieldId, to, options);
    const choices = isChoices(options) ? options.choices : [];
    return (
      <div class="backdrop">
        <div class="dialog" role="dialog" aria-modal="true" aria-labelledby="type-title">
          <form {...r.form}>
            <h2 id="type-title">Change the type of “{this.state.fieldName}”</h2>
            <div class="inline-form">
              <label for="new-type">New type</label>
              <select id="new-type" name={r.input(this, this.pick)}>
                {Object.entries(fieldTypes).map(([name, type]) => <option value={name} selected={name === to}>{type.label}</option>)}
              </select>
              <button class="button" {...r.submit(this, this.refresh)}>Preview</button>
            </div>
            <div class="preview" role="status">
              <p>
                <strong>{preview.understood}</strong> {preview.understood === 1 ? "value" : "values"} will be understood as {fieldTypes[to].label.toLowerCase()};{" "}
                <strong class={preview.flagged > 0 ? "warn" : undefined}>{preview.flagged}</strong> will be kept as text and flagged
                {preview.empty > 0 ? `; ${preview.empty} empty` : ""}.
              </p>
              {preview.examples.length > 0 && (
                <table class="data-table examples">
                  <thead><tr><th scope="col">Typed</th><th scope="col">Becomes</th></tr></thead>
                  <tbody>
                    {preview.examples.map((e) => (
                      <tr class={e.reason ? "invalid" : undefined}><td>{e.text}</td><td>{e.shown ?? `kept as text: ${e.reason}`}</td></tr>
                    ))}
                  </tbody>
                </table>
              )}
              {choices.length > 0 && (
                <p class="choices">Options: {choices.slice(0, 30).map((c) => <span class={`chip chip-${c.color}`}>{c.label}</span>)}{choices.length > 30 ? ` and ${choices.length - 30} more` : ""}</p>
              )}
              <p class="muted">Nothing is lost: every value keeps the text it was typed with, so changing back restores it exactly.</p>
            </div>
            <div class="dialog-actions">
              <button class="button" {...r.submit(this, this.cancel)}>Cancel</button>
              <button class="button primary" {...r.submit(this, this.change)} disabled={to === this.state.from && choices.length === 0}>Change type</button>
            </div>
          </form>
        </div>
      </div>
    );
  }

  pick(_ctx: Ctx, _arg: Json, value: string | undefined) {
    if (value && isFieldTypeName(value)) this.state.to = value;
  }

  refresh() {
    // The input callback already took the new type; rendering again shows its preview.
  }

  async cancel(ctx: Ctx) {
    await ctx.answer(null);
  }

  async change(ctx: Ctx) {
    const to: FieldTypeName = isFieldTypeName(this.state.to) ? this.state.to : "text";
    const options = ctx.app.proposedOptions(this.state.tableId, this.state.fieldId, to);
    const result = ctx.app.changeFieldType(this.state.tableId, this.state.fieldId, to, options);
    await ctx.answer(result.ok ? `“${this.state.fieldName}” is now ${fieldTypes[to].label.toLowerCase()}.` : result.reason);
  }
}

function isChoices(options: Json): options is { choices: { id: string; label: string; color: string }[] } {
  return typeof options === "object" && options !== null && !Array.isArray(options) && Array.isArray(options.choices);
}
