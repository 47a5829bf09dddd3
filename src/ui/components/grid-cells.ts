// One cell of the grid (./grid-rows.tsx): an input that saves on leaving it, a checkbox, or
// read-only multi-line text (edited in the record's form). Written with ../engine/markup.ts,
// not JSX: a page has 50 rows of them (issue 17); grid-rows.test.tsx checks every kind of
// cell against the JSX it replaced, byte for byte.

import { AMBIGUOUS } from "../../schema/fields/location";
import { fieldTypes } from "../../schema/fields/registry";
import type { Field } from "../../schema/model";
import type { StoredRecord } from "../../schema/records";
import type { StoredCell } from "../../schema/values";
import type { TroveApp } from "../app";
import { element, escapeHtml, join, type Markup } from "../engine/markup";
import type { Renderer } from "../engine/renderer";
import { CALLBACK_PARAM } from "../protocol";
import { chipLabels } from "./grid-chips";
import type { GridTable } from "./grid-table";

/** `send` false: the input has no name (a record shown again under another group). */
export function gridCell(r: Renderer<TroveApp>, page: GridTable, field: Field, record: StoredRecord, n: number, canWrite: boolean, focus = false, pending = false, send = true): Markup {
  const cell = record.cells[field.id];
  const label = `${field.name} of record ${n}`;
  if (pending) {
    // Not recomputed yet (a background recomputation is on its way through the table).
    return element("td", { class: "cell computed pending", "data-type": field.type },
      element("input", { value: "", placeholder: "recomputing…", "aria-label": label, title: "Being recomputed", "aria-busy": "true", readonly: true }));
  }
  const bad = cell?.invalid !== undefined;
  const shown = r.app.display(field, cell);
  // A computed cell is read-only and sends nothing: it changes with what it is computed from.
  const computed = field.derived !== undefined;
  // A one-line input would lose line breaks: such text is edited in the
  // record's form, and the grid shows it without a name (never sent).
  if (field.type === "longText" || shown.includes("\n")) {
    return element("td", { class: bad ? "cell invalid" : "cell", "data-type": field.type },
      element("input", { value: shown.replace(/\s*\n\s*/g, " ⏎ "), "aria-label": label, title: "Several lines: open the record to edit", readonly: true }));
  }
  if (field.type === "checkbox" && !bad) {
    const name = canWrite && !computed ? r.input(page, page.editCell, field.id, record.id) : undefined;
    // Unticked says "no" for a box that had a value, nothing for an empty one.
    return element("td", { class: "cell", "data-type": field.type },
      checkbox({ name, unticked: cell ? "no" : "", commit: "no", checked: cell?.value === true, disabled: !canWrite || computed, label }));
  }
  const chips = chipsOf(field, cell);
  const ambiguous = canWrite && field.type === "location" && cell?.invalid?.startsWith(AMBIGUOUS) === true;
  const pick = canWrite && !computed && field.type === "link";
  return element("td", { class: `cell${bad ? " invalid" : ""}${ambiguous ? " ambiguous" : ""}${computed ? " computed" : ""}${chips ? " has-chips" : ""}${pick || ambiguous ? " has-pick" : ""}`, "data-type": field.type },
    element("input", {
      name: computed || !send ? undefined : r.input(page, page.editCell, field.id, record.id),
      autofocus: focus ? r.autofocus : undefined,
      value: shown,
      placeholder: field.derived && bad && shown === "" ? "cannot compute" : undefined,
      "aria-label": label,
      "aria-invalid": bad ? "true" : undefined,
      title: bad ? (field.derived || ambiguous ? cell?.invalid : `Not understood as ${fieldTypes[field.type].label.toLowerCase()}: ${cell?.invalid}`) : field.derived ? "Computed" : undefined,
      readonly: !canWrite || computed,
      "data-commit": "",
      autocomplete: "off",
    }),
    chips,
    // Relative to the page's own address, so each row stays small.
    pick && element("a", { href: `?${r.address.query}&${CALLBACK_PARAM}=${r.action(page, page.pickLinks, field.id, record.id)}`, "aria-label": `Pick ${field.name} of record ${n}` }, escapeHtml("▾")),
    ambiguous && element("a", { class: "pick-place", href: `?${r.address.query}&${CALLBACK_PARAM}=${r.action(page, page.pickPlace, field.id, record.id)}`, "aria-label": `Choose the place meant by ${field.name} of record ${n}`, title: "Several places have this name: choose one" }, escapeHtml("▾")),
  );
}

/** ./checkbox.tsx's Checkbox, as markup: a hidden "unticked" input first, then the box. */
export function checkbox(props: { name: string | undefined; checked: boolean; unticked: string; label: string; disabled: boolean; commit: string }): Markup {
  const { name, commit } = props;
  const box = element("input", { type: "checkbox", name, value: "yes", "data-unchecked": commit, checked: props.checked, disabled: props.disabled, "data-commit": "", "aria-label": props.label });
  return name ? join([element("input", { type: "hidden", name, value: props.unticked }), box]) : box;
}

/** ./grid-chips.tsx's chips of a choice cell, as markup. */
function chipsOf(field: Field, cell: StoredCell | undefined): Markup | null {
  const chips = chipLabels(field, cell);
  if (!chips) return null;
  return element("span", { class: "cell-chips", "aria-hidden": "true" }, ...chips.map((c) => element("span", { class: `chip chip-${c.color}` }, escapeHtml(c.label))));
}
