// TroveApp for one signed-in member in one session: what the screens may ask of the
// database's data (tables, records, views, forms, imports, undo), each call authorised by the
// member's role. The member side (accounts, settings, presence) is MemberApp, which this
// extends. It records which topics its calls changed so the object can re-render the other
// sessions that show them.

import type { Action } from "../schema/actions";
import type { Outcome } from "../schema/errors";
import type { Json } from "../schema/fields/field-type";
import { type FieldTypeName, fieldType, formatCell, isFieldTypeName } from "../schema/fields/registry";
import { isJsonObject } from "../schema/action-kit";
import type { RecordQuery, StoredRecord } from "../schema/records";
import type { StoredCell } from "../schema/values";
import { findForm, type FormDefinition, liveForms, newForm, slugify } from "../schema/forms/form";
import { mayChangeView } from "../schema/view-actions";
import type { Fragment } from "../schema/views/cell-sql";
import { type Inactive, resolveView } from "../schema/views/query";
import type { ViewPage } from "../schema/views/result";
import { runViewSql, type SqlRow } from "../schema/views/sql";
import { newView, type ViewDefinition, viewsFor } from "../schema/views/view";
import { formatUser } from "../schema/fields/user";
import { type Field, findField, findTable, liveFields, liveTables, type Table } from "../schema/model";
import { type ColumnChoice, type ImportPreview, type ImportReport, type ImportSettings, planImport } from "../schema/import/plan";
import { linkToNewTable, previewTypeChange, proposedOptions, type TypeChangePreview, type ValueGroup, valueGroups, withChoiceOption } from "../schema/structure-changes";
import type { TroveApp } from "../ui/app";
import { randomId } from "../ui/engine/ids";
import { formUrl } from "./public-forms";

import { DerivedApp } from "./derived-app";
import { MemberApp } from "./member-app";

export class TenantApp extends MemberApp implements TroveApp {
  /** Linked records' names in every link cell, read once per instance. */
  private readonly recordCache = new Map<string, StoredRecord | undefined>();
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
