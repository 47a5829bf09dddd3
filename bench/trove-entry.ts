// The bench's entry for Trove's worker (never deployed: wrangler.toml's main is
// src/worker/index.tsx, left as it is). It serves the product's worker unchanged, with a
// subclass of its Durable Object that adds bench-only RPCs and a handler that answers a few
// bench-only routes before handing every other request to the product:
//
// - POST /__bench/load?db=…&table=…&from=…&count=…&seed=… → benchLoad: fills a table with
//   seeded records through the engine's real action path (applyAction: the same parsing,
//   record store and change log as typing them in).
// - POST /__bench/form?db=…&table=…&slug=… → benchAddForm: an open public form with no daily
//   cap on a bench table, through the real `addForm` action (scenario 1).
// - GET /__bench/count?db=…&table=… → benchCount: a table's live record count.
// - POST /__bench/set-cell?db=…&table=…&record=…&text=… → benchSetCell: the Name cell of a
//   record set through applyAction (setCell: parse, record store, change log), as the owner.
// - POST /__bench/tables?db=…&tables=…&fields=… → benchTables: the schema grown to `tables`
//   tables of at least `fields` fields each, through applyAction (addTable, addField) as the
//   owner (scenario 5's "Create table" in a big schema).
// - POST /__bench/places?db=…&type=location|text → benchPlaces: a "Venues" table of 50 records
//   whose "Where" holds typed places, as a location field or as text (scenario 4).
// - POST /__bench/evict?db=… → benchEvict: the object resets itself (ctx.abort), so the next
//   request wakes a new instance in the same, warm isolate (scenario 4).
// - POST /__bench/derived?db=…&op=setup|rate|raw|edit|size&table=…&value=… → benchDerived
//   (scenario 12, ./bench-derived.ts).
// - GET /__bench/import-job?db=… → benchImportJob: the newest import job's table, state and
//   progress (scenario 7 waits for it to end).
// - GET /__bench/csv?from=…&count=…&seed=… → the seeded rows (bench-records.ts) as the CSV a
//   person would import: the same rows the baseline's seed-records INSERTs (scenario 7).
// - POST /__bench/view?db=…&table=…&op=…&i=… → benchView (scenario 3, ./view-bench.ts).
// - GET /__bench/snapshot?db=… (with the sign-in cookie) → benchSnapshotBytes: the stored
//   size of the snapshot of that sign-in's UI session (scenario 6).
// - GET /__bench/session-writes?db=… → benchSessionWrites: characters of UI session heads
//   and parts written so far, and the largest session's stored size (scenario 5).
// - POST /__bench/members?db=…&count=…&from=… → benchMembers: `count` editors added with
//   one sign-in each (no password: a hash nothing matches), their sign-in tokens returned;
//   many people each with a page open, without `count` PBKDF2 sign-ins (scenario 6).
// - POST /__bench/history?db=…&edits=…&history=0|1&kind=cell|form → benchHistory: edits or
//   form submissions through the action path, with or without history's indexes (scenario 10).
// - POST /__bench/history-storage?db=…&start=…&day=…&from=…&perDay=…&edits=… →
//   benchHistoryStorage: part of one simulated day of edits; its last part then compacts
//   with the clock at the day's end (scenario 10).

import type { Action } from "../src/schema/actions";
import type { Json } from "../src/schema/fields/field-type";
import { newForm } from "../src/schema/forms/form";
import { findTable } from "../src/schema/model";
import { readCookie } from "../src/tenant-do/cookies";
import { TenantDatabase as ProductDatabase } from "../src/tenant-do/index";
import { hashToken } from "../src/tenant-do/passwords";
import type { Tenant } from "../src/tenant-do/tenant";
import worker from "../src/worker/index";
import { derivedEdit, derivedRate, derivedRaw, derivedSetup } from "./bench-derived";
import { historyStorageDay } from "./bench-history-storage";
import { BENCH_FIELDS, benchRow, IMPORT_MIX, SECTIONS } from "./bench-records";
import { benchPicture, type PictureOp } from "./picture-bench";
import { benchView, type ViewOp } from "./view-bench";

export interface BenchLoadInput {
  table: string;
  /** Index of the first record to add (rows depend only on seed and index). */
  from: number;
  count: number;
  seed: number;
}

export type BenchFormResult = { ok: true; tableId: string; slug: string; keys: string[]; sections: string[] } | { ok: false; reason: string };

export type BenchLoadResult = { ok: true; tableId: string; total: number } | { ok: false; reason: string };

export { DatabaseDirectory } from "../src/directory-do/index";

const RECORD_AT = 1_750_000_000_000;

/** Places as people type them; most have several writings, so showing one found its display
 *  text by reading each back against the place data, before a value kept its text. */
const BENCH_PLACES = ["Paris, France", "London", "Toronto", "Sydney NSW", "Berlin Germany", "Cape Town, South Africa", "Tokyo", "Kilkenny", "Te Anau, New Zealand", "München", "Hull", "Albany, NY", "Mexico City", "Westport, Ireland", "Zürich, Switzerland", "Vancouver, BC", "São Paulo", "Tofino, BC", "Cambridge, MA 02139", "Madrid"];

export class TenantDatabase extends ProductDatabase {
  /** Adds `count` seeded records to the table named `table` (created with its fields if
   *  missing), as the owner, in one storage transaction. */
  async benchLoad(input: BenchLoadInput): Promise<BenchLoadResult> {
    // `tenant` is private to the product class; the bench reaches it on purpose.
    const tenant = (this as unknown as { tenant: Tenant }).tenant;
    const owner = tenant.accounts.members().find((m) => m.role === "owner");
    if (!owner) return { ok: false, reason: "no owner: sign up first" };
    const slug = input.table.toLowerCase().replace(/[^a-z0-9]+/g, "-");
    const tableId = `bench-${slug}`;
    const act = (action: Action) => {
      const result = tenant.applyAction(owner, action);
      if (!result.ok) throw new Error(`${action.kind}: ${result.reason}`);
    };
    try {
      this.ctx.storage.transactionSync(() => {
        if (!tenant.schema.tables.some((t) => t.id === tableId)) {
          act({ kind: "addTable", tableId, name: input.table, at: RECORD_AT });
          for (const [index, f] of BENCH_FIELDS.entries()) {
            const options: Json =
              f.type === "money" ? { currency: "USD" } : f.type === "choice" ? { choices: SECTIONS.map((label, i) => ({ id: `c${i}`, label, color: "blue" })) } : f.type === "date" ? { timeZone: "UTC" } : {};
            act({ kind: "addField", tableId, field: { id: f.id, name: f.name, type: f.type, options }, index });
          }
        }
        for (let i = input.from; i < input.from + input.count; i++) {
          const row = benchRow(input.seed, i);
          act({
            kind: "addRecord",
            tableId,
            recordId: `r${String(i).padStart(7, "0")}`,
            at: RECORD_AT + i,
            cells: { fname: row.name, famount: row.amount, fsection: row.section, fjoined: row.joined },
          });
        }
      });
    } catch (error) {
      return { ok: false, reason: String(error instanceof Error ? error.message : error) };
    }
    return { ok: true, tableId, total: tenant.records.count(tableId) };
  }

  /** Adds an open public form at /f/<db>/<slug> asking for every field of the bench table
   *  `table` (created empty if missing), with no daily cap, through the `addForm` action as
   *  the owner. Returns the questions' keys and the Section field's choices. */
  async benchAddForm(input: { table: string; slug: string }): Promise<BenchFormResult> {
    const loaded = await this.benchLoad({ table: input.table, from: 0, count: 0, seed: 0 });
    if (!loaded.ok) return loaded;
    const tenant = (this as unknown as { tenant: Tenant }).tenant;
    const owner = tenant.accounts.members().find((m) => m.role === "owner")!;
    const table = findTable(tenant.schema, loaded.tableId)!;
    const form = { ...newForm(`bench-form-${input.slug}`, table, `Bench: ${input.table}`, input.slug), open: true, dailyCap: 0 };
    const result = tenant.applyAction(owner, { kind: "addForm", tableId: table.id, form });
    if (!result.ok) return { ok: false, reason: result.reason };
    return { ok: true, tableId: table.id, slug: form.slug, keys: form.fields.map((f) => f.key), sections: SECTIONS };
  }

  /** Sets the Name cell of record `recordId` in the bench table named `table` through the
   *  real action path, as the owner. */
  async benchSetCell(input: { table: string; recordId: string; text: string }): Promise<{ ok: boolean; reason?: string }> {
    const tenant = (this as unknown as { tenant: Tenant }).tenant;
    const owner = tenant.accounts.members().find((m) => m.role === "owner");
    const table = tenant.schema.tables.find((t) => t.name === input.table && t.deletedAt === undefined);
    if (!owner || !table) return { ok: false, reason: "no owner or no such table" };
    const result = tenant.applyAction(owner, { kind: "setCell", tableId: table.id, recordId: input.recordId, fieldId: "fname", text: input.text });
    return result.ok ? { ok: true } : { ok: false, reason: result.reason };
  }

  /** Grows the schema to `tables` live tables of at least `fields` fields each, through the
   *  real action path (addTable, addField) as the owner, in one storage transaction; returns
   *  the live tables and the fewest fields any of them has. */
  async benchTables(input: { tables: number; fields: number }): Promise<{ ok: true; tables: number; fewestFields: number } | { ok: false; reason: string }> {
    const tenant = (this as unknown as { tenant: Tenant }).tenant;
    const owner = tenant.accounts.members().find((m) => m.role === "owner");
    if (!owner) return { ok: false, reason: "no owner: sign up first" };
    const stamp = Date.now().toString(36);
    const live = () => tenant.schema.tables.filter((t) => t.deletedAt === undefined);
    const act = (action: Action) => {
      const result = tenant.applyAction(owner, action);
      if (!result.ok) throw new Error(`${action.kind}: ${result.reason}`);
    };
    try {
      this.ctx.storage.transactionSync(() => {
        for (let t = live().length; t < input.tables; t++) act({ kind: "addTable", tableId: `bt${stamp}${t}`, name: `Bench table ${stamp} ${t}`, at: RECORD_AT });
        for (const table of live()) {
          for (let f = table.fields.length; f < input.fields; f++) act({ kind: "addField", tableId: table.id, field: { id: `bf${stamp}${f}`, name: `Bench field ${f}`, type: "text", options: {} }, index: f });
        }
      });
    } catch (error) {
      return { ok: false, reason: String(error instanceof Error ? error.message : error) };
    }
    return { ok: true, tables: live().length, fewestFields: Math.min(...live().map((t) => t.fields.length)) };
  }

  /** A "Venues" table of 50 records whose "Where" is typed places ("Paris, France",
   *  "Sydney NSW"…), read as a location field or kept as text, through the action path as
   *  the owner: a grid that shows stored places, and the same grid showing text. */
  async benchPlaces(input: { type: "location" | "text" }): Promise<{ ok: true; total: number } | { ok: false; reason: string }> {
    const tenant = (this as unknown as { tenant: Tenant }).tenant;
    const owner = tenant.accounts.members().find((m) => m.role === "owner");
    if (!owner) return { ok: false, reason: "no owner: sign up first" };
    const tableId = "bench-venues";
    const act = (action: Action) => {
      const result = tenant.applyAction(owner, action);
      if (!result.ok) throw new Error(`${action.kind}: ${result.reason}`);
    };
    try {
      this.ctx.storage.transactionSync(() => {
        if (tenant.schema.tables.some((t) => t.id === tableId)) return;
        act({ kind: "addTable", tableId, name: "Venues", at: RECORD_AT });
        act({ kind: "addField", tableId, field: { id: "fname", name: "Name", type: "text", options: {} }, index: 0 });
        act({ kind: "addField", tableId, field: { id: "fwhere", name: "Where", type: input.type, options: {} }, index: 1 });
        for (let i = 0; i < 50; i++) {
          act({ kind: "addRecord", tableId, recordId: `v${String(i).padStart(3, "0")}`, at: RECORD_AT + i, cells: { fname: `Venue ${i + 1}`, fwhere: BENCH_PLACES[i % BENCH_PLACES.length]! } });
        }
      });
    } catch (error) {
      return { ok: false, reason: String(error instanceof Error ? error.message : error) };
    }
    return { ok: true, total: tenant.records.count(tableId) };
  }

  /** Resets this object (as the platform does when it evicts one); the isolate stays. */
  async benchEvict(): Promise<void> {
    this.ctx.abort("bench: evicted");
  }

  /** One chart or map operation on the bench table named `table` (./picture-bench.tsx). */
  async benchPicture(input: { table: string; op: PictureOp }): Promise<{ bytes: number; records: number }> {
    const tenant = (this as unknown as { tenant: Tenant }).tenant;
    const owner = tenant.accounts.members().find((m) => m.role === "owner")!;
    return benchPicture(tenant, owner, `bench-${input.table.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`, input.op);
  }

  /** One view operation on the bench table named `table` (./view-bench.ts, scenario 3). */
  async benchView(input: { table: string; op: ViewOp; i: number }): Promise<{ records: number; groups: number; adjusted?: boolean }> {
    const tenant = (this as unknown as { tenant: Tenant }).tenant;
    const owner = tenant.accounts.members().find((m) => m.role === "owner")!;
    return benchView(tenant, owner, `bench-${input.table.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`, input.op, input.i);
  }

  /** Scenario 10, the cost of history: applies `edits` cell edits (or form submissions) in
   *  a bench table through the product's action path, each in its own transaction, and
   *  returns the storage it took per change. With `history: false` the database first drops
   *  history's indexes (the migration that adds them) and puts the undo index as it was, so the
   *  same edits write what they wrote before history (but for the record's `created_seq`,
   *  which the same INSERT writes on both sides: see ../src/tenant-do/migrations.ts). The caller
   *  times the call from outside (workerd's clock stands still inside it). */
  async benchHistory(input: { edits: number; history: boolean; kind: "cell" | "form" }): Promise<{ ok: true; bytesPerChange: number; logBytesPerChange: number } | { ok: false; reason: string }> {
    const tenant = (this as unknown as { tenant: Tenant }).tenant;
    const exists = tenant.records.get("bench-history", "r0000000") !== undefined;
    const loaded = await this.benchLoad({ table: "History", from: 0, count: exists ? 0 : 1, seed: 1 });
    if (!loaded.ok) return loaded;
    const owner = tenant.accounts.members().find((m) => m.role === "owner")!;
    const sql = this.ctx.storage.sql;
    if (!input.history) {
      for (const index of ["changes_by_table", "changes_by_record", "changes_deletions"]) sql.exec(`DROP INDEX IF EXISTS ${index}`);
      // Before issue 16 a form's submission was logged as not undone, so it had a row in the
      // undo index; now it is logged undone (no one's undo stack) and has none. The baseline
      // keeps the index as it was, so it writes what the change log wrote then.
      sql.exec("DROP INDEX IF EXISTS changes_undoable");
      sql.exec("CREATE INDEX IF NOT EXISTS changes_undoable_before ON changes(user_id, seq) WHERE undone = 0 OR user_id LIKE 'form:%'");
    }
    const sizeBefore = sql.databaseSize;
    const seqBefore = sql.exec<{ s: number | null }>("SELECT MAX(seq) AS s FROM changes").one().s ?? 0;
    const stamp = Date.now().toString(36);
    for (let i = 0; i < input.edits; i++) {
      const text = `Edit ${stamp} number ${i}`;
      const result =
        input.kind === "cell"
          ? tenant.applyAction(owner, { kind: "setCell", tableId: loaded.tableId, recordId: "r0000000", fieldId: "fname", text }, "grid")
          : tenant.applyLogged("form:bench", tenant.document(), { kind: "addRecord", tableId: loaded.tableId, recordId: `h${stamp}${i}`, at: RECORD_AT + i, cells: { fname: text, famount: "$12.50" } }, undefined, "form");
      if (!result.ok) return { ok: false, reason: result.reason };
    }
    const log = sql.exec<{ n: number | null }>("SELECT SUM(LENGTH(action) + LENGTH(inverse) + LENGTH(source) + LENGTH(COALESCE(table_id, '')) + LENGTH(COALESCE(record_id, '')) + LENGTH(kind) + 24) AS n FROM changes WHERE seq > ?", seqBefore).one().n ?? 0;
    return { ok: true, bytesPerChange: (sql.databaseSize - sizeBefore) / input.edits, logBytesPerChange: log / input.edits };
  }

  /** Scenario 10, storage after many edits (./bench-history-storage.ts): one simulated day of
   *  edits and compaction; day 0 first makes the table (200 records). */
  async benchHistoryStorage(input: { start: number; day: number; from: number; perDay: number; edits: number }): Promise<{ ok: true; bytes: number; logRows: number; indexRows: number; compacted: number } | { ok: false; reason: string }> {
    const tenant = (this as unknown as { tenant: Tenant }).tenant;
    const exists = tenant.records.get("bench-storage", "r0000000") !== undefined;
    const loaded = await this.benchLoad({ table: "Storage", from: 0, count: exists ? 0 : 200, seed: 3 });
    if (!loaded.ok) return loaded;
    try {
      return { ok: true, ...historyStorageDay(tenant, { ...input, tableId: loaded.tableId, databaseSize: () => this.ctx.storage.sql.databaseSize }) };
    } catch (error) {
      return { ok: false, reason: String(error instanceof Error ? error.message : error) };
    }
  }

  /** Scenario 12 (./bench-derived.ts): set up, change the constant, the raw UPDATE, an edit. */
  async benchDerived(input: { op: string; table: string; value: string }): Promise<{ ok: true; n: number; tableId?: string } | { ok: false; reason: string }> {
    const tenant = (this as unknown as { tenant: Tenant }).tenant;
    try {
      if (input.op === "setup") {
        const got = derivedSetup(tenant, input.table);
        return { ok: true, n: got.records, tableId: got.tableId };
      }
      if (input.op === "rate") return { ok: true, n: derivedRate(tenant, input.table, input.value) };
      if (input.op === "size") return { ok: true, n: this.ctx.storage.sql.databaseSize }; // also: a settle step
      if (input.op === "raw") return { ok: true, n: derivedRaw(this.ctx.storage, input.table, input.value) };
      if (input.op === "edit") {
        derivedEdit(tenant, input.table, input.value);
        return { ok: true, n: 1 };
      }
      return { ok: false, reason: "unknown op" };
    } catch (error) {
      return { ok: false, reason: String(error instanceof Error ? error.message : error) };
    }
  }

  /** The live record count of the table named `table` (-1 when there is none). */
  async benchCount(table: string): Promise<number> {
    const tenant = (this as unknown as { tenant: Tenant }).tenant;
    const found = tenant.schema.tables.find((t) => t.name === table && t.deletedAt === undefined);
    return found ? tenant.records.count(found.id) : -1;
  }

  /** The newest import job of the database: its table, state and progress (scenario 7 waits
   *  for it to end, as the progress bar does). */
  async benchImportJob(): Promise<{ tableId: string; state: string; done: number; total: number } | null> {
    const row = this.ctx.storage.sql.exec<{ table_id: string; state: string; done: number; total: number }>("SELECT table_id, state, done, total FROM import_jobs ORDER BY created_at DESC, rowid DESC LIMIT 1").toArray()[0];
    return row ? { tableId: row.table_id, state: row.state, done: row.done, total: row.total } : null;
  }

  /** Adds `count` editors (emails m<from+i>@members.example) with one sign-in each; returns
   *  their sign-in tokens, as the sign-in cookie carries them. */
  async benchMembers(input: { count: number; from: number }): Promise<{ ok: true; tokens: string[] } | { ok: false; reason: string }> {
    const tenant = (this as unknown as { tenant: Tenant }).tenant;
    if (!tenant.initialised) return { ok: false, reason: "no database here" };
    const tokens: string[] = [];
    for (let i = input.from; i < input.from + input.count; i++) {
      const member = { id: `bm${i.toString(36).padStart(6, "0")}`, email: `m${i}@members.example`, name: `Member ${i}`, role: "editor" as const, createdAt: Date.now() };
      tenant.accounts.insertUser(member, "bench:none");
      tokens.push(await tenant.accounts.startLogin(member.id, "bench"));
    }
    return { ok: true, tokens };
  }

  /** Characters the session store has written (heads and parts of UI sessions) since the
   *  object started, and the stored size of the largest session now (scenario 5). */
  async benchSessionWrites(): Promise<{ written: number; largest: number }> {
    const tenant = (this as unknown as { tenant: Tenant }).tenant;
    const largest = this.ctx.storage.sql
      .exec<{ n: number | null }>("SELECT MAX(LENGTH(snapshot) + (SELECT COALESCE(SUM(LENGTH(part) + LENGTH(body)), 0) FROM ui_session_parts WHERE session_id = s.id)) AS n FROM ui_sessions AS s")
      .one().n;
    return { written: tenant.sessionStore.written, largest: largest ?? 0 };
  }

  /** The stored size in bytes of the snapshot of the UI session of the sign-in whose token
   *  the cookie header carries (the latest, as the product finds it; -1 when there is none),
   *  and how many UI states (render keys) it keeps. */
  async benchSnapshotBytes(cookie: string | null): Promise<{ bytes: number; states: number }> {
    const token = readCookie(cookie);
    if (!token) return { bytes: -1, states: 0 };
    const rows = this.ctx.storage.sql
      .exec<{ n: number; states: number }>(
        // The head and its parts (each UI state and callback a row, src/tenant-do/session-store.ts).
        `SELECT LENGTH(CAST(snapshot AS BLOB)) + (SELECT COALESCE(SUM(LENGTH(CAST(part AS BLOB)) + LENGTH(CAST(body AS BLOB))), 0) FROM ui_session_parts WHERE session_id = s.id) AS n,
           (SELECT COUNT(*) FROM ui_session_parts WHERE session_id = s.id AND part LIKE 's:%') AS states
         FROM ui_sessions AS s WHERE login_hash = ? ORDER BY updated_at DESC LIMIT 1`,
        await hashToken(token),
      )
      .toArray();
    return rows[0] ? { bytes: rows[0].n, states: rows[0].states } : { bytes: -1, states: 0 };
  }
}

export default {
  async fetch(request: Request, env: Env, ctx: ExecutionContext): Promise<Response> {
    // The product's requests go straight on (the bench's own routes cost them nothing).
    if (!request.url.includes("/__bench/")) return worker.fetch(request, env, ctx);
    const url = new URL(request.url);
    const q = url.searchParams;
    const stub = () => env.TENANT.getByName(q.get("db") ?? "") as unknown as DurableObjectStub<TenantDatabase>;
    if (url.pathname === "/__bench/load" && request.method === "POST") {
      const result = await stub().benchLoad({ table: q.get("table") ?? "Bench", from: Number(q.get("from")), count: Number(q.get("count")), seed: Number(q.get("seed")) });
      return Response.json(result, { status: result.ok ? 200 : 400 });
    }
    if (url.pathname === "/__bench/form" && request.method === "POST") {
      const result = await stub().benchAddForm({ table: q.get("table") ?? "Bench", slug: q.get("slug") ?? "bench" });
      return Response.json(result, { status: result.ok ? 200 : 400 });
    }
    if (url.pathname === "/__bench/set-cell" && request.method === "POST") {
      const result = await stub().benchSetCell({ table: q.get("table") ?? "", recordId: q.get("record") ?? "", text: q.get("text") ?? "" });
      return Response.json(result, { status: result.ok ? 200 : 400 });
    }
    if (url.pathname === "/__bench/tables" && request.method === "POST") {
      const result = await stub().benchTables({ tables: Number(q.get("tables")), fields: Number(q.get("fields")) });
      return Response.json(result, { status: result.ok ? 200 : 400 });
    }
    if (url.pathname === "/__bench/places" && request.method === "POST") {
      const result = await stub().benchPlaces({ type: q.get("type") === "text" ? "text" : "location" });
      return Response.json(result, { status: result.ok ? 200 : 400 });
    }
    if (url.pathname === "/__bench/evict" && request.method === "POST") {
      // The object's reset rejects the call that asked for it.
      await stub().benchEvict().catch(() => undefined);
      return new Response(null, { status: 204 });
    }
    if (url.pathname === "/__bench/ping") return new Response(null, { status: 204 });
    if (url.pathname === "/__bench/history" && request.method === "POST") {
      const kind = q.get("kind") === "form" ? "form" : "cell";
      const result = await stub().benchHistory({ edits: Number(q.get("edits")), history: q.get("history") !== "0", kind });
      return Response.json(result, { status: result.ok ? 200 : 400 });
    }
    if (url.pathname === "/__bench/history-storage" && request.method === "POST") {
      const result = await stub().benchHistoryStorage({ start: Number(q.get("start")), day: Number(q.get("day")), from: Number(q.get("from") ?? 0), perDay: Number(q.get("perDay") ?? q.get("edits")), edits: Number(q.get("edits")) });
      return Response.json(result, { status: result.ok ? 200 : 400 });
    }
    if (url.pathname === "/__bench/derived" && request.method === "POST") {
      const result = await stub().benchDerived({ op: q.get("op") ?? "", table: q.get("table") ?? "", value: q.get("value") ?? "" });
      return Response.json(result, { status: result.ok ? 200 : 400 });
    }
    if (url.pathname === "/__bench/count" && request.method === "GET") {
      return Response.json({ total: await stub().benchCount(q.get("table") ?? "") });
    }
    if (url.pathname === "/__bench/import-job" && request.method === "GET") {
      return Response.json(await stub().benchImportJob());
    }
    if (url.pathname === "/__bench/csv" && request.method === "GET") {
      const from = Number(q.get("from") ?? "0");
      const lines = ["Name,Amount,Section,Joined"];
      for (let i = from; i < from + Number(q.get("count")); i++) {
        const row = benchRow(Number(q.get("seed")), i, q.get("mix") === "import" ? IMPORT_MIX : undefined);
        lines.push([row.name, row.amount, row.section, row.joined].map((t) => (/[",]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t)).join(","));
      }
      return new Response(`${lines.join("\r\n")}\r\n`, { headers: { "content-type": "text/csv; charset=utf-8" } });
    }
    if (url.pathname === "/__bench/picture" && request.method === "GET") {
      return Response.json(await stub().benchPicture({ table: q.get("table") ?? "", op: (q.get("op") ?? "query") as PictureOp }));
    }
    if (url.pathname === "/__bench/view" && request.method === "POST") {
      return Response.json(await stub().benchView({ table: q.get("table") ?? "", op: (q.get("op") ?? "group") as ViewOp, i: Number(q.get("i") ?? "0") }));
    }
    if (url.pathname === "/__bench/members" && request.method === "POST") {
      const result = await stub().benchMembers({ count: Number(q.get("count")), from: Number(q.get("from") ?? 0) });
      return Response.json(result, { status: result.ok ? 200 : 400 });
    }
    if (url.pathname === "/__bench/session-writes" && request.method === "GET") {
      return Response.json(await stub().benchSessionWrites());
    }
    if (url.pathname === "/__bench/snapshot" && request.method === "GET") {
      return Response.json(await stub().benchSnapshotBytes(request.headers.get("cookie")));
    }
    return worker.fetch(request, env, ctx);
  },
};
