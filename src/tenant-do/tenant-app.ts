// TroveApp for one signed-in member in one session: what the screens may ask of the
// database's data (tables, records, views, forms, imports, undo), each call authorised by the
// member's role. The member side (accounts, settings, presence) is MemberApp, which this
// extends. It records which topics its calls changed so the object can re-render the other
// sessions that show them.

import { withMark } from "../schema/fields/decimal";
import type { Action } from "../schema/actions";
import type { Outcome } from "../schema/errors";
import type { Json } from "../schema/fields/field-type";
import { type FieldTypeName, fieldType, formatCell, isFieldTypeName } from "../schema/fields/registry";
import { isJsonObject } from "../schema/action-kit";
import { type PasteRequest, planPaste } from "../schema/paste";
import type { RecordQuery, StoredRecord } from "../schema/records";
import type { StoredCell } from "../schema/values";
import { findForm, type FormDefinition, liveForms, newForm, slugify } from "../schema/forms/form";
import { mayChangeView } from "../schema/view-actions";
import type { Fragment } from "../schema/views/cell-sql";
import { canSummarise, type Inactive, resolveView } from "../schema/views/query";
import type { Measure } from "../schema/views/display";
import { type MapRows, runMapSql } from "../schema/views/map-sql";
import type { PlaceLevel } from "../schema/views/ops-group";
import type { ViewPage } from "../schema/views/result";
import { runViewSql, type SqlRow } from "../schema/views/sql";
import { newView, type ViewDefinition, viewsFor } from "../schema/views/view";
import { formatUser } from "../schema/fields/user";
import { type Field, findField, findTable, liveFields, liveTables, type Table } from "../schema/model";
import { type ColumnChoice, type ImportPreview, type ImportReport, type ImportSettings, planImport } from "../schema/import/plan";
import { linkToNewTable, previewTypeChange, proposedOptions, type TypeChangePreview, type ValueGroup, valueGroups, withChoiceOption } from "../schema/structure-changes";
import type { TroveApp } from "../ui/app";
import type { FeedFormat } from "../schema/feeds/feed";
import { randomId } from "../ui/engine/ids";
import { formUrl } from "./public-forms";

import { DerivedApp } from "./derived-app";
import { MemberApp } from "./member-app";
import { HistoryApp } from "./history-app";
import type { ActivityEntry, ActivityFilter, TableMoment, TrashEntry } from "../ui/app";

export class TenantApp extends MemberApp implements TroveApp {
  /** Linked records' names in every link cell, read once per instance. */
  private readonly recordCache = new Map<string, StoredRecord | undefined>();
  /** Activity, record history, trash and point-in-time (./history-app.ts). */
  private readonly past = new HistoryApp(this.tenant, this.member, {
    display: (field, cell) => this.display(field, cell),
    members: () => this.members(),
    apply: (action, source) => this.note(this.tenant.applyAction(this.member, action, source), {}),
  });

  private derivedApp: DerivedApp | undefined;

  get derived(): DerivedApp {
    this.derivedApp ??= new DerivedApp(this.tenant, this.member, (action) => this.act(action, {}));
    return this.derivedApp;
  }

  tables(): Table[] {
    return liveTables(this.tenant.schema);
  }

  addTable(name: string): Outcome<{ tableId: string }> {
    const tableId = randomId(8);
    const result = this.tenant.applyAction(this.member, { kind: "addTable", tableId, name, at: this.tenant.now(), fields: [{ id: randomId(8), name: "Name" }] });
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

  neighbours(tableId: string, recordId: string): { previous: string | null; next: string | null; position: number; total: number } | null {
    if (!this.table(tableId)) return null;
    const found = this.tenant.records.neighbours(tableId, recordId);
    return found && { ...found, total: this.tenant.records.count(tableId) };
  }

  recordName(tableId: string, recordId: string): string {
    const table = this.table(tableId);
    const primary = table && liveFields(table)[0];
    const record = primary && this.record(tableId, recordId);
    return primary && record ? this.display(primary, record.cells[primary.id]) : "";
  }

  recordChoices(tableId: string, limit: number): { id: string; name: string }[] {
    const table = this.table(tableId);
    const primary = table && liveFields(table)[0];
    if (!primary) return [];
    return this.records(tableId, { offset: 0, limit }).records.map((rec) => ({ id: rec.id, name: this.display(primary, rec.cells[primary.id]) }));
  }

  display(field: Field, cell: StoredCell | undefined): string {
    if (!cell) return "";
    if (cell.invalid !== undefined || cell.value === null) return cell.text;
    if (field.type === "link" && Array.isArray(cell.value) && isJsonObject(field.options) && typeof field.options.tableId === "string") {
      return this.recordNames(field.options.tableId, cell.value.filter((v): v is string => typeof v === "string")).join(", ");
    }
    if (field.type === "user" && typeof cell.value === "string") return formatUser(cell.value, this.members());
    try {
      const shown = formatCell(field.type, cell.value, field.options);
      // Decimals show with the database's mark, as they are read ("1.234,5").
      const numeric = field.type === "number" || field.type === "percent" || field.type === "money";
      return numeric ? withMark(shown, this.tenant.decimalMark) : shown;
    } catch {
      return cell.text;
    }
  }

  addRecord(tableId: string, cells?: ReadonlyMap<string, string>): Outcome<{ recordId: string }> {
    const recordId = randomId(8);
    return this.act({ kind: "addRecord", tableId, recordId, at: this.tenant.now(), cells: Object.fromEntries(cells ?? []) }, { recordId });
  }

  pasteCells(tableId: string, request: PasteRequest): Outcome<{ cells: number; added: string[]; flagged: number; spareColumns: number }> {
    const table = this.table(tableId);
    if (!table) return { ok: false, reason: "That table no longer exists." };
    const planned = planPaste(table, request, {
      record: (id) => this.record(tableId, id),
      shown: (field, cell) => this.display(field, cell),
      newId: () => randomId(8),
      now: this.tenant.now(),
    });
    if (!planned.ok) return planned;
    const { action, cells, added, spareColumns } = planned.plan;
    if (!action) return { ok: true, cells: 0, added: [], flagged: 0, spareColumns };
    const result = this.act(action, {});
    if (!result.ok) return result;
    // Count what was pasted and not understood, as the grid will flag it.
    let flagged = 0;
    const touched = new Map<string, Set<string>>();
    for (const part of action.actions) {
      const fields = part.kind === "setCell" ? [part.fieldId] : part.kind === "addRecord" ? Object.keys(part.cells) : [];
      const set = touched.get(part.recordId) ?? new Set<string>();
      for (const f of fields) set.add(f);
      touched.set(part.recordId, set);
    }
    for (const [recordId, fields] of touched) {
      const record = this.record(tableId, recordId);
      for (const f of fields) if (record?.cells[f]?.invalid !== undefined) flagged++;
    }
    return { ok: true, cells, added, flagged, spareColumns };
  }

  deleteRecords(tableId: string, recordIds: readonly string[]): Outcome<{ count: number }> {
    const ids = [...new Set(recordIds)].filter((id) => this.record(tableId, id));
    if (ids.length === 0) return { ok: false, reason: "Those records were already deleted." };
    const at = this.tenant.now();
    const description = `delete ${ids.length} ${ids.length === 1 ? "record" : "records"} from “${this.table(tableId)?.name ?? "a table"}”`;
    return this.act({ kind: "recordBatch", tableId, description, actions: ids.map((recordId) => ({ kind: "deleteRecord" as const, tableId, recordId, at })) }, { count: ids.length });
  }

  setCell(tableId: string, recordId: string, fieldId: string, text: string, from: "grid" | "record" = "grid"): Outcome {
    return this.note(this.tenant.applyAction(this.member, { kind: "setCell", tableId, recordId, fieldId, text }, from), {});
  }

  deleteRecord(tableId: string, recordId: string, from: "grid" | "record" = "grid"): Outcome {
    return this.note(this.tenant.applyAction(this.member, { kind: "deleteRecord", tableId, recordId, at: this.tenant.now() }, from), {});
  }

  addField(tableId: string, name: string, type: string, index: number, chosen?: Json): Outcome<{ fieldId: string }> {
    if (!isFieldTypeName(type)) return { ok: false, reason: "Choose a field type." };
    const fieldId = randomId(8);
    const given = chosen ?? fieldType(type).defaultOptions();
    const options = type === "date" && isJsonObject(given) && typeof given.timeZone !== "string" ? { ...given, timeZone: this.tenant.timeZone } : given;
    return this.act({ kind: "addField", tableId, field: { id: fieldId, name, type, options: options as Json }, index }, { fieldId });
  }

  renameField(tableId: string, fieldId: string, name: string): Outcome {
    return this.act({ kind: "renameField", tableId, fieldId, name }, {});
  }

  setFieldHidden(tableId: string, fieldId: string, hidden: boolean): Outcome {
    return this.act({ kind: "setFieldHidden", tableId, fieldId, hidden }, {});
  }

  recordNamesOf(tableId: string, limit: number): string[] {
    const table = this.table(tableId);
    const primary = table && liveFields(table)[0];
    if (!primary) return [];
    const { records } = this.records(tableId, { sort: { fieldId: primary.id, descending: false }, offset: 0, limit });
    return [...new Set(records.map((record) => this.display(primary, record.cells[primary.id]).trim()).filter((name) => name !== ""))];
  }

  moveField(tableId: string, fieldId: string, index: number): Outcome {
    return this.act({ kind: "moveField", tableId, fieldId, index }, {});
  }

  setFieldWidth(tableId: string, fieldId: string, width: number | null): Outcome {
    return this.act({ kind: "setFieldWidth", tableId, fieldId, width }, {});
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

  runMap(view: ViewDefinition, fieldId: string, level: PlaceLevel, measure: Measure): MapRows {
    const table = this.table(view.tableId);
    const field = table && liveFields(table).find((f) => f.id === fieldId && f.type === "location");
    if (!table || !field) return { places: [], notPlaced: 0, total: 0 };
    const resolved = resolveView(view, table, this.tenant.document(this.member).context);
    const measured = measure && liveFields(table).find((f) => f.id === measure.fieldId);
    const run = (f: Fragment) => this.tenant.storage.sql.exec<SqlRow>(f.sql, ...f.params).toArray();
    return runMapSql(resolved, field.id, level, measured && canSummarise(measured.type, measure.kind) ? { field: measured, kind: measure.kind } : null, run);
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

  feedToken(view: ViewDefinition): string | undefined {
    return this.mayChangeView(view) ? this.tenant.feeds.of(view.id)?.token : undefined;
  }

  async publishFeeds(view: ViewDefinition): Promise<Outcome<{ token: string }>> {
    const result = await this.tenant.feeds.publish(this.member, view);
    if (result.ok) this.changed.add(`table:${view.tableId}`);
    return result;
  }

  revokeFeeds(view: ViewDefinition): Outcome {
    const result = this.tenant.feeds.revoke(this.member, view);
    if (result.ok) this.changed.add(`table:${view.tableId}`);
    return result;
  }

  feedUrl(token: string, format: FeedFormat): string {
    return `${this.tenant.origin}/t/${this.databaseName}/feeds/${token}.${format}`;
  }

  forms(): FormDefinition[] {
    return liveForms(this.tenant.schema);
  }

  form(formId: string): FormDefinition | undefined {
    return findForm(this.tenant.schema, formId);
  }

  addForm(tableId: string, title: string, open = false): Outcome<{ formId: string }> {
    const table = this.table(tableId);
    if (!table) return { ok: false, reason: "Choose a table for the form." };
    const taken = new Set(this.forms().map((f) => f.slug));
    const base = slugify(title);
    let slug = base;
    for (let n = 2; taken.has(slug); n++) slug = `${base.slice(0, 36)}-${n}`;
    const formId = randomId(8);
    return this.act({ kind: "addForm", tableId, form: newForm(formId, table, title, slug, open) }, { formId });
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

  activity(filter: ActivityFilter): { entries: ActivityEntry[]; more: boolean } {
    return this.past.activity(filter);
  }

  recordHistory(tableId: string, recordId: string): ActivityEntry[] {
    return this.past.recordHistory(tableId, recordId);
  }

  restoreValue(tableId: string, recordId: string, seq: number): Outcome<{ field: string; text: string }> {
    return this.past.restoreValue(tableId, recordId, seq);
  }

  trash(): TrashEntry[] {
    return this.past.trash();
  }

  restoreFromTrash(key: string): Outcome<{ name: string }> {
    return this.past.restoreFromTrash(key);
  }

  emptyTrash(): Outcome<{ count: number }> {
    return this.past.emptyTrash();
  }

  historyStart(): number {
    return this.past.historyStart();
  }

  parseMoment(text: string): number | undefined {
    return this.past.parseMoment(text);
  }

  databaseAt(at: number) {
    return this.past.databaseAt(at);
  }

  tableAt(tableId: string, at: number): Outcome<TableMoment> {
    return this.past.tableAt(tableId, at);
  }

  restoreTo(at: number, tableId?: string): Outcome<{ changes: number; description: string }> {
    return this.past.restoreTo(at, tableId);
  }

  anyTable(tableId: string): Table | undefined {
    return findTable(this.tenant.schema, tableId);
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
    const result = this.tenant.applyAction(this.member, planned.action, "import");
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
