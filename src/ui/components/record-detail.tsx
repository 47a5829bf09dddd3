// One record as a form with every field, shown over the grid, titled by the record's name,
// with Previous/Next through the table in creation order. Each type has its own control
// (./record-widgets.tsx). Values that a field does not understand are kept and explained
// next to the field. The × in its header closes it for everyone (after saving what was
// typed, as every way out of a cell does); the runtime clicks it for Escape and the backdrop
// (`data-dismiss`). "Close without saving" is a link: a link sends no inputs, so nothing typed
// is applied.

import type { Json } from "../../schema/fields/field-type";
import { AMBIGUOUS, placeCandidates } from "../../schema/fields/location";
import { fieldTypes } from "../../schema/fields/registry";
import { liveFields } from "../../schema/model";
import type { TroveApp } from "../app";
import { Component } from "../engine/component";
import type { HandlerContext } from "../engine/context";
import type { Renderer } from "../engine/renderer";
import { Checkbox } from "./checkbox";
import { ConfirmDialog } from "./confirm";
import { liveField } from "./fields";
import { RecordHistory } from "./record-history";
import { choicesOf, linkOptionsOf, widget } from "./record-widgets";

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
    r.watch("activity");
    const table = app.table(this.state.tableId);
    const record = table && app.record(table.id, this.state.recordId);
    const canWrite = app.can("write");
    const around = record ? app.neighbours(this.state.tableId, record.id) : null;
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
                <div class="record-title">
                  <h2 id="record-title">{app.recordName(table.id, record.id) || "Untitled record"}</h2>
                  <p class="muted">{table.name}{around ? ` · record ${around.position.toLocaleString("en")} of ${around.total.toLocaleString("en")}` : ""}</p>
                </div>
                <nav class="record-nav" aria-label="Records">
                  {around?.previous ? <a class="button small" href={r.hrefTo(`tables/${table.id}/records/${around.previous}`, this, this.go, around.previous)} rel="prev">‹ Previous</a> : <span class="button small" aria-disabled="true">‹ Previous</span>}
                  {around?.next ? <a class="button small" href={r.hrefTo(`tables/${table.id}/records/${around.next}`, this, this.go, around.next)} rel="next">Next ›</a> : <span class="button small" aria-disabled="true">Next ›</span>}
                </nav>
                {this.closeButton(r)}
              </div>
              <div class="record-fields">
                {liveFields(table).map((field) => {
                  const cell = record.cells[field.id];
                  const id = `record-field-${field.id}`;
                  const problem = cell?.invalid ?? this.state.errors[field.id];
                  // A computed value is read-only here too: it follows what it is computed from.
                  const writable = canWrite && !field.derived;
                  const ambiguous = field.type === "location" && cell?.invalid?.startsWith(AMBIGUOUS) === true;
                  const common = { id, name: writable ? r.input(this, this.edit, field.id) : undefined, readonly: !writable, "aria-invalid": problem ? ("true" as const) : undefined, "aria-describedby": problem ? `${id}-error` : undefined };
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
                      ) : problem ? (
                        <input {...common} value={app.display(field, cell)} autocomplete="off" />
                      ) : (
                        widget(r, this, field, cell, common, canWrite)
                      )}
                      {problem && (ambiguous ? (
                        <div class="field-error place-candidates" id={`${id}-error`}>
                          <p>Several places are called “{cell?.text.trim()}”: choose the one meant. The text is kept as typed until then.</p>
                          {writable && placeCandidates(cell?.text ?? "").map((place) => <button class="button small" {...r.submit(this, this.choosePlace, [field.id, place])}>{place}</button>)}
                        </div>
                      ) : <p class="field-error" id={`${id}-error`}>{field.derived ? String(problem) : `Not understood: ${String(problem)}. The text is kept as typed.`}</p>)}
                    </div>
                  );
                })}
              </div>
              <RecordHistory entries={app.recordHistory(table.id, record.id)} restore={(entry) => (canWrite ? r.submit(this, this.restoreValue, entry.part === undefined ? entry.seq : [entry.seq, entry.part]) : undefined)} />
              <div class="dialog-actions">
                {canWrite && <button class="button danger-text" {...r.submit(this, this.askDelete)}>Delete record</button>}
                <span class="spacer" />
                {canWrite && <a class="button" href={r.href(this, this.close)}>Close without saving</a>}
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
    const cell = record.cells[field.id];
    const text = cell?.text ?? "";
    const shown = field.type === "longText" || text.includes("\n") ? text : ctx.app.display(field, cell);
    if (value === shown) return;
    // A member select posts the member's id; the cell shows their name.
    if (field.type === "user" && cell?.invalid === undefined && value === (typeof cell?.value === "string" ? cell.value : "")) return;
    this.set(ctx, field.id, value);
  }

  private set(ctx: Ctx, fieldId: string, text: string) {
    const result = ctx.app.setCell(this.state.tableId, this.state.recordId, fieldId, text, "record");
    if (result.ok) delete this.state.errors[fieldId];
    else this.state.errors[fieldId] = result.reason;
  }

  /** One of an ambiguous place's candidates, chosen: saved as its text, which names it alone. */
  choosePlace(ctx: Ctx, arg: Json) {
    if (!Array.isArray(arg) || typeof arg[0] !== "string" || typeof arg[1] !== "string") return;
    if (liveField(ctx.app, this.state.tableId, arg[0])?.type !== "location") return;
    this.set(ctx, arg[0], arg[1]);
  }

  /** One checkbox of a multiple choice: adds or removes its option, keeping the others. */
  toggleOption(ctx: Ctx, arg: Json, value: string | undefined) {
    if (!Array.isArray(arg) || typeof arg[0] !== "string" || typeof arg[1] !== "string") return;
    const [fieldId, choiceId] = arg;
    const field = liveField(ctx.app, this.state.tableId, fieldId);
    const cell = ctx.app.record(this.state.tableId, this.state.recordId)?.cells[fieldId];
    if (field?.type !== "multiChoice" || cell?.invalid !== undefined) return;
    const chosen = Array.isArray(cell?.value) ? cell.value.filter((v): v is string => typeof v === "string") : [];
    const on = value === "yes";
    if (on === chosen.includes(choiceId)) return;
    const next = on ? [...chosen, choiceId] : chosen.filter((c) => c !== choiceId);
    const labels = next.map((c) => choicesOf(field).find((o) => o.id === c)?.label ?? c);
    this.set(ctx, fieldId, labels.join(", "));
  }

  /** The link picker's choice: added to the linked records (or replacing the one). */
  pickLink(ctx: Ctx, fieldId: Json, value: string | undefined) {
    if (typeof fieldId !== "string" || !value) return;
    const field = liveField(ctx.app, this.state.tableId, fieldId);
    const options = field && linkOptionsOf(field);
    if (!field || !options || !ctx.app.record(options.tableId, value)) return;
    const linked = this.linked(ctx, fieldId);
    if (linked.includes(value)) return;
    this.setLinks(ctx, fieldId, options.tableId, options.multiple ? [...linked, value] : [value]);
  }

  unlink(ctx: Ctx, arg: Json) {
    if (!Array.isArray(arg) || typeof arg[0] !== "string" || typeof arg[1] !== "string") return;
    const field = liveField(ctx.app, this.state.tableId, arg[0]);
    const options = field && linkOptionsOf(field);
    if (!field || !options) return;
    const target = arg[1];
    this.setLinks(ctx, field.id, options.tableId, this.linked(ctx, field.id).filter((id) => id !== target));
  }

  private linked(ctx: Ctx, fieldId: string): string[] {
    const cell = ctx.app.record(this.state.tableId, this.state.recordId)?.cells[fieldId];
    return cell?.invalid === undefined && Array.isArray(cell?.value) ? cell.value.filter((v): v is string => typeof v === "string") : [];
  }

  /** Links are kept as the records' names when a name reads back alone, else their ids. */
  private setLinks(ctx: Ctx, fieldId: string, targetId: string, ids: string[]) {
    const texts = ids.map((id) => {
      const name = ctx.app.recordName(targetId, id).trim();
      return name && !/[,;\n]/.test(name) ? name : id;
    });
    const unique = new Set(texts.map((t) => t.toLowerCase())).size === texts.length;
    this.set(ctx, fieldId, (unique ? texts : ids).join(", "));
  }

  /** Previous/Next: what was typed is saved first (inputs run before this). */
  go(ctx: Ctx, recordId: Json) {
    if (typeof recordId !== "string" || !ctx.app.record(this.state.tableId, recordId)) return;
    this.state.recordId = recordId;
    this.state.errors = {};
  }

  /** `which`: a change's seq, or [seq, part] for one part of a change made in one step. */
  restoreValue(ctx: Ctx, which: Json) {
    const [seq, part] = Array.isArray(which) ? which : [which, undefined];
    if (typeof seq !== "number" || (part !== undefined && typeof part !== "number")) return;
    const result = ctx.app.restoreValue(this.state.tableId, this.state.recordId, seq, part);
    ctx.notice(result.ok ? `Restored ${result.field}: “${result.text}”.` : result.reason, result.ok ? "info" : "error");
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
    const result = ctx.app.deleteRecord(this.state.tableId, this.state.recordId, "record");
    await ctx.answer(result.ok ? "Record deleted." : result.reason);
  }
}
