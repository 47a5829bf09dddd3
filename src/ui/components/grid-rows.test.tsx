// The grid's rows are written with ../engine/markup.ts instead of JSX (issue 17). These tests
// keep the JSX they replaced (as it was, below) and check that the rows are the same bytes for
// every field type, every kind of cell (understood, not understood, ambiguous place, computed,
// being recomputed, several lines, empty), every role and repeat, and hostile text anywhere a
// person can type it: `<script>`, quotes, ampersands.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AMBIGUOUS } from "../../schema/fields/location";
import { fieldTypes, type FieldTypeName } from "../../schema/fields/registry";
import type { Field } from "../../schema/model";
import type { StoredRecord } from "../../schema/records";
import type { StoredCell } from "../../schema/values";
import type { TroveApp } from "../app";
import { toHtml } from "../engine/html";
import { Renderer } from "../engine/renderer";
import { CALLBACK_PARAM } from "../protocol";
import { Checkbox } from "./checkbox";
import { choiceColors } from "../../schema/fields/choice";
import { choicesOf } from "./grid-chips";
import { BULK_FORM_ID, recordRow, recordRowMarkup, type RowContext } from "./grid-rows";
import type { GridTable } from "./grid-table";
import { TablePage } from "./table-page";

// ---- the JSX the rows were written with before (grid-rows.tsx, table-grid.tsx, grid-chips.tsx) ----

function linkedSummary(names: readonly string[]): string {
  if (names.length <= 3) return names.join(", ");
  return `${names.length}: ${names.slice(0, 3).join(", ")}, …`;
}

function jsxRecordRow(r: Renderer<TroveApp>, page: GridTable, record: StoredRecord, n: number, rows: RowContext, repeat = 0) {
  const { tableId } = page.state;
  if (repeat > 0) rows = { ...rows, canWrite: false };
  return (
    <tr id={repeat > 0 ? `rec-${record.id}-${repeat}` : `rec-${record.id}`} class={repeat > 0 ? "repeat" : undefined} data-region data-record={record.id}>
      <th class="row-head" scope="row">
        <span class="row-head-inner">
          {rows.canWrite && <input type="checkbox" class="row-select" form={BULK_FORM_ID} name={r.input(page, page.pick, null, record.id)} aria-label={`Select record ${n}`} />}
          <a href={r.hrefTo(`tables/${tableId}/records/${record.id}`, page, page.openRecord, null, record.id)} aria-label={`Open record ${n}`}>{n}</a>
        </span>
      </th>
      {rows.fields.map((field, i) => jsxGridCell(r, page, field, record, n, rows.canWrite, repeat === 0 && i === 0 && page.state.focus === record.id, rows.pending.has(`${record.id}/${field.id}`), repeat === 0))}
      {rows.backlinks.map((b) => (
        <td class="cell backlink" title={(b.names.get(record.id) ?? []).join(", ")}>{linkedSummary(b.names.get(record.id) ?? [])}</td>
      ))}
      {rows.canBuild && <td class="add-column" />}
    </tr>
  );
}

const PALETTE = new Set<string>(choiceColors);

function jsxCellChips(field: Field, cell: StoredCell | undefined) {
  if ((field.type !== "choice" && field.type !== "multiChoice") || !cell || cell.invalid !== undefined || cell.value === null) return null;
  const ids = Array.isArray(cell.value) ? cell.value : [cell.value];
  const choices = choicesOf(field);
  const shown = ids.flatMap((id) => choices.filter((c) => c.id === id));
  if (shown.length === 0) return null;
  return (
    <span class="cell-chips" aria-hidden="true">
      {shown.map((c) => <span class={`chip chip-${PALETTE.has(c.color) ? c.color : "gray"}`}>{c.label}</span>)}
    </span>
  );
}

function jsxGridCell(r: Renderer<TroveApp>, page: GridTable, field: Field, record: StoredRecord, n: number, canWrite: boolean, focus = false, pending = false, send = true) {
  const cell = record.cells[field.id];
  if (pending) {
    return (
      <td class="cell computed pending" data-type={field.type}>
        <input value="" placeholder="recomputing…" aria-label={`${field.name} of record ${n}`} title="Being recomputed" aria-busy="true" readonly />
      </td>
    );
  }
  const bad = cell?.invalid !== undefined;
  const shown = r.app.display(field, cell);
  const computed = field.derived !== undefined;
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
        <Checkbox name={name} unticked={cell ? "no" : ""} commit="no" checked={cell?.value === true} disabled={!canWrite || computed} label={`${field.name} of record ${n}`} />
      </td>
    );
  }
  const chips = jsxCellChips(field, cell);
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
      {canWrite && !computed && field.type === "link" && <a href={`?${r.address.query}&${CALLBACK_PARAM}=${r.action(page, page.pickLinks, field.id, record.id)}`} aria-label={`Pick ${field.name} of record ${n}`}>▾</a>}
      {ambiguous && <a class="pick-place" href={`?${r.address.query}&${CALLBACK_PARAM}=${r.action(page, page.pickPlace, field.id, record.id)}`} aria-label={`Choose the place meant by ${field.name} of record ${n}`} title="Several places have this name: choose one">▾</a>}
    </td>
  );
}

// ---- a grid with every field type ----

const HOSTILE = `<script>alert("x&y")</script> 'quoted' & "double" </td></tr><!--`;

/** The page the rows belong to, rendered as nothing (the rows are what is compared). */
class RowsOnly extends TablePage {
  override render() {
    return <span />;
  }
}

/** A renderer whose callback ids are hostile too (they go into names and links) and the
 *  same for the same callback, as a session's are. */
function renderer(display: (field: Field, cell: StoredCell | undefined) => string) {
  const ids = new Map<string, string>();
  const registrar = {
    register: (path: string, handler: string, arg: unknown, kind: string, keyed: boolean) => {
      const key = JSON.stringify([path, handler, arg, kind, keyed]);
      if (!ids.has(key)) ids.set(key, `cb${ids.size}"<&'>`);
      return ids.get(key)!;
    },
  };
  const app = { display } as unknown as TroveApp;
  const r = new Renderer<TroveApp>(app, registrar, { base: "/t/db/", here: "tables/t1", query: `k=key&x="<'>` });
  const page = new RowsOnly(TablePage.create("t1").state);
  r.renderAt(page, "");
  return { r, page };
}

const CHOICES = [
  { id: "c1", label: HOSTILE, color: "blue" },
  { id: "c2", label: "Brass & Winds", color: `red" onmouseover="x` },
  { id: "c3", label: "Plain", color: "green" },
];

/** Every field type, plain and computed, named with hostile text. */
function everyField(name: string): Field[] {
  return (Object.keys(fieldTypes) as FieldTypeName[]).flatMap((type, i) => {
    const options = type === "choice" || type === "multiChoice" ? { choices: CHOICES } : type === "link" ? { tableId: "t2", multiple: true } : null;
    const field = { id: `f${i}`, name: `${name} ${type}`, type, options } as Field;
    return [field, { ...field, id: `d${i}`, derived: { expr: {} } } as unknown as Field];
  });
}

/** Cells of every kind for a field of `type`, with `text` as what was typed. */
function cellsFor(type: FieldTypeName, text: string): (StoredCell | undefined)[] {
  const value = type === "checkbox" ? true : type === "choice" ? "c1" : type === "multiChoice" ? ["c1", "c2", "nope"] : text;
  return [
    undefined,
    { text, value },
    { text, value: null },
    { text, value: null, invalid: `${HOSTILE} ${text}` },
    { text, value: null, invalid: `${AMBIGUOUS}: ${text}` },
    { text: `${text}\n  second line`, value },
    { text: "", value: type === "checkbox" ? false : type === "choice" ? "gone" : value },
  ];
}

function records(fields: readonly Field[], text: string): StoredRecord[] {
  const kinds = cellsFor("text", text).length;
  return Array.from({ length: kinds }, (_, k) => ({
    id: `r${k}`,
    tableId: "t1",
    createdAt: 0,
    cells: Object.fromEntries(fields.flatMap((f) => {
      const cell = cellsFor(f.type, text)[k];
      return cell ? [[f.id, cell]] : [];
    })),
  }));
}

async function bothWays(fields: Field[], text: string, flags: { canWrite: boolean; canBuild: boolean; repeat: number; focus: boolean; pending: boolean }) {
  const { r, page } = renderer((_field, cell) => cell?.text ?? "");
  const recs = records(fields, text);
  if (flags.focus) page.state.focus = recs[1]!.id;
  const rows: RowContext = {
    fields,
    backlinks: [{ label: HOSTILE, names: new Map([["r1", [HOSTILE, "Ben", "Cy", text]], ["r2", [text]]]) }],
    canWrite: flags.canWrite,
    canBuild: flags.canBuild,
    pending: new Set(flags.pending ? [`r3/${fields[0]!.id}`, `r1/${fields[3]!.id}`] : []),
  };
  const out: { jsx: string; markup: string }[] = [];
  for (const [i, record] of recs.entries()) {
    const jsx = await toHtml(jsxRecordRow(r, page, record, i + 1, rows, flags.repeat));
    const markup = recordRowMarkup(r, page, record, i + 1, rows, flags.repeat);
    out.push({ jsx, markup });
  }
  return out;
}

const FLAGS = [
  { canWrite: true, canBuild: true, repeat: 0, focus: true, pending: true },
  { canWrite: true, canBuild: false, repeat: 0, focus: false, pending: false },
  { canWrite: true, canBuild: true, repeat: 2, focus: true, pending: false },
  { canWrite: false, canBuild: false, repeat: 0, focus: false, pending: true },
];

describe("the grid's rows, written without JSX (issue 17)", () => {
  it("are byte for byte the rows the JSX wrote: every field type, every kind of cell, hostile text", async () => {
    for (const flags of FLAGS) {
      for (const { jsx, markup } of await bothWays(everyField(HOSTILE), HOSTILE, flags)) expect(markup).toBe(jsx);
    }
  });

  it("escape what was typed: no tag, quote or ampersand of it reaches the page unescaped", async () => {
    const [, row] = await bothWays(everyField(HOSTILE), HOSTILE, FLAGS[0]!);
    const html = row!.markup;
    expect(html).not.toContain("<script>");
    expect(html).not.toContain(`"double"`);
    expect(html).not.toContain(`onmouseover="x`);
    expect(html).toContain("&lt;script&gt;alert(&quot;x&amp;y&quot;)&lt;/script&gt; &#39;quoted&#39; &amp; &quot;double&quot;");
    // Every tag in the row is one the row writes (nothing typed became a tag).
    expect(new Set([...html.matchAll(/<\/?([a-z]+)/g)].map((m) => m[1]))).toEqual(new Set(["tr", "th", "span", "input", "a", "td"]));
  });

  it("are the same for any text typed (property)", async () => {
    const fields = everyField("F");
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: fc.constantFrom("<", ">", "&", '"', "'", "a", " ", "\n", "é", "▾", "=", "/") }), async (text) => {
        for (const { jsx, markup } of await bothWays(fields, text, FLAGS[0]!)) expect(markup).toBe(jsx);
      }),
      { numRuns: 40 },
    );
  });

  it("go into a JSX page as they are", async () => {
    const { r, page } = renderer(() => "Ada");
    const record: StoredRecord = { id: "r1", tableId: "t1", createdAt: 0, cells: {} };
    const rows: RowContext = { fields: everyField("F").slice(0, 2), backlinks: [], canWrite: true, canBuild: false, pending: new Set() };
    const html = await toHtml(<tbody>{recordRow(r, page, record, 1, rows)}</tbody>);
    expect(html).toBe(`<tbody>${recordRowMarkup(r, page, record, 1, rows)}</tbody>`);
    expect(html).toContain('<tr id="rec-r1" data-region="true" data-record="r1">');
  });
});
