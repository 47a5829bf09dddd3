// Columns of a `table[data-grid]` resized and reordered by dragging their headers. A header
// `th[data-field]` with `data-resize` (an input callback) has a `.col-resize` handle on its
// right edge: dragging it sets the width live, and the width in pixels is sent on release.
// A header with `data-move` can be dragged sideways onto another: on release the field it now
// comes before (or "" for the end) is sent. A drag never follows the header's sort link.
// Generic: it knows those attributes, not Trove's screens.

import type { GridPorts } from "./grid-block";

const MIN_WIDTH = 60;
const MAX_WIDTH = 800;
/** A press that moves less than this is a click, not a drag. */
const DRAG_PX = 6;

const clamp = (width: number) => Math.max(MIN_WIDTH, Math.min(MAX_WIDTH, Math.round(width)));

/** After a drag, the click that ends it must not run the header's link. */
function swallowNextClick(): void {
  const swallow = (event: Event) => {
    event.preventDefault();
    event.stopImmediatePropagation();
  };
  window.addEventListener("click", swallow, { capture: true, once: true });
  // A release outside the header sends no click: stop waiting for one.
  window.setTimeout(() => window.removeEventListener("click", swallow, { capture: true }), 0);
}

function resize(event: PointerEvent, th: HTMLTableCellElement, name: string, ports: GridPorts): void {
  event.preventDefault();
  const startX = event.clientX;
  const start = th.getBoundingClientRect().width;
  th.classList.add("resizing");
  const widthAt = (e: PointerEvent) => clamp(start + e.clientX - startX);
  const onMove = (e: PointerEvent) => {
    const width = `${widthAt(e)}px`;
    th.style.width = width;
    th.style.minWidth = width;
  };
  const onUp = (e: PointerEvent) => {
    window.removeEventListener("pointermove", onMove);
    th.classList.remove("resizing");
    swallowNextClick();
    const width = widthAt(e);
    if (Math.abs(width - start) < 2) {
      th.style.width = "";
      th.style.minWidth = "";
      return;
    }
    ports.send([[name, String(width)]], th);
  };
  window.addEventListener("pointermove", onMove);
  window.addEventListener("pointerup", onUp, { once: true });
}

function move(event: PointerEvent, th: HTMLTableCellElement, name: string, ports: GridPorts): void {
  const row = th.parentElement;
  if (!row) return;
  const heads = [...row.querySelectorAll<HTMLTableCellElement>("th[data-field]")];
  const startX = event.clientX;
  let dragging = false;
  let drop: { head: HTMLTableCellElement; before: boolean } | null = null;
  const mark = () => {
    for (const head of heads) head.classList.remove("drop-before", "drop-after");
    if (drop) drop.head.classList.add(drop.before ? "drop-before" : "drop-after");
  };
  const onMove = (e: PointerEvent) => {
    if (!dragging && Math.abs(e.clientX - startX) < DRAG_PX) return;
    if (!dragging) {
      dragging = true;
      th.classList.add("dragging");
    }
    const over = heads.find((head) => {
      const rect = head.getBoundingClientRect();
      return e.clientX >= rect.left && e.clientX < rect.right;
    });
    if (over) {
      const rect = over.getBoundingClientRect();
      drop = { head: over, before: e.clientX < rect.left + rect.width / 2 };
    }
    mark();
  };
  const onUp = () => {
    window.removeEventListener("pointermove", onMove);
    if (!dragging) return;
    th.classList.remove("dragging");
    swallowNextClick();
    const target = drop;
    drop = null;
    mark();
    if (!target) return;
    const at = heads.indexOf(target.head) + (target.before ? 0 : 1);
    const before = heads[at];
    // Dropped where it already is: nothing to send.
    if (before === th || heads[at - 1] === th) return;
    ports.send([[name, before?.getAttribute("data-field") ?? ""]], th);
  };
  window.addEventListener("pointermove", onMove);
  window.addEventListener("pointerup", onUp, { once: true });
}

export function installColumns(ports: GridPorts): void {
  document.addEventListener("pointerdown", (event) => {
    if (event.button !== 0) return;
    const target = event.target instanceof Element ? event.target : null;
    const th = target?.closest<HTMLTableCellElement>("table[data-grid] th[data-field]");
    if (!target || !th) return;
    const resizeName = th.getAttribute("data-resize");
    if (target.closest(".col-resize") && resizeName) return resize(event, th, resizeName, ports);
    const moveName = th.getAttribute("data-move");
    if (moveName && !target.closest(".menu, .menu-button, .invalid-count, input, select, button")) move(event, th, moveName, ports);
  });
  // A header's link would start the browser's own drag of its address instead.
  document.addEventListener("dragstart", (event) => {
    if (event.target instanceof Element && event.target.closest("table[data-grid] th[data-move]")) event.preventDefault();
  });
}
