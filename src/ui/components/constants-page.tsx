// Named constants (the "constants" place): values a database names once — "Tax rate" 8%,
// "Season starts" Sep 1 — and uses in computed fields and in view filters (typed as
// {Tax rate}). Changing one recomputes every value that uses it, as one undoable change.

import { DTYPE_LABELS } from "../../schema/derived/dtypes";
import { DTYPES, type DType } from "../../schema/derived/expr";
import type { Json } from "../../schema/fields/field-type";
import type { TroveApp } from "../app";
import { Component } from "../engine/component";
import type { HandlerContext } from "../engine/context";
import type { Renderer } from "../engine/renderer";
import { ConfirmDialog } from "./confirm";
import { recomputingNote } from "./table-grid";

type Ctx = HandlerContext<TroveApp>;

interface State {
  [key: string]: Json;
  /** The constant being changed; "new" for the add form; null: none open. */
  editing: string | null;
  name: string;
  kind: string;
  text: string;
  error: string | null;
}

const KINDS: readonly DType[] = DTYPES.filter((t) => t !== "location" && t !== "checkbox");

export class ConstantsPage extends Component<State> {
  static override readonly type = "ConstantsPage";

  static create(): ConstantsPage {
    return new ConstantsPage({ editing: null, name: "", kind: "number", text: "", error: null });
  }

  render(r: Renderer<TroveApp>) {
    r.watch("constants");
    r.watch("tables");
    const app = r.app;
    const canBuild = app.can("build");
    const constants = app.derived.constants();
    return (
      <section class="page" aria-labelledby="page-title">
        <header class="page-header">
          <h1 id="page-title">Constants</h1>
          <span class="spacer" />
          {canBuild && this.state.editing === null && (
            <a class="button primary" href={r.href(this, this.startAdd)}>New constant</a>
          )}
        </header>
        <p class="muted">Name a value once — a tax rate, the day a season starts — and use it in computed fields, or in a view's filter by typing its name in braces, such as {"{Tax rate}"}. Changing it recomputes everything that uses it.</p>
        {app.tables().flatMap((table) => {
          const progress = app.derived.progress(table.id);
          return progress ? [<div class="recomputing-in"><strong>{table.name}:</strong> {recomputingNote(table.fields, progress)}</div>] : [];
        })}
        {this.state.editing === "new" && this.form(r)}
        {constants.length === 0 && this.state.editing !== "new" && <p class="empty">No constants yet.</p>}
        {constants.length > 0 && (
          <table class="data-table constants">
            <thead>
              <tr><th scope="col">Name</th><th scope="col">Kind</th><th scope="col">Value</th><th scope="col">Used by</th>{canBuild && <th scope="col"><span class="visually-hidden">Actions</span></th>}</tr>
            </thead>
            <tbody>
              {constants.map((c) =>
                this.state.editing === c.id ? (
                  <tr><td colspan={canBuild ? 5 : 4}>{this.form(r)}</td></tr>
                ) : (
                  <tr>
                    <td><strong>{c.name}</strong></td>
                    <td>{DTYPE_LABELS[c.type]}</td>
                    <td>{c.text}</td>
                    <td>{app.derived.constantUsers(c.id).join(", ") || <span class="muted">nothing yet</span>}</td>
                    {canBuild && (
                      <td class="actions">
                        <a href={r.href(this, this.startEdit, c.id)} aria-label={`Change ${c.name}`}>Change</a>{" "}
                        <a class="danger-text" href={r.href(this, this.askDelete, c.id)} aria-label={`Delete ${c.name}`}>Delete</a>
                      </td>
                    )}
                  </tr>
                ),
              )}
            </tbody>
          </table>
        )}
      </section>
    );
  }

  private form(r: Renderer<TroveApp>) {
    return (
      <form {...r.form} class="card inline-form constant-form">
        <label for="constant-name">Name</label>
        <input id="constant-name" name={r.input(this, this.setState, "name")} value={this.state.name} maxlength={80} autocomplete="off" autofocus={r.autofocus} />
        <label for="constant-kind">Kind</label>
        <select id="constant-kind" name={r.input(this, this.setState, "kind")}>
          {KINDS.map((k) => <option value={k} selected={k === this.state.kind}>{DTYPE_LABELS[k]}</option>)}
        </select>
        <label for="constant-value">Value</label>
        <input id="constant-value" name={r.input(this, this.setState, "text")} value={this.state.text} maxlength={200} autocomplete="off" placeholder="8%, $25, Sep 1, 2026…" />
        <button class="button primary" {...r.submit(this, this.save)}>Save</button>
        <button class="button" {...r.submit(this, this.cancel)}>Cancel</button>
        {this.state.error && <p class="form-error" role="alert">{this.state.error}</p>}
      </form>
    );
  }

  startAdd() {
    Object.assign(this.state, { editing: "new", name: "", kind: "number", text: "", error: null });
  }

  startEdit(ctx: Ctx, id: Json) {
    const c = ctx.app.derived.constants().find((k) => k.id === id);
    if (c) Object.assign(this.state, { editing: c.id, name: c.name, kind: c.type, text: c.text, error: null });
  }

  cancel() {
    Object.assign(this.state, { editing: null, error: null });
  }

  save(ctx: Ctx) {
    const kind = KINDS.find((k) => k === this.state.kind);
    if (!kind) {
      this.state.error = "Choose what kind of value it is.";
      return;
    }
    const id = this.state.editing === "new" ? null : this.state.editing;
    const result = ctx.app.derived.setConstant(id, this.state.name, kind, this.state.text);
    if (!result.ok) {
      this.state.error = result.reason;
      return;
    }
    ctx.notice(`“${this.state.name.trim()}” is saved${id ? "; what uses it is recomputed" : ""}.`);
    Object.assign(this.state, { editing: null, error: null });
  }

  askDelete(ctx: Ctx, id: Json) {
    const c = ctx.app.derived.constants().find((k) => k.id === id);
    if (c) ctx.call(ConfirmDialog.ask(`Delete the constant “${c.name}”?`, "Undo brings it back.", "Delete constant", true, c.id), "deleteAnswered");
  }

  deleteAnswered(ctx: Ctx, id: Json) {
    if (typeof id !== "string") return;
    const result = ctx.app.derived.deleteConstant(id);
    ctx.notice(result.ok ? "The constant is deleted." : result.reason, result.ok ? "info" : "error");
  }
}
