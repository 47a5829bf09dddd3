// What a view adds to the grid (./table-page.tsx): group header rows with the group's count
// and summaries (each its own region, so a live update sends only the groups that changed),
// and the summaries row of the whole view.

import { formatCell } from "../../schema/fields/registry";
import { isNumeric } from "../../schema/views/group-kinds";
import type { Field } from "../../schema/model";
import { pathId, type SummaryValue, type ViewGroup } from "../../schema/views/result";
import type { TroveApp } from "../app";
import type { Renderer } from "../engine/renderer";
import { count } from "../format";
import { groupLabel as pictureLabel } from "../pictures/build";
import type { TablePage } from "./table-page";

/** "sum of Gift: $1,200.00 + €350.00 (2 not understood)". */
export function summaryText(summary: SummaryValue, fields: readonly Field[], ofTable = false): string {
  const field = fields.find((f) => f.id === summary.fieldId);
  if (!field) return "";
  const apart = summary.invalid > 0 ? ` (${summary.invalid} not understood)` : "";
  if (summary.kind === "filled") return `${field.name}: ${summary.filled} filled${apart}`;
  if (summary.kind === "earliest" || summary.kind === "latest") {
    const shown = summary.date === undefined ? "—" : formatCell("date", { start: summary.date, end: null, time: summary.date.includes("T") }, field.options);
    return `${summary.kind} ${field.name}: ${shown}${apart}`;
  }
  if (summary.kind === "percent") {
    // A group's share of the view; the view's (`ofTable`) of the whole table.
    const whole = ofTable ? "of the table's" : "of the";
    const shares = summary.values.map((v) => `${v.value.toLocaleString("en", { maximumFractionDigits: 1 })}% ${whole} ${v.currency === "" ? (isNumeric(field.type) ? "total" : "filled") : `${v.currency} total`}`);
    return `${field.name}: ${shares.length === 0 ? "—" : shares.join(", ")}${apart}`;
  }
  const shown = summary.values.map((v) => (field.type === "money" ? formatCell("money", { amount: v.value, currency: v.currency }, field.options) : formatCell(field.type, v.value, field.options)));
  return `${summary.kind} of ${field.name}: ${shown.length === 0 ? "—" : shown.join(" + ")}${apart}`;
}

export function groupLabel(r: Renderer<TroveApp>, group: ViewGroup, field: Field, part: string | null): string {
  if (part === "week" && group.kind === 0) return `Week of ${group.key}`;
  return pictureLabel(r.app, group, field, part);
}

/** A group's header: its label, count and summaries, indented by level, with the link that
 *  folds or unfolds it on this person's page (a plain link: it works without JavaScript). */
export function groupRow(r: Renderer<TroveApp>, page: TablePage, group: ViewGroup, index: number, o: { field: Field; part: string | null; fields: readonly Field[]; columns: number; collapsed: boolean }) {
  const label = groupLabel(r, group, o.field, o.part);
  return (
    <tr class={`group-head level-${group.level}${o.collapsed ? " collapsed" : ""}`} id={`grp-${index}`} data-region>
      <th colspan={o.columns} scope="rowgroup">
        <a class="group-toggle" href={r.href(page, page.toggleGroup, pathId(group.path))} aria-expanded={o.collapsed ? "false" : "true"} >
          <span aria-hidden="true">{o.collapsed ? "▸" : "▾"}</span>
          <span class="visually-hidden">{o.collapsed ? "Expand" : "Collapse"} {label}</span>
        </a>
        <span class="group-field">{o.field.name}</span>
        <span class="group-name">{label}</span>
        <span class="group-count">{count(group.matched, "record")}</span>
        {group.summaries.map((s) => <span class="group-summary">{summaryText(s, o.fields)}</span>)}
      </th>
    </tr>
  );
}

export function totalsRow(totals: readonly SummaryValue[], fields: readonly Field[], total: number) {
  if (totals.length === 0) return null;
  return (
    <p class="view-totals" id="view-totals" data-region>
      <strong>All {count(total, "record")}</strong>
      {totals.map((s) => <span class="group-summary">{summaryText(s, fields, true)}</span>)}
    </p>
  );
}
