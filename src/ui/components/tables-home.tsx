// The signed-in home of a database: its tables, "New table", rename and delete (with a
// confirm dialog built on call/answer).

import type { Json } from "../../schema/fields/field-type";
import type { TroveApp } from "../app";
import { Component } from "../engine/component";
import type { HandlerContext } from "../engine/context";
import type { Renderer } from "../engine/renderer";
import { liveFields } from "../../schema/model";
import { count } from "../format";
import { ConfirmDialog } from "./confirm";
import { ImportPage, ImportProgress } from "./import-page";
import { TablePage } from "./table-page";

type Ctx = HandlerContext<TroveApp>;

interface State {
  [key: string]: Json;
  newName: string;
  error: string | null;
  renaming: string | null;
  renameText: string;
}

export class TablesHome extends Component<State> {
  static override readonly type = "TablesHome";

  static create(): TablesHome {
    return new TablesHome({ newName: "", error: null, renaming: null, renameText: "" });
  }

  render(r: Renderer<TroveApp>) {
    r.watch("tables");
    r.watch("unseen");
    r.watch("imports");
    const app = r.app;
    const importing = new Map(app.runningImports().map((job) => [job.tableId, job]));
    const tables = app.tables();
    for (const table of tables) r.watch(`records:${table.id}`);
    const tableCounts = app.tableCounts();
    const builder = app.can("build");
    return (
      <section class="page" aria-labelledby="page-title">
        <header class="page-header">
          <h1 id="page-title">Tables</h1>
          <p class="muted">
            {tables.length === 0 ? "No tables yet." : count(tables.length, "table")}
          </p>
        </header>
        {builder && (
          <form {...r.form} class="inline-form card">
            <label for="new-table">New table</label>
            <input id="new-table" name={r.input(this, this.setState, "newName")} value={this.state.newName} placeholder="e.g. Musicians" autocomplete="off" maxlength={80} aria-describedby={this.state.error ? "new-table-error" : undefined} aria-invalid={this.state.error ? "true" : undefined} />
            <button class="button primary" {...r.submit(this, this.create)}>Create table</button>
            <a class="button" href={r.hrefTo("tables/import", this, this.openImport)}>Import…</a>
            {this.state.error && <p id="new-table-error" class="field-error" role="alert">{this.state.error}</p>}
          </form>
        )}
        <ul class="table-list">
          {tables.map((table) => (
            <li class="table-item card" id={`table-${table.id}`} data-region>
              {this.state.renaming === table.id ? (
                <form {...r.form} class="inline-form">
                  <label class="visually-hidden" for={`rename-${table.id}`}>Table name</label>
                  <input id={`rename-${table.id}`} name={r.input(this, this.setState, "renameText")} value={this.state.renameText} autofocus={r.autofocus} maxlength={80} />
                  <button class="button primary" {...r.submit(this, this.saveRename)}>Save</button>
                  <button class="button" {...r.submit(this, this.cancelRename)}>Cancel</button>
                </form>
              ) : (
                <>
                  <span class="table-icon" aria-hidden="true">{table.name.slice(0, 1).toUpperCase()}</span>
                  <a class="table-name" href={r.hrefTo(`tables/${table.id}`, this, this.open, table.id)}>{table.name}</a>
                  {this.badge(tableCounts.get(table.id)?.fromForms ?? 0)}
                  <span class="muted">{count(tableCounts.get(table.id)?.records ?? 0, "record")} · {count(liveFields(table).length, "field")}</span>
                  {importing.has(table.id) && <ImportProgress job={importing.get(table.id)!} />}
                  {builder && (
                    <span class="row-actions">
                      <a class="button small" href={r.href(this, this.startRename, table.id)} aria-label={`Rename ${table.name}`}>Rename</a>
                      <a class="button small danger-text" href={r.href(this, this.askDelete, table.id)} aria-label={`Delete ${table.name}`}>Delete</a>
                    </span>
                  )}
                </>
              )}
            </li>
          ))}
        </ul>
        {tables.length === 0 && builder && <p class="empty">Create your first table above: a list of musicians, donors, volunteers…</p>}
      </section>
    );
  }

  private badge(n: number) {
    return n > 0 && <span class="badge" role="status">{n} new from {n === 1 ? "a form" : "forms"}</span>;
  }

  open(ctx: Ctx, tableId: Json) {
    if (typeof tableId !== "string" || !ctx.app.table(tableId)) return;
    ctx.app.sawTable(tableId);
    ctx.call(TablePage.create(tableId)); // back from it, the list shows again
  }

  openImport(ctx: Ctx) {
    if (ctx.app.can("build")) ctx.call(ImportPage.create(), "imported");
  }

  /** Back from an import: to the new table, or (cancelled) this list. */
  imported(ctx: Ctx, tableId: Json) {
    if (typeof tableId === "string" && ctx.app.table(tableId)) ctx.call(TablePage.create(tableId));
  }

  create(ctx: Ctx) {
    const result = ctx.app.addTable(this.state.newName);
    if (result.ok) {
      this.state.newName = "";
      this.state.error = null;
      // A new table opens on its grid, with a "Name" field to type into.
      ctx.app.sawTable(result.tableId);
      ctx.call(TablePage.create(result.tableId));
    } else {
      this.state.error = result.reason;
    }
  }

  startRename(ctx: Ctx, tableId: Json) {
    const table = ctx.app.tables().find((t) => t.id === tableId);
    if (!table) return;
    this.state.renaming = table.id;
    this.state.renameText = table.name;
  }

  saveRename(ctx: Ctx) {
    if (!this.state.renaming) return;
    const result = ctx.app.renameTable(this.state.renaming, this.state.renameText);
    if (result.ok) this.state.renaming = null;
    else ctx.notice(result.reason, "error");
  }

  cancelRename() {
    this.state.renaming = null;
  }

  askDelete(ctx: Ctx, tableId: Json) {
    const table = ctx.app.tables().find((t) => t.id === tableId);
    if (!table) return;
    ctx.call(
      ConfirmDialog.ask(`Delete “${table.name}”?`, "The table and its records are kept in the change history: you can undo this.", "Delete table", true, table.id),
      "deleteAnswered",
    );
  }

  deleteAnswered(ctx: Ctx, tableId: Json) {
    if (typeof tableId !== "string") return;
    const result = ctx.app.deleteTable(tableId);
    if (!result.ok) ctx.notice(result.reason, "error");
  }
}
