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
import { noun } from "../format";
import { Checkbox } from "./checkbox";
import { typeOptions } from "./table-grid";

type Ctx = HandlerContext<TroveApp>;

interface State {
  [key: string]: Json;
  tableId: string;
  fieldId: string;
  fieldName: string;
  from: string;
  to: string;
  /** For links: "new" (a new table of the distinct values) or an existing table's id. */
  linkTarget: string;
  newTableName: string;
  multiple: boolean;
}

/** "Section" → "Sections": a name for the table a field's values become. */
function plural(name: string): string {
  return /s$/i.test(name.trim()) ? name.trim() : `${name.trim()}s`;
}

export class TypeChange extends Component<State> {
  static override readonly type = "TypeChange";
  static readonly modal = true;

  static create(tableId: string, field: Field): TypeChange {
    return new TypeChange({ tableId, fieldId: field.id, fieldName: field.name, from: field.type, to: field.type, linkTarget: "new", newTableName: plural(field.name), multiple: false });
  }

  render(r: Renderer<TroveApp>) {
    const app = r.app;
    const to = isFieldTypeName(this.state.to) ? this.state.to : "text";
    const same = to === this.state.from;
    if (to === "link" && !same) return this.renderLink(r);
    // Each reads every value of the field: only what this type needs. The dialog opens on the
    // field's own type, which has no preview (nothing would change).
    const choosing = !same && (to === "choice" || to === "multiChoice");
    const options = same ? null : choosing || to === "date" ? app.proposedOptions(this.state.tableId, this.state.fieldId, to) : fieldTypes[to].defaultOptions();
    const choices = choosing && isChoices(options) ? options.choices : [];
    const preview = same ? null : app.previewTypeChange(this.state.tableId, this.state.fieldId, to, options);
    return (
      <div class="backdrop">
        <div class="dialog" role="dialog" aria-modal="true" aria-labelledby="type-title" tabindex={-1}>
          <form {...r.form}>
            <h2 id="type-title">Change the type of “{this.state.fieldName}”</h2>
            {this.typeSelect(r, to)}
            <div class="preview" role="status">
              {preview ? (
                <p>
                  <strong>{preview.understood}</strong> {noun(preview.understood, "value")} will be understood as {fieldTypes[to].label.toLowerCase()};{" "}
                  <strong class={preview.flagged > 0 ? "warn" : undefined}>{preview.flagged}</strong> will be kept as text and flagged
                  {preview.empty > 0 ? `; ${preview.empty} empty` : ""}.
                </p>
              ) : (
                <p>This is the field's type now: pick another to see what would change.</p>
              )}
              {preview && preview.examples.length > 0 && (
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
              <button class="button" {...r.submit(this, this.cancel)} data-dismiss="">Cancel</button>
              <button class="button primary" {...r.submit(this, this.change)} disabled={same}>Change type</button>
            </div>
          </form>
        </div>
      </div>
    );
  }

  private typeSelect(r: Renderer<TroveApp>, to: FieldTypeName) {
    return (
      <div class="inline-form">
        <label for="new-type">Type</label>
        <select id="new-type" name={r.input(this, this.pick)} data-refresh="">
          {typeOptions.map((t) => <option value={t.name} selected={t.name === to}>{t.label}</option>)}
        </select>
        {/* No action: the select's input callback takes the type, and the render previews it
            (with JavaScript, as soon as it is picked: data-refresh). */}
        <button class="button no-js" type="submit">Preview</button>
      </div>
    );
  }

  /** Link: to a new table made of the distinct values (near-duplicates merged), or to an
   *  existing table whose records the values name. */
  private renderLink(r: Renderer<TroveApp>) {
    const app = r.app;
    const others = app.tables().filter((t) => t.id !== this.state.tableId);
    const target = this.state.linkTarget === "new" || !others.some((t) => t.id === this.state.linkTarget) ? "new" : this.state.linkTarget;
    const groups = target === "new" ? app.previewNewLinkTable(this.state.tableId, this.state.fieldId, this.state.multiple) : [];
    const merged = groups.filter((g) => g.spellings.length > 1);
    const preview = target === "new" ? null : app.previewTypeChange(this.state.tableId, this.state.fieldId, "link", { tableId: target, multiple: this.state.multiple });
    return (
      <div class="backdrop">
        <div class="dialog" role="dialog" aria-modal="true" aria-labelledby="type-title" tabindex={-1}>
          <form {...r.form}>
            <h2 id="type-title">Change the type of “{this.state.fieldName}”</h2>
            {this.typeSelect(r, "link")}
            <div class="form-row">
              <div class="field">
                <label for="link-target">Link to</label>
                <select id="link-target" name={r.input(this, this.pickTarget)} data-refresh="">
                  <option value="new" selected={target === "new"}>A new table of these values</option>
                  {others.map((t) => <option value={t.id} selected={t.id === target}>{t.name}</option>)}
                </select>
              </div>
              {target === "new" && (
                <div class="field">
                  <label for="new-table-name">New table name</label>
                  <input id="new-table-name" name={r.input(this, this.setState, "newTableName")} value={this.state.newTableName} maxlength={80} />
                </div>
              )}
            </div>
            <div class="field checkbox">
              <Checkbox id="link-multiple" name={r.input(this, this.setMultiple)} unticked="" checked={this.state.multiple} />
              <label for="link-multiple">A cell may link to several records (separated by commas)</label>
            </div>
            <div class="preview" role="status">
              {target === "new" ? (
                <>
                  <p>
                    <strong>{groups.length}</strong> {noun(groups.length, "record")} will be created in “{this.state.newTableName.trim() || "…"}”, and every value becomes a link to one of them.
                  </p>
                  {groups.length > 0 && <p class="choices">{groups.slice(0, 30).map((g) => <span class="chip chip-gray">{g.label}</span>)}{groups.length > 30 ? ` and ${groups.length - 30} more` : ""}</p>}
                  {merged.length > 0 && (
                    <>
                      <p>Near-duplicates merged into one record each:</p>
                      <ul>
                        {merged.slice(0, 10).map((g) => <li>{g.spellings.map((t) => `“${t}”`).join(" + ")} → <strong>{g.label}</strong></li>)}
                      </ul>
                    </>
                  )}
                </>
              ) : (
                preview && (
                  <p>
                    <strong>{preview.understood}</strong> {noun(preview.understood, "value names", "values name")} a record of that table; <strong class={preview.flagged > 0 ? "warn" : undefined}>{preview.flagged}</strong> will be kept as text and flagged.
                  </p>
                )
              )}
              <p class="muted">Nothing is lost: every value keeps its text, and Undo reverses the whole change.</p>
            </div>
            <div class="dialog-actions">
              <button class="button" {...r.submit(this, this.cancel)} data-dismiss="">Cancel</button>
              <button class="button primary" {...r.submit(this, this.change)}>Change type</button>
            </div>
          </form>
        </div>
      </div>
    );
  }

  pickTarget(_ctx: Ctx, _arg: Json, value: string | undefined) {
    if (value) this.state.linkTarget = value;
  }

  setMultiple(_ctx: Ctx, _arg: Json, value: string | undefined) {
    // A hidden empty input comes first; the checkbox's "yes" follows only when ticked.
    this.state.multiple = value === "yes";
  }

  pick(_ctx: Ctx, _arg: Json, value: string | undefined) {
    if (value && isFieldTypeName(value)) this.state.to = value;
  }

  async cancel(ctx: Ctx) {
    await ctx.answer(null);
  }

  async change(ctx: Ctx) {
    const to: FieldTypeName = isFieldTypeName(this.state.to) ? this.state.to : "text";
    if (to === "link") {
      const existing = ctx.app.tables().some((t) => t.id === this.state.linkTarget && t.id !== this.state.tableId);
      const result = existing
        ? ctx.app.changeFieldType(this.state.tableId, this.state.fieldId, "link", { tableId: this.state.linkTarget, multiple: this.state.multiple })
        : ctx.app.linkToNewTable(this.state.tableId, this.state.fieldId, this.state.newTableName, this.state.multiple);
      await ctx.answer(result.ok ? `“${this.state.fieldName}” now links to records.` : result.reason);
      return;
    }
    const options = ctx.app.proposedOptions(this.state.tableId, this.state.fieldId, to);
    const result = ctx.app.changeFieldType(this.state.tableId, this.state.fieldId, to, options);
    await ctx.answer(result.ok ? `“${this.state.fieldName}” is now ${fieldTypes[to].label.toLowerCase()}.` : result.reason);
  }
}

function isChoices(options: Json): options is { choices: { id: string; label: string; color: string }[] } {
  return typeof options === "object" && options !== null && !Array.isArray(options) && Array.isArray(options.choices);
}
