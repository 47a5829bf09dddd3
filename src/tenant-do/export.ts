// Export of a table's records, or of one of its views (its filters, search, sort and
// visible fields), as CSV, TSV or JSON, streamed from the object: a ReadableStream that
// writes a page of records (PAGE) each time the reader wants more, so 100,000 records start
// downloading at once and never sit in memory together. A table's pages follow creation
// order by `seq` (keyset); a view's order is read once (seqs only), then its pages by seq.
// Anyone who may read the table may export it; a personal view only its owner.

import * as v from "valibot";
import { TroveError } from "../schema/errors";
import { attachment, type ExportQuery, ExportQuerySchema, type ExportWriter, exportWriter } from "../schema/export/format";
import { orderQuery, pageQuery, pageTextsQuery, tableTextsQuery } from "../schema/export/view-sql";
import type { Member } from "../schema/members";
import { findTable, liveFields, type Table } from "../schema/model";
import type { StoredRecord } from "../schema/records";
import { can } from "../schema/roles";
import { resolveView } from "../schema/views/query";
import { checkView, parseView, type ViewDefinition, viewsFor, visibleFields } from "../schema/views/view";
import { isOperatorName } from "../schema/views/operators";
import type { SqlValue } from "./sql";
import type { Tenant } from "./tenant";

/** What this part uses of the engine (./tenant.ts): its port. */
export type ExportPort = Pick<Tenant, "document" | "name" | "records" | "schema" | "storage">;

/** Records a pull writes. Small pages keep the download flowing: 250 records (about 10 KB of
 *  CSV) a pull exported 100,000 records about twice as fast as 1,000 a pull on the bench
 *  machine (scenario 7), and the first bytes leave sooner. */
const PAGE = 250;
/** The longest view definition an export address may carry (an unsaved view). */
const MAX_DEFINITION = 8_000;

type Cells = StoredRecord["cells"];

export function exportTable(tenant: ExportPort, member: Member, tableId: string, url: URL): Response {
  if (!can(member.role, "read")) throw new TroveError("forbidden", "Your role does not allow reading this table.");
  const table = findTable(tenant.schema, tableId);
  if (!table || table.deletedAt !== undefined) throw new TroveError("not_found", "This table does not exist, or it was deleted.", { link: { href: `/t/${tenant.name}/tables`, label: "Go to the tables" } });
  const query = v.safeParse(ExportQuerySchema, { format: url.searchParams.get("format") ?? undefined, values: url.searchParams.get("values") ?? undefined });
  if (!query.success) throw new TroveError("bad_request", "Export as csv, tsv or json, with text or understood values.");
  const view = viewToExport(tenant, member, table, url);
  if (view) return exportView(tenant, member, table, view, query.output);
  const fields = liveFields(table);
  const writer = exportWriter(fields, query.output);
  let after = 0;
  const { textRow } = writer;
  if (textRow) {
    // The kept texts only: SQLite reads them out of each record's JSON (seq comes last).
    const ids = fields.map((f) => f.id);
    return streamed(writer, table.name, (first) => {
      const q = tableTextsQuery(table.id, ids, after, PAGE);
      let text = "";
      let n = 0;
      for (const row of tenant.storage.sql.exec(q.sql, ...q.params).raw()) {
        text += textRow(row, first && n === 0);
        after = row[ids.length] as number;
        n++;
      }
      return { text, rows: n, last: n < PAGE };
    });
  }
  return streamed(writer, table.name, (first) => {
    // Each record's stored JSON parsed as it is: a cell's sort key rides along unread.
    const page = tenant.records.cellsAfter(table.id, after, PAGE);
    if (page.length > 0) after = page[page.length - 1]!.seq;
    return { ...rows(writer, page.map((p) => JSON.parse(p.cells) as Cells), first), last: page.length < PAGE };
  });
}

/** The view named by `view=<id>` (one the member sees), or an unsaved one in `definition=`. */
function viewToExport(tenant: ExportPort, member: Member, table: Table, url: URL): ViewDefinition | undefined {
  const viewId = url.searchParams.get("view");
  const definition = url.searchParams.get("definition");
  if (viewId !== null) {
    const view = viewsFor(tenant.schema, table.id, member.id).find((candidate) => candidate.id === viewId);
    if (!view) throw new TroveError("not_found", "This view does not exist, or it is someone else's.", { link: { href: `/t/${tenant.name}/tables/${table.id}`, label: "Go to the table" } });
    return view;
  }
  if (definition === null) return undefined;
  const refused = () => new TroveError("bad_request", "This export's view is not one Trove can read: export it again from the view.");
  if (definition.length > MAX_DEFINITION) throw refused();
  let json: unknown;
  try {
    json = JSON.parse(definition);
  } catch {
    throw refused();
  }
  const parsed = parseView(json);
  if (!parsed.ok || parsed.view.tableId !== table.id || checkView(parsed.view, tenant.schema, isOperatorName) !== null) throw refused();
  return parsed.view;
}

function exportView(tenant: ExportPort, member: Member, table: Table, view: ViewDefinition, query: ExportQuery): Response {
  const visible = visibleFields(table, view);
  const fields = visible.length > 0 ? visible : liveFields(table);
  const writer = exportWriter(fields, query);
  const ids = fields.map((f) => f.id);
  const resolved = resolveView({ ...view, group: null, summaries: [] }, table, tenant.document(member).context);
  const { sql } = tenant.storage;
  let order: number[] | undefined;
  let at = 0;
  return streamed(writer, `${table.name} - ${view.name}`, (first) => {
    if (!order) {
      const q = orderQuery(resolved);
      order = sql.exec<{ seq: number }>(q.sql, ...q.params).toArray().map((row) => row.seq);
    }
    const seqs = order.slice(at, at + PAGE);
    at += seqs.length;
    const last = at >= order.length;
    const { textRow } = writer;
    if (textRow) {
      const q = pageTextsQuery(table.id, ids, seqs);
      const bySeq = new Map<number, SqlValue[]>();
      for (const row of sql.exec(q.sql, ...q.params).raw()) bySeq.set(row[ids.length] as number, row);
      let text = "";
      let n = 0;
      for (const seq of seqs) {
        const row = bySeq.get(seq);
        if (row === undefined) continue;
        text += textRow(row, first && n === 0);
        n++;
      }
      return { text, rows: n, last };
    }
    const p = pageQuery(table.id, seqs);
    const bySeq = new Map<number, string>();
    for (const row of sql.exec<{ seq: number; cells: string }>(p.sql, ...p.params)) bySeq.set(row.seq, row.cells);
    const cells: Cells[] = [];
    for (const seq of seqs) {
      const json = bySeq.get(seq);
      if (json !== undefined) cells.push(JSON.parse(json) as Cells);
    }
    return { ...rows(writer, cells, first), last };
  });
}

/** The lines of a page of records parsed whole (understood values need them). */
function rows(writer: ExportWriter, cells: Cells[], first: boolean): { text: string; rows: number } {
  let text = "";
  for (let i = 0; i < cells.length; i++) text += writer.row(cells[i]!, first && i === 0);
  return { text, rows: cells.length };
}

/** A download of `writer`'s lines, a page of records per pull; `page` gets whether its
 *  first line would be the file's first record. */
function streamed(writer: ExportWriter, name: string, page: (first: boolean) => { text: string; rows: number; last: boolean }): Response {
  const encoder = new TextEncoder();
  let first = true;
  let started = false;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      let text = started ? "" : writer.head();
      started = true;
      const lines = page(first);
      if (lines.rows > 0) first = false;
      text += lines.text;
      if (lines.last) text += writer.tail();
      if (text) controller.enqueue(encoder.encode(text));
      if (lines.last) controller.close();
    },
  });
  return new Response(body, {
    headers: { "content-type": writer.contentType, "content-disposition": attachment(name, writer.extension), "cache-control": "no-store" },
  });
}
