// The import page's mapping step, for an import into an existing table: per column the field
// it goes to (matched by name, a new field of the column's type, or skipped), how many of its
// values that field's type understands, and whether rows are added or update the records
// whose key field matches. Then the report: rows added and updated, values flagged.

import { fieldType } from "../../schema/fields/registry";
import { importTypes, PREVIEW_ROWS } from "../../schema/import/infer";
import type { ImportJobView } from "../../schema/import/job";
import { type ImportIntoReport, importableFields, type ResolvedTarget } from "../../schema/import/mapping";
import type { ImportPreview } from "../../schema/import/plan";
import type { Table } from "../../schema/model";
import type { TroveApp } from "../app";
import type { Renderer } from "../engine/renderer";
import { count } from "../format";
import type { ImportPage } from "./import-page";

const percent = (part: number, whole: number) => (whole === 0 ? "—" : `${Math.floor((part / whole) * 1000) / 10} %`);

export interface MappingShown {
  preview: ImportPreview;
  targets: ResolvedTarget[];
  planned: { ok: true; report: ImportIntoReport } | { ok: false; reason: string };
  /** A file uploaded in chunks: the plan counts its first rows. */
  streamed?: boolean;
}

export function renderMapping(r: Renderer<TroveApp>, page: ImportPage, table: Table, shown: MappingShown) {
  const { preview, targets, planned } = shown;
  const fields = importableFields(table);
  const canBuild = r.app.can("build");
  const others = r.app.tables().filter((t) => t.id !== table.id);
  const mode = page.state.mode === "merge" ? "merge" : "add";
  // A file uploaded in chunks is planned from its first rows only.
  const partial = shown.streamed === true && preview.records > PREVIEW_ROWS;
  const mapped = targets.flatMap((t) => (t.kind === "field" ? [t.field] : []));
  const keyId = page.state.keyFieldId || mapped[0]?.id || "";
  // The planned report lists kept columns in order.
  const stats = new Map<number, ImportIntoReport["columns"][number]>();
  if (planned.ok) {
    let k = 0;
    for (const [c, t] of targets.entries()) if (t.kind !== "skip") stats.set(c, planned.report.columns[k++]!);
  }
  return (
    <>
      <table class="data-table import-columns import-mapping">
        <thead>
          <tr><th scope="col">Column</th><th scope="col">Goes to</th><th scope="col">Type</th><th scope="col">Understood</th><th scope="col">Kept but flagged, e.g.</th></tr>
        </thead>
        <tbody>
          {preview.columns.map((column, c) => {
            const target = targets[c]!;
            const value = target.kind === "field" ? target.field.id : target.kind === "new" && target.link ? `link:${target.link}` : target.kind;
            const stat = stats.get(c);
            const values = stat ? stat.understood + stat.flagged : 0;
            return (
              <tr class={target.kind === "skip" ? "skipped" : undefined}>
                <th scope="row">{column.name}</th>
                <td>
                  <label class="visually-hidden" for={`import-target-${c}`}>Where “{column.name}” goes</label>
                  <select id={`import-target-${c}`} name={r.input(page, page.setTarget, c)} data-commit="">
                    {fields.map((f) => <option value={f.id} selected={value === f.id}>{f.name}</option>)}
                    {canBuild && <option value="new" selected={value === "new"}>New field “{target.kind === "new" ? target.name : column.name}”</option>}
                    {canBuild && others.map((t) => <option value={`link:${t.id}`} selected={value === `link:${t.id}`}>New link to “{t.name}” records</option>)}
                    <option value="skip" selected={value === "skip"}>Skip this column</option>
                  </select>
                </td>
                <td>
                  {target.kind === "field" && <span class="muted">{fieldType(target.field.type).label}</span>}
                  {target.kind === "new" && target.link && <span class="muted">{fieldType("link").label}</span>}
                  {target.kind === "new" && !target.link && (
                    <>
                      <label class="visually-hidden" for={`import-type-${c}`}>Type of the new field “{target.name}”</label>
                      <select id={`import-type-${c}`} name={r.input(page, page.setColumn, c)} data-commit="">
                        {importTypes.map((t) => <option value={t} selected={t === column.type}>{fieldType(t).label}</option>)}
                      </select>
                    </>
                  )}
                  {target.kind === "skip" && <span class="muted">{target.why ?? "not imported"}</span>}
                </td>
                <td class="share">{stat ? <><strong>{percent(stat.understood, values)}</strong> <span class="muted">of {count(values, "value")}</span></> : <span class="muted">—</span>}</td>
                <td class="flagged">
                  {stat && stat.flagged > 0 && (
                    <>
                      <span class="invalid-count">{stat.flagged}</span> {stat.examples.map((e) => <q class="example">{e}</q>)}
                    </>
                  )}
                  {stat && stat.flagged === 0 && <span class="muted">none</span>}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <div class="card inline-form import-mode">
        <label for="import-mode">Rows</label>
        <select id="import-mode" name={r.input(page, page.setMode)} data-commit="">
          <option value="add" selected={mode === "add"}>add every row as a new record</option>
          <option value="merge" selected={mode === "merge"}>update the records that match, add the rest</option>
        </select>
        {mode === "merge" && (
          <>
            <label for="import-key">matched by</label>
            <select id="import-key" name={r.input(page, page.setKey)} data-commit="">
              {mapped.length === 0 && <option value="">(send a column to a field first)</option>}
              {mapped.map((f) => <option value={f.id} selected={f.id === keyId}>{f.name}</option>)}
            </select>
            <span class="hint">Case and spaces do not matter; blank cells leave values as they are.</span>
          </>
        )}
      </div>
      {planned.ok ? (
        <p class="import-summary" role="status">
          {partial && `In the first ${PREVIEW_ROWS.toLocaleString("en")} rows: w`}
          {partial ? "ill add" : "Will add"} {count(planned.report.added, "record")}
          {mode === "merge" && `, update ${count(planned.report.updated, "record")}`}
          {planned.report.linked.map((l) => `, make ${count(l.created, "record")} in “${l.table}”`).join("")}
          {planned.report.columns.some((c) => c.isNew) && `, add ${count(planned.report.columns.filter((c) => c.isNew).length, "field")}`}.
          {planned.report.ambiguousKeys > 0 && ` ${count(planned.report.ambiguousKeys, "record")} share a key with an older one: the oldest is updated.`}
          {partial && " The import reads every row, part by part, and its report counts them all."}
        </p>
      ) : (
        <p class="form-error" role="alert">{planned.reason}</p>
      )}
    </>
  );
}

/** The report of an import into a table; `stopped`: a job that ended before its last row. */
export function renderIntoReport(report: ImportIntoReport, tableName: string, stopped: ImportJobView | null = null) {
  const flagged = report.columns.filter((c) => c.flagged > 0);
  return (
    <>
      <h2>{stopped ? `Stopped after ${count(stopped.done, "row")} of ${stopped.total.toLocaleString("en")}` : "Imported"} into “{tableName}”</h2>
      {stopped?.reason && <p>{stopped.reason}</p>}
      <ul>
        <li>{count(report.added, "record")} added, {count(report.updated, "record")} updated</li>
        {report.linked.map((l) => <li>{count(l.created, "record")} made in “{l.table}” for names it did not have</li>)}
        {report.columns.filter((c) => c.isNew).length > 0 && <li>New fields: {report.columns.filter((c) => c.isNew).map((c) => c.field).join(", ")}</li>}
        {flagged.length === 0 ? <li>Every value was understood.</li> : flagged.map((c) => <li><strong>{c.field}</strong>: {count(c.flagged, "value")} kept but flagged as not understood</li>)}
        {report.skipped.length > 0 && <li>Skipped: {report.skipped.join(", ")}</li>}
        <li>Rows not imported: {stopped ? `the ${count(stopped.total - stopped.done, "row")} after where it stopped` : "none"}</li>
      </ul>
    </>
  );
}
