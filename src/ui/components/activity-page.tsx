// Activity (issue 16): who changed what and when, database-wide or for one table
// (`activity`, `activity/<table>`), filtered by member and to structure changes, a page at a
// time, updated live (topic "activity"). For one table it also opens the table as it was at
// a chosen moment (`activity/<table>/at/<ms>`, ./table-moment.tsx), and the whole database
// then from the unfiltered feed (`activity/at/<ms>`, ./database-moment.tsx); builders
// restore a table or everything to a moment.

import type { Json } from "../../schema/fields/field-type";
import { initials } from "../../schema/members";
import type { ActivityEntry, TroveApp } from "../app";
import { Component } from "../engine/component";
import type { HandlerContext } from "../engine/context";
import type { Renderer } from "../engine/renderer";
import { ConfirmDialog } from "./confirm";
import { DatabaseMomentPage } from "./database-moment";
import { TableMomentPage } from "./table-moment";

type Ctx = HandlerContext<TroveApp>;

interface State {
  [key: string]: Json;
  tableId: string | null;
  memberId: string;
  what: string;
  /** The page shown: changes before this seq (null: the newest). */
  before: number | null;
  /** Earlier pages' cursors, for "Newer". */
  pages: number[];
  moment: string;
  problem: string | null;
}

/** One change as a line: who, what, before → after, when and from where. */
export function ChangeLine(props: { entry: ActivityEntry; children?: unknown }) {
  const e = props.entry;
  return (
    <li class={e.undone ? "change undone" : "change"} id={e.part === undefined ? `change-${e.seq}` : `change-${e.seq}-${e.part}`}>
      <span class="avatar small" aria-hidden="true">{initials(e.who)}</span>
      <div class="change-body">
        <p class="change-text">
          <strong>{e.who}</strong> {e.text}
          {e.before !== undefined && e.after !== undefined ? (
            <> from <del class="value-before">{e.before}</del> to <ins class="value-after">{e.after}</ins></>
          ) : e.after !== undefined ? (
            <> to <ins class="value-after">{e.after}</ins></>
          ) : e.before !== undefined ? (
            <> (was <del class="value-before">{e.before}</del>)</>
          ) : null}
        </p>
        <p class="change-meta muted">
          <time datetime={new Date(e.at).toISOString()}>{e.when}</time>
          {e.from && <> · {e.from}</>}
          {e.within && <> · <span class="change-within">as part of “{e.within}”</span></>}
          {e.undone && <> · <span class="badge">undone</span></>}
        </p>
      </div>
      {props.children}
    </li>
  );
}

export class ActivityPage extends Component<State> {
  static override readonly type = "ActivityPage";

  static create(tableId: string | null = null): ActivityPage {
    return new ActivityPage({ tableId, memberId: "", what: "all", before: null, pages: [], moment: "", problem: null });
  }

  override place(): string {
    return this.state.tableId ?? "";
  }

  render(r: Renderer<TroveApp>) {
    const app = r.app;
    r.watch("activity");
    r.watch("tables");
    const table = this.state.tableId ? app.anyTable(this.state.tableId) : undefined;
    const { entries, more } = app.activity({
      tableId: this.state.tableId ?? undefined,
      memberId: this.state.memberId || undefined,
      structure: this.state.what === "structure",
      before: this.state.before ?? undefined,
    });
    const start = new Date(app.historyStart()).toISOString().slice(0, 16);
    const now = new Date().toISOString().slice(0, 16);
    return (
      <section class="page activity-page" aria-labelledby="page-title">
        <header class="page-header">
          <h1 id="page-title">{table ? `History of “${table.name}”` : "Activity"}</h1>
          <p class="muted">{table ? "Every change to this table and its records, newest first." : "Every change in this database, newest first."} Kept for 30 days; updated live.</p>
        </header>
        <form {...r.form} class="card filter-bar" aria-label="Filter the activity">
          <div class="field">
            <label for="activity-table">Table</label>
            <select id="activity-table" name={r.input(this, this.pick, "tableId")}>
              <option value="" selected={!this.state.tableId}>All tables</option>
              {app.tables().map((t) => <option value={t.id} selected={t.id === this.state.tableId}>{t.name}</option>)}
              {table && table.deletedAt !== undefined && <option value={table.id} selected>{table.name} (deleted)</option>}
            </select>
          </div>
          <div class="field">
            <label for="activity-member">Who</label>
            <select id="activity-member" name={r.input(this, this.pick, "memberId")}>
              <option value="" selected={this.state.memberId === ""}>Everyone</option>
              {app.members().map((m) => <option value={m.id} selected={m.id === this.state.memberId}>{m.name}</option>)}
            </select>
          </div>
          <div class="field">
            <label for="activity-what">Changes</label>
            <select id="activity-what" name={r.input(this, this.pick, "what")}>
              <option value="all" selected={this.state.what !== "structure"}>All changes</option>
              <option value="structure" selected={this.state.what === "structure"}>Structure only (tables, fields, forms, views)</option>
            </select>
          </div>
          <button class="button" {...r.submit(this, this.apply)}>Show</button>
        </form>
        <form {...r.form} class="card moment-form">
          <label for="moment">{table ? `See “${table.name}” as it was at` : "Go back in time: the database as it was at"}</label>
          <input id="moment" type="datetime-local" name={r.input(this, this.pick, "moment")} value={this.state.moment} min={start} max={now} aria-invalid={this.state.problem ? "true" : undefined} aria-describedby={this.state.problem ? "moment-error" : undefined} />
          {table ? <button class="button" {...r.submit(this, this.look)}>Show the table then</button> : <button class="button" {...r.submit(this, this.look)}>Show the database then</button>}
          {!table && app.can("build") && <button class="button danger-text" {...r.submit(this, this.askRestoreAll)}>Restore everything to then…</button>}
          {table && app.can("build") && <button class="button danger-text" {...r.submit(this, this.askRestoreTable)}>Restore this table to then…</button>}
          {this.state.problem && <p class="field-error" id="moment-error" role="alert">{this.state.problem}</p>}
        </form>
        {entries.length === 0 ? (
          <p class="empty">{this.state.before === null ? "No changes yet." : "No older changes."}</p>
        ) : (
          <ol class="activity-list" aria-label="Changes, newest first">
            {entries.map((entry) => <ChangeLine entry={entry} />)}
          </ol>
        )}
        {(this.state.before !== null || more) && (
          <nav class="pager" aria-label="Pages of changes">
            {this.state.before !== null && <a class="button small" href={r.href(this, this.newer)}>Newer changes</a>}
            {more && entries.length > 0 && <a class="button small" href={r.href(this, this.older, entries[entries.length - 1]!.seq)}>Older changes</a>}
          </nav>
        )}
      </section>
    );
  }

  pick(_ctx: Ctx, key: Json, value: string | undefined) {
    if (value === undefined) return;
    if (key === "tableId") this.pending = value.slice(0, 40);
    if (key === "memberId") this.state.memberId = value.slice(0, 40);
    if (key === "what") this.state.what = value === "structure" ? "structure" : "all";
    if (key === "moment") this.state.moment = value.slice(0, 40);
  }

  /** The table chosen in the select, applied by Show (it changes the address). */
  private pending: string | undefined;

  apply(ctx: Ctx) {
    if (this.pending !== undefined) {
      const tableId = this.pending === "" ? null : this.pending;
      if (tableId !== null && !ctx.app.anyTable(tableId)) return ctx.notice("That table does not exist.", "error");
      this.state.tableId = tableId;
      this.pending = undefined;
    }
    this.state.before = null;
    this.state.pages = [];
  }

  older(_ctx: Ctx, seq: Json) {
    if (typeof seq !== "number") return;
    if (this.state.before !== null) this.state.pages.push(this.state.before);
    this.state.before = seq;
  }

  newer() {
    this.state.before = this.state.pages.pop() ?? null;
  }

  private moment(ctx: Ctx): number | undefined {
    const at = ctx.app.parseMoment(this.state.moment);
    this.state.problem = at === undefined ? "Choose a date and time." : null;
    return at;
  }

  look(ctx: Ctx) {
    const at = this.moment(ctx);
    if (at === undefined) return;
    const shown = this.state.tableId ? ctx.app.tableAt(this.state.tableId, at) : ctx.app.databaseAt(at);
    if (!shown.ok) {
      this.state.problem = shown.reason;
      return;
    }
    const page = this.state.tableId ? TableMomentPage.create(this.state.tableId, at) : DatabaseMomentPage.create(at);
    this.delegate = { component: page, onAnswer: "momentClosed" };
  }

  momentClosed(ctx: Ctx, notice: Json) {
    if (typeof notice === "string") ctx.notice(notice);
  }

  askRestoreAll(ctx: Ctx) {
    const at = this.moment(ctx);
    if (at === undefined) return;
    ctx.call(ConfirmDialog.ask("Restore everything to that moment?", "Every table, field, record, form and view goes back to how it was then. You can take it back with Undo.", "Restore everything", true, at), "restoreAnswered");
  }

  askRestoreTable(ctx: Ctx) {
    const at = this.moment(ctx);
    if (at === undefined) return;
    ctx.call(ConfirmDialog.ask("Restore this table to that moment?", "Its fields and records go back to how they were then. You can take it back with Undo.", "Restore table", true, at), "restoreAnswered");
  }

  restoreAnswered(ctx: Ctx, at: Json) {
    if (typeof at !== "number") return;
    const result = ctx.app.restoreTo(at, this.state.tableId ?? undefined);
    if (!result.ok) {
      this.state.problem = result.reason;
      return;
    }
    this.state.problem = null;
    ctx.notice(`Restored: ${result.changes.toLocaleString("en")} ${result.changes === 1 ? "change" : "changes"} taken back.`);
  }
}
