// Addresses: every place in a database has a readable URL under /t/<db>/, and a tree of
// components can be built back from it — so a reload, a bookmark, Back/Forward after the
// page's state expired, and a link sent to a colleague all land on the same place. The other
// direction (tree → address) is each component's `place()`, joined by `placeOf`.
//
//   tables                         the tables list
//   tables/import                  import a new table from pasted text or a file (builders)
//   tables/<table>                 a table's grid (its default view)
//   tables/<table>/import          import rows into that table (editors and builders)
//   tables/<table>/views/<view>    a saved view of a table (shared, or the member's own)
//   …/page/<n>[/after|before/<id>] page n of a grid or view: the page a turn led to, read
//                                  after (before) that record's place (by number if it is gone)
//   tables/<table>/views/<view>/at/<period>   a calendar view at a month (2026-11) or the
//                                  week of a day (2026-11-23); a record may be open over it
//   tables/<table>/records/<id>    a record, open over its grid
//   tables/<table>/derived/new     the derived-field builder over the grid (…/derived/<field>: change one)
//   constants                      the database's named constants
//   forms                          the forms list
//   forms/<form>                   a form's builder (builders and owners)
//   members                        members and settings
//   account                        My account: the member's own name, password, sign-ins
//   activity                       who changed what and when, database-wide
//   activity/<table>               the history of one table (deleted ones too)
//   activity/<table>/at/<ms>       the table as it was at a moment, read-only
//   activity/at/<ms>               the database's tables as they were then
//   trash                          deleted things, restorable for 30 days

import { type PageKey, readPageAddress } from "../../schema/paging";
import { parsePeriod } from "../../schema/views/calendar";
import type { TroveApp } from "../app";
import { ActivityPage } from "./activity-page";
import { AppShell } from "./app-shell";
import { DatabaseMomentPage } from "./database-moment";
import { TableMomentPage } from "./table-moment";
import { DerivedBuilder } from "./derived-builder";
import { FormBuilder } from "./form-builder";
import { ImportPage } from "./import-page";
import { RecordDetail } from "./record-detail";
import { TablePage } from "./table-page";

/** What a place's address says: its parts, checked for shape only. */
export type Place =
  | { page: "tables"; tableId?: string; viewId?: string; period?: string; recordId?: string; import?: true; derived?: string; pageAt?: { page: number; key: PageKey | null } }
  | { page: "forms"; formId?: string }
  | { page: "members" }
  | { page: "account" }
  | { page: "activity"; tableId?: string; at?: number }
  | { page: "trash" }
  | { page: "constants" };

const ID = /^[\w-]{1,40}$/;

/** Reads the part of a path after /t/<db>/; undefined when it names no place. */
export function parsePlace(rest: string): Place | undefined {
  const parts = rest.split("/").filter((p) => p !== "");
  // tables/<table>/views/<view>[/records/<id>]: the view, then what is open over it.
  if (parts[0] === "tables" && parts[2] === "views" && parts.length >= 4) {
    const [, tableId = "", , viewId = "", ...rest] = parts;
    if (!ID.test(tableId) || !ID.test(viewId)) return undefined;
    // …/at/<period>: the month or week a calendar shows.
    const period = rest[0] === "at" ? rest[1] : undefined;
    if (period !== undefined && !parsePeriod(period)) return undefined;
    const after = period === undefined ? rest : rest.slice(2);
    const inner = parsePlace(["tables", tableId, ...after].join("/"));
    return inner?.page === "tables" && inner.tableId !== undefined ? { ...inner, viewId, ...(period !== undefined && { period }) } : undefined;
  }
  // tables/<table>[/views/<view>]/page/<n>[/after|before/<record>]: a page of the grid,
  // then what is open over it (../../schema/paging.ts reads and checks it).
  if (parts[0] === "tables" && parts[2] === "page") {
    const at = readPageAddress(parts.slice(2));
    if (at === null || at === "bad") return undefined;
    const inner = parsePlace(["tables", parts[1], ...parts.slice(2 + at.used)].join("/"));
    return inner?.page === "tables" && inner.tableId !== undefined && inner.pageAt === undefined && inner.viewId === undefined ? { ...inner, pageAt: { page: at.page, key: at.key } } : undefined;
  }
  const [page, id, sub, subId, ...more] = parts;
  if (more.length > 0 || (id !== undefined && !ID.test(id)) || (subId !== undefined && !ID.test(subId))) return undefined;
  if (page === "tables") {
    // Table ids are 11 characters (randomId(8)): never "import".
    if (sub === undefined) return id === undefined ? { page } : id === "import" ? { page, import: true } : { page, tableId: id };
    if (sub === "derived" && subId !== undefined) return { page, tableId: id!, derived: subId };
    if (sub === "import" && subId === undefined) return { page, tableId: id!, import: true };
    return sub === "records" && subId !== undefined ? { page, tableId: id!, recordId: subId } : undefined;
  }
  if (page === "forms" && sub === undefined) return id === undefined ? { page } : { page, formId: id };
  if (page === "members" && id === undefined) return { page };
  if (page === "account" && id === undefined) return { page };
  if (page === "trash" && id === undefined) return { page };
  if (page === "activity") {
    if (id === undefined) return { page };
    if (id === "at") return sub !== undefined && subId === undefined && /^\d{1,15}$/.test(sub) ? { page, at: Number(sub) } : undefined;
    if (sub === undefined) return { page, tableId: id };
    const at = Number(subId);
    return sub === "at" && subId !== undefined && /^\d{1,15}$/.test(subId) ? { page, tableId: id, at } : undefined;
  }
  if (page === "constants" && id === undefined) return { page };
  return undefined;
}

/** The tree that shows `place` to this member, or why it cannot be shown. */
export function treeFor(place: Place, app: TroveApp): { ok: true; root: AppShell } | { ok: false; reason: string } {
  const shell = AppShell.create(place.page);
  if (place.page === "tables" && place.import && place.tableId === undefined) {
    if (!app.can("build")) return { ok: false, reason: "Your role does not allow making tables." };
    shell.children.page!.delegate = { component: ImportPage.create(), onAnswer: "imported" };
  }
  if (place.page === "tables" && place.tableId !== undefined) {
    if (!app.table(place.tableId)) return { ok: false, reason: "This table does not exist, or it was deleted." };
    if (place.viewId !== undefined && !app.view(place.tableId, place.viewId)) return { ok: false, reason: "This view does not exist, or it is someone else's personal view." };
    const grid = TablePage.create(place.tableId, place.viewId ?? null, place.period ?? null, place.pageAt);
    shell.children.page!.delegate = { component: grid };
    if (place.recordId !== undefined) {
      if (!app.record(place.tableId, place.recordId)) return { ok: false, reason: "This record does not exist, or it was deleted." };
      grid.delegate = { component: RecordDetail.create(place.tableId, place.recordId), onAnswer: "recordClosed" };
    }
    if (place.import) {
      if (!app.can("write")) return { ok: false, reason: "Your role does not allow adding records." };
      grid.delegate = { component: ImportPage.create(place.tableId), onAnswer: "imported" };
    }
    if (place.derived !== undefined) {
      if (!app.can("build")) return { ok: false, reason: "Your role does not allow changing fields." };
      const field = place.derived === "new" ? undefined : app.table(place.tableId)?.fields.find((f) => f.id === place.derived && f.deletedAt === undefined && f.derived);
      if (place.derived !== "new" && !field) return { ok: false, reason: "This computed field does not exist, or it was deleted." };
      grid.delegate = { component: DerivedBuilder.create(place.tableId, field), onAnswer: "typeChanged" };
    }
  }
  if (place.page === "forms" && place.formId !== undefined) {
    const form = app.form(place.formId);
    if (!form) return { ok: false, reason: "This form does not exist, or it was deleted." };
    if (!app.can("build")) return { ok: false, reason: "Your role does not allow editing forms." };
    shell.children.page!.delegate = { component: FormBuilder.create(form) };
  }
  if (place.page === "activity" && place.tableId === undefined && place.at !== undefined) {
    const page = ActivityPage.create(null);
    shell.children.page = page;
    page.delegate = { component: DatabaseMomentPage.create(place.at), onAnswer: "momentClosed" };
  }
  if (place.page === "activity" && place.tableId !== undefined) {
    if (!app.anyTable(place.tableId)) return { ok: false, reason: "This table does not exist." };
    const page = ActivityPage.create(place.tableId);
    shell.children.page = page;
    if (place.at !== undefined) page.delegate = { component: TableMomentPage.create(place.tableId, place.at), onAnswer: "momentClosed" };
  }
  return { ok: true, root: shell };
}
