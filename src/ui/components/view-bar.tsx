// The view bar above a table's grid (./table-page.tsx): the table's views as tabs, "New
// view", and the working view's conditions, sorts, search, grouping and summaries, each
// removable, with forms that add one. Menus offer only what fits each field's type. Plain
// links and forms: it all works with JavaScript off. Handlers stay on the page.

import { type FieldTypeName, fieldType } from "../../schema/fields/registry";
import { type Field, liveFields, type Table } from "../../schema/model";
import { rangePart, widthNumber, widthText } from "../../schema/views/group-kinds";
import { operator, operatorsFor } from "../../schema/views/operators";
import { canGroup, canSummarise, GROUP_PARTS, type Inactive } from "../../schema/views/query";
import { type Condition, groupingsOf, isOrGroup, MAX_GROUP_LEVELS, SUMMARY_KINDS, type ViewDefinition } from "../../schema/views/view";
import type { TroveApp } from "../app";
import { ExportMenu } from "./export-menu";
import { feedsPanel } from "./feeds-panel";
import type { Renderer } from "../engine/renderer";
import type { TablePage } from "./table-page";
import { showAsControl } from "./show-as";

const SUMMARY_LABELS = { filled: "filled", sum: "sum", average: "average", min: "min", max: "max", percent: "percent of total", earliest: "earliest", latest: "latest" } as const;
const partLabel = (type: FieldTypeName, part: string) => {
  const range = rangePart(part);
  if (range) return range.auto ? "Ranges" : `Ranges of ${type === "percent" ? `${Number((widthNumber(range.width) * 100).toPrecision(12))}%` : widthText(range.width)}`;
  return fieldType(type).parts.find((p) => p.name === part)?.label ?? part;
};

function conditionText(c: Condition, fields: readonly Field[]): string {
  const field = fields.find((f) => f.id === c.fieldId);
  // From a click on a chart or a map: the group or place by the name it had there.
  if (c.op === "inGroup") return `${field?.name ?? "(deleted field)"}${c.args[1] ? ` (${partLabel(field?.type ?? "text", c.args[1]).toLowerCase()})` : ""} is ${c.args[0] ?? ""}`;
  if (c.op === "notPlaced") return `${field?.name ?? "(deleted field)"} not on the map of ${c.args[0] === "states" ? "US states" : c.args[0] === "provinces" ? "Canadian provinces" : c.args[0] === "points" ? "cities" : "countries"}`;
  const op = operator(c.op);
  const args = c.args.filter((a) => a !== "");
  // "within 50 km of Albany": a label with a gap takes the first value there, the rest after.
  const gap = op?.label.includes(" … ") === true && op.input === "two";
  return `${field?.name ?? "(deleted field)"} ${op?.label.replace(/ \(.*\)$/, "").replace(" … ", ` ${args[0] ?? "…"} `) ?? c.op}${op?.input === "count" || args.length === 0 ? "" : gap ? ` ${args.slice(1).join(", ")}` : ` ${args.join(op?.input === "two" ? " and " : ", ")}`}`;
}

export function viewTabs(r: Renderer<TroveApp>, page: TablePage, table: Table, views: readonly ViewDefinition[], current: string | null) {
  return (
    <nav class="view-tabs" aria-label="Views">
      <a href={r.hrefTo(`tables/${table.id}`, page, page.openView, null)} aria-current={current === null ? "page" : undefined}>All records</a>
      {views.map((view) => (
        <a href={r.hrefTo(`tables/${table.id}/views/${view.id}`, page, page.openView, view.id)} aria-current={current === view.id ? "page" : undefined}>
          {view.name}{view.owner !== null && <span class="view-owner" title="Only you see this view"> (mine)</span>}
        </a>
      ))}
      <a class="new-view" href={r.href(page, page.toggleViewForm, "new")}>+ New view</a>
    </nav>
  );
}

export function viewControls(r: Renderer<TroveApp>, page: TablePage, table: Table, view: ViewDefinition, inactive: readonly Inactive[], saveState: { draft: boolean; mayChange: boolean; stored: boolean }) {
  const fields = liveFields(table);
  const isInactive = (c: Condition) => inactive.some((i) => i.condition === c || JSON.stringify(i.condition) === JSON.stringify(c));
  const reasonOf = (c: Condition) => inactive.find((i) => JSON.stringify(i.condition) === JSON.stringify(c))?.reason;
  const chip = (text: string, remove: string, problem?: string) => (
    <li class={problem ? "view-chip inactive" : "view-chip"} title={problem}>
      <span>{text}</span>{problem && <span class="chip-problem"> — {problem}</span>}
      <a href={remove} aria-label={`Remove ${text}`}>×</a>
    </li>
  );
  const s = page.state;
  return (
    <div class="view-controls">
      {s.viewForm === "new" && (
        <form {...r.form} class="card inline-form">
          <label for="view-name">Name of the new view</label>
          <input id="view-name" name={r.input(page, page.setState, "viewName")} value={s.viewName} maxlength={80} autofocus={r.autofocus} />
          {r.app.can("build") && <button class="button primary" {...r.submit(page, page.createView, false)}>Create shared view</button>}
          <button class={r.app.can("build") ? "button" : "button primary"} {...r.submit(page, page.createView, true)}>Create my view</button>
          <button class="button" {...r.submit(page, page.toggleViewForm, null)}>Cancel</button>
        </form>
      )}
      {s.viewForm === "rename" && (
        <form {...r.form} class="card inline-form">
          <label for="view-rename">Rename “{view.name}” to</label>
          <input id="view-rename" name={r.input(page, page.setState, "viewName")} value={s.viewName} maxlength={80} autofocus={r.autofocus} />
          <button class="button primary" {...r.submit(page, page.renameView)}>Save name</button>
          <button class="button" {...r.submit(page, page.toggleViewForm, null)}>Cancel</button>
        </form>
      )}
      <ul class="view-chips" aria-label="What this view shows">
        {view.filters.map((filter, i) =>
          isOrGroup(filter)
            ? filter.any.map((c, j) => chip(`${j > 0 ? "or " : ""}${conditionText(c, fields)}`, r.href(page, page.removeFilter, [i, j]), isInactive(c) ? reasonOf(c) : undefined))
            : chip(conditionText(filter, fields), r.href(page, page.removeFilter, [i]), isInactive(filter) ? reasonOf(filter) : undefined),
        )}
        {view.sorts.map((sort, i) => chip(`sorted by ${fields.find((f) => f.id === sort.fieldId)?.name ?? "?"} ${sort.descending ? "↓" : "↑"}`, r.href(page, page.removeSort, i)))}
        {groupingsOf(view).map((g, i) => {
          const field = fields.find((f) => f.id === g.fieldId);
          return chip(`${i === 0 ? "grouped by" : "then by"} ${field?.name ?? "?"}${g.part ? ` (${partLabel(field?.type ?? "text", g.part).toLowerCase()})` : ""}`, r.href(page, page.removeGroupLevel, i));
        })}
        {view.summaries.map((summary, i) => chip(`${SUMMARY_LABELS[summary.kind]} of ${fields.find((f) => f.id === summary.fieldId)?.name ?? "?"}`, r.href(page, page.removeSummary, i)))}
        {view.search !== "" && chip(`search “${view.search}”`, r.href(page, page.clearSearch))}
      </ul>
      <form {...r.form} class="view-form view-toolbar">
        {showAsControl(r, page, view)}
        {(["filter", "sort", "group", "summary"] as const).map((form) => (
          <a class={s.viewForm === form ? "button small pressed" : "button small"} href={r.href(page, page.toggleViewForm, form)} aria-expanded={s.viewForm === form ? "true" : "false"}>
            {{ filter: "+ Filter", sort: "+ Sort", group: "Group", summary: "+ Summary" }[form]}
          </a>
        ))}
        <label class="visually-hidden" for="view-search">Search</label>
        {/* With JavaScript the view follows the typing (data-instant); without, the button. */}
        <input id="view-search" type="search" placeholder="Search this view" name={r.input(page, page.setState, "searchText")} value={s.searchText} maxlength={200} data-instant="view-search-go" />
        <button class="button small" id="view-search-go" {...r.submit(page, page.search)}>Search</button>
        <ExportMenu database={r.app.databaseName} tableId={table.id} view={view} draft={saveState.draft || !saveState.stored} />
      </form>
      {s.viewForm === "filter" && <form {...r.form} class="view-form">
        <label class="visually-hidden" for="cond-choice">Filter</label>
        <select id="cond-choice" name={r.input(page, page.setState, "condChoice")}>
          <option value="">Filter: field and condition…</option>
          {fields.map((field) => (
            <optgroup label={field.name}>
              {operatorsFor(field.type).map((op) => <option value={`${field.id} ${op.name}`} selected={s.condChoice === `${field.id} ${op.name}`}>{field.name} {op.label}</option>)}
            </optgroup>
          ))}
        </select>
        <input aria-label="Value" name={r.input(page, page.setState, "condArg1")} value={s.condArg1} maxlength={200} placeholder="value" />
        <input aria-label="Second value (between)" name={r.input(page, page.setState, "condArg2")} value={s.condArg2} maxlength={200} placeholder="and (between)" />
        <button class="button small" {...r.submit(page, page.addCondition, false)}>Add filter</button>
        {view.filters.length > 0 && <button class="button small" {...r.submit(page, page.addCondition, true)}>Or…</button>}
      </form>}
      {s.viewForm === "sort" && <form {...r.form} class="view-form">
        <label class="visually-hidden" for="sort-choice">Sort</label>
        <select id="sort-choice" name={r.input(page, page.setState, "sortChoice")}>
          <option value="">Sort by…</option>
          {fields.flatMap((f) => [<option value={`${f.id} asc`}>{f.name} ↑</option>, <option value={`${f.id} desc`}>{f.name} ↓</option>])}
        </select>
        <button class="button small" {...r.submit(page, page.addSort)}>Add sort</button>
      </form>}
      {s.viewForm === "group" && <form {...r.form} class="view-form">
        <label class="visually-hidden" for="group-choice">Group</label>
        <select id="group-choice" name={r.input(page, page.setState, "groupChoice")}>
          <option value="">Group by…</option>
          {fields.flatMap((f) => [
            ...(canGroup(f.type, null) ? [<option value={f.id} selected={s.groupChoice === f.id}>{f.name}{f.type === "multiChoice" ? " (each option)" : f.type === "link" ? " (each linked record)" : ""}</option>] : []),
            ...(GROUP_PARTS.get(f.type) ?? []).map((part) => <option value={`${f.id} ${part}`} selected={s.groupChoice === `${f.id} ${part}`}>{f.name}: {part === "range" ? `ranges${f.type === "money" ? " per currency" : ""}` : partLabel(f.type, part).toLowerCase()}</option>),
          ])}
        </select>
        <label class="group-width">
          <span>Range width</span>
          <input name={r.input(page, page.setState, "groupWidth")} value={typeof s.groupWidth === "string" ? s.groupWidth : ""} maxlength={40} size={8} placeholder="automatic" aria-describedby="group-width-help" />
        </label>
        <span id="group-width-help" class="muted small-print">For ranges: empty picks round ranges from the data; or type one, e.g. 100.</span>
        {groupingsOf(view).length < MAX_GROUP_LEVELS
          ? <button class="button small" {...r.submit(page, page.setGroup)}>{view.group ? "Group within the groups" : "Group records"}</button>
          : <span class="muted">Grouped by {MAX_GROUP_LEVELS} levels, the most a view has: remove one to group another way.</span>}
      </form>}
      {s.viewForm === "summary" && <form {...r.form} class="view-form">
        <label class="visually-hidden" for="summary-choice">Summary</label>
        <select id="summary-choice" name={r.input(page, page.setState, "summaryChoice")}>
          <option value="">Summary…</option>
          {fields.flatMap((f) => SUMMARY_KINDS.filter((k) => canSummarise(f.type, k)).map((k) => <option value={`${f.id} ${k}`}>{SUMMARY_LABELS[k]} of {f.name}</option>))}
        </select>
        <button class="button small" {...r.submit(page, page.addSummary)}>Add summary</button>
      </form>}
      {saveState.draft && (
        <form {...r.form} class="view-save" role="status">
          <span>{saveState.stored ? "You changed this view for yourself." : "Not saved."}</span>
          {saveState.stored && saveState.mayChange && <button class="button small primary" {...r.submit(page, page.saveDraft)}>Update the view for everyone who sees it</button>}
          <button class="button small" {...r.submit(page, page.toggleViewForm, "new")}>Save as a new view…</button>
          <button class="button small" {...r.submit(page, page.discardDraft)}>Discard changes</button>
        </form>
      )}
      {!saveState.draft && saveState.stored && saveState.mayChange && (
        <p class="view-save muted">
          Changes save to this view{view.owner === null ? " for everyone" : ""}. <a href={r.href(page, page.toggleViewForm, "rename")}>Rename view</a> <a href={r.href(page, page.duplicateView)}>Duplicate view</a> <a href={r.href(page, page.deleteView)}>Delete view</a>{" "}
          <a href={r.href(page, page.toggleViewForm, "feeds")} aria-expanded={s.viewForm === "feeds" ? "true" : "false"}>Feeds…</a>
        </p>
      )}
      {!saveState.draft && saveState.stored && saveState.mayChange && s.viewForm === "feeds" && feedsPanel(r, page, table, view)}
      {!saveState.draft && saveState.stored && !saveState.mayChange && (
        <p class="view-save muted">
          Shared by the database's builders: changes you make stay yours until you save them. <a href={r.href(page, page.duplicateView)}>Duplicate as my view</a>
        </p>
      )}
    </div>
  );
}
