// What a public form accepts: the validator the tenant object runs on every submission, and
// the values a freshly opened form starts with. The server is the authority: it evaluates
// conditions itself (an answer to a question that was not shown is discarded), hidden
// questions take their fixed value whatever was posted, and an answer the field's type does
// not read is refused with a message saying why, so the person can fix it. (Inside the app,
// text a type does not read is kept and flagged; on a public form nobody would see the flag.)

import type { ParseContext } from "../fields/field-type";
import type { Field } from "../model";
import type { StoredCell } from "../values";
import { compareCells, parseCell } from "../fields/registry";
import { findField, type Table } from "../model";
import { type FormCondition, type FormDefinition, type FormField, HONEYPOT_FIELD, TOKEN_FIELD } from "./form";
import { foldSpaces } from "../text";
import { grouped } from "../text";

/** Longest answer a public form takes for one question. */
const MAX_ANSWER = 5000;

export type Submission =
  /** `cells`: the record's typed text by field id; `read`: what each text was read as, so
   *  applying the record need not read it again (Document.read). */
  | { ok: true; cells: { [fieldId: string]: string }; read: Map<string, StoredCell> }
  | { ok: false; errors: { [fieldId: string]: string }; unknownFields: string[] };

/** Whether two answers to one field are the same: the same text (case and spacing aside)
 *  or values the field's type reads as equal ("$5" and "5.00 USD"). */
function sameAnswer(table: Table, fieldId: string, a: string, b: string, context: ParseContext): boolean {
  if (foldSpaces(a) === foldSpaces(b)) return true;
  const field = findField(table, fieldId);
  if (!field || a.trim() === "" || b.trim() === "") return false;
  const x = parseCell(field.type, a, field.options, context);
  const y = parseCell(field.type, b, field.options, context);
  return x.ok && y.ok && compareCells(field.type, x.value, y.value) === 0;
}

function conditionMet(condition: FormCondition | undefined, answers: ReadonlyMap<string, string>, table: Table, context: ParseContext): boolean {
  if (!condition) return true;
  const same = sameAnswer(table, condition.fieldId, answers.get(condition.fieldId) ?? "", condition.value, context);
  return condition.op === "is" ? same : !same;
}

const RECORD_GONE = "there is no such record now; please choose another";

/** A refusal a person can act on: "This is not an email address." */
function explain(reason: string): string {
  const text = reason.replace(/\.$/, "");
  return text.startsWith("not ") ? `This is ${text}.` : `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

/** The answers a form would turn into a record's cells (field id → typed text), or why not.
 *  `values` are the posted answers by question key (the token and honeypot are ignored): a
 *  Map, because keys are names people chose ("constructor" must not find Object.prototype).
 *  Each answer is read with `contextFor(field)` (the context applying the record reads that
 *  field with), once. */
export function checkSubmission(form: FormDefinition, table: Table, values: ReadonlyMap<string, string>, context: ParseContext, contextFor: (field: Field) => ParseContext = () => context): Submission {
  const known = new Set(form.fields.map((f) => f.key));
  const unknownFields = [...values.keys()].filter((k) => !known.has(k) && k !== TOKEN_FIELD && k !== HONEYPOT_FIELD);
  const errors: { [fieldId: string]: string } = {};
  const cells: { [fieldId: string]: string } = {};
  const read = new Map<string, StoredCell>();
  /** The answer each question ended with ("" when not shown), for later conditions. */
  const answers = new Map<string, string>();
  for (const question of form.fields) {
    const field = findField(table, question.fieldId);
    if (!field || field.deletedAt !== undefined) continue;
    if (!conditionMet(question.condition, answers, table, context)) {
      answers.set(field.id, ""); // not shown: whatever was posted is discarded
      continue;
    }
    const posted = values.get(question.key);
    const text = question.hidden ? question.fixedValue : (posted ?? question.defaultValue);
    answers.set(field.id, text);
    let value: unknown;
    const problem = checkAnswer(question, field.type === "checkbox", text, () => {
      const parsed = parseCell(field.type, text, field.options, contextFor(field));
      if (parsed.ok) value = parsed.value;
      // A record offered as a choice holds its id, which means nothing to the person: say what
      // happened instead (it was deleted after the form was opened, or no record has that name).
      return !parsed.ok && question.recordChoices === true && field.type === "link" ? { ok: false, reason: RECORD_GONE } : parsed;
    });
    if (problem) errors[field.id] = problem;
    else if (text.trim() !== "") {
      cells[field.id] = text;
      read.set(field.id, { text, value: value as StoredCell["value"] });
    }
  }
  if (unknownFields.length > 0 || Object.keys(errors).length > 0) return { ok: false, errors, unknownFields };
  return { ok: true, cells, read };
}

function checkAnswer(question: FormField, checkbox: boolean, text: string, parse: () => { ok: true; value: unknown } | { ok: false; reason: string }): string | null {
  if (text.length > MAX_ANSWER) return `This is too long: at most ${grouped(MAX_ANSWER)} characters.`;
  if (text.trim() === "") return question.required && !question.hidden ? (checkbox ? "Please tick this box." : "Please fill this in.") : null;
  const parsed = parse();
  if (!parsed.ok) return question.hidden ? `The form's fixed value is not valid (${parsed.reason}); please tell the form's owner.` : explain(parsed.reason);
  if (checkbox && question.required && parsed.value !== true) return "Please tick this box.";
  return null;
}

/** What the questions of a freshly opened form hold: a value from the URL (by the
 *  question's prefill parameter), else its default. By question key. */
export function prefillValues(form: FormDefinition, query: { get(name: string): string | null }): Map<string, string> {
  const values = new Map<string, string>();
  for (const question of form.fields) {
    if (question.hidden) continue;
    const fromUrl = question.prefillParam ? query.get(question.prefillParam) : null;
    const value = fromUrl ?? question.defaultValue;
    if (value !== "") values.set(question.key, value.slice(0, MAX_ANSWER));
  }
  return values;
}
