// "+ Field": a dialog that asks what the chosen type needs before the field exists — options
// with colours for choice and multiple choice, the table (and one or many) for a link, the
// default currency for money, date with or without time, decimals for numbers. Picking a type
// redraws the dialog at once with JavaScript (the whole form is sent, so nothing typed is
// lost) and through the "Show settings" button without. The field is added by one undoable
// action, which refuses incomplete settings (../../schema/field-setup.ts).

import { choiceColors } from "../../schema/fields/choice";
import { currencies } from "../../schema/fields/currencies";
import type { Json } from "../../schema/fields/field-type";
import { type FieldTypeName, fieldTypes, isFieldTypeName } from "../../schema/fields/registry";
import { MAX_CHOICES, MAX_DECIMALS } from "../../schema/field-setup";
import type { TroveApp } from "../app";
import { Component } from "../engine/component";
import type { HandlerContext } from "../engine/context";
import type { Renderer } from "../engine/renderer";
import { Checkbox } from "./checkbox";
import { typeOptions } from "./table-grid";

type Ctx = HandlerContext<TroveApp>;

type Row = { label: string; color: string };

interface State {
  [key: string]: Json;
  tableId: string;
  index: number;
  name: string;
  type: string;
  choices: Row[];
  linkTable: string;
  multiple: boolean;
  currency: string;
  withTime: boolean;
  decimals: string;
  error: string | null;
}

const colorOf = (i: number) => choiceColors[i % choiceColors.length] ?? "gray";

export class FieldSetup extends Component<State> {
  static override readonly type = "FieldSetup";
  static readonly modal = true;

  static create(tableId: string, index: number): FieldSetup {
    return new FieldSetup({
      tableId, index, name: "", type: "text", choices: [{ label: "", color: colorOf(0) }, { label: "", color: colorOf(1) }, { label: "", color: colorOf(2) }],
      linkTable: "", multiple: false, currency: "USD", withTime: true, decimals: "0", error: null,
    });
  }

  private get fieldType(): FieldTypeName {
    return isFieldTypeName(this.state.type) ? this.state.type : "text";
  }

  render(r: Renderer<TroveApp>) {
    const type = this.fieldType;
    return (
      <div class="backdrop">
        <div class="dialog field-setup" role="dialog" aria-modal="true" aria-labelledby="field-setup-title" tabindex={-1}>
          <form {...r.form}>
            <h2 id="field-setup-title">Add a field</h2>
            <div class="form-row">
              <div class="field">
                <label for="new-field-name">Field name</label>
                <input id="new-field-name" name={r.input(this, this.setState, "name")} value={this.state.name} autofocus={r.autofocus} autocomplete="off" maxlength={80} required />
              </div>
              <div class="field">
                <label for="new-field-type">Type</label>
                <select id="new-field-type" name={r.input(this, this.pickType)} data-refresh="">
                  {typeOptions.map((t) => <option value={t.name} selected={t.name === type}>{t.label}</option>)}
                </select>
              </div>
            </div>
            <p class="no-js"><button class="button small" type="submit" formnovalidate>Show settings for this type</button></p>
            {this.settings(r, type)}
            {this.state.error && <p class="form-error" role="alert">{this.state.error}</p>}
            <div class="dialog-actions">
              <button class="button" {...r.submit(this, this.cancel)} data-dismiss="" formnovalidate>Cancel</button>
              <button class="button primary" {...r.submit(this, this.create)}>Add field</button>
            </div>
          </form>
        </div>
      </div>
    );
  }

  private settings(r: Renderer<TroveApp>, type: FieldTypeName) {
    switch (type) {
      case "choice":
      case "multiChoice":
        return this.choiceRows(r, type);
      case "link": {
        const tables = r.app.tables();
        const target = this.linkTarget(r.app);
        return (
          <fieldset class="setup">
            <legend>Links to</legend>
            <div class="field">
              <label for="link-table">Table</label>
              <select id="link-table" name={r.input(this, this.setState, "linkTable")}>
                {tables.map((t) => <option value={t.id} selected={t.id === target}>{t.id === this.state.tableId ? `${t.name} (this table)` : t.name}</option>)}
              </select>
            </div>
            <div class="field checkbox">
              <Checkbox id="link-multiple" name={r.input(this, this.setMultiple)} unticked="" checked={this.state.multiple} />
              <label for="link-multiple">A cell may link to several records</label>
            </div>
          </fieldset>
        );
      }
      case "money":
        return (
          <div class="field">
            <label for="money-currency">Default currency</label>
            <select id="money-currency" name={r.input(this, this.setState, "currency")}>
              {currencies.map((c) => <option value={c.code} selected={c.code === this.state.currency}>{c.symbol ? `${c.code} (${c.symbol})` : c.code}</option>)}
            </select>
            <p class="hint">Amounts typed without a currency are in this one; “€12” or “12 GBP” keep their own.</p>
          </div>
        );
      case "date":
        return (
          <fieldset class="setup">
            <legend>Values are</legend>
            <label class="radio"><input type="radio" name={r.input(this, this.setWithTime)} value="yes" checked={this.state.withTime} /> Dates, with a time when one is typed</label>
            <label class="radio"><input type="radio" name={r.input(this, this.setWithTime)} value="no" checked={!this.state.withTime} /> Dates (a time typed is dropped)</label>
          </fieldset>
        );
      case "number":
      case "percent":
        return (
          <div class="field">
            <label for="number-decimals">Decimals shown</label>
            <select id="number-decimals" name={r.input(this, this.setState, "decimals")}>
              {Array.from({ length: 5 }, (_, d) => <option value={String(d)} selected={String(d) === this.state.decimals}>{`${d} — ${type === "percent" ? "12" : "1,234"}${d > 0 ? `.${"0".repeat(d)}` : ""}${type === "percent" ? "%" : ""}`}</option>)}
            </select>
            <p class="hint">More decimals show when a value has them: nothing typed is rounded away.</p>
          </div>
        );
      default:
        return null;
    }
  }

  private choiceRows(r: Renderer<TroveApp>, type: "choice" | "multiChoice") {
    return (
      <fieldset class="setup">
        <legend>{type === "choice" ? "Options (one per cell)" : "Options (several per cell)"}</legend>
        <ol class="option-rows">
          {this.state.choices.map((row, i) => (
            <li>
              <span class={`swatch chip-${row.color}`} aria-hidden="true" />
              <input name={r.input(this, this.setChoiceLabel, i)} value={row.label} aria-label={`Option ${i + 1}`} maxlength={100} autocomplete="off" placeholder={`Option ${i + 1}`} />
              <select name={r.input(this, this.setChoiceColor, i)} aria-label={`Colour of option ${i + 1}`}>
                {choiceColors.map((c) => <option value={c} selected={c === row.color}>{c}</option>)}
              </select>
              <button class="button small" {...r.submit(this, this.removeChoice, i)} aria-label={`Remove option ${i + 1}`} formnovalidate>×</button>
            </li>
          ))}
        </ol>
        {this.state.choices.length < MAX_CHOICES && <button class="button small" {...r.submit(this, this.addChoice)} formnovalidate>+ Add option</button>}
      </fieldset>
    );
  }

  /** The table a link will point at: the one picked, or the first other table. */
  private linkTarget(app: TroveApp): string {
    const tables = app.tables();
    if (tables.some((t) => t.id === this.state.linkTable)) return this.state.linkTable;
    return (tables.find((t) => t.id !== this.state.tableId) ?? tables[0])?.id ?? "";
  }

  pickType(_ctx: Ctx, _arg: Json, value: string | undefined) {
    if (value && isFieldTypeName(value)) this.state.type = value;
    this.state.error = null;
  }

  setChoiceLabel(_ctx: Ctx, i: Json, value: string | undefined) {
    const row = typeof i === "number" ? this.state.choices[i] : undefined;
    if (row) row.label = (value ?? "").slice(0, 100);
  }

  setChoiceColor(_ctx: Ctx, i: Json, value: string | undefined) {
    const row = typeof i === "number" ? this.state.choices[i] : undefined;
    if (row && (choiceColors as readonly string[]).includes(value ?? "")) row.color = value ?? row.color;
  }

  addChoice() {
    if (this.state.choices.length < MAX_CHOICES) this.state.choices.push({ label: "", color: colorOf(this.state.choices.length) });
  }

  removeChoice(_ctx: Ctx, i: Json) {
    if (typeof i === "number" && i >= 0 && i < this.state.choices.length) this.state.choices.splice(i, 1);
  }

  setMultiple(_ctx: Ctx, _arg: Json, value: string | undefined) {
    this.state.multiple = value === "yes";
  }

  setWithTime(_ctx: Ctx, _arg: Json, value: string | undefined) {
    this.state.withTime = value === "yes";
  }

  /** The options the type needs, from what was chosen. */
  private options(app: TroveApp, type: FieldTypeName): Json {
    switch (type) {
      case "choice":
      case "multiChoice":
        return { choices: this.state.choices.filter((c) => c.label.trim() !== "").map((c, i) => ({ id: `c${i + 1}`, label: c.label.trim(), color: c.color })) };
      case "link":
        return { tableId: this.linkTarget(app), multiple: this.state.multiple };
      case "money":
        return { currency: this.state.currency };
      case "date":
        return { timeZone: app.timeZone(), withTime: this.state.withTime };
      case "number":
      case "percent":
        return { decimals: Math.min(MAX_DECIMALS, Math.max(0, Math.floor(Number(this.state.decimals)) || 0)) };
      default:
        return fieldTypes[type].defaultOptions();
    }
  }

  async create(ctx: Ctx) {
    const type = this.fieldType;
    const result = ctx.app.addField(this.state.tableId, this.state.name, type, this.state.index, this.options(ctx.app, type));
    if (!result.ok) {
      this.state.error = result.reason;
      return;
    }
    await ctx.answer(`“${this.state.name.trim()}” added.`);
  }

  async cancel(ctx: Ctx) {
    await ctx.answer(null);
  }
}
