// A public form: which of a table's fields it asks for, in what order, with what labels,
// help, defaults, prefill parameters and conditions, and what happens after a submission.
// Forms are structure: they live in the schema (`Schema.forms`) and change only through the
// form actions (../form-actions.ts), so undo, the change log and live updates work for them.

import { isJsonObject } from "../action-kit";
import { findTable, type Field, liveFields, type Schema, type Table } from "../model";

export type ConditionOp = "is" | "isNot";

/** Show a question only when another question's answer is (or is not) some value. */
export interface FormCondition {
  fieldId: string;
  op: ConditionOp;
  value: string;
}

export interface FormField {
  fieldId: string;
  /** The name the answer is posted under. Kept when the field is renamed, so forms pasted
   *  into other sites go on working. */
  key: string;
  label: string;
  help: string;
  required: boolean;
  /** Not asked: the record gets `fixedValue`, whatever was posted. */
  hidden: boolean;
  fixedValue: string;
  /** What the question starts with. */
  defaultValue: string;
  /** A URL parameter that prefills the question (`?instrument=Cello`); "" for none. */
  prefillParam: string;
  condition?: FormCondition;
}

export interface FormDefinition {
  id: string;
  tableId: string;
  /** The form's address: /f/<database>/<slug>. */
  slug: string;
  title: string;
  intro: string;
  fields: FormField[];
  successMessage: string;
  /** Where to send the person after submitting (http or https); "" to show the message. */
  redirectUrl: string;
  open: boolean;
  closedMessage: string;
  /** Most submissions accepted per day (UTC); 0 for no cap. */
  dailyCap: number;
  /** Origins (https://example.org) whose pages may post JSON and read the answer. */
  allowedOrigins: string[];
}

/** Names the public endpoint keeps for itself: the submission token and the honeypot. */
export const TOKEN_FIELD = "_token";
export const HONEYPOT_FIELD = "_hp";

const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/;
const KEY = /^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/;
const MAX_TEXT = 2000;

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

/** A new, closed form asking for every visible field of `table`. */
export function newForm(id: string, table: Table, title: string, slug: string): FormDefinition {
  const fields: FormField[] = [];
  for (const field of liveFields(table).filter((f) => !f.hidden)) fields.push(formFieldFor(field, fields.map((f) => f.key)));
  return {
    id, tableId: table.id, slug, title: title.trim(), intro: "", fields,
    successMessage: "Thank you! Your answers were received.", redirectUrl: "", open: false,
    closedMessage: "This form is not taking answers right now.", dailyCap: 0, allowedOrigins: [],
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

/** Why a form cannot be saved as it is, or null. Checked by the form actions. */
export function checkForm(form: FormDefinition, schema: Schema): string | null {
  const table = findTable(schema, form.tableId);
  if (!table || table.deletedAt !== undefined) return "That table no longer exists.";
  if (!form.title.trim()) return "A form needs a title.";
  if (form.title.length > 120) return "A form title is at most 120 characters.";
  if (!isFormSlug(form.slug)) return "A form's address uses lowercase letters, digits and hyphens (at most 40).";
  if (liveForms(schema).some((f) => f.id !== form.id && f.slug === form.slug)) return `There is already a form at “${form.slug}”.`;
  for (const text of [form.intro, form.successMessage, form.closedMessage]) if (text.length > MAX_TEXT) return `Texts are at most ${MAX_TEXT} characters.`;
  if (form.redirectUrl && !isHttpUrl(form.redirectUrl)) return "The redirect address must start with http:// or https://.";
  if (!Number.isInteger(form.dailyCap) || form.dailyCap < 0 || form.dailyCap > 1_000_000) return "The daily cap is a whole number (0 for none).";
  if (form.allowedOrigins.length > 20) return "At most 20 allowed origins.";
  for (const origin of form.allowedOrigins) if (!isOrigin(origin)) return `“${origin}” is not an origin like https://example.org.`;
  const seen = new Set<string>();
  const keys = new Set<string>();
  for (const f of form.fields) {
    const field = table.fields.find((x) => x.id === f.fieldId && x.deletedAt === undefined);
    if (!field) return "A question asks for a field that no longer exists.";
    if (seen.has(f.fieldId)) return `“${field.name}” is asked twice.`;
    if (!KEY.test(f.key) || keys.has(f.key)) return `“${f.key}” cannot name a question: use letters, digits, _ and -, once each.`;
    if (!f.label.trim() || f.label.length > 200) return `The question for “${field.name}” needs a label (at most 200 characters).`;
    for (const text of [f.help, f.fixedValue, f.defaultValue]) if (text.length > MAX_TEXT) return `Texts are at most ${MAX_TEXT} characters.`;
    if (f.prefillParam && !KEY.test(f.prefillParam)) return `“${f.prefillParam}” cannot be a URL parameter.`;
    if (f.condition && !seen.has(f.condition.fieldId)) return `“${f.label}” can only depend on a question above it.`;
    seen.add(f.fieldId);
    keys.add(f.key);
  }
  return null;
}

/** Checks untrusted JSON (a stored action) is a form definition. */
export function isFormDefinition(value: unknown): value is FormDefinition {
  if (!isJsonObject(value)) return false;
  const v = value as Record<string, unknown>;
  const strings = ["id", "tableId", "slug", "title", "intro", "successMessage", "redirectUrl", "closedMessage"];
  if (!strings.every((k) => typeof v[k] === "string")) return false;
  if (typeof v.open !== "boolean" || typeof v.dailyCap !== "number") return false;
  if (!Array.isArray(v.allowedOrigins) || !v.allowedOrigins.every((o) => typeof o === "string")) return false;
  return Array.isArray(v.fields) && v.fields.every(isFormField);
}

function isFormField(value: unknown): value is FormField {
  if (!isJsonObject(value)) return false;
  const v = value as Record<string, unknown>;
  if (!["fieldId", "key", "label", "help", "fixedValue", "defaultValue", "prefillParam"].every((k) => typeof v[k] === "string")) return false;
  if (typeof v.required !== "boolean" || typeof v.hidden !== "boolean") return false;
  if (v.condition === undefined) return true;
  const c = v.condition as Record<string, unknown>;
  return isJsonObject(v.condition) && typeof c.fieldId === "string" && (c.op === "is" || c.op === "isNot") && typeof c.value === "string";
}
