// A table as it was at a moment (`activity/<table>/at/<ms>`), read-only: rebuilt from the
// change log by taking back every change since (see src/tenant-do/point-in-time.ts).
// Builders restore the table to that moment from here, as one undoable step.

import type { Json } from "../../schema/fields/field-type";
import { liveFields } from "../../schema/model";
import type { TroveApp } from "../app";
import { Component } from "../engine/component";
import type { HandlerContext } from "../engine/context";
import type { Renderer } from "../engine/renderer";
import { ConfirmDialog } from "./confirm";
import { count } from "../format";

type Ctx = HandlerContext<TroveApp>;

export class TableMomentPage extends Component<{ tableId: string; at: number }> {
  static override readonly type = "TableMomentPage";

  static create(tableId: string, at: number): TableMomentPage {
    return new TableMomentPage({ tableId, at });
  }

  override place(): string {
    return `at/${this.state.at}`;
  }

  render(r: Renderer<TroveApp>) {
    const app = r.app;
    r.watch("activity");
    const shown = app.tableAt(this.state.tableId, this.state.at);
    return (
      <section class="page wide moment-page" aria-labelledby="page-title">
        <p class="breadcrumb"><a href={r.href(this, this.back)}>← History</a></p>
        {!shown.ok ? (
          <>
            <h1 id="page-title">Cannot show that moment</h1>
            <p class="field-error" role="alert">{shown.reason}</p>
          </>
        ) : (
          <>
            <header class="page-header">
              <h1 id="page-title">“{shown.table.name}” as it was on {shown.when}</h1>
              <p class="muted">{count(shown.total, "record")} then · read-only · {count(shown.changes, "change")} since</p>
            </header>
            <div class="moment-banner" role="status">
              <span>You are looking at the past. Nothing here can be edited.</span>
              {app.can("build") && (
                <form {...r.form}>
                  <button class="button small primary" {...r.submit(this, this.askRestore)}>Restore this table to this moment</button>
                </form>
              )}
            </div>
            <div class="grid-wrap">
              <table class="data-table moment-table">
                <thead>
                  <tr>{liveFields(shown.table).map((f) => <th scope="col">{f.name}</th>)}</tr>
                </thead>
                <tbody>
                  {shown.records.map((record) => (
                    <tr>{liveFields(shown.table).map((f) => <td>{app.display(f, record.cells[f.id])}</td>)}</tr>
                  ))}
                </tbody>
              </table>
            </div>
            {shown.total > shown.records.length && <p class="muted">The first {shown.records.length} records are shown.</p>}
          </>
        )}
      </section>
    );
  }

  async back(ctx: Ctx) {
    await ctx.answer(null);
  }

  askRestore(ctx: Ctx) {
    ctx.call(ConfirmDialog.ask("Restore this table to this moment?", "Its fields and records go back to how they were then. You can take it back with Undo.", "Restore table", true), "restoreAnswered");
  }

  async restoreAnswered(ctx: Ctx, confirmed: Json) {
    if (confirmed !== true) return;
    const result = ctx.app.restoreTo(this.state.at, this.state.tableId);
    if (!result.ok) return ctx.notice(result.reason, "error");
    await ctx.answer(`Restored: ${count(result.changes, "change")} taken back.`);
  }
}
