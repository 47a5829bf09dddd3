// TroveApp for one signed-in member in one session: what the screens may ask of the
// database, each call authorised by the member's role. It records which topics its calls
// changed so the object can re-render the other sessions that show them.

import { ChangePasswordInput, InviteInput, parseInput, RenameInput } from "../schema/account-inputs";
import type { Action } from "../schema/actions";
import type { Outcome } from "../schema/errors";
import type { Json } from "../schema/fields/field-type";
import { type FieldTypeName, fieldType, formatCell, isFieldTypeName } from "../schema/fields/registry";
import { isJsonObject } from "../schema/action-kit";
import type { RecordQuery, StoredRecord } from "../schema/records";
import type { StoredCell } from "../schema/values";
import type { Member } from "../schema/members";
import { findForm, type FormDefinition, liveForms, newForm, slugify } from "../schema/forms/form";
import { mayChangeView } from "../schema/view-actions";
import type { Fragment } from "../schema/views/cell-sql";
import { type Inactive, resolveView } from "../schema/views/query";
import type { ViewPage } from "../schema/views/result";
import { runViewSql, type SqlRow } from "../schema/views/sql";
import { newView, type ViewDefinition, viewsFor } from "../schema/views/view";
import { formatUser } from "../schema/fields/user";
import { isTimeZone } from "../schema/fields/zone";
import { type Field, findField, findTable, liveFields, liveTables, type Table } from "../schema/model";
import { can, type Permission } from "../schema/roles";
import { type ColumnChoice, type ImportPreview, type ImportReport, type ImportSettings, planImport } from "../schema/import/plan";
import { linkToNewTable, previewTypeChange, proposedOptions, type TypeChangePreview, type ValueGroup, valueGroups, withChoiceOption } from "../schema/structure-changes";
import type { Invitation, PendingReset, SignIn, TroveApp } from "../ui/app";
import { randomId } from "../ui/engine/ids";
import { formUrl } from "./public-forms";
import type { Tenant } from "./tenant";
import { DAY } from "./time";

export class TenantApp implements TroveApp {
  /** Topics changed by this app's calls, for live updates. */
  readonly changed = new Set<string>();
  /** Read once per instance (it lives for one event and its render): a grid shows the
   *  members in every user cell and linked records' names in every link cell. */
  private memberList: Member[] | undefined;
  private readonly recordCache = new Map<string, StoredRecord | undefined>();

  constructor(
    private readonly tenant: Tenant,
    private member: Member,
    /** The UI session this app serves (its sign-in is "this browser" on My account). */
    private readonly sessionId?: string,
  ) {}

  get databaseName(): string {
    return this.tenant.name ?? "";
  }

  get me(): Member {
    return this.member;
  }

  can(permission: Permission): boolean {
    return can(this.member.role, permission);
  }

  tables(): Table[] {
    return liveTables(this.tenant.schema);
  }

  addTable(name: string): Outcome<{ tableId: string }> {
    const tableId = randomId(8);
    const result = this.tenant.applyAction(this.member, { kind: "addTable", tableId, name, at: this.tenant.now() });
    return this.note(result, { tableId });
  }

  renameTable(tableId: string, name: string): Outcome {
    return this.note(this.tenant.applyAction(this.member, { kind: "renameTable", tableId, name }), {});
  }

  deleteTable(tableId: string): Outcome {
    return this.note(this.tenant.applyAction(this.member, { kind: "deleteTable", tableId, at: this.tenant.now() }), {});
  }

  table(tableId: string): Table | undefined {
    const table = findTable(this.tenant.schema, tableId);
    return table && table.deletedAt === undefined ? table : undefined;
  }

  records(tableId: string, query: RecordQuery): { records: StoredRecord[]; total: number } {
    return this.tenant.records.query(tableId, query);
  }

  record(tableId: string, recordId: string): StoredRecord | undefined {
    const record = this.tenant.records.get(tableId, recordId);
    return record && record.deletedAt === undefined ? record : undefined;
  }

  invalidCounts(tableId: string): { [fieldId: string]: number } {
    return this.tenant.records.invalidCounts(tableId);
  }

  display(field: Field, cell: StoredCell | undefined): string {
    if (!cell) return "";
    if (cell.invalid !== undefined || cell.value === null) return cell.text;
    if (field.type === "link" && Array.isArray(cell.value) && isJsonObject(field.options) && typeof field.options.tableId === "string") {
      return this.recordNames(field.options.tableId, cell.value.filter((v): v is string => typeof v === "string")).join(", ");
    }
    if (field.type === "user" && typeof cell.value === "string") return formatUser(cell.value, this.members());
    try {
      return formatCell(field.type, cell.value, field.options);
    } catch {
      return cell.text;
    }
  }

  addRecord(tableId: string): Outcome<{ recordId: string }> {
    const recordId = randomId(8);
    return this.act({ kind: "addRecord", tableId, recordId, at: this.tenant.now(), cells: {} }, { recordId });
  }

  setCell(tableId: string, recordId: string, fieldId: string, text: string): Outcome {
    return this.act({ kind: "setCell", tableId, recordId, fieldId, text }, {});
  }

  deleteRecord(tableId: string, recordId: string): Outcome {
    return this.act({ kind: "deleteRecord", tableId, recordId, at: this.tenant.now() }, {});
  }

  addField(tableId: string, name: string, type: string, index: number): Outcome<{ fieldId: string }> {
    if (!isFieldTypeName(type)) return { ok: false, reason: "Choose a field type." };
    const fieldId = randomId(8);
    const options = type === "date" ? { ...(fieldType(type).defaultOptions() as object), timeZone: this.tenant.timeZone } : fieldType(type).defaultOptions();
    return this.act({ kind: "addField", tableId, field: { id: fieldId, name, type, options: options as Json }, index }, { fieldId });
  }

  renameField(tableId: string, fieldId: string, name: string): Outcome {
    return this.act({ kind: "renameField", tableId, fieldId, name }, {});
  }

  setFieldHidden(tableId: string, fieldId: string, hidden: boolean): Outcome {
    return this.act({ kind: "setFieldHidden", tableId, fieldId, hidden }, {});
  }

  deleteField(tableId: string, fieldId: string): Outcome {
    return this.act({ kind: "deleteField", tableId, fieldId, at: this.tenant.now() }, {});
  }

  previewTypeChange(tableId: string, fieldId: string, type: FieldTypeName, options: Json): TypeChangePreview {
    return previewTypeChange(this.tenant.records, tableId, fieldId, type, options, this.tenant.document(this.member).context);
  }

  proposedOptions(tableId: string, fieldId: string, type: FieldTypeName): Json {
    return proposedOptions(this.tenant.records, tableId, fieldId, type, this.tenant.timeZone);
  }

  changeFieldType(tableId: string, fieldId: string, type: FieldTypeName, options: Json): Outcome {
    return this.act({ kind: "changeFieldType", tableId, fieldId, type, options }, {});
  }

  addChoiceOption(tableId: string, fieldId: string, label: string): Outcome {
    const table = this.table(tableId);
    const field = table && findField(table, fieldId);
    if (!field) return { ok: false, reason: "That field no longer exists." };
    const changed = withChoiceOption(field, label, () => randomId(6));
    return changed.ok ? this.changeFieldType(tableId, fieldId, field.type, changed.options) : changed;
  }

  /** The names (first field's text) of records of a table, in the given order. */
  private recordNames(tableId: string, ids: readonly string[]): string[] {
    const table = this.table(tableId);
    const primary = table && liveFields(table)[0];
    return ids.map((id) => {
      const record = this.cachedRecord(tableId, id);
      const cell = primary && record?.cells[primary.id];
      return primary && cell ? this.display(primary, cell) : "(unnamed)";
    });
  }

  private cachedRecord(tableId: string, id: string): StoredRecord | undefined {
    const key = `${tableId}/${id}`;
    if (!this.recordCache.has(key)) this.recordCache.set(key, this.tenant.records.get(tableId, id));
    return this.recordCache.get(key);
  }

  backlinks(tableId: string, recordIds: readonly string[]): { label: string; names: Map<string, string[]> }[] {
    const result: { label: string; names: Map<string, string[]> }[] = [];
    if (recordIds.length === 0) return result;
    for (const source of this.tables()) {
      for (const field of liveFields(source)) {
        if (field.type !== "link" || !isJsonObject(field.options) || field.options.tableId !== tableId) continue;
        const linked = this.tenant.records.linkedFrom(source.id, field.id, recordIds);
        const names = new Map<string, string[]>();
        for (const [target, sources] of linked) names.set(target, this.recordNames(source.id, sources));
        result.push({ label: source.id === tableId ? `${field.name} (linked from)` : `${source.name} (${field.name})`, names });
      }
    }
    return result;
  }

  previewNewLinkTable(tableId: string, fieldId: string, multiple: boolean): ValueGroup[] {
    return valueGroups(this.tenant.records, tableId, fieldId, multiple);
  }

  linkToNewTable(tableId: string, fieldId: string, newTableName: string, multiple: boolean): Outcome<{ newTableId: string }> {
    const table = this.table(tableId);
    const field = table && findField(table, fieldId);
    if (!table || !field) return { ok: false, reason: "That field no longer exists." };
    const groups = valueGroups(this.tenant.records, tableId, fieldId, multiple);
    const planned = linkToNewTable(groups, table, field, newTableName, multiple, () => randomId(8), this.tenant.now());
    return planned.ok ? this.act(planned.action, { newTableId: planned.newTableId }) : planned;
  }

  views(tableId: string): ViewDefinition[] {
    return viewsFor(this.tenant.schema, tableId, this.member.id);
  }

  view(tableId: string, viewId: string): ViewDefinition | undefined {
    return this.views(tableId).find((view) => view.id === viewId);
  }

  mayChangeView(view: ViewDefinition): boolean {
    return mayChangeView(this.tenant.schema, { kind: "updateView", tableId: view.tableId, view }, this.member) === null;
  }

  runView(view: ViewDefinition, page: { offset: number; limit: number }): ViewPage & { inactive: Inactive[] } {
    const table = this.table(view.tableId);
    if (!table) return { total: 0, records: [], groups: null, totals: [], inactive: [] };
    const resolved = resolveView(view, table, this.tenant.document(this.member).context);
    const run = (f: Fragment) => this.tenant.storage.sql.exec<SqlRow>(f.sql, ...f.params).toArray();
    return { ...runViewSql(resolved, page, run), inactive: resolved.inactive };
  }

  addView(from: ViewDefinition, name: string, personal: boolean): Outcome<{ viewId: string }> {
    const viewId = randomId(8);
    return this.act({ kind: "addView", tableId: from.tableId, view: newView(viewId, from, name, personal ? this.member.id : null) }, { viewId });
  }

  updateView(view: ViewDefinition): Outcome {
    return this.act({ kind: "updateView", tableId: view.tableId, view }, {});
  }

  deleteView(view: ViewDefinition): Outcome {
    return this.act({ kind: "deleteView", tableId: view.tableId, viewId: view.id }, {});
  }

  forms(): FormDefinition[] {
    return liveForms(this.tenant.schema);
  }

  form(formId: string): FormDefinition | undefined {
    return findForm(this.tenant.schema, formId);
  }

  addForm(tableId: string, title: string): Outcome<{ formId: string }> {
    const table = this.table(tableId);
    if (!table) return { ok: false, reason: "Choose a table for the form." };
    const taken = new Set(this.forms().map((f) => f.slug));
    const base = slugify(title);
    let slug = base;
    for (let n = 2; taken.has(slug); n++) slug = `${base.slice(0, 36)}-${n}`;
    const formId = randomId(8);
    return this.act({ kind: "addForm", tableId, form: newForm(formId, table, title, slug) }, { formId });
  }

  updateForm(form: FormDefinition): Outcome {
    return this.act({ kind: "updateForm", tableId: form.tableId, form }, {});
  }

  deleteForm(formId: string): Outcome {
    const form = this.form(formId);
    if (!form) return { ok: false, reason: "That form no longer exists." };
    return this.act({ kind: "deleteForm", tableId: form.tableId, formId }, {});
  }

  formUrl(form: FormDefinition): string {
    return formUrl(this.tenant.origin, this.databaseName, form);
  }

  tableCounts(): Map<string, { records: number; fromForms: number }> {
    const records = this.tenant.records.counts();
    const fromForms = this.tenant.forms.unseenCounts();
    return new Map(this.tables().map((t) => [t.id, { records: records.get(t.id) ?? 0, fromForms: fromForms.get(t.id) ?? 0 }]));
  }

  sawTable(tableId: string): void {
    if (this.tenant.forms.markSeen(tableId)) this.changed.add("unseen");
  }

  private act<T extends object>(action: Action, value: T): Outcome<T> {
    return this.note(this.tenant.applyAction(this.member, action), value);
  }

  undo(): Outcome<{ description: string }> {
    const result = this.tenant.undo(this.member);
    return this.note(result, result.ok ? { description: result.description } : { description: "" });
  }

  redo(): Outcome<{ description: string }> {
    const result = this.tenant.redo(this.member);
    return this.note(result, result.ok ? { description: result.description } : { description: "" });
  }

  lastUndoable(): string | undefined {
    if (!this.can("write")) return undefined;
    const last = this.tenant.changes.lastUndoable(this.member.id);
    return last && this.tenant.describe(last.about);
  }

  lastRedoable(): string | undefined {
    if (!this.can("write")) return undefined;
    const last = this.tenant.changes.lastRedoable(this.member.id);
    return last && this.tenant.describe(last.about);
  }

  members(): Member[] {
    this.memberList ??= this.tenant.accounts.members();
    return this.memberList;
  }

  invitations(): Invitation[] {
    return this.can("manage") ? this.tenant.accounts.pendingInvitations() : [];
  }

  async invite(email: string, role: string): Promise<Outcome<{ link: string; email: string }>> {
    const input = parseInput(InviteInput, (key) => (key === "email" ? email : key === "role" ? role : undefined));
    if (!input.ok) return { ok: false, reason: input.reason };
    const result = await this.tenant.accounts.invite(this.member, input.value);
    if (!result.ok) return result;
    this.changed.add("members");
    return { ok: true, email: input.value.email, link: `${this.tenant.origin}/t/${this.databaseName}/invite/${result.token}` };
  }

  revokeInvitation(email: string): Outcome {
    const result = this.tenant.accounts.revokeInvitation(this.member, email);
    if (result.ok) this.changed.add("members");
    return result;
  }

  changeRole(memberId: string, role: string): Outcome {
    const result = this.tenant.accounts.changeRole(this.member, memberId, role);
    if (result.ok) {
      this.memberList = undefined;
      this.changed.add("members");
      this.changed.add("roles");
    }
    return result;
  }

  removeMember(memberId: string): Outcome {
    const result = this.tenant.accounts.removeMember(this.member, memberId);
    if (result.ok) {
      this.tenant.live.forgetSessionsOf(memberId);
      this.memberList = undefined;
      this.changed.add("members");
      this.changed.add("roles");
    }
    return result;
  }

  // ---- my account ----------------------------------------------------------------------

  /** The sign-in (token hash) of the session this app serves. */
  private loginHash(): string | undefined {
    if (this.sessionId === undefined) return undefined;
    return this.tenant.storage.sql.exec<{ h: string }>("SELECT login_hash AS h FROM ui_sessions WHERE id = ?", this.sessionId).toArray()[0]?.h;
  }

  /** Ends sign-ins (their pages and sockets go to sign in) and notes it for open My account pages. */
  private ended(hashes: string[]): void {
    this.tenant.live.endSignIns(hashes);
    this.changed.add(`signins:${this.member.id}`);
  }

  rename(name: string): Outcome {
    const input = parseInput(RenameInput, (key) => (key === "name" ? name : undefined));
    if (!input.ok) return { ok: false, reason: input.reason };
    const result = this.tenant.credentials.rename(this.member, input.value);
    if (!result.ok) return result;
    this.member = { ...this.member, name: input.value.name };
    this.memberList = undefined;
    for (const topic of ["members", "presence"]) this.changed.add(topic);
    return result;
  }

  async changePassword(current: string, password: string): Promise<Outcome> {
    const input = parseInput(ChangePasswordInput, (key) => (key === "current" ? current : key === "password" ? password : undefined));
    if (!input.ok) return { ok: false, reason: input.reason };
    // A page event carries no client address: the throttle counts these per account.
    const result = await this.tenant.credentials.changePassword(this.member, input.value, null, this.loginHash());
    if (!result.ok) return result;
    this.ended(result.ended);
    return { ok: true };
  }

  signIns(): SignIn[] {
    return this.tenant.credentials.signIns(this.member.id, this.loginHash());
  }

  endSignIn(id: number): Outcome {
    const ended = this.tenant.credentials.endSignIn(this.member.id, id);
    if (ended.length === 0) return { ok: false, reason: "That sign-in has already ended." };
    this.ended(ended);
    return { ok: true };
  }

  endOtherSignIns(): Outcome<{ count: number }> {
    const ended = this.tenant.credentials.endSignIns(this.member.id, this.loginHash() ?? "");
    this.ended(ended);
    return { ok: true, count: ended.length };
  }

  hasRecoveryCode(): boolean {
    return this.tenant.credentials.hasRecoveryCode(this.member.id);
  }

  newRecoveryCode(): Promise<string> {
    return this.tenant.credentials.newRecoveryCode(this.member.id);
  }

  leave(): Outcome {
    const result = this.tenant.lifecycle.leave(this.member);
    if (!result.ok) return result;
    this.tenant.live.forgetSessionsOf(this.member.id);
    this.memberList = undefined;
    for (const topic of ["members", "roles", "presence"]) this.changed.add(topic);
    return result;
  }

  transferOwnership(memberId: string): Outcome<{ name: string }> {
    const result = this.tenant.lifecycle.transfer(this.member, memberId);
    if (!result.ok) return result;
    this.member = { ...this.member, role: "builder" };
    this.memberList = undefined;
    for (const topic of ["members", "roles"]) this.changed.add(topic);
    return result;
  }

  scheduleDeletion(typedName: string): Outcome<{ at: number }> {
    const result = this.tenant.lifecycle.scheduleDeletion(this.member, typedName.slice(0, 200));
    if (result.ok) this.changed.add("roles"); // every open page shows the notice
    return result;
  }

  cancelDeletion(): Outcome {
    const result = this.tenant.lifecycle.cancelDeletion(this.member);
    if (result.ok) this.changed.add("roles");
    return result;
  }

  deletionAt(): number | undefined {
    return this.tenant.lifecycle.deletionAt();
  }

  async issueReset(memberId: string): Promise<Outcome<{ link: string; name: string }>> {
    const result = await this.tenant.credentials.issueReset(this.member, memberId);
    if (!result.ok) return result;
    this.changed.add("members");
    return { ok: true, name: result.member.name, link: `${this.tenant.origin}/t/${this.databaseName}/reset/${result.token}` };
  }

  revokeReset(memberId: string): Outcome {
    const result = this.tenant.credentials.revokeReset(this.member, memberId);
    if (result.ok) this.changed.add("members");
    return result;
  }

  resets(): PendingReset[] {
    return this.can("manage") ? this.tenant.credentials.pendingResets() : [];
  }

  sessionTtlDays(): number {
    return Math.round(this.tenant.sessionTtlMs / DAY);
  }

  setSessionTtlDays(days: string): Outcome {
    if (!this.can("manage")) return { ok: false, reason: "Only owners can change settings." };
    const n = Number(days.trim());
    if (!Number.isInteger(n) || n < 1 || n > 365) return { ok: false, reason: "Enter a whole number of days from 1 to 365." };
    this.tenant.setMeta("session_ttl_days", String(n));
    this.changed.add("settings");
    return { ok: true };
  }

  timeZone(): string {
    return this.tenant.timeZone;
  }

  setTimeZone(timeZone: string): Outcome {
    if (!this.can("manage")) return { ok: false, reason: "Only owners can change settings." };
    const zone = timeZone.trim();
    if (!zone || !isTimeZone(zone)) return { ok: false, reason: `“${zone}” is not a time zone. Use a name like Europe/Paris or America/New_York.` };
    this.tenant.setMeta("time_zone", zone);
    this.changed.add("settings");
    return { ok: true };
  }

  present(): Member[] {
    return this.tenant.live.presentMembers().filter((m) => m.id !== this.member.id);
  }

  stageImport(text: string): Outcome<{ importId: string }> {
    if (!this.can("build")) return { ok: false, reason: "Your role does not allow making tables." };
    const staged = this.tenant.imports.stage(this.member.id, text);
    return staged.ok ? { ok: true, importId: staged.importId } : staged;
  }

  importPreview(importId: string, header: boolean | null, columns: readonly ColumnChoice[]): Outcome<{ preview: ImportPreview }> {
    const shown = this.tenant.imports.preview(this.member.id, importId, header, columns, this.tenant.document(this.member).context);
    if (!shown) return { ok: false, reason: "This import is no longer here: paste the text or choose the file again." };
    return { ok: true, preview: shown.preview };
  }

  importTable(importId: string, settings: ImportSettings): Outcome<{ tableId: string; report: ImportReport }> {
    const doc = this.tenant.document(this.member);
    const shown = this.tenant.imports.preview(this.member.id, importId, settings.header, settings.columns, doc.context);
    if (!shown) return { ok: false, reason: "This import is no longer here: paste the text or choose the file again." };
    const planned = planImport(shown.parsed.rows, shown.preview, settings, () => randomId(8), this.tenant.now());
    if (!planned.ok) return planned;
    const result = this.tenant.applyAction(this.member, planned.action);
    if (result.ok) this.tenant.imports.discard(importId);
    return this.note(result, { tableId: planned.action.tableId, report: planned.report });
  }

  discardImport(importId: string): void {
    if (this.tenant.imports.parsed(this.member.id, importId)) this.tenant.imports.discard(importId);
  }

  private note<T extends object>(result: Outcome<{ topics: string[] }>, value: T): Outcome<T> {
    if (!result.ok) return result;
    this.recordCache.clear(); // records (and their names) may have changed
    for (const topic of result.topics) this.changed.add(topic);
    return { ok: true, ...value };
  }
}
