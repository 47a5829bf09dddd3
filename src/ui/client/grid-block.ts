// Blocks of cells in a `table[data-grid]`: select one with Shift+arrows or Shift+click, copy
// it out as TSV, and paste a block copied from a spreadsheet (TSV or an HTML table on the
// clipboard) from the selected cell: the runtime sends the block, with the records and fields
// it lands on and what each cell showed, to the table's `data-paste` input callback; rows
// past the last record become new records there. A paste too big for one step says so and
// offers the table's `data-import` address. Shift+click on a row's `.row-select` box ticks
// the range from the last one clicked. Generic: cells are the `td`s in rows with
// `data-record` (or the new-record row, `data-new-row`) under a header naming each column's
// field (`th[data-field]`).

import { type Block, clipboardBlock, toTsv } from "./clipboard";

/** Bounds of one paste; the object checks them again (schema/paste.ts). */
const MAX_PASTE_CELLS = 5000;
/** The socket frame carries at most 256 KB: room for the names and the JSON around it. */
const MAX_PASTE_JSON = 240_000;

export interface GridPorts {
  /** Sends input values as one event, as a cell's commit does. */
  send(fields: [string, string][], from: Element): void;
  notice(text: string, kind: "info" | "error", link?: { href: string; label: string }): void;
}

export function cellInput(cell: Element | null | undefined): HTMLInputElement | null {
  return cell?.querySelector<HTMLInputElement>("input:not([type=hidden])") ?? null;
}

/** The field of a cell: named once, on its column's header (`th[data-field]`), so each row
 *  (and a live update of one) stays small. */
export function fieldOf(cell: Element | null | undefined): string | null {
  if (!(cell instanceof HTMLTableCellElement) || cell.tagName !== "TD") return null;
  const head = cell.closest("table")?.tHead?.rows[0];
  return head?.cells[cell.cellIndex]?.getAttribute("data-field") ?? null;
}

/** A row's cell of a field. */
export function cellOf(row: Element | null | undefined, field: string): HTMLTableCellElement | null {
  if (!(row instanceof HTMLTableRowElement)) return null;
  return [...row.cells].find((td) => fieldOf(td) === field) ?? null;
}

type Rows = HTMLTableRowElement[];

function gridRows(table: HTMLTableElement): Rows {
  return [...table.rows].filter((tr) => tr.hasAttribute("data-record") || tr.hasAttribute("data-new-row"));
}

function fieldCells(row: HTMLTableRowElement): HTMLTableCellElement[] {
  return [...row.cells].filter((td) => fieldOf(td) !== null);
}

/** A cell by position among the grid's rows and field cells. */
interface At {
  row: number;
  col: number;
}

function positionOf(el: Element): { table: HTMLTableElement; at: At } | null {
  const td = el.closest("td");
  const tr = td?.parentElement;
  const table = td?.closest("table[data-grid]");
  if (!(td instanceof HTMLTableCellElement) || !(tr instanceof HTMLTableRowElement) || !(table instanceof HTMLTableElement) || fieldOf(td) === null) return null;
  const row = gridRows(table).indexOf(tr);
  const col = fieldCells(tr).indexOf(td);
  return row < 0 || col < 0 ? null : { table, at: { row, col } };
}

/** The selected block, by record and field ids so it survives renders. */
let block: { anchor: [string, string]; extent: [string, string] } | null = null;

function idsAt(table: HTMLTableElement, at: At): [string, string] | null {
  const tr = gridRows(table)[at.row];
  const field = tr && fieldOf(fieldCells(tr)[at.col]);
  return tr && field ? [tr.getAttribute("data-record") ?? "", field] : null;
}

function atOf(table: HTMLTableElement, [record, field]: [string, string]): At | null {
  const rows = gridRows(table);
  const row = rows.findIndex((tr) => (tr.getAttribute("data-record") ?? "") === record);
  const col = row < 0 ? -1 : fieldCells(rows[row]!).findIndex((td) => fieldOf(td) === field);
  return row < 0 || col < 0 ? null : { row, col };
}

/** The block as a rectangle of positions (top-left, bottom-right), or null. */
function rectangle(table: HTMLTableElement): [At, At] | null {
  if (!block) return null;
  const a = atOf(table, block.anchor);
  const b = atOf(table, block.extent);
  if (!a || !b) return null;
  return [{ row: Math.min(a.row, b.row), col: Math.min(a.col, b.col) }, { row: Math.max(a.row, b.row), col: Math.max(a.col, b.col) }];
}

function paint(): void {
  for (const td of document.querySelectorAll("td.in-block")) td.classList.remove("in-block");
  const table = document.querySelector<HTMLTableElement>("table[data-grid]");
  const rect = table && rectangle(table);
  if (!table || !rect) return;
  gridRows(table).slice(rect[0].row, rect[1].row + 1).forEach((tr) => {
    for (const td of fieldCells(tr).slice(rect[0].col, rect[1].col + 1)) td.classList.add("in-block");
  });
}

function extendTo(table: HTMLTableElement, from: At, to: At): void {
  const anchor = block && atOf(table, block.anchor) ? block.anchor : idsAt(table, from);
  const extent = idsAt(table, to);
  block = anchor && extent ? { anchor, extent } : null;
  paint();
}

export function clearBlock(): void {
  if (!block) return;
  block = null;
  paint();
}

/** Shift+arrows grow the block; other keys that move clear it. True when the key was taken. */
export function blockKey(event: KeyboardEvent, input: HTMLInputElement): boolean {
  const steps: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
  const step = steps[event.key];
  if (!step || !event.shiftKey) {
    if (step || event.key === "Tab" || event.key === "Enter" || event.key === "Escape") clearBlock();
    return false;
  }
  // Up and down always grow the block (a one-line input has no use for them); left and
  // right do once there is a block, or from the end of the text they point to.
  const text = input.type !== "checkbox" && input.selectionStart !== null;
  const atStart = !text || (input.selectionStart === 0 && input.selectionEnd === 0);
  const atEnd = !text || input.selectionEnd === input.value.length;
  const whole = !text || (input.selectionStart === 0 && input.selectionEnd === input.value.length);
  const takes = step[1] === 0 || block !== null || whole || (step[1] < 0 ? atStart : atEnd);
  const where = positionOf(input);
  if (!takes || !where) return false;
  const { table } = where;
  const rect = block ? atOf(table, block.extent) : null;
  const from = rect ?? where.at;
  const rows = gridRows(table);
  const to = { row: Math.max(0, Math.min(rows.length - 1, from.row + step[0])), col: Math.max(0, from.col + step[1]) };
  if (to.col >= fieldCells(rows[to.row]!).length) to.col = from.col;
  extendTo(table, block ? (atOf(table, block.anchor) ?? where.at) : where.at, to);
  event.preventDefault();
  return true;
}

/** What a cell holds as text, for copying. */
function cellText(td: Element): string {
  const input = cellInput(td);
  if (!input) return "";
  if (input.type === "checkbox") return input.checked ? "yes" : "";
  // Multi-line text is shown on one line with ⏎ marks.
  return input.readOnly ? input.value.replace(/ ⏎ /g, "\n") : input.value;
}

function copyBlock(event: ClipboardEvent): void {
  const table = document.querySelector<HTMLTableElement>("table[data-grid]");
  const rect = table && rectangle(table);
  if (!table || !rect || !event.clipboardData) return;
  if (rect[0].row === rect[1].row && rect[0].col === rect[1].col) return; // one cell: the text selection
  const rows: Block = gridRows(table)
    .slice(rect[0].row, rect[1].row + 1)
    .filter((tr) => tr.hasAttribute("data-record"))
    .map((tr) => fieldCells(tr).slice(rect[0].col, rect[1].col + 1).map(cellText));
  event.clipboardData.setData("text/plain", toTsv(rows));
  event.preventDefault();
}

function pasteBlock(event: ClipboardEvent, ports: GridPorts): void {
  const target = event.target instanceof Element ? event.target : null;
  const where = target && positionOf(target);
  const data = event.clipboardData;
  if (!where || !data) return;
  const { table } = where;
  const name = table.getAttribute("data-paste");
  const rows = clipboardBlock(data.getData("text/plain"), data.getData("text/html"), (html) => new DOMParser().parseFromString(html, "text/html"));
  if (!rows || !name) return; // one value: the input takes it as typed
  event.preventDefault();
  const rect = rectangle(table);
  const start = rect ? rect[0] : where.at;
  const shown = gridRows(table);
  const startRow = shown[start.row]!;
  const width = Math.max(...rows.map((r) => r.length));
  const columns = fieldCells(startRow).slice(start.col, start.col + width);
  const cells = rows.reduce((n, r) => n + Math.min(r.length, columns.length), 0);
  const fieldIds = columns.map((td) => fieldOf(td) ?? "");
  const below = shown.slice(start.row).filter((tr) => tr.hasAttribute("data-record")).slice(0, rows.length);
  const bases = below.map((tr) =>
    fieldIds.map((f) => {
      const input = cellInput(cellOf(tr, f));
      return input && input.type !== "checkbox" && !input.readOnly ? input.defaultValue : null;
    }),
  );
  const json = JSON.stringify({ fieldIds, recordIds: below.map((tr) => tr.getAttribute("data-record") ?? ""), rows, bases });
  if (cells > MAX_PASTE_CELLS || json.length > MAX_PASTE_JSON) {
    const importer = table.getAttribute("data-import");
    const size = cells > MAX_PASTE_CELLS ? `${cells.toLocaleString("en")} cells; the grid takes at most ${MAX_PASTE_CELLS.toLocaleString("en")} at a time` : "too much text for one paste";
    ports.notice(`Nothing was pasted: that block is ${size} (${rows.length.toLocaleString("en")} rows). Paste it in parts${importer ? ", or import it into this table" : ""}.`, "error", importer ? { href: importer, label: "Import…" } : undefined);
    return;
  }
  clearBlock();
  ports.send([[name, json]], target);
}

/** The last row box clicked, for Shift+click ranges. */
let lastPicked: HTMLInputElement | null = null;

function pickRange(event: MouseEvent): void {
  const box = event.target;
  if (!(box instanceof HTMLInputElement) || !box.classList.contains("row-select")) return;
  const boxes = [...document.querySelectorAll<HTMLInputElement>("table[data-grid] input.row-select")];
  if (event.shiftKey && lastPicked && lastPicked !== box && boxes.includes(lastPicked)) {
    const [a, b] = [boxes.indexOf(lastPicked), boxes.indexOf(box)].sort((x, y) => x - y);
    for (const other of boxes.slice(a, (b ?? 0) + 1)) other.checked = box.checked;
  }
  lastPicked = box;
}

export function installBlocks(ports: GridPorts): void {
  document.addEventListener("copy", copyBlock);
  document.addEventListener("paste", (event) => pasteBlock(event, ports));
  document.addEventListener("click", pickRange);
  // Shift+click on a cell: the block from the cell with the cursor to that one.
  document.addEventListener("mousedown", (event) => {
    const target = event.target instanceof Element ? event.target : null;
    const to = target && positionOf(target);
    if (!to) return;
    if (!event.shiftKey) {
      clearBlock();
      return;
    }
    const from = document.activeElement && positionOf(document.activeElement);
    if (!from || from.table !== to.table) return;
    event.preventDefault(); // keep the cursor where the block started
    extendTo(to.table, from.at, to.at);
  });
  document.addEventListener("trove:rendered", paint);
}
