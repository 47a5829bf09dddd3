// Public forms in the tenant object: render a form, take a submission. The worker has done
// the cheap checks (names, method, content type, size, honeypot); this decides everything
// that needs the database: the request is well formed (PublicFormRequestSchema), the form
// exists and is open, the address is within its rate limit, the form within its daily cap,
// the token is new (or, without a token, the same answers did not just come from the same
// address: form-repeats.ts), the answers pass the validator. Only POST submits.
// A submission becomes a record through the same `addRecord` action as any edit, logged as
// `form:<id>`, in one transaction with its token and counters; then open grids update.

import type { Child } from "hono/jsx";
import { TroveError } from "../schema/errors";
import { findFormBySlug, type FormDefinition, HONEYPOT_FIELD, TOKEN_FIELD } from "../schema/forms/form";
import { answersByName, type PublicFormAnswer, type PublicFormRequest, parsePublicFormRequest, RATE_LIMIT_PER_MINUTE } from "../schema/forms/public";
import { type RecordChoices, recordChoicesFor } from "../schema/forms/record-choices";
import { checkSubmission, prefillValues } from "../schema/forms/submission";
import { formSummary, type SummaryValue } from "../schema/forms/summary";
import { findTable, type Table } from "../schema/model";
import { columnContext } from "../schema/place-hints";
import { randomId } from "../ui/engine/ids";
import { renderToString } from "../ui/pages/document";
import { errorAnswer } from "../ui/pages/error-page";
import { PublicFormBody, PublicFormMessage, PublicFormPage } from "../ui/pages/public-form";
import { first, run, type Storage } from "./sql";
import { DAY } from "./time";
import { FormRepeats, REPEAT_WINDOW_MS, repeatKey } from "./form-repeats";
import { MinuteLimiter } from "./rate-limit";
import type { Tenant } from "./tenant";

/** What this part uses of the engine (./tenant.ts): its port. */
export type PublicFormsPort = Pick<
  Tenant,
  "applyLogged" | "decimalMark" | "document" | "getMeta" | "initialised" | "name" | "records" | "scheduleCleanup" |
  "schema" | "storage"
>;

const TOKEN = /^[A-Za-z0-9_-]{8,64}$/;
/** How long a submission token is remembered (a retry later than this makes a new record). */
const TOKEN_DAYS = 7;

const NO_STORE = { "cache-control": "no-store" };
/** The meta key of the salt in tokenless submissions' keys (migration 8 writes it). */
const REPEAT_SALT = "form_repeat_salt";

async function page(title: string, node: Child, status = 200, headers: Record<string, string> = {}, form?: FormDefinition): Promise<PublicFormAnswer> {
  const body = await renderToString(<PublicFormPage title={title}>{node}</PublicFormPage>);
  return { status, headers: { "content-type": "text/html; charset=utf-8", ...NO_STORE, ...headers }, body, ...(form ? { frameAncestors: frameAncestors(form) } : {}) };
}

/** Sites that may show a form in a frame: any, when its builder says so (and for forms made
 *  before that setting), else the origins it allows. The worker turns this into the CSP. */
function frameAncestors(form: FormDefinition): string[] {
  return form.embedAnywhere === false ? form.allowedOrigins : ["*"];
}

/** A form's public address. */
export function formUrl(origin: string, database: string, form: FormDefinition): string {
  return `${origin}/f/${database}/${form.slug}`;
}

export class PublicForms {
  /** Submissions per address per form, per minute: in memory, so addresses are never stored. */
  private readonly perAddress = new MinuteLimiter(RATE_LIMIT_PER_MINUTE);
  private readonly repeats: FormRepeats;
  /** Each form's daily count as stored, read once per wake: a submission then reads no
   *  counter row, only writes it with its record (and this copy after the commit). */
  private readonly counts = new Map<string, { n: number; period: number }>();

  constructor(
    private readonly tenant: PublicFormsPort,
    private readonly now: () => number,
    /** Called after a record was added: re-renders open sessions (coalesced). */
    private readonly changed: (topics: string[]) => void,
  ) {
    this.repeats = new FormRepeats(tenant.storage);
  }

  /** Answers one request from the worker; anything not a PublicFormRequest is a 400. That is
   *  an answer (by the one error mapper), not a thrown error: an RPC that throws is logged by
   *  the runtime as uncaught. */
  async handle(untrusted: unknown): Promise<PublicFormAnswer> {
    const parsed = parsePublicFormRequest(untrusted);
    if (!parsed.ok) return errorAnswer(new TroveError("bad_request", `Malformed form request: ${parsed.reason}`), false);
    const request = parsed.request;
    const form = this.tenant.initialised ? findFormBySlug(this.tenant.schema, request.slug) : undefined;
    const table = form && findTable(this.tenant.schema, form.tableId);
    if (!form || !table || table.deletedAt !== undefined) return this.refuse(request, undefined, 404, "not_found", "There is no form at this address.");
    const cors = this.cors(form, request.requestOrigin);
    if (request.method === "OPTIONS") {
      return { status: 204, headers: { ...cors, ...(cors["access-control-allow-origin"] ? { "access-control-allow-methods": "POST", "access-control-allow-headers": "content-type", "access-control-max-age": "86400" } : {}) }, body: "" };
    }
    if (request.method === "POST") return this.submit(request, form, table, cors);
    return this.show(request, form, table); // GET and HEAD (the worker sends no body)
  }

  /** Link questions asked as a choice: the linked records' ids and names only, in name order. */
  private recordChoices(form: FormDefinition, table: Table): RecordChoices {
    return recordChoicesFor(form, table, (id) => findTable(this.tenant.schema, id), (tableId, fieldId, limit) =>
      this.tenant.records
        .query(tableId, { sort: { fieldId, descending: false }, offset: 0, limit })
        .records.map((record): [string, string] => [record.id, record.cells[fieldId]?.text ?? ""]),
    );
  }

  private action(request: PublicFormRequest, form: FormDefinition): string {
    return formUrl(request.origin, this.tenant.name ?? "", form);
  }

  private async show(request: PublicFormRequest, form: FormDefinition, table: Table): Promise<PublicFormAnswer> {
    const query = new URLSearchParams(request.search);
    if (!form.open) return page(form.title, <PublicFormMessage title={form.title} message={form.closedMessage} />, 200, {}, form);
    if (query.get("sent") === "1") {
      // The receipt: with the submission's token (only its sender has it), the summary of
      // the record it added, as computed now.
      const token = query.get("t") ?? "";
      const recordId = TOKEN.test(token) ? this.tokenRecord(token, form.id) : undefined;
      const summary = recordId ? this.summary(form, table, recordId) : [];
      return page(form.title, <PublicFormMessage title={form.title} message={form.successMessage} summary={summary} />, 200, {}, form);
    }
    const view = { form, table, action: this.action(request, form), values: prefillValues(form, query), errors: {}, token: randomId(16), records: this.recordChoices(form, table) };
    return page(form.title, <PublicFormBody view={view} />, 200, {}, form);
  }

  private async submit(request: PublicFormRequest, form: FormDefinition, table: Table, cors: Record<string, string>): Promise<PublicFormAnswer> {
    const fields = answersByName(request.answers ?? []);
    const token = fields.get(TOKEN_FIELD) ?? "";
    // Hashed before any check: no await may come between the checks and the write.
    const repeat = token === "" ? await this.repeatKey(form, request.address, fields) : undefined;
    const now = this.now();
    if (!form.open) return this.refuse(request, cors, 403, "closed", form.closedMessage, form);
    const address = `${form.id}|${request.address}`;
    const retry = this.perAddress.retryAfter(address, now);
    if (retry > 0) {
      return this.refuse(request, cors, 429, "rate_limited", "Too many submissions from your address. Please wait a minute and try again.", form, { "retry-after": String(retry) });
    }
    if (token !== "" && !TOKEN.test(token)) return this.refuse(request, cors, 400, "bad_request", "The submission token is malformed.", form);
    const usedBy = token === "" ? undefined : this.tokenForm(token);
    if (usedBy === form.id) return this.success(request, form, table, cors, token, this.tokenRecord(token, form.id)); // a retry: already recorded
    if (usedBy !== undefined) return this.refuse(request, cors, 409, "token_used", "This submission token was already used for another form. Reload the form and send it again.", form);
    const doc = this.tenant.document();
    // Each answer is read once, with the context adding the record reads it with (doc.read).
    const result = checkSubmission(form, table, fields, doc.context, (field) => columnContext(doc, table.id, field));
    if (!result.ok) {
      this.perAddress.hit(address, now);
      if (result.unknownFields.length > 0) {
        return this.refuse(request, cors, 400, "unknown_fields", `This form has no question called ${result.unknownFields.map((f) => `“${f}”`).join(", ")}.`, form);
      }
      if (request.json) return json(422, { ok: false, error: "invalid", errors: this.errorsByKey(form, result.errors) }, cors);
      const view = { form, table, action: this.action(request, form), values: fields, errors: result.errors, token: token || randomId(16), records: this.recordChoices(form, table) };
      return page(`Please check your answers · ${form.title}`, <PublicFormBody view={view} />, 422, {}, form);
    }
    if (repeat !== undefined && this.repeats.seen(repeat, now)) return this.success(request, form, table, cors, token); // a resubmit: already recorded
    const day = this.counter(form.id, "day", Math.floor(now / DAY));
    if (form.dailyCap > 0 && day.n >= form.dailyCap) {
      const retry = Math.ceil(((day.period + 1) * DAY - now) / 1000);
      return this.refuse(request, cors, 429, "daily_cap", "This form has taken all the answers it takes today. Please try again tomorrow.", form, { "retry-after": String(retry) });
    }
    const recordId = randomId(8);
    const { storage } = this.tenant;
    doc.read = result.read;
    const applied = this.tenant.applyLogged(`form:${form.id}`, doc, { kind: "addRecord", tableId: table.id, recordId, at: now, cells: result.cells }, () => {
      if (token !== "") storage.sql.exec("INSERT INTO form_submissions (token, form_id, record_id, at) VALUES (?, ?, ?, ?)", token, form.id, recordId, now);
      if (repeat !== undefined) {
        this.repeats.remember(repeat, form.id, now);
        this.tenant.scheduleCleanup(now + REPEAT_WINDOW_MS);
      }
      this.bump(form.id, "day", day, now + DAY);
      storage.sql.exec("INSERT INTO form_unseen (table_id, n) VALUES (?, 1) ON CONFLICT(table_id) DO UPDATE SET n = n + 1", table.id);
    }, "form");
    if (!applied.ok) return this.refuse(request, cors, 409, "refused", applied.reason, form);
    this.counts.set(`${form.id}|day`, { n: day.n + 1, period: day.period });
    this.perAddress.hit(address, now);
    this.changed([...applied.topics, "unseen"]);
    return this.success(request, form, table, cors, token, recordId);
  }

  /** The key a tokenless submission is remembered under, salted with this database's
   *  secret (written by migration 8). */
  private repeatKey(form: FormDefinition, address: string, answers: ReadonlyMap<string, string>): Promise<string> {
    return repeatKey(this.tenant.getMeta(REPEAT_SALT) ?? "", form.id, address, answers, [TOKEN_FIELD, HONEYPOT_FIELD]);
  }

  /** The form a submission token already made a record of, if any (tokens are unique
   *  across forms). */
  private tokenForm(token: string): string | undefined {
    return first(this.tenant.storage.sql.exec<{ form_id: string }>("SELECT form_id FROM form_submissions WHERE token = ?", token))?.form_id;
  }

  /** The record a submission token added to this form, if it is still remembered. */
  private tokenRecord(token: string, formId: string): string | undefined {
    return first(this.tenant.storage.sql.exec<{ record_id: string }>("SELECT record_id FROM form_submissions WHERE token = ? AND form_id = ?", token, formId))?.record_id;
  }

  /** The form's summary lines with the values computed for a record (none once it is deleted). */
  private summary(form: FormDefinition, table: Table, recordId: string): SummaryValue[] {
    if ((form.summary ?? []).length === 0) return [];
    const record = this.tenant.records.get(table.id, recordId);
    return record && record.deletedAt === undefined ? formSummary(form, table, record.cells, this.tenant.decimalMark) : [];
  }

  /** A counter's count in its current period (0 when the stored one is from an earlier one). */
  private counter(formId: string, bucket: string, period: number): { n: number; period: number } {
    const key = `${formId}|${bucket}`;
    let row = this.counts.get(key);
    if (!row) {
      row = first(this.tenant.storage.sql.exec<{ n: number; period: number }>("SELECT n, period FROM form_counters WHERE form_id = ? AND bucket = ?", formId, bucket)) ?? { n: 0, period };
      this.counts.set(key, { n: row.n, period: row.period });
    }
    return { n: row.period === period ? row.n : 0, period };
  }

  private bump(formId: string, bucket: string, at: { n: number; period: number }, expiresAt: number): void {
    this.tenant.storage.sql.exec(
      "INSERT INTO form_counters (form_id, bucket, period, n, expires_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT(form_id, bucket) DO UPDATE SET period = excluded.period, n = excluded.n, expires_at = excluded.expires_at",
      formId, bucket, at.period, at.n + 1, expiresAt,
    );
    this.tenant.scheduleCleanup(expiresAt);
  }

  private errorsByKey(form: FormDefinition, errors: { [fieldId: string]: string }): { [key: string]: string } {
    return Object.fromEntries(form.fields.filter((q) => errors[q.fieldId]).map((q) => [q.key, errors[q.fieldId]!]));
  }

  /** The answer to a submission taken (or already taken: `recordId` then only when known).
   *  A form with summary lines answers with them: in JSON; on a page by its token (so a
   *  reload shows the receipt again), or, for a tokenless post, at once. */
  private async success(request: PublicFormRequest, form: FormDefinition, table: Table, cors: Record<string, string>, token: string, recordId?: string): Promise<PublicFormAnswer> {
    const lines = (form.summary ?? []).length > 0;
    if (request.json) {
      const summary = lines ? { summary: recordId ? this.summary(form, table, recordId) : [] } : {};
      return json(200, { ok: true, message: form.successMessage, ...summary, ...(form.redirectUrl ? { redirect: form.redirectUrl } : {}) }, cors);
    }
    if (!form.redirectUrl && lines && token === "" && recordId) {
      const summary = this.summary(form, table, recordId);
      return page(form.title, <PublicFormMessage title={form.title} message={form.successMessage} summary={summary} />, 200, {}, form);
    }
    const receipt = lines && token !== "" ? `&t=${encodeURIComponent(token)}` : "";
    const location = form.redirectUrl || `${this.action(request, form)}?sent=1${receipt}`;
    return { status: 303, headers: { location, ...NO_STORE }, body: "" };
  }

  private async refuse(request: PublicFormRequest, cors: Record<string, string> | undefined, status: number, error: string, message: string, form?: FormDefinition, headers: Record<string, string> = {}): Promise<PublicFormAnswer> {
    if (request.json) return json(status, { ok: false, error, message }, { ...(cors ?? {}), ...headers });
    const title = form?.title ?? "Form not found";
    return page(title, <PublicFormMessage title={title} message={message} />, status, headers, form);
  }

  /** CORS headers for a JSON answer: only for an origin the form's builder allowed. */
  private cors(form: FormDefinition, origin: string | null): Record<string, string> {
    if (!origin || !form.allowedOrigins.includes(origin)) return { vary: "Origin" };
    return { "access-control-allow-origin": origin, vary: "Origin" };
  }

  /** Records forms added per table since someone last opened it, for every table. */
  unseenCounts(): Map<string, number> {
    const rows = this.tenant.storage.sql.exec<{ table_id: string; n: number }>("SELECT table_id, n FROM form_unseen");
    return new Map([...rows].map((row) => [row.table_id, row.n]));
  }

  /** Forgets a table's "new from forms" count; true when there was one. */
  markSeen(tableId: string): boolean {
    return forgetUnseen(this.tenant.storage, tableId);
  }

  /** The alarm: forgets expired counters and old submission tokens; returns when the next
   *  counter expires (undefined: none left). */
  expire(): number | undefined {
    const now = this.now();
    this.tenant.storage.sql.exec("DELETE FROM form_counters WHERE expires_at < ?", now);
    this.tenant.storage.sql.exec("DELETE FROM form_submissions WHERE at < ?", now - TOKEN_DAYS * DAY);
    this.repeats.expire(now);
    return first(this.tenant.storage.sql.exec<{ at: number | null }>("SELECT MIN(expires_at) AS at FROM form_counters"))?.at ?? undefined;
  }
}

/** Forgets a table's "new from forms" count (seen, or the table erased); true when there was one. */
export function forgetUnseen(storage: Storage, tableId: string): boolean {
  return run(storage, "DELETE FROM form_unseen WHERE table_id = ?", tableId) > 0;
}

function json(status: number, body: unknown, headers: Record<string, string>): PublicFormAnswer {
  return { status, headers: { "content-type": "application/json; charset=utf-8", ...NO_STORE, ...headers }, body: JSON.stringify(body) };
}
