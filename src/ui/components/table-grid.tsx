// The parts of the table grid (./table-page.tsx) that render one thing each: a cell, a
// column header with its menu, and the add-field and rename forms. Handlers stay on the page.

import { AMBIGUOUS } from "../../schema/fields/location";
import { fieldTypes } from "../../schema/fields/registry";
import type { Field } from "../../schema/model";
import type { StoredRecord } from "../../schema/records";
import { displayFields, displayOf } from "../../schema/views/display";
import { conditionsOf, groupingsOf, type ViewDefinition } from "../../schema/views/view";
import type { TroveApp } from "../app";
import type { Renderer } from "../engine/renderer";
import { CALLBACK_PARAM } from "../protocol";
import { Checkbox } from "./checkbox";
import { cellChips, suggestionsId } from "./grid-chips";
import type { GridTable } from "./grid-table";
import type { TablePage } from "./table-page";

/** Every field type, for the add-field and change-type menus. */
export const typeOptions = Object.entries(fieldTypes).map(([name, type]) => ({ name, label: type.label }));

/** One cell of the grid: an input that saves on leaving it, a checkbox, or read-only
 *  multi-line text (edited in the record's form). */
/** `send` false: the input has no name (a record shown again under another group). */
export function gridCell(r: Renderer<TroveApp>, page: GridTable, field: Field, record: StoredRecord, n: number, canWrite: boolean, focus = false, pending = false, send = true) {
  const cell = record.cells[field.id];
  if (pending) {
    // Not recomputed yet (a background recomputation is on its way through the table).
    return (
      <td class="cell computed pending" data-type={field.type}>
        <input value="" placeholder="recomputing…" aria-label={`${field.name} of record ${n}`} title="Being recomputed" aria-busy="true" readonly />
      </td>
    );
  }
  const bad = cell?.invalid !== undefined;
  const shown = r.app.display(field, cell);
  // A computed cell is read-only and sends nothing: it changes with what it is computed from.
  const computed = field.derived !== undefined;
  // A one-line input would lose line breaks: such text is edited in the
  // record's form, and the grid shows it without a name (never sent).
  if (field.type === "longText" || shown.includes("\n")) {
    return (
      <td class={bad ? "cell invalid" : "cell"} data-type={field.type}>
        <input value={shown.replace(/\s*\n\s*/g, " ⏎ ")} aria-label={`${field.name} of record ${n}`} title="Several lines: open the record to edit" readonly />
      </td>
    );
  }
  if (field.type === "checkbox" && !bad) {
    const name = canWrite && !computed ? r.input(page, page.editCell, field.id, record.id) : undefined;
    return (
      <td class="cell" data-type={field.type}>
        {/* Unticked says "no" for a box that had a value, nothing for an empty one. */}
        <Checkbox name={name} unticked={cell ? "no" : ""} commit="no" checked={cell?.value === true} disabled={!canWrite || computed} label={`${field.name} of record ${n}`} />
      </td>
    );
  }
  const chips = cellChips(field, cell);
  const ambiguous = canWrite && field.type === "location" && cell?.invalid?.startsWith(AMBIGUOUS) === true;
  return (
    <td class={`cell${bad ? " invalid" : ""}${ambiguous ? " ambiguous" : ""}${computed ? " computed" : ""}${chips ? " has-chips" : ""}${(canWrite && !computed && field.type === "link") || ambiguous ? " has-pick" : ""}`} data-type={field.type}>
      <input
        name={computed || !send ? undefined : r.input(page, page.editCell, field.id, record.id)}
        autofocus={focus ? r.autofocus : undefined}
        value={shown}
        placeholder={field.derived && bad && shown === "" ? "cannot compute" : undefined}
        aria-label={`${field.name} of record ${n}`}
        aria-invalid={bad ? "true" : undefined}
        title={bad ? (field.derived || ambiguous ? cell?.invalid : `Not understood as ${fieldTypes[field.type].label.toLowerCase()}: ${cell?.invalid}`) : field.derived ? "Computed" : undefined}
        readonly={!canWrite || computed}
        data-commit=""
        autocomplete="off"
      />
      {chips}
      {/* Relative to the page's own address, so each row stays small. */}
      {canWrite && !computed && field.type === "link" && <a href={`?${r.address.query}&${CALLBACK_PARAM}=${r.action(page, page.pickLinks, field.id, record.id)}`} aria-label={`Pick ${field.name} of record ${n}`}>▾</a>}
      {ambiguous && <a class="pick-place" href={`?${r.address.query}&${CALLBACK_PARAM}=${r.action(page, page.pickPlace, field.id, record.id)}`} aria-label={`Choose the place meant by ${field.name} of record ${n}`} title="Several places have this name: choose one">▾</a>}
    </td>
  );
}

/** A field's column header: sort link, type, not-understood count and the field menu; with
 *  `arrange`, handles to resize it and drag it elsewhere (the runtime sends the inputs). */
export function fieldHeader(r: Renderer<TroveApp>, page: TablePage, field: Field, index: number, invalid: number, canBuild: boolean, sorted: { fieldId: string; descending: boolean } | null, column: { width: number | undefined; arrange: boolean } = { width: undefined, arrange: false }) {
  const sort = sorted?.fieldId === field.id ? (sorted.descending ? " ↓" : " ↑") : "";
  return (
    <th
      scope="col"
      class="field-head"
      data-type={field.type}
      data-field={field.id}
      data-list={r.app.can("write") ? suggestionsId(field) : undefined}
      width={column.width}
      data-resize={column.arrange ? r.input(page, page.resizeColumn, field.id) : undefined}
      data-move={column.arrange ? r.input(page, page.moveColumn, field.id) : undefined}
    >
      <div class="field-title">
        <a href={r.href(page, page.sortBy, field.id)} aria-label={`Sort by ${field.name}`} class="field-name">{field.name}{sort}</a>
        <span class="type-tag">{field.derived ? `Computed · ${fieldTypes[field.type].label}` : fieldTypes[field.type].label}</span>
        {canBuild && <a class="menu-button" href={r.href(page, page.toggleMenu, field.id)} aria-label={`Field menu for ${field.name}`} aria-expanded={page.state.menu === field.id ? "true" : "false"}>⋯</a>}
        {invalid > 0 && <a class="invalid-count" href={r.href(page, page.showInvalid, field.id)}>{invalid} {field.derived ? "cannot compute" : "not understood"}</a>}
      </div>
      {column.arrange && <span class="col-resize" aria-hidden="true" title="Drag to resize" />}
      {page.state.menu === field.id && (
        <ul class="menu" aria-label={`${field.name} menu`}>
          <li><a href={r.href(page, page.startRename, field.id)}>Rename</a></li>
          {field.derived ? <li><a href={r.href(page, page.startDerived, field.id)}>Change computation</a></li> : <li><a href={r.href(page, page.askTypeChange, field.id)}>Change type</a></li>}
          <li><a href={r.href(page, page.startAddField, index)}>Add field left</a></li>
          <li><a href={r.href(page, page.startAddField, index + 1)}>Add field right</a></li>
          <li><a href={r.href(page, page.hideField, field.id)}>Hide</a></li>
          <li><a class="danger-text" href={r.href(page, page.askDeleteField, field.id)}>Delete field</a></li>
        </ul>
      )}
    </th>
  );
}

/** The form that renames a field. */
export function renameFieldForm(r: Renderer<TroveApp>, page: TablePage, fields: Field[]) {
  const field = fields.find((f) => f.id === page.state.renaming);
  if (!field) return null;
  return (
    <form {...r.form} class="card inline-form">
      <label for="rename-field">Rename “{field.name}” to</label>
      <input id="rename-field" name={r.input(page, page.setState, "renameText")} value={page.state.renameText} autofocus={r.autofocus} maxlength={80} />
      <button class="button primary" {...r.submit(page, page.saveRename)}>Save name</button>
      <button class="button" {...r.submit(page, page.cancelRename)}>Cancel</button>
    </form>
  );
}

/** What of a page reads cells of fields still being recomputed: their earlier values until
 *  each record's turn comes ("the order", "the filters", …), for the note to say so. */
export function staleUses(fieldIds: readonly string[], view: ViewDefinition | null, gridSort: { fieldId: string } | null): string[] {
  const pending = new Set(fieldIds);
  const any = (ids: readonly string[]) => ids.some((id) => pending.has(id));
  const uses: string[] = [];
  if (any([...(view?.sorts ?? []).map((s) => s.fieldId), ...(gridSort ? [gridSort.fieldId] : [])])) uses.push("the order");
  if (view && any(conditionsOf(view.filters).map((c) => c.fieldId))) uses.push("the filters");
  if (view && any(groupingsOf(view).map((g) => g.fieldId))) uses.push("the groups");
  if (view && any(view.summaries.map((s) => s.fieldId))) uses.push("the totals");
  const display = view ? displayOf(view) : undefined;
  if (display && (display.kind === "chart" || display.kind === "map") && any(displayFields(display))) uses.push(display.kind === "map" ? "the map" : "the chart");
  return uses;
}

/** "Recomputing Tax… 40 %": a background recomputation of this table, live as it goes;
 *  `uses`: what of the page still reads earlier values (./staleUses). */
export function recomputingNote(fields: readonly Field[], progress: { percent: number; fieldIds: string[] }, uses: readonly string[] = []) {
  const names = progress.fieldIds.flatMap((id) => fields.find((f) => f.id === id)?.name ?? []);
  const list = uses.length <= 1 ? (uses[0] ?? "") : `${uses.slice(0, -1).join(", ")} and ${uses[uses.length - 1]}`;
  return (
    <p class="recomputing" role="status">
      <progress max={100} value={progress.percent} aria-label="Recomputed so far" />
      Recomputing {names.length > 0 ? names.map((n) => `“${n}”`).join(", ") : "computed fields"}… {progress.percent}% — the page stays usable; cells not done yet say so.
      {list && <strong class="recomputing-stale"> Until it is done, {list} {uses.length > 1 ? "use" : "uses"} the earlier values.</strong>}
    </p>
  );
}
