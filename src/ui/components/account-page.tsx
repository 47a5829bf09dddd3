// My account (/t/<db>/account): the member's own name and password, where they are signed
// in (sign out any one, or all others), their recovery code, and leaving, handing over or
// deleting the database (./database-actions.tsx). Each database keeps its own
// members, so this is per database.
//
// Secrets never enter the component's state (which is snapshotted into SQLite): passwords
// typed here are held on the instance for the one event that submits them, and a new
// recovery code lives only on the instance for the render that answers its click — shown
// once, gone on the next render.

import type { Json } from "../../schema/fields/field-type";
import { LIMITS } from "../../schema/account-inputs";
import type { TroveApp } from "../app";
import { Component } from "../engine/component";
import type { HandlerContext } from "../engine/context";
import type { Renderer } from "../engine/renderer";
import { ConfirmDialog } from "./confirm";
import { DatabaseActions } from "./database-actions";

type Ctx = HandlerContext<TroveApp>;

interface State {
  [key: string]: Json;
  name: string | null;
  error: string | null;
  passwordError: string | null;
}

const when = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace("T", " ");

export class AccountPage extends Component<State> {
  static override readonly type = "AccountPage";
  /** Passwords typed for the event being handled (never snapshotted). */
  private typed = { current: "", password: "" };
  /** A recovery code made by this event, shown by its render only. */
  private shownCode: string | undefined;

  static create(): AccountPage {
    const page = new AccountPage({ name: null, error: null, passwordError: null });
    page.children.database = DatabaseActions.create();
    return page;
  }

  render(r: Renderer<TroveApp>) {
    const app = r.app;
    r.watch("members");
    r.watch(`signins:${app.me.id}`);
    const signIns = app.signIns();
    const others = signIns.filter((s) => !s.current).length;
    return (
      <section class="page account-page" aria-labelledby="page-title">
        <header class="page-header">
          <h1 id="page-title">My account</h1>
          <p class="muted">{app.me.email}</p>
        </header>
        <form {...r.form} class="card">
          <h2>Your name</h2>
          <div class="form-row">
            <div class="field">
              <label for="account-name">Display name</label>
              <input id="account-name" name={r.input(this, this.setState, "name")} value={this.state.name ?? app.me.name} autocomplete="name" maxlength={LIMITS.displayName} />
            </div>
            <button class="button primary" {...r.submit(this, this.saveName)}>Save name</button>
          </div>
          {this.state.error && <p class="field-error" role="alert">{this.state.error}</p>}
        </form>
        <form {...r.form} class="card">
          <h2>Password</h2>
          <p class="hint">Changing your password signs you out everywhere else.</p>
          <div class="form-row">
            <div class="field">
              <label for="current-password">Current password</label>
              <input id="current-password" type="password" name={r.input(this, this.type_, "current")} autocomplete="current-password" maxlength={LIMITS.passwordBytes} />
            </div>
            <div class="field">
              <label for="new-password">New password</label>
              <input id="new-password" type="password" name={r.input(this, this.type_, "password")} autocomplete="new-password" maxlength={LIMITS.passwordBytes} />
            </div>
            <button class="button primary" {...r.submit(this, this.changePassword)}>Change password</button>
          </div>
          {this.state.passwordError && <p class="field-error" role="alert">{this.state.passwordError}</p>}
        </form>
        <section class="card" aria-labelledby="signins-title">
          <h2 id="signins-title">Where you are signed in</h2>
          <table class="data-table signins-table">
            <thead>
              <tr><th scope="col">Browser</th><th scope="col">Signed in</th><th scope="col">Last seen</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr>
            </thead>
            <tbody>
              {signIns.map((s) => (
                <tr>
                  <td>{s.device}{s.current && <span class="badge"> This browser</span>}</td>
                  <td class="muted">{when(s.signedInAt)} UTC</td>
                  <td class="muted">{when(s.lastSeen)} UTC</td>
                  <td class="actions">
                    <a class="button small danger-text" href={r.href(this, this.endSignIn, s.id)} aria-label={s.current ? "Sign out here" : `Sign out ${s.device}, last seen ${when(s.lastSeen)}`}>Sign out</a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {others > 0 && (
            <form {...r.form} class="form-actions">
              <button class="button" {...r.submit(this, this.endOthers)}>Sign out everywhere else</button>
            </form>
          )}
        </section>
        <section class="card" aria-labelledby="recovery-title">
          <h2 id="recovery-title">Recovery code</h2>
          <p class="hint">
            If you forget your password, your email and this code let you set a new one from the sign-in page. Trove keeps only a fingerprint of it:
            {app.hasRecoveryCode() ? " a new code replaces the one you have." : " you have none yet."}
          </p>
          {this.shownCode && (
            <div class="invite-link" role="status">
              <p>Your new recovery code. Keep it somewhere safe: it is shown only now, and works once.</p>
              <div class="copy-row">
                <input id="recovery-code" class="mono" readonly value={this.shownCode} aria-label="Recovery code" data-select-on-focus="" />
                <button type="button" class="button small copy-button" data-copy="recovery-code">Copy code</button>
              </div>
            </div>
          )}
          <form {...r.form} class="form-actions">
            <button class="button" {...r.submit(this, this.newCode)}>{app.hasRecoveryCode() ? "Make a new recovery code" : "Make a recovery code"}</button>
          </form>
        </section>
        {r.child(this, "database")}
      </section>
    );
  }

  saveName(ctx: Ctx) {
    const result = ctx.app.rename(this.state.name ?? ctx.app.me.name);
    this.state.error = result.ok ? null : result.reason;
    if (result.ok) {
      this.state.name = null;
      ctx.notice("Name saved.");
    }
  }

  /** Keeps a typed password for this event only (the argument names which one). */
  type_(_ctx: Ctx, which: Json, value: string | undefined) {
    if (which === "current" || which === "password") this.typed[which] = (value ?? "").slice(0, LIMITS.passwordBytes * 4);
  }

  async changePassword(ctx: Ctx) {
    const result = await ctx.app.changePassword(this.typed.current, this.typed.password);
    this.typed = { current: "", password: "" };
    this.state.passwordError = result.ok ? null : result.reason;
    if (result.ok) ctx.notice("Password changed. You are signed out everywhere else.");
  }

  endSignIn(ctx: Ctx, id: Json) {
    if (typeof id !== "number") return;
    const result = ctx.app.endSignIn(id);
    ctx.notice(result.ok ? "Signed out there." : result.reason, result.ok ? "info" : "error");
  }

  endOthers(ctx: Ctx) {
    const result = ctx.app.endOtherSignIns();
    if (result.ok) ctx.notice(result.count === 1 ? "Signed out of 1 other sign-in." : `Signed out of ${result.count} other sign-ins.`);
  }

  newCode(ctx: Ctx) {
    if (ctx.app.hasRecoveryCode()) {
      ctx.call(ConfirmDialog.ask("Make a new recovery code?", "The code you have now will stop working.", "Make a new code", false, null), "codeConfirmed");
      return;
    }
    return this.codeConfirmed(ctx, true);
  }

  async codeConfirmed(ctx: Ctx, answer: Json) {
    if (answer !== true) return;
    this.shownCode = await ctx.app.newRecoveryCode();
  }
}
