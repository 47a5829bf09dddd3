// The record side of a table page (see table-page.tsx): editing cells (with the conflict
// check), adding records (the "Add record" button and the blank new-record row), pasting a
// block from a spreadsheet, and deleting the records ticked in the checkbox column — each
// paste or bulk delete one undoable step (a `recordBatch` action).

import type { Json } from "../../schema/fields/field-type";
import { COLUMN_WIDTH, isColumnWidth } from "../../schema/field-actions";
import { linkNames } from "../../schema/fields/link";
import { liveFields } from "../../schema/model";
import { parsePasteRequest } from "../../schema/paste";
import type { StoredRecord } from "../../schema/records";
import { displayOf } from "../../schema/views/display";
import { visibleFields } from "../../schema/views/view";
import type { TroveApp } from "../app";
import type { HandlerContext } from "../engine/context";
import { count } from "../format";
import { ConflictDialog } from "./conflict";
import { liveField } from "./fields";
import { LinkPicker } from "./link-picker";
import { PlaceChoice } from "./place-choice";
import { RecordDetail } from "./record-detail";
import { CalendarTable } from "./calendar-table";

type Ctx = HandlerContext<TroveApp>;

export const PAGE_SIZE = 50;

/** At most this many records are deleted in one step (a page shows 50). */
const MAX_PICKED = 500;

export abstract class GridTable extends CalendarTable {
  /** Records ticked in the checkbox column, sent with this event (inputs run before the
   *  action): held for one event, never in the snapshotted state. */
  private readonly picked = new Set<string>();
  /** The record the new-record row made in this event, so its other cells join it. */
  private madeRecord: string | null = null;

  editCell(ctx: Ctx, fieldId: Json, value: string | undefined, recordId: string | undefined) {
    if (typeof fieldId !== "string" || recordId === undefined || value === undefined) return;
    this.state.focus = null;
    const field = liveField(ctx.app, this.state.tableId, fieldId);
    const record = field && ctx.app.record(this.state.tableId, recordId);
    if (!field || !record) return;
    // Inputs show the formatted value; only a real edit replaces the kept text.
    const shown = ctx.app.display(field, record.cells[field.id]);
    if (value === shown || value === ctx.base) return;
    // The cell changed since this page showed it: someone else's edit is never overwritten
    // silently; the person sees both and chooses.
    if (ctx.base !== undefined && ctx.base !== shown) {
      ctx.call(ConflictDialog.create({ fieldName: field.name, recordId, fieldId: field.id, mine: value, theirs: shown }), "conflictAnswered");
      return;
    }
    const result = ctx.app.setCell(this.state.tableId, recordId, field.id, value);
    this.state.error = result.ok ? null : result.reason;
    // Fixing values in the "not understood" filter: say when the last one is fixed.
    if (result.ok && this.state.invalidIn === field.id && (ctx.app.invalidCounts(this.state.tableId)[field.id] ?? 0) === 0) {
      ctx.notice(`That was the last “${field.name}” value not understood: every one is understood now.`);
    }
  }

  conflictAnswered(ctx: Ctx, choice: Json) {
    if (!choice || typeof choice !== "object" || Array.isArray(choice)) return;
    const { recordId, fieldId, text } = choice;
    if (typeof recordId !== "string" || typeof fieldId !== "string" || typeof text !== "string" || !liveField(ctx.app, this.state.tableId, fieldId)) return;
    this.report(ctx.app.setCell(this.state.tableId, recordId, fieldId, text));
    if (this.state.error === null) ctx.notice("Your value is saved.");
  }

  saved(ctx: Ctx) {
    if (!this.state.error) ctx.notice("Saved.");
  }

  addRecord(ctx: Ctx) {
    const result = ctx.app.addRecord(this.state.tableId);
    if (!result.ok) return this.report(result);
    this.showNewRecord(ctx);
    // The cursor goes to the new record's first cell (rendered with autofocus).
    this.state.focus = result.recordId;
  }

  /** A cell of the blank row at the bottom: typing in it makes a record with that value;
   *  other cells of the row sent in the same event join that record. */
  newRecordCell(ctx: Ctx, fieldId: Json, value: string | undefined) {
    if (typeof fieldId !== "string" || value === undefined || value.trim() === "") return;
    const field = liveField(ctx.app, this.state.tableId, fieldId);
    if (!field) return;
    if (this.madeRecord !== null) return this.report(ctx.app.setCell(this.state.tableId, this.madeRecord, field.id, value));
    const result = ctx.app.addRecord(this.state.tableId, new Map([[field.id, value]]));
    if (!result.ok) return this.report(result);
    this.madeRecord = result.recordId;
    this.state.error = null;
    this.showNewRecord(ctx);
  }

  /** The default view shows records in creation order: go to the page with the new one. */
  private showNewRecord(ctx: Ctx) {
    if (this.state.viewId !== null || this.state.draft !== null) return;
    const total = ctx.app.records(this.state.tableId, { offset: 0, limit: 0 }).total;
    this.state.sort = null;
    this.state.invalidIn = null;
    this.state.page = Math.max(0, Math.ceil(total / PAGE_SIZE) - 1);
  }

  /** A block pasted into the grid (JSON from the browser, see schema/paste.ts). */
  paste(ctx: Ctx, _arg: Json, value: string | undefined) {
    if (value === undefined) return;
    const request = parsePasteRequest(value);
    if (!request.ok) return ctx.notice(request.reason, "error");
    // Rows past this page's last row go over the records that follow it in the grid's order,
    // as a spreadsheet pastes over the rows below; only rows past the last record add records.
    const pasted = request.request;
    const shownIds = pasted.recordIds;
    const beyond = pasted.rows.length - shownIds.length;
    if (beyond > 0 && shownIds.length > 0) {
      const page = this.gridRecords(ctx.app, this.state.page * PAGE_SIZE, PAGE_SIZE);
      if (page && page.records.at(-1)?.id === shownIds.at(-1)) {
        const next = this.gridRecords(ctx.app, (this.state.page + 1) * PAGE_SIZE, beyond);
        if (next) pasted.recordIds = [...shownIds, ...next.records.map((rec) => rec.id)];
      }
    }
    const result = ctx.app.pasteCells(this.state.tableId, pasted);
    if (!result.ok) return ctx.notice(result.reason, "error");
    this.state.error = null;
    const parts = [result.cells === 0 ? "Nothing to change: every cell already held that value." : `Pasted ${count(result.cells, "cell")}${result.added.length > 0 ? ` (${count(result.added.length, "new record")})` : ""}.`];
    if (result.flagged > 0) parts.push(`${count(result.flagged, "value")} not understood ${result.flagged === 1 ? "is" : "are"} kept and flagged in red.`);
    if (result.spareColumns > 0) parts.push(`${count(result.spareColumns, "pasted column")} had no field to go into: add fields and paste again.`);
    if (result.computedCells > 0) parts.push(`${count(result.computedCells, "value")} fell on computed fields and ${result.computedCells === 1 ? "was" : "were"} left as computed.`);
    ctx.notice(parts.join(" "), result.spareColumns > 0 ? "error" : "info");
  }

  /** Records of the grid as it shows them (the view's order and filters, or the sort and the
   *  "not understood" filter of the default grid); null for a calendar or a picture. */
  gridRecords(app: TroveApp, offset: number, limit: number): { records: StoredRecord[]; total: number } | null {
    const table = app.table(this.state.tableId);
    if (!table) return null;
    const stored = this.stored(app);
    if (this.state.viewId && !stored) return null;
    const view = this.working(app, table);
    if (stored !== undefined || this.state.draft !== null) {
      if (displayOf(view).kind !== "grid") return null;
      const run = app.runView(view, { offset, limit });
      return { records: run.records.map((row) => row.record), total: run.total };
    }
    return app.records(table.id, {
      offset,
      limit,
      ...(this.state.sort ? { sort: this.state.sort } : {}),
      ...(this.state.invalidIn ? { invalidIn: this.state.invalidIn } : {}),
    });
  }

  /** A ticked box in the checkbox column (keyed by its record). */
  pick(_ctx: Ctx, _arg: Json, value: string | undefined, recordId: string | undefined) {
    // A box sends "on" when ticked (no value attribute: each row stays small).
    if ((value === "on" || value === "yes") && recordId !== undefined && this.picked.size < MAX_PICKED) this.picked.add(recordId);
  }

  deleteSelected(ctx: Ctx) {
    const ids = [...this.picked];
    this.picked.clear();
    if (ids.length === 0) return this.report({ ok: false, reason: "Tick the records to delete first." });
    const result = ctx.app.deleteRecords(this.state.tableId, ids);
    this.report(result);
    if (result.ok) ctx.notice(`${count(result.count, "record")} deleted. Undo brings ${result.count === 1 ? "it" : "them"} back.`);
  }

  /** A column dragged wider or narrower (the value: its width in pixels): kept per table in
   *  the default view, per view in a saved one (or this person's adjusted view). */
  resizeColumn(ctx: Ctx, fieldId: Json, value: string | undefined) {
    if (typeof fieldId !== "string" || value === undefined) return;
    const width = Math.round(Number(value));
    if (!isColumnWidth(width)) return this.report({ ok: false, reason: `A column is ${COLUMN_WIDTH.min} to ${COLUMN_WIDTH.max} pixels wide.` });
    if (this.state.viewId === null && this.state.draft === null) return this.report(ctx.app.setFieldWidth(this.state.tableId, fieldId, width));
    this.keepingPage(() => this.edit(ctx, (v) => ({ ...v, widths: [...(v.widths ?? []).filter(([f]) => f !== fieldId), [fieldId, width]] })));
  }

  /** A column dragged to another place (the value: the field it now comes before, or ""
   *  for the end): the table's field order in the default view, the view's in a saved one. */
  moveColumn(ctx: Ctx, fieldId: Json, value: string | undefined) {
    const table = ctx.app.table(this.state.tableId);
    if (typeof fieldId !== "string" || value === undefined || !table) return;
    const viewMode = this.state.viewId !== null || this.state.draft !== null;
    const shown = viewMode ? visibleFields(table, this.working(ctx.app, table)) : liveFields(table).filter((f) => !f.hidden);
    if (!shown.some((f) => f.id === fieldId) || value === fieldId) return;
    const order = shown.map((f) => f.id).filter((id) => id !== fieldId);
    const at = order.indexOf(value);
    order.splice(at < 0 ? order.length : at, 0, fieldId);
    if (viewMode) return this.keepingPage(() => this.edit(ctx, (v) => ({ ...v, fields: order })));
    // The table's order counts hidden and deleted fields too: go just before the field it
    // was dropped on, or just after the last column shown.
    const rest = table.fields.filter((f) => f.id !== fieldId);
    const next = order[order.indexOf(fieldId) + 1];
    const index = next !== undefined ? rest.findIndex((f) => f.id === next) : rest.findIndex((f) => f.id === order[order.length - 2]) + 1;
    this.report(ctx.app.moveField(this.state.tableId, fieldId, Math.max(0, index)));
  }

  /** A view edit that should not send the person back to the first page. */
  private keepingPage(change: () => void) {
    const page = this.state.page;
    change();
    this.state.page = page;
  }

  /** A link cell's picker (a keyed link: the record). */
  pickLinks(ctx: Ctx, fieldId: Json, _value: string | undefined, recordId: string | undefined) {
    const field = liveField(ctx.app, this.state.tableId, fieldId);
    const record = recordId === undefined ? undefined : ctx.app.record(this.state.tableId, recordId);
    const table = ctx.app.table(this.state.tableId);
    if (field?.type !== "link" || !record || !table) return;
    const options = field.options as { tableId?: unknown; multiple?: unknown } | null;
    const multiple = options?.multiple === true;
    const primary = liveFields(table)[0];
    const name = primary ? ctx.app.display(primary, record.cells[primary.id]).trim() : "";
    ctx.call(
      LinkPicker.create({
        title: `${field.name} of ${name ? `“${name}”` : "a record"}`,
        recordId: record.id,
        fieldId: field.id,
        targetId: typeof options?.tableId === "string" ? options.tableId : "",
        multiple,
        chosen: linkNames(ctx.app.display(field, record.cells[field.id]), multiple),
      }),
      "linksPicked",
    );
  }

  /** An ambiguous place: its candidates to choose from; the choice is saved as linksPicked does. */
  pickPlace(ctx: Ctx, fieldId: Json, _value: string | undefined, recordId: string | undefined) {
    const field = liveField(ctx.app, this.state.tableId, fieldId);
    const record = recordId === undefined ? undefined : ctx.app.record(this.state.tableId, recordId);
    const cell = field && record?.cells[field.id];
    if (field?.type !== "location" || !record || !cell) return;
    ctx.call(PlaceChoice.create({ title: `Which “${cell.text.trim()}”?`, recordId: record.id, fieldId: field.id, text: cell.text }), "linksPicked");
  }

  linksPicked(ctx: Ctx, choice: Json) {
    if (!choice || typeof choice !== "object" || Array.isArray(choice)) return;
    const { recordId, fieldId, text } = choice;
    if (typeof recordId !== "string" || typeof fieldId !== "string" || typeof text !== "string" || !liveField(ctx.app, this.state.tableId, fieldId)) return;
    this.report(ctx.app.setCell(this.state.tableId, recordId, fieldId, text));
  }

  openRecord(ctx: Ctx, _arg: Json, _value: string | undefined, recordId: string | undefined) {
    if (recordId && ctx.app.record(this.state.tableId, recordId)) ctx.call(RecordDetail.create(this.state.tableId, recordId), "recordClosed");
  }

  recordClosed(ctx: Ctx, outcome: Json) {
    if (typeof outcome === "string") ctx.notice(outcome);
  }
}
