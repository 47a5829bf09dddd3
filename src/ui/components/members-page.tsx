// Members of a database: everyone sees who is here; owners invite (a one-time link to pass
// on, since there is no mail server; copied with a button when JavaScript runs), see and
// revoke open invitations, change roles, issue and revoke password reset links (shown once)
// and remove members.

import { timeZoneNames, zoneLabel } from "../../schema/time-zones";
import type { Json } from "../../schema/fields/field-type";
import { initials } from "../../schema/members";
import { LIMITS } from "../../schema/account-inputs";
import { ROLE_DESCRIPTIONS, ROLES } from "../../schema/roles";
import type { TroveApp } from "../app";
import { Component } from "../engine/component";
import type { HandlerContext } from "../engine/context";
import type { Renderer } from "../engine/renderer";
import { BackupCard } from "./backup-card";
import { ConfirmDialog } from "./confirm";
import { count } from "../format";

type Ctx = HandlerContext<TroveApp>;

interface State {
  [key: string]: Json;
  email: string;
  role: string;
  error: string | null;
  link: string | null;
  linkEmail: string | null;
  roleChoice: { [memberId: string]: Json };
  ttlDays: string | null;
  zone: string | null;
  dateOrder: string | null;
  decimalMark: string | null;
}

const title = (role: string) => role.charAt(0).toUpperCase() + role.slice(1);

export class MembersPage extends Component<State> {
  static override readonly type = "MembersPage";
  /** A reset link made by this event, shown by its render only (never snapshotted). */
  private shownReset: { link: string; name: string } | undefined;

  static create(): MembersPage {
    return new MembersPage({ email: "", role: "editor", error: null, link: null, linkEmail: null, roleChoice: {}, ttlDays: null, zone: null, dateOrder: null, decimalMark: null });
  }

  render(r: Renderer<TroveApp>) {
    r.watch("members");
    r.watch("settings");
    const app = r.app;
    const locale = app.locale();
    const owner = app.can("manage");
    const members = app.members();
    const invitations = owner ? app.invitations() : [];
    const resets = new Map(app.resets().map((reset) => [reset.memberId, reset.expiresAt]));
    return (
      <section class="page" aria-labelledby="page-title">
        <header class="page-header">
          <h1 id="page-title">Members</h1>
          <p class="muted">{count(members.length, "member")}</p>
        </header>
        {owner && (
          <form {...r.form} class="card invite-form">
            <h2>Invite someone</h2>
            <div class="form-row">
              <div class="field">
                <label for="invite-email">Email</label>
                <input id="invite-email" type="email" name={r.input(this, this.setState, "email")} value={this.state.email} placeholder="name@example.org" autocomplete="off" maxlength={LIMITS.email} />
              </div>
              <div class="field">
                <label for="invite-role">Role</label>
                <select id="invite-role" name={r.input(this, this.setState, "role")}>
                  {ROLES.map((role) => (
                    <option value={role} selected={role === this.state.role}>{title(role)} — {ROLE_DESCRIPTIONS[role]}</option>
                  ))}
                </select>
              </div>
              <button class="button primary" {...r.submit(this, this.invite)}>Create invitation</button>
            </div>
            {this.state.error && <p class="field-error" role="alert">{this.state.error}</p>}
            {this.state.link && invitations.some((i) => i.email === this.state.linkEmail) && (
              <div class="invite-link" role="status">
                <p>Send this one-time link to <strong>{this.state.linkEmail}</strong>. It works once and expires in 7 days; a new invitation for the same email replaces it.</p>
                <div class="copy-row">
                  <input id="invite-link" class="mono" readonly value={this.state.link} aria-label="Invitation link" data-select-on-focus="" />
                  <button type="button" class="button small copy-button" data-copy="invite-link">Copy link</button>
                </div>
              </div>
            )}
          </form>
        )}
        <table class="data-table members-table">
          <thead>
            <tr><th scope="col">Member</th><th scope="col">Email</th><th scope="col">Role</th>{owner && <th scope="col"><span class="visually-hidden">Actions</span></th>}</tr>
          </thead>
          <tbody>
            {members.map((m) => (
              <tr id={`member-${m.id}`}>
                <td><span class="avatar" aria-hidden="true">{initials(m.name)}</span> {m.name}{m.id === app.me.id && <span class="muted"> (you)</span>}</td>
                <td>{m.email}</td>
                <td>
                  {owner ? (
                    <form {...r.form} class="inline-form compact">
                      <label class="visually-hidden" for={`role-${m.id}`}>Role of {m.name}</label>
                      <select id={`role-${m.id}`} name={r.input(this, this.pickRole, m.id)}>
                        {ROLES.map((role) => <option value={role} selected={role === m.role}>{title(role)}</option>)}
                      </select>
                      <button class="button small" {...r.submit(this, this.saveRole, m.id)} aria-label={`Change role of ${m.name}`}>Change</button>
                    </form>
                  ) : (
                    <span class={`badge role-${m.role}`}>{title(m.role)}</span>
                  )}
                </td>
                {owner && (
                  <td class="actions">
                    {m.id !== app.me.id && (resets.has(m.id) ? (
                      <a class="button small" href={r.href(this, this.revokeReset, m.id)} aria-label={`Revoke reset link for ${m.name}`} title={`Reset link open until ${new Date(resets.get(m.id)!).toISOString().slice(0, 16).replace("T", " ")} UTC`}>Revoke reset link</a>
                    ) : (
                      <a class="button small ghost" href={r.href(this, this.issueReset, m.id)} aria-label={`Reset link for ${m.name}`}>Reset password</a>
                    ))}
                    <a class="button small danger-text" href={r.href(this, this.askRemove, m.id)} aria-label={`Remove ${m.name}`}>Remove</a>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
        {this.shownReset && (
          <div class="card invite-link" role="status">
            <p>Send this one-time link to <strong>{this.shownReset.name}</strong> so they can choose a new password. It works once, expires in 2 days, and signs them out everywhere else. It is shown only now.</p>
            <div class="copy-row">
              <input id="reset-link" class="mono" readonly value={this.shownReset.link} aria-label="Reset link" data-select-on-focus="" />
              <button type="button" class="button small copy-button" data-copy="reset-link">Copy link</button>
            </div>
          </div>
        )}
        {invitations.length > 0 && (
          <section class="pending" aria-labelledby="pending-title">
            <h2 id="pending-title">Invitations not yet accepted</h2>
            <ul>
              {invitations.map((i) => (
                <li>
                  <span class="pending-email">{i.email}</span> <span class={`badge role-${i.role}`}>{title(i.role)}</span>
                  <span class="muted">invited by {i.invitedBy} · expires {new Date(i.expiresAt).toISOString().slice(0, 10)}</span>
                  <a class="button small danger-text" href={r.href(this, this.revoke, i.email)} aria-label={`Revoke invitation for ${i.email}`}>Revoke</a>
                </li>
              ))}
            </ul>
          </section>
        )}
        {owner && (
          <form {...r.form} class="card">
            <h2>Settings</h2>
            <div class="inline-form">
              <label for="ttl-days">Sign people out after this many idle days</label>
              <input id="ttl-days" inputmode="numeric" name={r.input(this, this.setState, "ttlDays")} value={this.state.ttlDays ?? String(app.sessionTtlDays())} />
              <button class="button" {...r.submit(this, this.saveTtl)}>Save setting</button>
            </div>
            <div class="inline-form">
              <label for="time-zone">Time zone for dates typed from now on</label>
              {/* Type a city ("New York"): the list filters as you type, and the server finds
                  the zone from a city too, so it works without JavaScript. */}
              <input id="time-zone" name={r.input(this, this.setState, "zone")} value={this.state.zone ?? app.timeZone()} placeholder="Type a city, e.g. New York" autocomplete="off" list="time-zones" maxlength={100} />
              <datalist id="time-zones">
                {timeZoneNames().map((zone) => <option value={zone}>{zoneLabel(zone)}</option>)}
              </datalist>
              <button class="button" {...r.submit(this, this.saveZone)}>Save time zone</button>
            </div>
            <div class="form-row formats">
              <div class="field">
                <label for="date-order">Dates like 3/4/2026 are</label>
                <select id="date-order" name={r.input(this, this.setState, "dateOrder")}>
                  <option value="mdy" selected={(this.state.dateOrder ?? locale.dateOrder) === "mdy"}>Month first: March 4</option>
                  <option value="dmy" selected={(this.state.dateOrder ?? locale.dateOrder) === "dmy"}>Day first: 3 April</option>
                </select>
              </div>
              <div class="field">
                <label for="decimal-mark">Numbers are written</label>
                <select id="decimal-mark" name={r.input(this, this.setState, "decimalMark")}>
                  <option value="." selected={(this.state.decimalMark ?? locale.decimalMark) === "."}>1,234.56 (decimal point)</option>
                  <option value="," selected={(this.state.decimalMark ?? locale.decimalMark) === ","}>1.234,56 (decimal comma)</option>
                </select>
              </div>
              <button class="button" {...r.submit(this, this.saveLocale)}>Save formats</button>
            </div>
          </form>
        )}
        {owner && <BackupCard database={app.databaseName} accesses={app.operatorAccesses()} restoredFrom={app.restoredFrom()} />}
      </section>
    );
  }

  saveLocale(ctx: Ctx) {
    const current = ctx.app.locale();
    const result = ctx.app.setLocale(this.state.dateOrder ?? current.dateOrder, this.state.decimalMark ?? current.decimalMark);
    if (result.ok) {
      this.state.dateOrder = null;
      this.state.decimalMark = null;
    }
    ctx.notice(result.ok ? "Formats saved." : result.reason, result.ok ? "info" : "error");
  }

  saveZone(ctx: Ctx) {
    const result = ctx.app.setTimeZone(this.state.zone ?? "");
    if (result.ok) this.state.zone = null;
    ctx.notice(result.ok ? `Time zone saved: ${ctx.app.timeZone()}.` : result.reason, result.ok ? "info" : "error");
  }

  saveTtl(ctx: Ctx) {
    const result = ctx.app.setSessionTtlDays(this.state.ttlDays ?? "");
    if (result.ok) this.state.ttlDays = null;
    ctx.notice(result.ok ? "Setting saved." : result.reason, result.ok ? "info" : "error");
  }

  async invite(ctx: Ctx) {
    const result = await ctx.app.invite(this.state.email, this.state.role);
    if (!result.ok) {
      this.state.error = result.reason;
      return;
    }
    this.state.linkEmail = result.email;
    this.state.link = result.link;
    this.state.email = "";
    this.state.error = null;
  }

  revoke(ctx: Ctx, email: Json) {
    if (typeof email !== "string") return;
    const result = ctx.app.revokeInvitation(email);
    if (result.ok && this.state.linkEmail === email) {
      this.state.link = null;
      this.state.linkEmail = null;
    }
    ctx.notice(result.ok ? `Invitation for ${email} revoked.` : result.reason);
  }

  async issueReset(ctx: Ctx, memberId: Json) {
    if (typeof memberId !== "string") return;
    const result = await ctx.app.issueReset(memberId);
    if (!result.ok) return ctx.notice(result.reason, "error");
    this.shownReset = { link: result.link, name: result.name };
  }

  revokeReset(ctx: Ctx, memberId: Json) {
    if (typeof memberId !== "string") return;
    const result = ctx.app.revokeReset(memberId);
    ctx.notice(result.ok ? "Reset link revoked." : result.reason, result.ok ? "info" : "error");
  }

  pickRole(_ctx: Ctx, memberId: Json, value: string | undefined) {
    if (typeof memberId === "string") this.state.roleChoice[memberId] = value ?? "";
  }

  saveRole(ctx: Ctx, memberId: Json) {
    if (typeof memberId !== "string") return;
    const role = this.state.roleChoice[memberId];
    delete this.state.roleChoice[memberId];
    if (typeof role !== "string") return;
    const result = ctx.app.changeRole(memberId, role);
    ctx.notice(result.ok ? "Role changed." : result.reason, result.ok ? "info" : "error");
  }

  askRemove(ctx: Ctx, memberId: Json) {
    const member = ctx.app.members().find((m) => m.id === memberId);
    if (!member) return;
    ctx.call(ConfirmDialog.ask(`Remove ${member.name}?`, `${member.email} will no longer be able to open this database.`, "Remove member", true, member.id), "removeAnswered");
  }

  removeAnswered(ctx: Ctx, memberId: Json) {
    if (typeof memberId !== "string") return;
    const result = ctx.app.removeMember(memberId);
    ctx.notice(result.ok ? "Member removed." : result.reason, result.ok ? "info" : "error");
  }
}
