// Type-ahead from a <datalist>: an input naming one in `data-list` — or a grid cell whose
// column header names one — is tied to it (`list`) while it has the focus, and only then — Chromium crashed when a render morphed many inputs
// tied to datalists. For lists typed in one input ("Red, Gr…"), a datalist with `data-multi`
// gets suggestions for the part after the last comma or semicolon, each as the whole new
// value (the parts typed so far, then the option), leaving out options already chosen. The
// browser's datalist shows and filters them as usual. Generic.

const SEPARATORS = /[,;]/;

function suggest(input: HTMLInputElement): void {
  const list = input.list;
  if (!list?.hasAttribute("data-multi")) return;
  for (const old of list.querySelectorAll("option[data-typed]")) old.remove();
  const value = input.value;
  const cut = Math.max(value.lastIndexOf(","), value.lastIndexOf(";"));
  if (cut < 0) return;
  const typed = value.slice(0, cut + 1);
  const chosen = new Set(typed.split(SEPARATORS).map((part) => part.trim().toLowerCase()));
  const prefix = `${typed.trimEnd()} `;
  for (const option of [...list.options]) {
    if (chosen.has(option.value.trim().toLowerCase())) continue;
    const made = document.createElement("option");
    made.value = `${prefix}${option.value}`;
    made.setAttribute("data-typed", "");
    list.appendChild(made);
  }
}

/** The datalist an input names, or its grid column's header names (rows stay small). */
function listOf(input: HTMLInputElement): string | null {
  const own = input.getAttribute("data-list");
  if (own) return own;
  const cell = input.closest("td");
  if (!(cell instanceof HTMLTableCellElement) || input.type !== "text" || input.readOnly) return null;
  return cell.closest("table")?.tHead?.rows[0]?.cells[cell.cellIndex]?.getAttribute("data-list") ?? null;
}

function tie(el: EventTarget | Element | null): HTMLInputElement | null {
  if (!(el instanceof HTMLInputElement)) return null;
  const id = listOf(el);
  if (id && el.getAttribute("list") !== id) el.setAttribute("list", id);
  return id ? el : null;
}

export function installTypeahead(): void {
  document.addEventListener("focusin", (event) => tie(event.target));
  document.addEventListener("focusout", (event) => {
    if (event.target instanceof HTMLInputElement && listOf(event.target)) event.target.removeAttribute("list");
  });
  // A render takes the attribute away (the server never sends it): tie the cursor's again.
  document.addEventListener("trove:rendered", () => tie(document.activeElement));
  document.addEventListener("input", (event) => {
    const input = tie(event.target);
    if (input?.list) suggest(input);
  });
}
