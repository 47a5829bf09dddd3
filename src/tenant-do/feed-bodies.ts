// What a feed says: the view run now (its filters, search and visible fields; at most
// FEED_LIMITS.records records) written as iCalendar, Atom, JSON or CSV. JSON and CSV are the
// export's own writers (formula-safe CSV). Undefined when the format does not fit the view
// (a calendar of a view with no date field).

import type { DateValue } from "../schema/fields/date";
import { exportWriter } from "../schema/export/format";
import { writeAtom } from "../schema/feeds/atom";
import { FEED_LIMITS, type FeedFormat } from "../schema/feeds/feed";
import { writeIcal } from "../schema/feeds/ical";
import { formatCell } from "../schema/fields/registry";
import type { Member } from "../schema/members";
import { type Field, liveFields, type Table } from "../schema/model";
import type { StoredRecord } from "../schema/records";
import type { StoredCell } from "../schema/values";
import type { Fragment } from "../schema/views/cell-sql";
import { calendarFields } from "../schema/views/calendar-fields";
import { resolveView } from "../schema/views/query";
import { isEach } from "../schema/views/group-kinds";
import { runViewSql, type SqlRow } from "../schema/views/sql";
import type { ViewDefinition } from "../schema/views/view";
import type { Tenant } from "./tenant";

/** What this part uses of the engine (./tenant.ts): its port. */
export type FeedBodiesPort = Pick<Tenant, "document" | "name" | "origin" | "storage" | "timeZone">;

export interface FeedRequest {
  format: FeedFormat;
  view: ViewDefinition;
  table: Table;
  publisher: Member;
  /** When the feed last changed (ms). */
  stamp: number;
}

/** A cell as people read it: the understood value formatted, else the text kept. */
export function shown(field: Field, cell: StoredCell | undefined): string {
  if (!cell) return "";
  if (cell.invalid !== undefined || cell.value === null || field.type === "link" || field.type === "user") return cell.text;
  try {
    return formatCell(field.type, cell.value, field.options);
  } catch {
    return cell.text;
  }
}

function run(tenant: FeedBodiesPort, view: ViewDefinition, table: Table, publisher: Member, page: { offset: number; limit: number }) {
  const all = resolveView(view, table, tenant.document(publisher).context);
  // A feed lists each record once: levels that put a record under each of its values go.
  const resolved = { ...all, groups: all.groups.filter((g) => !isEach(g.field.type, g.part)) };
  const sql = (f: Fragment) => tenant.storage.sql.exec<SqlRow>(f.sql, ...f.params).toArray();
  return runViewSql(resolved, page, sql);
}

export function feedBody(tenant: FeedBodiesPort, request: FeedRequest): string | undefined {
  const { format, table, publisher, stamp } = request;
  // Groups and summaries do not change which records a feed holds.
  const view: ViewDefinition = { ...request.view, group: null, summaries: [] };
  const base = `${tenant.origin}/t/${tenant.name}/tables/${table.id}/views/${view.id}`;
  const recordUrl = (record: StoredRecord) => `${base}/records/${record.id}`;
  const { visible, date, title, description } = calendarFields(table, view);
  const titleOf = (record: StoredRecord) => (title ? shown(title, record.cells[title.id]) : "") || "(untitled)";
  if (format === "ics") {
    if (!date) return undefined;
    // The latest-dated records first, so a long history keeps its future and recent events.
    const page = run(tenant, { ...view, sorts: [{ fieldId: date.id, descending: true }] }, table, publisher, { offset: 0, limit: FEED_LIMITS.records });
    const events = page.records.flatMap(({ record }) => {
      const cell = record.cells[date.id];
      if (!cell || cell.invalid !== undefined || cell.value === null) return [];
      return [{ recordId: record.id, summary: titleOf(record), description: description ? shown(description, record.cells[description.id]) : "", url: recordUrl(record), value: cell.value as DateValue, created: record.createdAt }];
    });
    return writeIcal({ database: tenant.name ?? "", name: `${table.name}: ${view.name}`, timeZone: tenant.timeZone, stamp, events });
  }
  if (format === "atom") {
    // The newest records: the view in creation order, its last page, newest first.
    const unsorted = { ...view, sorts: [] };
    const total = run(tenant, unsorted, table, publisher, { offset: 0, limit: 0 }).total;
    const page = run(tenant, unsorted, table, publisher, { offset: Math.max(0, total - FEED_LIMITS.atomEntries), limit: FEED_LIMITS.atomEntries });
    const entries = page.records.reverse().map(({ record }) => ({
      recordId: record.id,
      title: titleOf(record),
      lines: visible.map((f) => [f.name, shown(f, record.cells[f.id])] as const),
      url: recordUrl(record),
      created: record.createdAt,
    }));
    return writeAtom({ database: tenant.name ?? "", viewId: view.id, title: `${table.name}: ${view.name}`, url: base, updated: stamp, entries });
  }
  const writer = exportWriter(visible.length > 0 ? visible : liveFields(table), { format, values: "text" });
  const page = run(tenant, view, table, publisher, { offset: 0, limit: FEED_LIMITS.records });
  let text = writer.head();
  page.records.forEach(({ record }, i) => {
    text += writer.row(record.cells, i === 0);
  });
  return text + writer.tail();
}
