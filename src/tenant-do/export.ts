// Export of a table's records (CSV, TSV or JSON), streamed from the object: a ReadableStream
// that reads a page of records each time the reader wants more, so 100,000 records start
// downloading at once and never sit in memory together. Pages follow the records' creation
// order by `seq` (keyset, not OFFSET), so an edit or deletion during the download can never
// make a record be skipped or written twice. Anyone who may read the table may export it.

import * as v from "valibot";
import { TroveError } from "../schema/errors";
import { attachment, ExportQuerySchema, exportWriter } from "../schema/export/format";
import type { Member } from "../schema/members";
import { findTable, liveFields } from "../schema/model";
import { can } from "../schema/roles";
import type { Tenant } from "./tenant";

const PAGE = 500;

export function exportTable(tenant: Tenant, member: Member, tableId: string, url: URL): Response {
  if (!can(member.role, "read")) throw new TroveError("forbidden", "Your role does not allow reading this table.");
  const table = findTable(tenant.schema, tableId);
  if (!table || table.deletedAt !== undefined) throw new TroveError("not_found", "This table does not exist, or it was deleted.", { link: { href: `/t/${tenant.name}/tables`, label: "Go to the tables" } });
  const query = v.safeParse(ExportQuerySchema, { format: url.searchParams.get("format") ?? undefined, values: url.searchParams.get("values") ?? undefined });
  if (!query.success) throw new TroveError("bad_request", "Export as csv, tsv or json, with text or understood values.");
  const writer = exportWriter(liveFields(table), query.output);
  const encoder = new TextEncoder();
  let after = 0;
  let first = true;
  let started = false;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      let text = started ? "" : writer.head();
      started = true;
      const page = tenant.records.pageAfter(table.id, after, PAGE);
      for (const { seq, record } of page) {
        text += writer.row(record.cells, first);
        first = false;
        after = seq;
      }
      if (page.length < PAGE) text += writer.tail();
      if (text) controller.enqueue(encoder.encode(text));
      if (page.length < PAGE) controller.close();
    },
  });
  return new Response(body, {
    headers: { "content-type": writer.contentType, "content-disposition": attachment(table.name, writer.extension), "cache-control": "no-store" },
  });
}
