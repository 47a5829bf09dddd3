// The form builder (builders and owners): which fields a public form asks for and in what
// order, each question's label, help, required or optional, hidden with a fixed value, a
// default, a prefill parameter and a condition; the success message or redirect, open or
// closed, the daily cap, the origins allowed to post JSON and frame the form, and whether
// any site may frame it; the computed fields shown read-only after sending (summary lines,
// ./form-summary-card.tsx). Edits go to a draft shown in the live preview (the public page's
// own markup); "Save form" applies one updateForm action.

import type { Json } from "../../schema/fields/field-type";
import { fieldTypes } from "../../schema/fields/registry";
import { type FormDefinition, type FormField, formFieldFor, formKeys, MAX_SUMMARY_LINES, summaryLineFor } from "../../schema/forms/form";
import { recordChoicesFor } from "../../schema/forms/record-choices";
import { htmlSnippet, iframeSnippet } from "../../schema/forms/snippets";
import { prefillValues } from "../../schema/forms/submission";
import { type Field, liveFields, type Table } from "../../schema/model";
import type { TroveApp } from "../app";
import { Component } from "../engine/component";
import type { HandlerContext } from "../engine/context";
import type { Handler } from "../engine/component";
import type { Renderer } from "../engine/renderer";
import { FormSummaryList, PublicFormBody } from "../pages/public-form";
import { liveField } from "./fields";
import { SummaryCard } from "./form-summary-card";

type Ctx = HandlerContext<TroveApp>;
type Text = "title" | "slug" | "intro" | "successMessage" | "redirectUrl" | "closedMessage";
type QuestionText = "label" | "help" | "fixedValue" | "defaultValue" | "prefillParam";

interface State {
  [key: string]: Json;
  draft: Json;
  error: string | null;
}

/** The questions whose field still exists, in the form's order, each with its field. */
function askedQuestions(form: FormDefinition, table: Table): { q: FormField; f: Field }[] {
  const fields = liveFields(table);
  return form.fields.flatMap((q) => {
    const f = fields.find((x) => x.id === q.fieldId);
    return f ? [{ q, f }] : [];
  });
}

/** JSON with its keys in order: a draft and the saved form compare equal however built. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v) => (v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v));
}

export class FormBuilder extends Component<State> {
  static override readonly type = "FormBuilder";

  static create(form: FormDefinition): FormBuilder {
    return new FormBuilder({ draft: structuredClone(form) as unknown as Json, error: null });
  }

  override place(): string {
    return this.draft.id;
  }

  private get draft(): FormDefinition {
    return this.state.draft as unknown as FormDefinition;
  }

  render(r: Renderer<TroveApp>) {
    r.watch("forms");
    const app = r.app;
    const form = this.draft;
    const table = app.table(form.tableId);
    const saved = app.form(form.id);
    if (!table || !saved) {
      return <section class="page"><p class="empty">This form (or its table) was deleted. <a href={r.href(this, this.back)}>Back to forms</a></p></section>;
    }
    r.watch(`table:${table.id}`);
    const url = app.formUrl(form);
    const text = (name: Text, label: string, multiline = false) => {
      const id = `form-${name}`;
      const common = { id, name: r.input(this, this.setText, name), "data-commit": "" };
      return (
        <div class="field">
          <label for={id}>{label}</label>
          {multiline ? <textarea {...common} rows={3}>{form[name]}</textarea> : <input {...common} value={form[name]} autocomplete="off" />}
        </div>
      );
    };
    const fields = liveFields(table);
    const asked = askedQuestions(form, table);
    // Unsaved: the draft differs from the form as stored (whatever the last click was).
    const dirty = canonical(form) !== canonical(saved);
    // Computed fields are never questions: they can be summary lines.
    const left = fields.filter((f) => !f.derived && !form.fields.some((q) => q.fieldId === f.id));
    const lines = (form.summary ?? []).flatMap((line) => {
      const f = fields.find((x) => x.id === line.fieldId);
      return f ? [{ line, f }] : [];
    });
    const computed = fields.filter((f) => f.derived && !(form.summary ?? []).some((l) => l.fieldId === f.id));
    return (
      <section class="page wide" aria-labelledby="page-title">
        <header class="page-header">
          {/* A button of the builder's form: what was typed goes with it (without JavaScript
              too), and leaving saves it first, so no edit is lost silently. */}
          <button class="back link-button" form="form-builder" {...r.submit(this, this.back)}>← Forms</button>
          <h1 id="page-title">{form.title}</h1>
          <span class={form.open ? "status-pill open" : "status-pill"}>{form.open ? "Open" : "Closed"}</span>
          <a href={url} target="_blank" rel="noopener" class="mono">{url}</a>
        </header>
        {this.state.error && <p class="form-error" role="alert">{this.state.error}</p>}
        <div class="builder">
          {/* The browser asks before a tab with unsaved edits closes or reloads (client/unsaved.ts). */}
          <form {...r.form} class="builder-settings" id="form-builder" data-guard-unsaved="" data-unsaved={dirty ? "" : undefined}>
            <div class="card builder-section">
              <h2>Form</h2>
              {text("title", "Title")}
              {text("slug", "Address")}
              {text("intro", "Introduction", true)}
            </div>
            <div class="card builder-section">
              <h2>Questions</h2>
              {asked.map(({ q, f }, i) =>
                // A condition looks at a question above it that is on the page (a hidden
                // question is not, so the browser could not follow it).
                this.renderQuestion(r, q, f, i, asked.length, asked.slice(0, i).flatMap((a) => (a.q.hidden ? [] : [a.q]))),
              )}
              {left.length > 0 && (
                <p class="inline-form">
                  <span class="muted">Not asked:</span>
                  {left.map((f) => <button class="button small" {...r.submit(this, this.addQuestion, f.id)}>Ask “{f.name}”</button>)}
                </p>
              )}
            </div>
            <SummaryCard r={r} builder={this} lines={lines} computed={computed} />
            <div class="card builder-section">
              <h2>After sending</h2>
              {text("successMessage", "Success message", true)}
              {text("redirectUrl", "Redirect to (instead of the message)")}
              <div class="field">
                <label for="form-open">Taking answers</label>
                <select id="form-open" name={r.input(this, this.setOpen)} data-commit="">
                  <option value="open" selected={form.open}>Open: taking answers</option>
                  <option value="closed" selected={!form.open}>Closed: shows the closed message</option>
                </select>
              </div>
              {text("closedMessage", "Closed message", true)}
              <div class="field">
                <label for="form-cap">Daily cap (0 for none)</label>
                <input id="form-cap" name={r.input(this, this.setCap)} value={String(form.dailyCap)} inputmode="numeric" data-commit="" />
              </div>
              <div class="field">
                <label for="form-origins">Your sites (one origin a line): they may post JSON and show the form in a frame</label>
                <textarea id="form-origins" name={r.input(this, this.setOrigins)} rows={2} placeholder="https://orchestra.example" data-commit="">{form.allowedOrigins.join("\n")}</textarea>
              </div>
              <div class="field">
                <label for="form-embed">Sites that may show the form in a frame</label>
                <select id="form-embed" name={r.input(this, this.setEmbed)} data-commit="">
                  <option value="listed" selected={form.embedAnywhere === false}>Only your sites listed above</option>
                  <option value="anywhere" selected={form.embedAnywhere !== false}>Any site</option>
                </select>
              </div>
            </div>
            <p class="builder-actions">
              <button class="button primary" {...r.submit(this, this.save)}>Save form</button>
              {/* No action: the inputs go into the draft, and the next render previews it. */}
              <button class="button" type="submit">Update preview</button>
              {dirty && <span class="muted">Unsaved changes: “← Forms” saves them.</span>}
              {dirty && <a class="button ghost" href={r.href(this, this.discard)}>Discard changes and leave</a>}
            </p>
          </form>
          <aside class="builder-side">
            <section class="preview" aria-label="Preview">
              <h2>Preview</h2>
              <div class="preview-frame" inert>
                <PublicFormBody view={{ form, table, action: url, values: prefillValues(form, new URLSearchParams()), errors: {}, token: "preview", preview: true, records: recordChoicesFor(form, table, (id) => r.app.table(id), (tableId, fieldId, limit) => r.app.records(tableId, { sort: { fieldId, descending: false }, offset: 0, limit }).records.map((rec): [string, string] => [rec.id, rec.cells[fieldId]?.text ?? ""])) }} />
              </div>
              {lines.length > 0 && (
                <div class="preview-frame preview-receipt" inert>
                  <p class="lead">{form.successMessage}</p>
                  <FormSummaryList label="Summary preview" summary={lines.map(({ line }) => ({ key: line.key, label: line.label, value: "computed on sending" }))} />
                </div>
              )}
            </section>
            <section class="card builder-section snippets" aria-label="Embed">
              <h2>Put it on your website</h2>
              <div class="field">
                <label for="snippet-iframe">Embed with an iframe</label>
                <textarea id="snippet-iframe" readonly rows={3} class="mono" aria-describedby="snippet-iframe-where">{iframeSnippet(form, url)}</textarea>
                <p class="hint" id="snippet-iframe-where">
                  {form.embedAnywhere !== false ? "Works on any site." : form.allowedOrigins.length > 0 ? `Works on ${form.allowedOrigins.join(", ")} (see “Sites that may show the form in a frame”).` : "Works only on the sites you list under “After sending”, or on any site if you choose so there."}
                </p>
              </div>
              <div class="field">
                <label for="snippet-html">Plain HTML form (posts to Trove from any site)</label>
                <textarea id="snippet-html" readonly rows={8} class="mono">{htmlSnippet(form, table, url)}</textarea>
              </div>
            </section>
          </aside>
        </div>
      </section>
    );
  }

  private renderQuestion(r: Renderer<TroveApp>, q: FormField, field: Field, index: number, count: number, above: FormField[]) {
    const id = (what: string) => `q-${field.id}-${what}`;
    const input = (what: QuestionText, label: string, placeholder?: string) => (
      <div class="field">
        <label for={id(what)}>{label}<span class="visually-hidden"> for {field.name}</span></label>
        <input id={id(what)} name={r.input(this, this.setQuestionText, [field.id, what])} value={q[what]} placeholder={placeholder} autocomplete="off" data-commit="" />
      </div>
    );
    const select = (label: string, handler: Handler, options: [string, string][], selected: string) => (
      <div class="field">
        <label for={id(label)}>{label}<span class="visually-hidden"> for {field.name}</span></label>
        <select id={id(label)} name={r.input(this, handler, field.id)} data-commit="">
          {options.map(([value, text]) => <option value={value} selected={value === selected}>{text}</option>)}
        </select>
      </div>
    );
    return (
      <fieldset class="question">
        <legend>{index + 1}. {field.name} <span class="type-tag">{fieldTypes[field.type].label}</span></legend>
        <div class="question-grid">
          {select("Asked", this.setMode, [["ask", "Asked"], ["hidden", "Hidden, with a fixed value"], ["out", "Not asked"]], q.hidden ? "hidden" : "ask")}
          {q.hidden ? input("fixedValue", "Fixed value") : select("Answer", this.setRequired, [["optional", "Optional"], ["required", "Required"]], q.required ? "required" : "optional")}
          {!q.hidden && input("label", "Label")}
          {!q.hidden && input("help", "Help text")}
          {!q.hidden && field.type === "link" && select("Offer", this.setRecordChoices, [["typed", "A typed name"], ["records", "The linked table's records to choose from"]], q.recordChoices ? "records" : "typed")}
          {!q.hidden && input("defaultValue", "Default")}
          {!q.hidden && input("prefillParam", "Prefill from URL parameter", "e.g. instrument")}
          {!q.hidden && above.length > 0 && select("Show", this.setConditionField, [["", "Always"], ...above.map((a): [string, string] => [a.fieldId, `Only when “${a.label}”…`])], q.condition?.fieldId ?? "")}
          {q.condition && select("Condition", this.setConditionOp, [["is", "is"], ["isNot", "is not"]], q.condition.op)}
          {q.condition && (
            <div class="field">
              <label for={id("value")}>Value<span class="visually-hidden"> for {field.name}</span></label>
              <input id={id("value")} name={r.input(this, this.setConditionValue, field.id)} value={q.condition.value} autocomplete="off" data-commit="" />
            </div>
          )}
        </div>
        <p class="inline-form question-moves">
          {index > 0 && <button class="button small" {...r.submit(this, this.move, [field.id, -1])} aria-label={`Move ${field.name} up`}>↑ Up</button>}
          {index < count - 1 && <button class="button small" {...r.submit(this, this.move, [field.id, 1])} aria-label={`Move ${field.name} down`}>↓ Down</button>}
        </p>
      </fieldset>
    );
  }

  private question(fieldId: Json): FormField | undefined {
    return this.draft.fields.find((q) => q.fieldId === fieldId);
  }

  setText(_ctx: Ctx, name: Json, value: string | undefined) {
    if (value === undefined || !["title", "slug", "intro", "successMessage", "redirectUrl", "closedMessage"].includes(String(name))) return;
    this.draft[name as Text] = value.slice(0, 2000);
  }

  setOpen(_ctx: Ctx, _arg: Json, value: string | undefined) {
    this.draft.open = value === "open";
  }

  setCap(_ctx: Ctx, _arg: Json, value: string | undefined) {
    const n = Number((value ?? "").trim() || "0");
    this.draft.dailyCap = Number.isFinite(n) ? n : -1;
  }

  setOrigins(_ctx: Ctx, _arg: Json, value: string | undefined) {
    this.draft.allowedOrigins = (value ?? "").split(/\s+/).filter((o) => o !== "").slice(0, 50);
  }

  setEmbed(_ctx: Ctx, _arg: Json, value: string | undefined) {
    this.draft.embedAnywhere = value === "anywhere";
  }

  setQuestionText(_ctx: Ctx, arg: Json, value: string | undefined) {
    if (!Array.isArray(arg) || value === undefined) return;
    const [fieldId, what] = arg;
    const q = this.question(fieldId ?? null);
    if (!q || !["label", "help", "fixedValue", "defaultValue", "prefillParam"].includes(String(what))) return;
    q[what as QuestionText] = value.slice(0, 2000);
  }

  setMode(_ctx: Ctx, fieldId: Json, value: string | undefined) {
    const q = this.question(fieldId);
    if (!q) return;
    if (value === "out") this.draft.fields = this.draft.fields.filter((x) => x !== q);
    else q.hidden = value === "hidden";
    // A question that is not asked on the page can no longer be a condition's subject.
    if (value !== "ask") for (const other of this.draft.fields) if (other.condition?.fieldId === q.fieldId) delete other.condition;
  }

  /** A link question: the linked records offered by name (only names are shown), or typed. */
  setRecordChoices(_ctx: Ctx, fieldId: Json, value: string | undefined) {
    const q = this.question(fieldId);
    if (!q) return;
    if (value === "records") q.recordChoices = true;
    else delete q.recordChoices;
  }

  setRequired(_ctx: Ctx, fieldId: Json, value: string | undefined) {
    const q = this.question(fieldId);
    if (q) q.required = value === "required";
  }

  setConditionField(_ctx: Ctx, fieldId: Json, value: string | undefined) {
    const q = this.question(fieldId);
    if (!q) return;
    if (!value) delete q.condition;
    else if (q.condition?.fieldId !== value) q.condition = { fieldId: value, op: "is", value: "" };
  }

  setConditionOp(_ctx: Ctx, fieldId: Json, value: string | undefined) {
    const q = this.question(fieldId);
    if (!q?.condition) return;
    q.condition.op = value === "isNot" ? "isNot" : "is";
  }

  setConditionValue(_ctx: Ctx, fieldId: Json, value: string | undefined) {
    const q = this.question(fieldId);
    if (!q?.condition) return;
    q.condition.value = (value ?? "").slice(0, 2000);
  }

  addQuestion(ctx: Ctx, fieldId: Json) {
    const field = liveField(ctx.app, this.draft.tableId, fieldId);
    if (!field || field.derived || this.question(field.id)) return;
    this.draft.fields.push(formFieldFor(field, formKeys(this.draft)));
  }

  addSummaryLine(ctx: Ctx, fieldId: Json) {
    const field = liveField(ctx.app, this.draft.tableId, fieldId);
    const summary = this.draft.summary ?? [];
    if (!field?.derived || summary.some((l) => l.fieldId === field.id) || summary.length >= MAX_SUMMARY_LINES) return;
    this.draft.summary = [...summary, summaryLineFor(field, formKeys(this.draft))];
  }

  removeSummaryLine(_ctx: Ctx, fieldId: Json) {
    const summary = (this.draft.summary ?? []).filter((l) => l.fieldId !== fieldId);
    if (summary.length > 0) this.draft.summary = summary;
    else delete this.draft.summary;
  }

  setSummaryLabel(_ctx: Ctx, fieldId: Json, value: string | undefined) {
    const line = (this.draft.summary ?? []).find((l) => l.fieldId === fieldId);
    if (line && value !== undefined) line.label = value.slice(0, 2000);
  }

  move(ctx: Ctx, arg: Json) {
    if (!Array.isArray(arg)) return;
    const [fieldId, step] = arg;
    const table = ctx.app.table(this.draft.tableId);
    if (!table) return;
    // Up and Down step over the questions shown (those whose field still exists).
    const asked = askedQuestions(this.draft, table).map((a) => a.q);
    const at = asked.findIndex((q) => q.fieldId === fieldId);
    const other = asked[at + (step === -1 ? -1 : 1)];
    if (at < 0 || !other) return;
    const fields = this.draft.fields;
    const from = fields.indexOf(asked[at]!);
    const to = fields.indexOf(other);
    [fields[from], fields[to]] = [fields[to]!, fields[from]!];
    // A condition may only look at a question above it.
    fields.forEach((x, i) => {
      if (x.condition && !fields.slice(0, i).some((a) => a.fieldId === x.condition?.fieldId)) delete x.condition;
    });
  }

  save(ctx: Ctx) {
    const result = ctx.app.updateForm(this.draft);
    this.state.error = result.ok ? null : result.reason;
    if (result.ok) {
      // The draft becomes the form as stored (which may have tidied it), so nothing shows unsaved.
      const saved = ctx.app.form(this.draft.id);
      if (saved) this.state.draft = structuredClone(saved) as unknown as Json;
      ctx.notice("Form saved.");
    }
  }

  /** Leaving saves the draft when it differs from the stored form; if it cannot be saved the
   *  builder stays, saying why (and "Discard changes and leave" is the way out). */
  async back(ctx: Ctx) {
    const saved = ctx.app.form(this.draft.id);
    if (saved && canonical(saved) !== canonical(this.draft)) {
      const result = ctx.app.updateForm(this.draft);
      if (!result.ok) {
        this.state.error = `Your changes are not saved: ${result.reason}`;
        return;
      }
      ctx.notice("Your changes to the form were saved.");
    }
    await ctx.answer(null);
  }

  async discard(ctx: Ctx) {
    ctx.notice("Changes discarded.");
    await ctx.answer(null);
  }
}
