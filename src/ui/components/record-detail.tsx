// One record as a form with every field, shown over the grid. Values that a field does not
// understand are kept and explained next to the field. The × in its header closes it for
// everyone (after saving what was typed, as every way out of a cell does); the runtime
// clicks it for Escape and the backdrop (`data-dismiss`).

import type { Json } from "../../schema/fields/field-type";
import { fieldTypes } from "../../schema/fields/registry";
import { liveFields } from "../../schema/model";
import type { TroveApp } from "../app";
import { Component } from "../engine/component";
import type { HandlerContext } from "../engine/context";
import type { Renderer } from "../engine/renderer";
import { Checkbox } from "./checkbox";
import { ConfirmDialog } from "./confirm";
import { liveField } from "./fields";

type Ctx = HandlerContext<TroveApp>;

export class RecordDetail extends Component<{ tableId: string; recordId: string; errors: { [fieldId: string]: Json } }> {
  static override readonly type = "RecordDetail";
  static readonly modal = true;

  static create(tableId: string, recordId: string): RecordDetail {
    return new RecordDetail({ tableId, recordId, errors: {} });
  }

  override place(): string {
    return `records/${this.state.recordId}`;
  }

  render(r: Renderer<TroveApp>) {
    const app = r.app;
    r.watch(`records:${this.state.tableId}`);
    const table = app.table(this.state.tableId);
    const record = table && app.record(table.id, this.state.recordId);
    const canWrite = app.can("write");
    return (
      <div class="backdrop">
        <div class="dialog sheet" role="dialog" aria-modal="true" aria-labelledby="record-title" tabindex={-1}>
          {!table || !record ? (
            <>
              <form {...r.form} class="dialog-header">
                <h2 id="record-title">Record not found</h2>
                {this.closeButton(r)}
              </form>
              <p>Someone deleted this record meanwhile.</p>
              <form {...r.form} class="dialog-actions">
                <button class="button primary" {...r.submit(this, this.close)}>Close</button>
              </form>
            </>
          ) : (
            <form {...r.form}>
              <div class="dialog-header">
                <h2 id="record-title">{table.name}: record</h2>
                {this.closeButton(r)}
              </div>
              <div class="record-fields">
                {liveFields(table).map((field) => {
                  const cell = record.cells[field.id];
                  const id = `record-field-${field.id}`;
                  const problem = cell?.invalid ?? this.state.errors[field.id];
                  // A computed value is read-only here too: it follows what it is computed from.
                  const writable = canWrite && !field.derived;
                  const common = { id, name: writable ? r.input(this, this.edit, field.id) : undefined, readonly: !writable, "aria-invalid": problem ? "true" : undefined, "aria-describedby": problem ? `${id}-error` : undefined };
                  return (
                    <div class={problem ? "field has-error" : "field"}>
                      <div class="label-row">
                        <label for={id}>{field.name}</label>
                        <span class="type-tag">{field.derived ? `Computed · ${fieldTypes[field.type].label}` : fieldTypes[field.type].label}</span>
                        {field.hidden && <span class="muted">hidden in the grid</span>}
                      </div>
                      {field.type === "longText" || (cell?.text ?? "").includes("\n") ? (
                        <textarea {...common} rows={4}>{cell?.text ?? ""}</textarea>
                      ) : field.type === "checkbox" && !problem ? (
                        <span>
                          <Checkbox id={id} name={writable ? common.name : undefined} unticked={cell ? "no" : ""} checked={cell?.value === true} disabled={!writable} />
                        </span>
                      ) : (
                        <input {...common} value={app.display(field, cell)} autocomplete="off" />
                      )}
                      {problem && <p class="field-error" id={`${id}-error`}>{field.derived ? String(problem) : `Not understood: ${String(problem)}. The text is kept as typed.`}</p>}
                    </div>
                  );
                })}
              </div>
              <div class="dialog-actions">
                {canWrite && <button class="button danger-text" {...r.submit(this, this.askDelete)}>Delete record</button>}
                <span class="spacer" />
                {canWrite && <button class="button" {...r.submit(this, this.save)}>Save</button>}
                <button class="button primary" {...r.submit(this, this.close)}>{canWrite ? "Save and close" : "Close"}</button>
              </div>
            </form>
          )}
        </div>
      </div>
    );
  }

  private closeButton(r: Renderer<TroveApp>) {
    return (
      <button class="button ghost icon close" {...r.submit(this, this.close)} aria-label="Close" title="Close (Esc)" data-dismiss="">
        <span aria-hidden="true">×</span>
      </button>
    );
  }

  edit(ctx: Ctx, fieldId: Json, value: string | undefined) {
    if (typeof fieldId !== "string" || value === undefined) return;
    const field = liveField(ctx.app, this.state.tableId, fieldId);
    const record = ctx.app.record(this.state.tableId, this.state.recordId);
    if (!field || !record) return;
    const text = record.cells[field.id]?.text ?? "";
    const shown = field.type === "longText" || text.includes("\n") ? text : ctx.app.display(field, record.cells[field.id]);
    if (value === shown) return;
    const result = ctx.app.setCell(this.state.tableId, this.state.recordId, field.id, value);
    if (result.ok) delete this.state.errors[field.id];
    else this.state.errors[field.id] = result.reason;
  }

  save(ctx: Ctx) {
    if (Object.keys(this.state.errors).length === 0) ctx.notice("Saved.");
  }

  async close(ctx: Ctx) {
    await ctx.answer(null);
  }

  askDelete(ctx: Ctx) {
    ctx.call(ConfirmDialog.ask("Delete this record?", "You can bring it back with Undo.", "Delete record", true), "deleteAnswered");
  }

  async deleteAnswered(ctx: Ctx, confirmed: Json) {
    if (confirmed !== true) return;
    const result = ctx.app.deleteRecord(this.state.tableId, this.state.recordId);
    await ctx.answer(result.ok ? "Record deleted." : result.reason);
  }
}
