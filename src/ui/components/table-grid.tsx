// The parts of the table grid (./table-page.tsx) that render one thing each: a column
// header with its menu, and the add-field and rename forms. Handlers stay on the page.

import { fieldTypes } from "../../schema/fields/registry";
import type { Field } from "../../schema/model";
import { displayFields, displayOf } from "../../schema/views/display";
import { conditionsOf, groupingsOf, type ViewDefinition } from "../../schema/views/view";
import type { TroveApp } from "../app";
import type { Renderer } from "../engine/renderer";
import { suggestionsId } from "./grid-chips";
import type { TablePage } from "./table-page";

/** Every field type, for the add-field and change-type menus. */
export const typeOptions = Object.entries(fieldTypes).map(([name, type]) => ({ name, label: type.label }));

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
