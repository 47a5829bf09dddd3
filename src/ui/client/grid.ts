// Keyboard movement in any `table[data-grid]` of inputs, as in a spreadsheet: arrows move
// between cells (left and right only from the ends of the text), Enter moves down, Tab to the
// next cell (past a row's end, the next row's first; past the last row, the blank new-record
// row), Escape puts back what the cell held. It keeps the cursor on the same cell (by the
// row's `data-record` and the field its column's header names) when a render moves rows around, and after
// a record is made from the new-record row (`data-new-row`) it goes on in that record.
// Generic: it knows tables, inputs and those attributes, not Trove's screens.

import { installColumns } from "./grid-columns";
import { installTypeahead } from "./typeahead";
import { blockKey, cellInput, cellOf, fieldOf, type GridPorts, installBlocks } from "./grid-block";

const NEW_ROW = "tr[data-new-row]";

function focusCell(input: HTMLInputElement): void {
  input.focus();
  if (input.type !== "checkbox") input.select();
}

function move(input: HTMLInputElement, rows: number, columns: number): boolean {
  const cell = input.closest("td, th");
  const row = cell?.parentElement;
  const table = input.closest("table");
  if (!(cell instanceof HTMLTableCellElement) || !(row instanceof HTMLTableRowElement) || !table) return false;
  let r = row.rowIndex + rows;
  let c = cell.cellIndex + columns;
  // Skip cells without inputs (row headers, the add-field column).
  for (let steps = 0; steps < 50; steps++) {
    const next = cellInput(table.rows[r]?.cells[c]);
    if (next) {
      focusCell(next);
      return true;
    }
    if (!table.rows[r] || c < 0 || c >= (table.rows[r]?.cells.length ?? 0)) return false;
    r += rows;
    c += columns;
  }
  return false;
}

/** Tab: the next cell with an input in reading order (row headers and links skipped). */
function tab(input: HTMLInputElement, back: boolean): boolean {
  const table = input.closest("table");
  if (!table) return false;
  const inputs = [...table.querySelectorAll<HTMLInputElement>("td input:not([type=hidden])")].filter((input) => fieldOf(input.closest("td")) !== null);
  const next = inputs[inputs.indexOf(input) + (back ? -1 : 1)];
  if (!next) return false;
  focusCell(next);
  return true;
}

/** Where the cursor is, by record and field, so a render that moves rows keeps it there. */
interface Spot {
  record: string | null;
  field: string;
  input: HTMLInputElement;
}

function spotOf(el: Element | null): Spot | null {
  if (!(el instanceof HTMLInputElement) || !el.closest("table[data-grid]")) return null;
  const field = fieldOf(el.closest("td"));
  const row = el.closest("tr");
  if (!field || !row) return null;
  return { record: row.getAttribute("data-record"), field, input: el };
}

function inputAt(table: Element, record: string | null, field: string): HTMLInputElement | null {
  const row = record === null ? table.querySelector(NEW_ROW) : table.querySelector(`tr[data-record="${CSS.escape(record)}"]`);
  return cellInput(cellOf(row, field));
}

/** A record being made from the new-record row: the field typed in, and the rows before. */
let making: { field: string; known: Set<string> } | null = null;
let before: Spot | null = null;

function recordIds(table: Element): Set<string> {
  return new Set([...table.querySelectorAll("tr[data-record]")].map((tr) => tr.getAttribute("data-record") ?? ""));
}

function afterRender(own: boolean): void {
  const table = document.querySelector("table[data-grid]");
  const active = document.activeElement;
  const lost = !active || active === document.body;
  if (!table) return;
  if (own && making) {
    const made = making;
    making = null;
    const fresh = [...table.querySelectorAll("tr[data-record]")].filter((tr) => !made.known.has(tr.getAttribute("data-record") ?? ""));
    const record = fresh[fresh.length - 1]?.getAttribute("data-record") ?? null;
    const spot = lost ? null : spotOf(active);
    // Tab went on to another cell of the new-record row: that cell is the new record's now.
    if (record !== null && spot && spot.record === null && spot.input.value === "") {
      const there = inputAt(table, record, spot.field);
      if (there) {
        focusCell(there);
        return;
      }
    }
    // Enter left the row: the next record starts in the same column.
    if (lost) {
      const again = inputAt(table, null, made.field);
      if (again) {
        focusCell(again);
        return;
      }
    }
  }
  // The cell the cursor was in is still shown but lost the cursor (its row moved).
  if (before && (lost || (table.contains(active) && spotOf(active)?.input !== before.input))) {
    const spot = spotOf(active);
    if (spot && spot.record === before.record && spot.field === before.field) return;
    const again = before.record === null ? null : inputAt(table, before.record, before.field);
    if (again && (lost || !spot || spot.input !== again)) focusCell(again);
  }
}

export function installGrid(ports: GridPorts): void {
  document.addEventListener("trove:before-render", () => {
    before = spotOf(document.activeElement);
  });
  document.addEventListener("trove:rendered", (event) => {
    afterRender((event as CustomEvent<{ own: boolean }>).detail?.own === true);
    before = null;
  });
  // A value typed in the new-record row is about to make a record (the runtime sends it).
  document.addEventListener(
    "change",
    (event) => {
      const spot = spotOf(event.target instanceof Element ? event.target : null);
      const table = spot?.input.closest("table[data-grid]");
      if (spot && table && spot.record === null && spot.input.closest(NEW_ROW) && (spot.input.type === "checkbox" ? spot.input.checked : spot.input.value.trim() !== "")) {
        making = { field: spot.field, known: recordIds(table) };
      }
    },
    true,
  );
  document.addEventListener("keydown", (event) => {
    const input = event.target;
    if (!(input instanceof HTMLInputElement) || !input.closest("table[data-grid]") || event.altKey || event.metaKey || event.ctrlKey) return;
    if (blockKey(event, input)) return;
    // A checkbox has no caret: left and right always move.
    const text = input.selectionStart !== null;
    const atStart = !text || (input.selectionStart === 0 && input.selectionEnd === 0);
    const atEnd = !text || (input.selectionStart === input.value.length && input.selectionEnd === input.value.length);
    let moved = false;
    switch (event.key) {
      case "ArrowDown":
        moved = move(input, 1, 0);
        break;
      case "ArrowUp":
        moved = move(input, -1, 0);
        break;
      case "Tab":
        moved = tab(input, event.shiftKey);
        break;
      case "Enter":
        moved = move(input, event.shiftKey ? -1 : 1, 0);
        if (!moved) input.blur(); // the last row: still commit
        moved = true;
        break;
      case "ArrowLeft":
        if (atStart) moved = move(input, 0, -1);
        break;
      case "ArrowRight":
        if (atEnd) moved = move(input, 0, 1);
        break;
      case "Escape":
        if (input.type === "checkbox") input.checked = input.defaultChecked;
        else input.value = input.defaultValue;
        input.select();
        moved = true;
        break;
    }
    if (moved) event.preventDefault();
  });
  installBlocks(ports);
  installColumns(ports);
  installTypeahead();
}
