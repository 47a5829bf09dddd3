// The picker a link cell opens: the linked table's records by name (searched as a view
// searches, in name order, a page at a time), the ones chosen as chips, Save or Cancel
// (call/answer: Save answers the cell's new text — the chosen names — and the grid saves it
// like a typed value; Cancel, Escape or the backdrop answer nothing).

import type { Json } from "../../schema/fields/field-type";
import { liveFields } from "../../schema/model";
import { defaultView } from "../../schema/views/view";
import type { TroveApp } from "../app";
import { Component } from "../engine/component";
import type { HandlerContext } from "../engine/context";
import type { Renderer } from "../engine/renderer";

type Ctx = HandlerContext<TroveApp>;

/** Records listed at once; a search narrows them. */
const SHOWN = 30;
/** Names one cell may hold through the picker. */
const MAX_CHOSEN = 100;

interface State {
  [key: string]: Json;
  title: string;
  recordId: string;
  fieldId: string;
  targetId: string;
  multiple: boolean;
  chosen: string[];
  search: string;
  /** The search as last run (the input's text until Search is pressed). */
  shown: string;
}

export class LinkPicker extends Component<State> {
  static override readonly type = "LinkPicker";
  static readonly modal = true;

  static create(state: { title: string; recordId: string; fieldId: string; targetId: string; multiple: boolean; chosen: string[] }): LinkPicker {
    return new LinkPicker({ ...state, search: "", shown: "" });
  }

  render(r: Renderer<TroveApp>) {
    const { title, chosen, multiple } = this.state;
    const target = r.app.table(this.state.targetId);
    const primary = target && liveFields(target)[0];
    r.watch(`records:${this.state.targetId}`);
    const names =
      target && primary
        ? r.app
            .runView({ ...defaultView(target), search: this.state.shown, sorts: [{ fieldId: primary.id, descending: false }] }, { offset: 0, limit: SHOWN })
            .records.map((row) => r.app.display(primary, row.record.cells[primary.id]).trim())
            .filter((name) => name !== "")
        : [];
    return (
      <div class="backdrop">
        <div class="dialog link-picker" role="dialog" aria-modal="true" aria-labelledby="picker-title" tabindex={-1}>
          <h2 id="picker-title">{title}</h2>
          {!target ? (
            <p class="form-error">This field links to a table that no longer exists.</p>
          ) : (
            <>
              <form {...r.form} class="picker-search">
                <input name={r.input(this, this.setState, "search")} value={this.state.search} aria-label={`Search ${target.name}`} placeholder={`Search ${target.name}`} autofocus={r.autofocus} autocomplete="off" maxlength={200} />
                <button class="button" {...r.submit(this, this.runSearch)}>Search</button>
              </form>
              <div class="picker-chosen">
                {chosen.length === 0 ? (
                  <span class="muted">Nothing chosen yet.</span>
                ) : (
                  chosen.map((name) => (
                    <span class="chip chip-blue">
                      {name}
                      <a class="chip-remove" href={r.href(this, this.remove, name)} aria-label={`Remove ${name}`}>×</a>
                    </span>
                  ))
                )}
              </div>
              <ul class="picker-results" aria-label={`Records of ${target.name}`}>
                {names.map((name) => (
                  <li>
                    <a href={r.href(this, this.choose, name)} aria-current={chosen.includes(name) ? "true" : undefined}>{name}</a>
                  </li>
                ))}
                {names.length === 0 && <li class="muted">{this.state.shown ? `No record matches “${this.state.shown}”.` : "That table has no records yet."}</li>}
              </ul>
              {names.length === SHOWN && <p class="muted small">Showing the first {SHOWN}: search to find others.</p>}
            </>
          )}
          <form {...r.form} class="dialog-actions">
            <button class="button" data-dismiss="" {...r.submit(this, this.cancel)}>Cancel</button>
            <button class="button primary" {...r.submit(this, this.save)}>{multiple ? "Save" : "Save choice"}</button>
          </form>
        </div>
      </div>
    );
  }

  runSearch() {
    this.state.shown = this.state.search.trim().slice(0, 200);
  }

  choose(_ctx: Ctx, name: Json) {
    if (typeof name !== "string" || this.state.chosen.includes(name)) return;
    this.state.chosen = this.state.multiple ? [...this.state.chosen, name].slice(0, MAX_CHOSEN) : [name];
  }

  remove(_ctx: Ctx, name: Json) {
    this.state.chosen = this.state.chosen.filter((n) => n !== name);
  }

  async save(ctx: Ctx) {
    await ctx.answer({ recordId: this.state.recordId, fieldId: this.state.fieldId, text: this.state.chosen.join(", ") });
  }

  async cancel(ctx: Ctx) {
    await ctx.answer(null);
  }
}
