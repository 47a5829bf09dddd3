// A public form: which of a table's fields it asks for, in what order, with what labels,
// help, defaults, prefill parameters and conditions, and what happens after a submission.
// Forms are structure: they live in the schema (`Schema.forms`) and change only through the
// form actions (../form-actions.ts), so undo, the change log and live updates work for them.

import * as v from "valibot";
import { findTable, type Field, liveFields, type Schema, type Table } from "../model";
import { grouped } from "../text";

const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/;
const KEY = /^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/;
const MAX_TEXT = 2000;
/** Submissions a new form takes per day (UTC) until its builder changes it. */
export const DEFAULT_DAILY_CAP = 1000;

/** An origin as browsers send it: scheme, host and port only. */
function isOrigin(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === "https:" || url.protocol === "http:") && url.origin === text;
  } catch {
    return false;
  }
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === "https:" || url.protocol === "http:";
  } catch {
    return false;
  }
}

const text = (max = MAX_TEXT) => v.pipe(v.string(), v.maxLength(max, `Texts are at most ${grouped(max)} characters.`));
const id = v.pipe(v.string(), v.minLength(1), v.maxLength(64));

/** Show a question only when another question's answer is (or is not) some value. */
const FormConditionSchema = v.object({ fieldId: id, op: v.picklist(["is", "isNot"]), value: text() });

const FormFieldSchema = v.object({
  fieldId: id,
  /** The name the answer is posted under. Kept when the field is renamed, so forms pasted
   *  into other sites go on working. */
  key: v.pipe(v.string(), v.regex(KEY, "A question's name uses letters, digits, _ and - (at most 40).")),
  label: v.pipe(v.string(), v.check((t) => t.trim() !== "", "Every question needs a label."), v.maxLength(200, "A label is at most 200 characters.")),
  help: text(),
  required: v.boolean(),
  /** Not asked: the record gets `fixedValue`, whatever was posted. */
  hidden: v.boolean(),
  fixedValue: text(),
  /** What the question starts with. */
  defaultValue: text(),
  /** A URL parameter that prefills the question (`?instrument=Cello`); "" for none. */
  prefillParam: v.pipe(v.string(), v.check((p) => p === "" || KEY.test(p), "A URL parameter uses letters, digits, _ and - (at most 40).")),
  condition: v.optional(FormConditionSchema),
  /** A link question: offer the linked table's records by name to choose from (radio
   *  buttons, a select or checkboxes; type-ahead past 200), instead of a typed name. */
  recordChoices: v.optional(v.boolean()),
});

/** Most read-only summary lines a form shows after a submission. */
export const MAX_SUMMARY_LINES = 20;

/** A read-only line of the confirmation a person sees after sending: a computed field's
 *  value for the record just added ("Total: $30.00"). Not a question: nothing is posted
 *  for it, and an answer posted under its key is refused like an unknown question. */
const FormSummaryLineSchema = v.object({
  fieldId: id,
  /** The name the value is answered under in JSON (`summary[].key`). */
  key: v.pipe(v.string(), v.regex(KEY, "A summary line's name uses letters, digits, _ and - (at most 40).")),
  label: v.pipe(v.string(), v.check((t) => t.trim() !== "", "Every summary line needs a label."), v.maxLength(200, "A label is at most 200 characters.")),
});

/** A form definition as the form actions accept it (stored actions and the builder's). The
 *  checks that need the schema (the table and fields exist, addresses are unique,
 *  conditions look upwards) are in `checkForm`. */
export const FormDefinitionSchema = v.object({
  id,
  tableId: id,
  /** The form's address: /f/<database>/<slug>. */
  slug: v.pipe(v.string(), v.regex(SLUG, "A form's address uses lowercase letters, digits and hyphens (at most 40).")),
  title: v.pipe(v.string(), v.check((t) => t.trim() !== "", "A form needs a title."), v.maxLength(120, "A form title is at most 120 characters.")),
  intro: text(),
  fields: v.pipe(v.array(FormFieldSchema), v.maxLength(100, "A form asks at most 100 questions.")),
  successMessage: text(),
  /** Where to send the person after submitting (http or https); "" to show the message. */
  redirectUrl: v.pipe(v.string(), v.maxLength(MAX_TEXT), v.check((u) => u === "" || isHttpUrl(u), "The redirect address must start with http:// or https://.")),
  open: v.boolean(),
  closedMessage: text(),
  /** Most submissions accepted per day (UTC); 0 for no cap. */
  dailyCap: v.pipe(v.number(), v.integer("The daily cap is a whole number (0 for none)."), v.minValue(0, "The daily cap is a whole number (0 for none)."), v.maxValue(1_000_000, "The daily cap is at most 1,000,000.")),
  /** Origins (https://example.org) whose pages may post JSON and read the answer, and frame
   *  the form. */
  allowedOrigins: v.pipe(
    v.array(v.pipe(v.string(), v.maxLength(200), v.check(isOrigin, (issue) => `“${String(issue.input)}” is not an origin like https://example.org.`))),
    v.maxLength(20, "At most 20 allowed origins."),
  ),
  /** Whether any site may show the form in a frame (false: only the allowed origins).
   *  Absent in forms made before the setting existed, which any site could frame. */
  embedAnywhere: v.optional(v.boolean()),
  /** Computed fields shown read-only after sending. Absent in forms made before summaries. */
  summary: v.optional(v.pipe(v.array(FormSummaryLineSchema), v.maxLength(MAX_SUMMARY_LINES, `A form shows at most ${MAX_SUMMARY_LINES} summary lines.`))),
});

export type FormDefinition = v.InferOutput<typeof FormDefinitionSchema>;
export type FormField = FormDefinition["fields"][number];
export type FormCondition = NonNullable<FormField["condition"]>;
export type ConditionOp = FormCondition["op"];
export type FormSummaryLine = NonNullable<FormDefinition["summary"]>[number];

/** Names the public endpoint keeps for itself: the submission token and the honeypot. */
export const TOKEN_FIELD = "_token";
export const HONEYPOT_FIELD = "_hp";

export const isFormSlug = (slug: string): boolean => SLUG.test(slug);

/** "Join the orchestra!" → "join-the-orchestra". */
export function slugify(text: string, fallback = "form"): string {
  const slug = text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40)
    .replace(/-+$/, "");
  return slug || fallback;
}

/** A posted name for a field: its name folded ("Ticket price" → "ticket_price"). */
function keyFor(field: Field, taken: readonly string[]): string {
  const base = slugify(field.name, "field").replace(/-/g, "_").slice(0, 32);
  let key = base;
  for (let n = 2; taken.includes(key); n++) key = `${base}_${n}`;
  return key;
}

/** A form field asking for `field`, with its name as the label. */
export function formFieldFor(field: Field, taken: readonly string[]): FormField {
  return { fieldId: field.id, key: keyFor(field, taken), label: field.name, help: "", required: false, hidden: false, fixedValue: "", defaultValue: "", prefillParam: "" };
}

/** A summary line showing the computed `field`, with its name as the label; `taken`: the
 *  names of the form's questions and lines. */
export function summaryLineFor(field: Field, taken: readonly string[]): FormSummaryLine {
  return { fieldId: field.id, key: keyFor(field, taken), label: field.name };
}

/** Every name a form uses: its questions' and its summary lines'. */
export function formKeys(form: FormDefinition): string[] {
  return [...form.fields.map((f) => f.key), ...(form.summary ?? []).map((l) => l.key)];
}

/** A new form asking for every visible field of `table` but members and links (someone
 *  filling in a public form knows neither; the builder adds them), taking at most
 *  DEFAULT_DAILY_CAP answers a day and framed only by its allowed origins. `open`: the
 *  builder's answer to "open now?". */
export function newForm(id: string, table: Table, title: string, slug: string, open = false): FormDefinition {
  const fields: FormField[] = [];
  // Computed fields are never questions: their values follow from the answers.
  for (const field of liveFields(table).filter((f) => !f.hidden && f.type !== "user" && f.type !== "link" && !f.derived)) fields.push(formFieldFor(field, fields.map((f) => f.key)));
  return {
    id, tableId: table.id, slug, title: title.trim(), intro: "", fields,
    successMessage: "Thank you! Your answers were received.", redirectUrl: "", open,
    closedMessage: "This form is not taking answers right now.", dailyCap: DEFAULT_DAILY_CAP, allowedOrigins: [],
    embedAnywhere: false,
  };
}

export function liveForms(schema: Schema): FormDefinition[] {
  return schema.forms ?? [];
}

export function findForm(schema: Schema, id: string): FormDefinition | undefined {
  return liveForms(schema).find((f) => f.id === id);
}

export function findFormBySlug(schema: Schema, slug: string): FormDefinition | undefined {
  return liveForms(schema).find((f) => f.slug === slug);
}

/** The form a stored or submitted definition describes (unknown properties dropped), or
 *  the first reason it is not one. */
export function parseForm(value: unknown): { ok: true; form: FormDefinition } | { ok: false; reason: string } {
  const result = v.safeParse(FormDefinitionSchema, value);
  return result.success ? { ok: true, form: result.output } : { ok: false, reason: result.issues[0].message };
}

/** Why a form cannot be saved in this schema, or null: its shape (FormDefinitionSchema),
 *  then what needs the schema. Checked by the form actions. */
export function checkForm(form: FormDefinition, schema: Schema): string | null {
  const parsed = parseForm(form);
  if (!parsed.ok) return parsed.reason;
  const table = findTable(schema, form.tableId);
  if (!table || table.deletedAt !== undefined) return "That table no longer exists.";
  if (liveForms(schema).some((f) => f.id !== form.id && f.slug === form.slug)) return `There is already a form at “${form.slug}”.`;
  const seen = new Set<string>();
  const keys = new Set<string>();
  for (const f of form.fields) {
    // A deleted field's question stays (not asked while the field is in the trash), as a field's
    // deletion leaves the forms that ask for it: so a form deleted or edited since comes back by Undo.
    const field = table.fields.find((x) => x.id === f.fieldId);
    if (!field) return "A question asks for a field that no longer exists.";
    if (field.derived) return `“${field.name}” is computed: show it in the summary instead of asking for it.`;
    if (seen.has(f.fieldId)) return `“${field.name}” is asked twice.`;
    if (keys.has(f.key)) return `“${f.key}” names two questions.`;
    if (f.condition && !seen.has(f.condition.fieldId)) return `“${f.label}” can only depend on a question above it.`;
    seen.add(f.fieldId);
    keys.add(f.key);
  }
  const shown = new Set<string>();
  for (const line of form.summary ?? []) {
    const field = table.fields.find((x) => x.id === line.fieldId);
    if (!field) return "A summary line shows a field that does not exist.";
    // A deleted field's line is kept (undoing the delete brings it back) and not shown.
    if (!field.derived && field.deletedAt === undefined) return `“${field.name}” is not computed: ask for it as a question instead.`;
    if (shown.has(line.fieldId)) return `“${field.name}” is in the summary twice.`;
    if (keys.has(line.key)) return `“${line.key}” names a question and a summary line, or two lines.`;
    shown.add(line.fieldId);
    keys.add(line.key);
  }
  return null;
}
