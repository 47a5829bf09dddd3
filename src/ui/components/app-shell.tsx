// The root of every signed-in session: the header (database, navigation, who else is here,
// undo and redo, the member's name linking to My account, sign out) and the current page.

import type { Json } from "../../schema/fields/field-type";
import { initials } from "../../schema/members";
import type { TroveApp } from "../app";
import { Component } from "../engine/component";
import type { HandlerContext } from "../engine/context";
import type { Renderer } from "../engine/renderer";
import { AccountPage } from "./account-page";
import { ActivityPage } from "./activity-page";
import { TrashPage } from "./trash-page";
import { ConstantsPage } from "./constants-page";
import { FormsPage } from "./forms-page";
import { MembersPage } from "./members-page";
import { TablesHome } from "./tables-home";

type Ctx = HandlerContext<TroveApp>;

/** Avatars shown of the others here; the rest are one "+N" chip. The header (and so every
 *  page's markup, and each presence update sent to every open page) stays the same size
 *  however many people are here: with every avatar drawn, 1,000 people made every page's
 *  header about 150 KB and each arrival sent that to all of them (issue 17). */
export const MAX_AVATARS = 5;
type PageName = "tables" | "forms" | "members" | "account" | "activity" | "trash" | "constants";
const PAGES: readonly string[] = ["tables", "forms", "members", "account", "activity", "trash", "constants"] satisfies PageName[];

function pageFor(page: PageName): Component {
  switch (page) {
    case "tables":
      return TablesHome.create();
    case "forms":
      return FormsPage.create();
    case "members":
      return MembersPage.create();
    case "account":
      return AccountPage.create();
    case "activity":
      return ActivityPage.create();
    case "trash":
      return TrashPage.create();
    case "constants":
      return ConstantsPage.create();
  }
}

export class AppShell extends Component<{ page: PageName }> {
  static override readonly type = "AppShell";

  static create(page: PageName = "tables"): AppShell {
    const shell = new AppShell({ page });
    shell.children.page = pageFor(page);
    return shell;
  }

  override place(): string {
    return this.state.page;
  }

  render(r: Renderer<TroveApp>) {
    r.watch("presence");
    r.watch(`changes:${r.app.me.id}`);
    // A role change or removal reaches open pages: controls a role no longer allows go.
    r.watch("roles");
    const app = r.app;
    const present = app.present();
    const others = present.slice(0, MAX_AVATARS);
    const more = present.length - others.length;
    const undoable = app.lastUndoable();
    const redoable = app.lastRedoable();
    const deletion = app.deletionAt();
    const nav = (page: PageName, label: string) => (
      <a href={r.hrefTo(page, this, this.go, page)} class={this.state.page === page ? "nav-link current" : "nav-link"} aria-current={this.state.page === page ? "page" : undefined}>
        {label}
      </a>
    );
    return (
      <div class="shell">
        <header class="topbar" id="topbar" data-region>
          <a class="brand" href={r.hrefTo("tables", this, this.go, "tables")}>
            <span class="logo" aria-hidden="true">T</span>
            <span class="db-name">{app.databaseName}</span>
          </a>
          <nav aria-label="Database">
            {nav("tables", "Tables")}
            {nav("forms", "Forms")}
            {nav("constants", "Constants")}
            {nav("members", "Members")}
            {nav("activity", "Activity")}
            {app.can("write") && nav("trash", "Trash")}
          </nav>
          <div class="topbar-end">
            {(undoable || redoable) && (
              <form {...r.form} class="undo-redo">
                {/* data-shortcut: the runtime clicks these for Ctrl/Cmd+Z and Ctrl/Cmd+Shift+Z. */}
                {undoable && <button class="button small ghost" {...r.submit(this, this.undo)} title={`Undo: ${undoable}`} data-shortcut="undo">Undo</button>}
                {redoable && <button class="button small ghost" {...r.submit(this, this.redo)} title={`Redo: ${redoable}`} data-shortcut="redo">Redo</button>}
              </form>
            )}
            <ul class="presence" aria-label="Also here now">
              {others.map((m) => (
                <li class="avatar" title={`${m.name} is here`}>
                  <span aria-hidden="true">{initials(m.name)}</span>
                  <span class="visually-hidden">{m.name}</span>
                </li>
              ))}
              {more > 0 && (
                <li class="avatar more" title={`${more} more ${more === 1 ? "person is" : "people are"} here`}>
                  <span aria-hidden="true">+{more > 99 ? "99" : more}</span>
                  <span class="visually-hidden">and {more} more</span>
                </li>
              )}
            </ul>
            <a class={this.state.page === "account" ? "me current" : "me"} href={r.hrefTo("account", this, this.go, "account")} title={app.me.email} aria-label={`My account (${app.me.name})`} aria-current={this.state.page === "account" ? "page" : undefined}>
              <span class="avatar mine" aria-hidden="true">{initials(app.me.name)}</span> {app.me.name}
            </a>
            <form method="post" action={`/t/${app.databaseName}/signout`}>
              <button class="button small ghost" type="submit">Sign out</button>
            </form>
          </div>
        </header>
        <main id="main" data-region>
          {deletion !== undefined && (
            <div class="deletion-banner" role="status">
              <span>This database is scheduled for deletion on {new Date(deletion).toISOString().slice(0, 10)}: everything in it will then be erased.</span>
              {app.can("manage") && (
                <form {...r.form}>
                  <button class="button small" {...r.submit(this, this.cancelDeletion)}>Undo deletion</button>
                </form>
              )}
            </div>
          )}
          {r.child(this, "page")}
        </main>
      </div>
    );
  }

  go(_ctx: Ctx, page: Json) {
    if (typeof page !== "string" || !PAGES.includes(page)) return;
    // The current page again: back to its top (out of an open table or form builder).
    if (page === this.state.page) {
      const current = this.children.page;
      if (current) current.delegate = undefined;
      return;
    }
    this.state.page = page as PageName;
    this.children.page = pageFor(page as PageName);
  }

  cancelDeletion(ctx: Ctx) {
    const result = ctx.app.cancelDeletion();
    ctx.notice(result.ok ? "The database will not be deleted." : result.reason, result.ok ? "info" : "error");
  }

  undo(ctx: Ctx) {
    const result = ctx.app.undo();
    ctx.notice(result.ok ? `Undone: ${result.description}` : result.reason, result.ok ? "info" : "error");
  }

  redo(ctx: Ctx) {
    const result = ctx.app.redo();
    ctx.notice(result.ok ? `Redone: ${result.description}` : result.reason, result.ok ? "info" : "error");
  }
}
