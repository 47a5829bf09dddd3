// The whole database as it was at a moment (`activity/at/<ms>`), read-only: its tables then,
// with their fields and records counted, each opening as it was (`activity/<table>/at/<ms>`).
// Builders restore everything to that moment from here, as one undoable step.

import type { Json } from "../../schema/fields/field-type";
import type { TroveApp } from "../app";
import { Component } from "../engine/component";
import type { HandlerContext } from "../engine/context";
import type { Renderer } from "../engine/renderer";
import { ConfirmDialog } from "./confirm";
import { count } from "../format";

type Ctx = HandlerContext<TroveApp>;

export class DatabaseMomentPage extends Component<{ at: number }> {
  static override readonly type = "DatabaseMomentPage";

  static create(at: number): DatabaseMomentPage {
    return new DatabaseMomentPage({ at });
  }

  override place(): string {
    return `at/${this.state.at}`;
  }

  render(r: Renderer<TroveApp>) {
    const app = r.app;
    r.watch("activity");
    const shown = app.databaseAt(this.state.at);
    return (
      <section class="page moment-page" aria-labelledby="page-title">
        <p class="breadcrumb"><a href={r.href(this, this.back)}>← Activity</a></p>
        {!shown.ok ? (
          <>
            <h1 id="page-title">Cannot show that moment</h1>
            <p class="field-error" role="alert">{shown.reason}</p>
          </>
        ) : (
          <>
            <header class="page-header">
              <h1 id="page-title">The database as it was on {shown.when}</h1>
              <p class="muted">{count(shown.tables.length, "table")} then · read-only · {count(shown.changes, "change")} since</p>
            </header>
            <div class="moment-banner" role="status">
              <span>You are looking at the past. Open a table to see its records then.</span>
              {app.can("build") && (
                <form {...r.form}>
                  <button class="button small primary" {...r.submit(this, this.askRestore)}>Restore everything to this moment</button>
                </form>
              )}
            </div>
            {shown.tables.length === 0 ? (
              <p class="empty">There were no tables then.</p>
            ) : (
              <table class="data-table moment-table">
                <thead>
                  <tr><th scope="col">Table</th><th scope="col">Fields</th><th scope="col">Records</th><th scope="col">Now</th></tr>
                </thead>
                <tbody>
                  {shown.tables.map((t) => (
                    <tr>
                      <td><a href={`/t/${app.databaseName}/activity/${t.id}/at/${this.state.at}`}>{t.name}</a></td>
                      <td>{t.fields.toLocaleString("en")}</td>
                      <td>{t.records.toLocaleString("en")}</td>
                      <td class="muted">{t.now}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </>
        )}
      </section>
    );
  }

  async back(ctx: Ctx) {
    await ctx.answer(null);
  }

  askRestore(ctx: Ctx) {
    ctx.call(ConfirmDialog.ask("Restore everything to this moment?", "Every table, field, record, form and view goes back to how it was then. You can take it back with Undo.", "Restore everything", true), "restoreAnswered");
  }

  async restoreAnswered(ctx: Ctx, confirmed: Json) {
    if (confirmed !== true) return;
    const result = ctx.app.restoreTo(this.state.at);
    if (!result.ok) return ctx.notice(result.reason, "error");
    await ctx.answer(`Restored: ${count(result.changes, "change")} taken back.`);
  }
}
