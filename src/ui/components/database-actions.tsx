// The end of My account: leave the database (any member but the last owner), and for owners
// hand over ownership and delete the database (type its name to confirm; it is kept for
// 7 days, during which owners can take the deletion back from the notice every page shows).

import type { Json } from "../../schema/fields/field-type";
import type { TroveApp } from "../app";
import { Component } from "../engine/component";
import type { HandlerContext } from "../engine/context";
import type { Renderer } from "../engine/renderer";
import { ConfirmDialog } from "./confirm";

type Ctx = HandlerContext<TroveApp>;

interface State {
  [key: string]: Json;
  heir: string | null;
  typedName: string | null;
  error: string | null;
}

export class DatabaseActions extends Component<State> {
  static override readonly type = "DatabaseActions";

  static create(): DatabaseActions {
    return new DatabaseActions({ heir: null, typedName: null, error: null });
  }

  render(r: Renderer<TroveApp>) {
    const app = r.app;
    r.watch("members");
    const owner = app.can("manage");
    const others = app.members().filter((m) => m.id !== app.me.id);
    const onlyOwner = owner && !others.some((m) => m.role === "owner");
    return (
      <section class="card danger-zone" aria-labelledby="database-actions-title">
        <h2 id="database-actions-title">This database</h2>
        {this.state.error && <p class="field-error" role="alert">{this.state.error}</p>}
        <form {...r.form} class="inline-form">
          <span class="hint">{onlyOwner ? "You are the only owner: hand over ownership before you leave." : "Leave this database: you will no longer be able to open it."}</span>
          <button class="button danger-text" {...r.submit(this, this.askLeave)} disabled={onlyOwner || undefined}>Leave database</button>
        </form>
        {owner && others.length > 0 && (
          <form {...r.form} class="inline-form">
            <label for="heir">Make owner</label>
            <select id="heir" name={r.input(this, this.setState, "heir")}>
              {others.map((m) => <option value={m.id} selected={m.id === this.state.heir}>{m.name} ({m.email})</option>)}
            </select>
            <button class="button" {...r.submit(this, this.askTransfer)}>Hand over ownership</button>
          </form>
        )}
        {owner && app.deletionAt() === undefined && (
          <form {...r.form} class="inline-form">
            <label for="delete-name">Type <strong class="mono">{app.databaseName}</strong> to delete it</label>
            <input id="delete-name" name={r.input(this, this.setState, "typedName")} value={this.state.typedName ?? ""} autocomplete="off" maxlength={100} />
            <button class="button danger" {...r.submit(this, this.deleteDatabase)}>Delete database</button>
          </form>
        )}
      </section>
    );
  }

  askLeave(ctx: Ctx) {
    ctx.call(ConfirmDialog.ask(`Leave ${ctx.app.databaseName}?`, "You will be signed out and can come back only with a new invitation.", "Leave database", true), "leaveAnswered");
  }

  leaveAnswered(ctx: Ctx, answer: Json) {
    if (answer !== true) return;
    const result = ctx.app.leave();
    this.state.error = result.ok ? null : result.reason;
  }

  askTransfer(ctx: Ctx) {
    const heir = ctx.app.members().find((m) => m.id === (this.state.heir ?? ctx.app.members().find((o) => o.id !== ctx.app.me.id)?.id));
    if (!heir || heir.id === ctx.app.me.id) return;
    ctx.call(ConfirmDialog.ask(`Make ${heir.name} the owner?`, "You will become a builder: you keep building tables and forms, but no longer manage members or settings.", "Hand over ownership", true, heir.id), "transferAnswered");
  }

  transferAnswered(ctx: Ctx, memberId: Json) {
    if (typeof memberId !== "string") return;
    const result = ctx.app.transferOwnership(memberId);
    this.state.error = result.ok ? null : result.reason;
    if (result.ok) ctx.notice(`${result.name} is now an owner.`);
  }

  deleteDatabase(ctx: Ctx) {
    const result = ctx.app.scheduleDeletion(this.state.typedName ?? "");
    this.state.error = result.ok ? null : result.reason;
    if (result.ok) {
      this.state.typedName = null;
      ctx.notice("The database is scheduled for deletion. You can take it back for 7 days.");
    }
  }
}
