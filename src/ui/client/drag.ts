// Dragging with the mouse: an element marked `data-drag` (its value: an input callback's
// name) dropped on one marked `data-drop` (its value: what to send) sends that value to that
// input, as if typed. Generic: it knows these two attributes, not Trove's screens. The
// element under the pointer is found with elementsFromPoint, so a drop lands on the target
// even where other things (say, an event bar across several days) are drawn over it.

export function installDrag(send: (name: string, value: string, source: HTMLElement) => void): void {
  let dragged: HTMLElement | null = null;
  let over: HTMLElement | null = null;
  // Pages may say "drag it" only where dragging works.
  document.documentElement.classList.add("can-drag");

  const targetAt = (event: DragEvent): HTMLElement | null => {
    for (const el of document.elementsFromPoint(event.clientX, event.clientY)) {
      const target = el.closest<HTMLElement>("[data-drop]");
      if (target) return target;
    }
    return null;
  };
  const mark = (target: HTMLElement | null) => {
    if (target === over) return;
    over?.classList.remove("drop-over");
    target?.classList.add("drop-over");
    over = target;
  };
  const end = () => {
    dragged?.classList.remove("dragging");
    document.documentElement.classList.remove("is-dragging");
    mark(null);
    dragged = null;
  };

  document.addEventListener("dragstart", (event) => {
    const el = event.target instanceof Element ? event.target.closest<HTMLElement>("[data-drag]") : null;
    if (!el || !event.dataTransfer) return;
    dragged = el;
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", el.textContent ?? "");
    el.classList.add("dragging");
    document.documentElement.classList.add("is-dragging");
  });
  document.addEventListener("dragover", (event) => {
    if (!dragged) return;
    const target = targetAt(event);
    mark(target);
    if (!target) return;
    event.preventDefault();
    if (event.dataTransfer) event.dataTransfer.dropEffect = "move";
  });
  document.addEventListener("drop", (event) => {
    const source = dragged;
    const target = source && targetAt(event);
    if (!source || !target) return;
    event.preventDefault();
    const name = source.dataset.drag;
    const value = target.dataset.drop;
    end();
    if (name && value !== undefined) send(name, value, source);
  });
  document.addEventListener("dragend", end);
}
