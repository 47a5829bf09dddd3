// Keyboard movement in any `table[data-grid]` of inputs, as in a spreadsheet: arrows move
// between cells (left and right only from the ends of the text), Enter moves down, Escape
// puts back what the cell held. Generic: it knows tables and inputs, not Trove's screens.

function cellInput(table: HTMLTableElement, row: number, column: number): HTMLInputElement | null {
  const cell = table.rows[row]?.cells[column];
  return cell?.querySelector<HTMLInputElement>("input:not([type=hidden])") ?? null;
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
    const next = cellInput(table, r, c);
    if (next) {
      next.focus();
      next.select();
      return true;
    }
    if (!table.rows[r] || c < 0 || c >= (table.rows[r]?.cells.length ?? 0)) return false;
    r += rows;
    c += columns;
  }
  return false;
}

export function installGridKeys(): void {
  document.addEventListener("keydown", (event) => {
    const input = event.target;
    if (!(input instanceof HTMLInputElement) || !input.closest("table[data-grid]") || event.altKey || event.metaKey || event.ctrlKey) return;
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
}
