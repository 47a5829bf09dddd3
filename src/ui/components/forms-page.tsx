// The Forms page of a database: its public forms, each with its public link, whether it is
// open, and (for builders) edit and delete; "New form" for a table opens the builder.

import type { Json } from "../../schema/fields/field-type";
import type { TroveApp } from "../app";
import { Component } from "../engine/component";
import type { HandlerContext } from "../engine/context";
import type { Renderer } from "../engine/renderer";
import { ConfirmDialog } from "./confirm";
import { FormBuilder } from "./form-builder";
import { count } from "../format";

type Ctx = HandlerContext<TroveApp>;

interface State {
  [key: string]: Json;
  tableId: string;
  title: string;
  /** "open" or "closed": whether a new form takes answers at once. */
  opening: string;
  error: string | null;
}

export class FormsPage extends Component<State> {
  static override readonly type = "FormsPage";

  static create(): FormsPage {
    return new FormsPage({ tableId: "", title: "", opening: "open", error: null });
  }

  render(r: Renderer<TroveApp>) {
    r.watch("forms");
    r.watch("tables");
    const app = r.app;
    const forms = app.forms();
    const tables = app.tables();
    const builder = app.can("build");
    const tableNames = new Map(tables.map((t) => [t.id, t.name]));
    return (
      <section class="page" aria-labelledby="page-title">
        <header class="page-header">
          <h1 id="page-title">Forms</h1>
          <p class="muted">{forms.length === 0 ? "No forms yet." : count(forms.length, "form")}</p>
        </header>
        {builder && tables.length > 0 && (
          <form {...r.form} class="inline-form card new-form">
            <label for="new-form-title">New form</label>
            <input id="new-form-title" name={r.input(this, this.setState, "title")} value={this.state.title} placeholder="e.g. Join the orchestra" maxlength={120} autocomplete="off" />
            <label for="new-form-table" class="visually-hidden">For table</label>
            <select id="new-form-table" name={r.input(this, this.setState, "tableId")}>
              {tables.map((t) => <option value={t.id} selected={t.id === this.state.tableId}>{`for ${t.name}`}</option>)}
            </select>
            <label for="new-form-open" class="visually-hidden">Take answers</label>
            <select id="new-form-open" name={r.input(this, this.setState, "opening")}>
              <option value="open" selected={this.state.opening !== "closed"}>Open now: takes answers at once</option>
              <option value="closed" selected={this.state.opening === "closed"}>Closed until I open it</option>
            </select>
            <button class="button primary" {...r.submit(this, this.create)}>Create form</button>
            {this.state.error && <p class="field-error" role="alert">{this.state.error}</p>}
          </form>
        )}
        <ul class="table-list">
          {forms.map((form) => {
            const url = app.formUrl(form);
            return (
              <li class="table-item card form-item">
                <span class="table-icon" aria-hidden="true">F</span>
                <span class="form-summary">
                  <strong>{form.title}</strong>
                  <span class="muted"> for {tableNames.get(form.tableId) ?? "a deleted table"}</span>
                  <br />
                  <a class="mono" href={url} target="_blank" rel="noopener">{url}</a>
                </span>
                <span class={form.open ? "status-pill open" : "status-pill"}>{form.open ? "Open" : "Closed"}</span>
                {builder && (
                  <span class="row-actions">
                    <a class="button small" href={r.hrefTo(`forms/${form.id}`, this, this.edit, form.id)} aria-label={`Edit ${form.title}`}>Edit</a>
                    <a class="button small danger-text" href={r.href(this, this.askDelete, form.id)} aria-label={`Delete ${form.title}`}>Delete</a>
                  </span>
                )}
              </li>
            );
          })}
        </ul>
        {forms.length === 0 && <p class="empty">A form lets anyone add a record to a table from a public page, or from a form on your own website.</p>}
      </section>
    );
  }

  create(ctx: Ctx) {
    const tableId = this.state.tableId || ctx.app.tables()[0]?.id || "";
    const result = ctx.app.addForm(tableId, this.state.title, this.state.opening !== "closed");
    if (!result.ok) {
      this.state.error = result.reason;
      return;
    }
    this.state.title = "";
    this.state.error = null;
    ctx.call(FormBuilder.create(ctx.app.form(result.formId)!)); // back from it, the list shows again
  }

  edit(ctx: Ctx, formId: Json) {
    const form = typeof formId === "string" ? ctx.app.form(formId) : undefined;
    if (form && ctx.app.can("build")) ctx.call(FormBuilder.create(form));
  }

  askDelete(ctx: Ctx, formId: Json) {
    const form = typeof formId === "string" ? ctx.app.form(formId) : undefined;
    if (!form) return;
    ctx.call(ConfirmDialog.ask(`Delete the form “${form.title}”?`, "Its public address stops working. The records it made stay, and Undo brings the form back.", "Delete form", true, form.id), "deleteAnswered");
  }

  deleteAnswered(ctx: Ctx, formId: Json) {
    if (typeof formId !== "string") return;
    const result = ctx.app.deleteForm(formId);
    if (!result.ok) ctx.notice(result.reason, "error");
  }
}
