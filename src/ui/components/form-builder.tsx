// The form builder (builders and owners): which fields a public form asks for and in what
// order, each question's label, help, required or optional, hidden with a fixed value, a
// default, a prefill parameter and a condition; the success message or redirect, open or
// closed, the daily cap and the origins allowed to post JSON. Edits go to a draft shown in
// the live preview (the public page's own markup); "Save form" applies one updateForm action.

import type { Json } from "../../schema/fields/field-type";
import { fieldTypes } from "../../schema/fields/registry";
import { type FormDefinition, type FormField, formFieldFor } from "../../schema/forms/form";
import { htmlSnippet, iframeSnippet } from "../../schema/forms/snippets";
import { prefillValues } from "../../schema/forms/submission";
import { type Field, liveFields } from "../../schema/model";
import type { TroveApp } from "../app";
import { Component } from "../engine/component";
import type { HandlerContext } from "../engine/context";
import type { Handler } from "../engine/component";
import type { Renderer } from "../engine/renderer";
import { PublicFormBody } from "../pages/public-form";

type Ctx = HandlerContext<TroveApp>;
type Text = "title" | "slug" | "intro" | "successMessage" | "redirectUrl" | "closedMessage";
type QuestionText = "label" | "help" | "fixedValue" | "defaultValue" | "prefillParam";

interface State {
  [key: string]: Json;
  draft: Json;
  error: string | null;
  dirty: boolean;
}

export class FormBuilder extends Component<State> {
  static override readonly type = "FormBuilder";

  static create(form: FormDefinition): FormBuilder {
    return new FormBuilder({ draft: structuredClone(form) as unknown as Json, error: null, dirty: false });
  }

  private get draft(): FormDefinition {
    return this.state.draft as unknown as FormDefinition;
  }

  render(r: Renderer<TroveApp>) {
    r.watch("forms");
    const app = r.app;
    const form = this.draft;
    const table = app.table(form.tableId);
    if (!table || !app.form(form.id)) {
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
    const asked = form.fields.flatMap((q) => { const f = fields.find((x) => x.id === q.fieldId); return f ? [{ q, f }] : []; });
    const left = fields.filter((f) => !form.fields.some((q) => q.fieldId === f.id));
    return (
      <section class="page wide" aria-labelledby="page-title">
        <header class="page-header">
          <a class="back" href={r.href(this, this.back)}>← Forms</a>
          <h1 id="page-title">{form.title}</h1>
          <span class={form.open ? "status-pill open" : "status-pill"}>{form.open ? "Open" : "Closed"}</span>
          <a href={url} target="_blank" rel="noopener" class="mono">{url}</a>
        </header>
        {this.state.error && <p class="form-error" role="alert">{this.state.error}</p>}
        <div class="builder">
          <form {...r.form} class="builder-settings">
            <div class="card builder-section">
              <h2>Form</h2>
              {text("title", "Title")}
              {text("slug", "Address")}
              {text("intro", "Introduction", true)}
            </div>
            <div class="card builder-section">
              <h2>Questions</h2>
              {asked.map(({ q, f }, i) => this.renderQuestion(r, q, f, i, asked.length, form.fields.slice(0, i)))}
              {left.length > 0 && (
                <p class="inline-form">
                  <span class="muted">Not asked:</span>
                  {left.map((f) => <button class="button small" {...r.submit(this, this.addQuestion, f.id)}>Ask “{f.name}”</button>)}
                </p>
              )}
            </div>
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
                <label for="form-origins">Sites allowed to post JSON (one origin a line)</label>
                <textarea id="form-origins" name={r.input(this, this.setOrigins)} rows={2} placeholder="https://orchestra.example" data-commit="">{form.allowedOrigins.join("\n")}</textarea>
              </div>
            </div>
            <p class="builder-actions">
              <button class="button primary" {...r.submit(this, this.save)}>Save form</button>
              <button class="button" {...r.submit(this, this.preview)}>Update preview</button>
              {this.state.dirty && <span class="muted">Unsaved changes</span>}
            </p>
          </form>
          <aside class="builder-side">
            <section class="preview" aria-label="Preview">
              <h2>Preview</h2>
              <div class="preview-frame" inert>
                <PublicFormBody view={{ form, table, action: url, values: prefillValues(form, new URLSearchParams()), errors: {}, token: "preview", preview: true }} />
              </div>
            </section>
            <section class="card builder-section snippets" aria-label="Embed">
              <h2>Put it on your website</h2>
              <div class="field">
                <label for="snippet-iframe">Embed with an iframe</label>
                <textarea id="snippet-iframe" readonly rows={3} class="mono">{iframeSnippet(form, url)}</textarea>
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

  private touch() {
    this.state.dirty = true;
  }

  setText(_ctx: Ctx, name: Json, value: string | undefined) {
    if (value === undefined || !["title", "slug", "intro", "successMessage", "redirectUrl", "closedMessage"].includes(String(name))) return;
    this.draft[name as Text] = value.slice(0, 2000);
    this.touch();
  }

  setOpen(_ctx: Ctx, _arg: Json, value: string | undefined) {
    this.draft.open = value === "open";
    this.touch();
  }

  setCap(_ctx: Ctx, _arg: Json, value: string | undefined) {
    const n = Number((value ?? "").trim() || "0");
    this.draft.dailyCap = Number.isFinite(n) ? n : -1;
    this.touch();
  }

  setOrigins(_ctx: Ctx, _arg: Json, value: string | undefined) {
    this.draft.allowedOrigins = (value ?? "").split(/\s+/).filter((o) => o !== "").slice(0, 50);
    this.touch();
  }

  setQuestionText(_ctx: Ctx, arg: Json, value: string | undefined) {
    if (!Array.isArray(arg) || value === undefined) return;
    const [fieldId, what] = arg;
    const q = this.question(fieldId ?? null);
    if (!q || !["label", "help", "fixedValue", "defaultValue", "prefillParam"].includes(String(what))) return;
    q[what as QuestionText] = value.slice(0, 2000);
    this.touch();
  }

  setMode(_ctx: Ctx, fieldId: Json, value: string | undefined) {
    const q = this.question(fieldId);
    if (!q) return;
    if (value === "out") {
      this.draft.fields = this.draft.fields.filter((x) => x !== q);
      for (const other of this.draft.fields) if (other.condition?.fieldId === q.fieldId) delete other.condition;
    } else q.hidden = value === "hidden";
    this.touch();
  }

  setRequired(_ctx: Ctx, fieldId: Json, value: string | undefined) {
    const q = this.question(fieldId);
    if (q) q.required = value === "required";
    this.touch();
  }

  setConditionField(_ctx: Ctx, fieldId: Json, value: string | undefined) {
    const q = this.question(fieldId);
    if (!q) return;
    if (!value) delete q.condition;
    else if (q.condition?.fieldId !== value) q.condition = { fieldId: value, op: "is", value: "" };
    this.touch();
  }

  setConditionOp(_ctx: Ctx, fieldId: Json, value: string | undefined) {
    const q = this.question(fieldId);
    if (!q?.condition) return;
    q.condition.op = value === "isNot" ? "isNot" : "is";
    this.touch();
  }

  setConditionValue(_ctx: Ctx, fieldId: Json, value: string | undefined) {
    const q = this.question(fieldId);
    if (!q?.condition) return;
    q.condition.value = (value ?? "").slice(0, 2000);
    this.touch();
  }

  addQuestion(ctx: Ctx, fieldId: Json) {
    const field = ctx.app.table(this.draft.tableId)?.fields.find((f) => f.id === fieldId && f.deletedAt === undefined);
    if (!field || this.question(field.id)) return;
    this.draft.fields.push(formFieldFor(field, this.draft.fields.map((q) => q.key)));
    this.touch();
  }

  move(_ctx: Ctx, arg: Json) {
    if (!Array.isArray(arg)) return;
    const [fieldId, step] = arg;
    const from = this.draft.fields.findIndex((q) => q.fieldId === fieldId);
    const to = from + (step === -1 ? -1 : 1);
    if (from < 0 || to < 0 || to >= this.draft.fields.length) return;
    const [q] = this.draft.fields.splice(from, 1);
    this.draft.fields.splice(to, 0, q!);
    // A condition may only look at a question above it.
    this.draft.fields.forEach((x, i) => {
      if (x.condition && !this.draft.fields.slice(0, i).some((a) => a.fieldId === x.condition?.fieldId)) delete x.condition;
    });
    this.touch();
  }

  preview() {
    // The inputs already went into the draft; the preview renders it.
  }

  save(ctx: Ctx) {
    const result = ctx.app.updateForm(this.draft);
    this.state.error = result.ok ? null : result.reason;
    if (result.ok) {
      this.state.dirty = false;
      ctx.notice("Form saved.");
    }
  }

  async back(ctx: Ctx) {
    await ctx.answer(null);
  }
}
