// What the screens may ask of a database's data for one signed-in member: tables, records,
// fields, how a cell is shown, paste and links, each call authorised by the member's role in
// Tenant.applyAction. TenantApp (./tenant-app.ts) adds views, forms, undo, history and
// imports on top; MemberApp, which this extends, is the member side (accounts, settings).

import { isJsonObject } from "../schema/action-kit";
import type { Action } from "../schema/actions";
import type { Outcome } from "../schema/errors";
import { withMark } from "../schema/fields/decimal";
import type { Json } from "../schema/fields/field-type";
import { type FieldTypeName, fieldType, formatCell, isFieldTypeName } from "../schema/fields/registry";
import { formatUser } from "../schema/fields/user";
import { type Field, findField, findTable, liveFields, liveTables, type Table } from "../schema/model";
import { type PasteRequest, planPaste } from "../schema/paste";
import type { RecordQuery, StoredRecord } from "../schema/records";
import { linkToNewTable, previewTypeChange, proposedOptions, type TypeChangePreview, type ValueGroup, valueGroups, withChoiceOption } from "../schema/structure-changes";
import type { StoredCell } from "../schema/values";
import { linkedTable } from "../schema/views/group-sql";
import { linkNameField } from "../schema/views/query";
import { randomId } from "../ui/engine/ids";
import { MemberApp } from "./member-app";

export class DataApp extends MemberApp {
  /** Linked records' names in every link cell, read once per instance. */
  private readonly recordCache = new Map<string, StoredRecord | undefined>();

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
    return this.tenant.records.query(tableId, { ...query, ...(query.sort && { sort: this.sortOf(tableId, query.sort) }) });
  }

  /** A grid's sort: a link column by its linked records' names, as views sort it. */
  private sortOf(tableId: string, sort: NonNullable<RecordQuery["sort"]>): NonNullable<RecordQuery["sort"]> {
    const field = this.table(tableId)?.fields.find((f) => f.id === sort.fieldId && f.deletedAt === undefined);
    const names = field && linkNameField(field, this.tenant.document(this.member).context.nameField);
    return { fieldId: sort.fieldId, descending: sort.descending, ...(field && names !== undefined && { names: { tableId: linkedTable(field.options), fieldId: names } }) };
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

  pasteCells(tableId: string, request: PasteRequest): Outcome<{ cells: number; added: string[]; flagged: number; spareColumns: number; computedCells: number }> {
    const table = this.table(tableId);
    if (!table) return { ok: false, reason: "That table no longer exists." };
    const planned = planPaste(table, request, {
      record: (id) => this.record(tableId, id),
      shown: (field, cell) => this.display(field, cell),
      newId: () => randomId(8),
      now: this.tenant.now(),
    });
    if (!planned.ok) return planned;
    const { action, cells, added, spareColumns, computedCells } = planned.plan;
    if (!action) return { ok: true, cells: 0, added: [], flagged: 0, spareColumns, computedCells };
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
    return { ok: true, cells, added, flagged, spareColumns, computedCells };
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

  protected act<T extends object>(action: Action, value: T): Outcome<T> {
    return this.note(this.tenant.applyAction(this.member, action), value);
  }

  protected note<T extends object>(result: Outcome<{ topics: string[] }>, value: T): Outcome<T> {
    if (!result.ok) return result;
    this.recordCache.clear(); // records (and their names) may have changed
    for (const topic of result.topics) this.changed.add(topic);
    return { ok: true, ...value };
  }
}
