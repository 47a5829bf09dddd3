// The public form page (/f/<database>/<form>): standalone, responsive and accessible — every
// input has a label, help and errors are tied to it with aria-describedby, a summary at the
// top links to each problem — and it works with JavaScript off (conditional questions then
// stay visible with a note saying when to answer them; the server decides either way).
// The same markup is the live preview in the form builder.

import type { Child } from "hono/jsx";
import { isJsonObject } from "../../schema/action-kit";
import { type FormDefinition, type FormField, HONEYPOT_FIELD, TOKEN_FIELD } from "../../schema/forms/form";
import type { RecordChoices } from "../../schema/forms/record-choices";
import type { SummaryValue } from "../../schema/forms/summary";
import { type Field, findField, type Table } from "../../schema/model";
import { Document } from "./document";

export interface PublicFormView {
  form: FormDefinition;
  table: Table;
  /** Where the form posts: /f/<database>/<slug>. */
  action: string;
  /** Answers to show, by question key (a Map: keys are names people chose). */
  values: ReadonlyMap<string, string>;
  /** Problems, by field id. */
  errors: { [fieldId: string]: string };
  token: string;
  /** In the builder: ids are prefixed and nothing is a real form. */
  preview?: boolean;
  /** Link questions asked as a choice of records, by question key (../../schema/forms/record-choices.ts). */
  records?: RecordChoices;
}

const choiceLabels = (field: Field): string[] =>
  isJsonObject(field.options) && Array.isArray(field.options.choices)
    ? field.options.choices.flatMap((c) => (isJsonObject(c) && typeof c.label === "string" ? [c.label] : []))
    : [];

const inputType = (field: Field) => ({ email: "email", url: "url", phone: "tel" })[field.type as string] ?? "text";
const inputMode = (field: Field) => (["number", "money", "percent"].includes(field.type) ? "decimal" : undefined);

/** What a browser may fill in: by type (email, tel, a town), or a text question about a
 *  name. Anything else is left to the person. */
export function autocompleteFor(field: Field, label: string): string {
  if (field.type === "email") return "email";
  if (field.type === "phone") return "tel";
  if (field.type === "url") return "url";
  if (field.type === "location") return "address-level2";
  const words = `${label} ${field.name}`.toLowerCase();
  if (field.type === "text" && /\b(full name|your name|name)\b/.test(words) && !/\b(user ?name|company|organi[sz]ation|team|band|event)\b/.test(words)) return "name";
  if (field.type === "text" && /\b(city|town)\b/.test(words)) return "address-level2";
  return "off";
}

/** Single choices with at most this many options are radio buttons; more are a select. */
const RADIO_LIMIT = 6;
/** A link question allowing several records lists at most this many as checkboxes. */
const CHECKBOX_LIMIT = 30;

/** The options a multiple-choice answer names (as posted or prefilled: "A, B"). */
const namedOptions = (value: string) => new Set(value.split(/[,;]/).map((p) => p.trim().toLowerCase()).filter(Boolean));

function Question(props: { view: PublicFormView; question: FormField; field: Field }) {
  const { view, question, field } = props;
  const id = `${view.preview ? "preview-" : ""}q-${question.key}`;
  const value = view.values.get(question.key) ?? "";
  const error = view.errors[field.id];
  const describedBy = [question.help && `${id}-help`, error && `${id}-error`].filter(Boolean).join(" ") || undefined;
  const common = { id, name: question.key, "aria-describedby": describedBy, "aria-invalid": error ? "true" : undefined, "aria-required": question.required ? "true" : undefined };
  const condition = question.condition;
  const controlling = condition && view.form.fields.find((q) => q.fieldId === condition.fieldId);
  const conditionText = condition && controlling && `Answer only if “${controlling.label}” ${condition.op === "is" ? "is" : "is not"} “${condition.value}”.`;
  // For form.js. A hidden question is not on the page: the server uses its fixed value.
  const showIf =
    condition && controlling
      ? JSON.stringify({ key: controlling.key, op: condition.op, value: condition.value, ...(controlling.hidden ? { fixed: controlling.fixedValue } : {}) })
      : undefined;
  const label = (
    <label for={id}>
      {question.label}
      {question.required ? <span class="required" aria-hidden="true"> *</span> : <span class="optional"> (optional)</span>}
    </label>
  );
  let control: Child;
  const group = (inputs: Child) => (
    <fieldset class={error ? "field choice-group has-error" : "field choice-group"} data-show-if={showIf} aria-describedby={describedBy}>
      <legend>
        {question.label}
        {question.required ? <span class="required" aria-hidden="true"> *</span> : <span class="optional"> (optional)</span>}
      </legend>
      {conditionText && <p class="hint condition">{conditionText}</p>}
      {question.help && <p class="hint" id={`${id}-help`}>{question.help}</p>}
      {inputs}
      {error && <p class="field-error" id={`${id}-error`}>{error}</p>}
    </fieldset>
  );
  const labels = field.type === "choice" || field.type === "multiChoice" ? choiceLabels(field) : [];
  if (field.type === "multiChoice" && labels.length > 0) {
    // Checkboxes under one name: the object joins repeated answers ("A, B").
    const named = namedOptions(value);
    return group(labels.map((l, i) => (
      <label class="choice-option" for={i === 0 ? id : `${id}-${i}`}>
        <input type="checkbox" id={i === 0 ? id : `${id}-${i}`} name={question.key} value={l} checked={named.has(l.toLowerCase())} aria-invalid={common["aria-invalid"]} />
        {l}
      </label>
    )));
  }
  if (field.type === "choice" && labels.length > 0 && labels.length <= RADIO_LIMIT) {
    const chosen = value.trim().toLowerCase();
    return group(labels.map((l, i) => (
      <label class="choice-option" for={i === 0 ? id : `${id}-${i}`}>
        <input type="radio" id={i === 0 ? id : `${id}-${i}`} name={question.key} value={l} checked={l.toLowerCase() === chosen} aria-invalid={common["aria-invalid"]} required={question.required && !view.preview ? true : undefined} />
        {l}
      </label>
    )));
  }
  const offered = field.type === "link" ? view.records?.get(question.key) : undefined;
  if (offered) {
    const multiple = isJsonObject(field.options) && field.options.multiple === true;
    // Answers are the records' ids (a name may hold a comma); a typed or prefilled name counts too.
    const named = namedOptions(value);
    const isChosen = (r: { id: string; name: string }) => named.has(r.id.toLowerCase()) || named.has(r.name.toLowerCase());
    const few = !offered.more && offered.records.length <= (multiple ? CHECKBOX_LIMIT : RADIO_LIMIT);
    if (few && offered.records.length > 0) {
      return group(offered.records.map((r, i) => (
        <label class="choice-option" for={i === 0 ? id : `${id}-${i}`}>
          <input type={multiple ? "checkbox" : "radio"} id={i === 0 ? id : `${id}-${i}`} name={question.key} value={r.id} checked={isChosen(r)} aria-invalid={common["aria-invalid"]} />
          {r.name}
        </label>
      )));
    }
    if (!multiple && !offered.more) {
      control = (
        <select {...common}>
          <option value="">Choose…</option>
          {offered.records.map((r) => <option value={r.id} selected={isChosen(r)}>{r.name}</option>)}
        </select>
      );
    } else {
      // Too many to list: the names as type-ahead; the answer is read by name.
      control = (
        <>
          <input type="text" value={value} autocomplete="off" list={`${id}-records`} {...common} />
          <datalist id={`${id}-records`}>{offered.records.map((r) => <option value={r.name} />)}</datalist>
        </>
      );
    }
  } else if (field.type === "longText") control = <textarea {...common} rows={4}>{value}</textarea>;
  else if (field.type === "choice") {
    const known = labels.some((l) => l.toLowerCase() === value.trim().toLowerCase());
    control = (
      <select {...common}>
        <option value="">Choose…</option>
        {labels.map((l) => <option value={l} selected={l.toLowerCase() === value.trim().toLowerCase()}>{l}</option>)}
        {!known && value.trim() !== "" && <option value={value} selected>{value}</option>}
      </select>
    );
  } else if (field.type === "checkbox") {
    const on = /^(y|yes|true|on|1|x)$/i.test(value.trim());
    return (
      <div class={error ? "field checkbox has-error" : "field checkbox"} data-show-if={showIf}>
        {/* Unticked, the box sends nothing and the server takes the default: form.js must too. */}
        <input type="checkbox" value="yes" checked={on} data-default={question.defaultValue || undefined} {...common} />
        {label}
        {conditionText && <p class="hint condition">{conditionText}</p>}
        {question.help && <p class="hint" id={`${id}-help`}>{question.help}</p>}
        {error && <p class="field-error" id={`${id}-error`}>{error}</p>}
      </div>
    );
  } else control = <input type={inputType(field)} inputmode={inputMode(field)} value={value} autocomplete={autocompleteFor(field, question.label)} {...common} />;
  return (
    <div class={error ? "field has-error" : "field"} data-show-if={showIf}>
      {label}
      {conditionText && <p class="hint condition">{conditionText}</p>}
      {question.help && <p class="hint" id={`${id}-help`}>{question.help}</p>}
      {control}
      {error && <p class="field-error" id={`${id}-error`}>{error}</p>}
    </div>
  );
}

/** The form itself: title, intro, the error summary, the questions and the button. */
export function PublicFormBody(props: { view: PublicFormView }) {
  const { view } = props;
  const { form, table } = view;
  const asked = form.fields.flatMap((question) => {
    const field = findField(table, question.fieldId);
    return field && field.deletedAt === undefined && !question.hidden ? [{ question, field }] : [];
  });
  const problems = asked.filter(({ field }) => view.errors[field.id]);
  const prefix = view.preview ? "preview-" : "";
  const inner = (
    <>
      {problems.length > 0 && (
        <div class="form-error error-summary" role="alert" tabindex={-1} id={`${prefix}form-problems`}>
          <h2>{problems.length === 1 ? "One answer needs a look" : `${problems.length} answers need a look`}</h2>
          <ul>
            {problems.map(({ question, field }) => (
              <li><a href={`#${prefix}q-${question.key}`}>{question.label}: {view.errors[field.id]}</a></li>
            ))}
          </ul>
        </div>
      )}
      {asked.map(({ question, field }) => <Question view={view} question={question} field={field} />)}
      <div class="honeypot" aria-hidden="true">
        <label for={`${prefix}hp`}>Leave this empty</label>
        <input id={`${prefix}hp`} name={HONEYPOT_FIELD} value="" tabindex={-1} autocomplete="off" />
      </div>
      <input type="hidden" name={TOKEN_FIELD} value={view.token} />
      <button class="button primary wide" type={view.preview ? "button" : "submit"}>Send</button>
    </>
  );
  return (
    <div class="public-form card">
      <h1 id={`${prefix}form-title`}>{form.title}</h1>
      {form.intro && <p class="lead">{form.intro}</p>}
      {view.preview ? (
        <fieldset class="form-body" aria-labelledby={`${prefix}form-title`}>{inner}</fieldset>
      ) : (
        <form method="post" action={view.action} novalidate class="form-body" aria-labelledby="form-title">{inner}</form>
      )}
    </div>
  );
}

/** A message in place of the form: closed, sent, or not found. Once sent, with the
 *  summary of what was recorded (computed values; "not available" when one cannot be). */
export function PublicFormMessage(props: { title: string; message: string; summary?: SummaryValue[] }) {
  const summary = props.summary ?? [];
  return (
    <div class="public-form card">
      <h1>{props.title}</h1>
      <p class="lead" role="status">{props.message}</p>
      {summary.length > 0 && <FormSummaryList summary={summary} />}
    </div>
  );
}

/** The read-only summary lines: "Total  $30.00". */
export function FormSummaryList(props: { summary: SummaryValue[]; label?: string }) {
  return (
    <dl class="form-summary" aria-label={props.label ?? "Summary"}>
      {props.summary.map((line) => (
        <div class="form-summary-line">
          <dt>{line.label}</dt>
          <dd class={line.value === null ? "muted" : undefined}>{line.value === null ? "not available" : line.value === "" ? "—" : line.value}</dd>
        </div>
      ))}
    </dl>
  );
}

export function PublicFormPage(props: { title: string; children: Child }) {
  return (
    <Document title={props.title} scripts={["/form.js"]}>
      <main class="public-page">
        {props.children}
        <p class="powered muted">Made with <a href="/">Trove</a></p>
      </main>
    </Document>
  );
}
