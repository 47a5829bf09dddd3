// The rows of the grid (./table-page.tsx): a record's row (its own region, so a cell edit
// sends only that row) with a box to tick it for deleting, the blank new-record row at the
// bottom, and the bar that deletes the ticked records. Handlers live in ./grid-table.tsx.

import type { Field } from "../../schema/model";
import type { StoredRecord } from "../../schema/records";
import type { TroveApp } from "../app";
import type { Renderer } from "../engine/renderer";
import type { GridTable } from "./grid-table";
import { element, escapeHtml, type Markup, toJsx } from "../engine/markup";
import { Checkbox } from "./checkbox";
import { gridCell } from "./grid-cells";

/** The form the record checkboxes belong to (they sit in the grid's own form). */
export const BULK_FORM_ID = "grid-bulk";

/** "80: Ada, Ben, Cy, …": the other side of a link on one line, the count first so it
 *  survives the cut (all names are in the cell's title). */
function linkedSummary(names: readonly string[]): string {
  if (names.length <= 3) return names.join(", ");
  return `${names.length}: ${names.slice(0, 3).join(", ")}, …`;
}

export interface RowContext {
  fields: readonly Field[];
  backlinks: readonly { label: string; names: Map<string, string[]> }[];
  canWrite: boolean;
  canBuild: boolean;
  /** "record/field" of computed cells waiting for a background recomputation. */
  pending: ReadonlySet<string>;
}

/** `repeat`: the record shown again under another group of the page (a multiple choice or a
 *  link groups it under each value): its own id, and read-only, so one form never holds two
 *  inputs for one cell. Written with ../engine/markup.ts, not JSX (the page's hot loop,
 *  issue 17); grid-rows.test.tsx checks it against the JSX it replaced. */
export function recordRow(r: Renderer<TroveApp>, page: GridTable, record: StoredRecord, n: number, rows: RowContext, repeat = 0) {
  return toJsx(recordRowMarkup(r, page, record, n, rows, repeat));
}

export function recordRowMarkup(r: Renderer<TroveApp>, page: GridTable, record: StoredRecord, n: number, rows: RowContext, repeat = 0): Markup {
  const { tableId } = page.state;
  const canWrite = rows.canWrite && repeat === 0;
  const cells: Markup[] = [
    element("th", { class: "row-head", scope: "row" },
      element("span", { class: "row-head-inner" },
        canWrite && element("input", { type: "checkbox", class: "row-select", form: BULK_FORM_ID, name: r.input(page, page.pick, null, record.id), "aria-label": `Select record ${n}` }),
        element("a", { href: r.hrefTo(`tables/${tableId}/records/${record.id}`, page, page.openRecord, null, record.id), "aria-label": `Open record ${n}` }, escapeHtml(String(n))),
      ),
    ),
  ];
  rows.fields.forEach((field, i) => {
    cells.push(gridCell(r, page, field, record, n, canWrite, repeat === 0 && i === 0 && page.state.focus === record.id, rows.pending.has(`${record.id}/${field.id}`), repeat === 0));
  });
  for (const b of rows.backlinks) {
    const names = b.names.get(record.id) ?? [];
    cells.push(element("td", { class: "cell backlink", title: names.join(", ") }, escapeHtml(linkedSummary(names))));
  }
  if (rows.canBuild) cells.push(element("td", { class: "add-column" }));
  const id = repeat > 0 ? `rec-${record.id}-${repeat}` : `rec-${record.id}`;
  return r.region(id, element("tr", { id, class: repeat > 0 ? "repeat" : undefined, "data-region": true, "data-record": record.id }, ...cells));
}

/** The blank row at the bottom: typing in one of its cells makes a new record. Multi-line
 *  text is typed in the record's form, so such a column has no input here. */
export function newRecordRow(r: Renderer<TroveApp>, page: GridTable, rows: RowContext) {
  return (
    <tr id="rec-new" class="new-row" data-region data-new-row="">
      <th class="row-head" scope="row">
        <span class="row-head-inner" aria-hidden="true">+</span>
      </th>
      {rows.fields.map((field) => (
        <td class="cell" data-type={field.type}>
          {field.type === "checkbox" && <Checkbox name={r.input(page, page.newRecordCell, field.id)} unticked="" commit="" checked={false} label={`${field.name} of a new record`} />}
          {field.type !== "longText" && field.type !== "checkbox" && (
            <input name={r.input(page, page.newRecordCell, field.id)} value="" aria-label={`${field.name} of a new record`} placeholder={field === rows.fields[0] ? "New record…" : undefined} data-commit="" autocomplete="off" />
          )}
        </td>
      ))}
      {rows.backlinks.map(() => <td class="cell" />)}
      {rows.canBuild && <td class="add-column" />}
    </tr>
  );
}

/** Deletes the ticked records in one step. Shown (by CSS, with or without JavaScript) only
 *  while a box is ticked; the count is a CSS counter of the ticked boxes. */
export function bulkBar(r: Renderer<TroveApp>, page: GridTable) {
  return (
    <form {...r.form} id={BULK_FORM_ID} class="bulk-bar" aria-label="Selected records">
      <span class="bulk-count" />
      <button class="button danger small" {...r.submit(page, page.deleteSelected)}>Delete selected</button>
    </form>
  );
}
