// Dialogs and keyboard shortcuts for any page, whatever renders it. Generic: it knows the
// `[role=dialog]` role, a `.backdrop` around a dialog, `[data-dismiss]` (the dialog's way
// out: a Cancel or Close button or link) and `[data-shortcut="undo"|"redo"]`, nothing of
// Trove's screens. It acts only by focusing and by `.click()`, so whatever the runtime does
// with a click (send it as an event) happens as if a person had clicked.
//
// - A dialog that appears (the runtime morphs new HTML in: watched with a MutationObserver)
//   takes the focus: its `[autofocus]` element, else its first control, else itself. The
//   element focused before it is remembered, and how to find its like again, as a morph may
//   replace it: by id, else a link by its address, a button by its name and value (Trove's
//   callback ids are stable across renders, but any stable attributes will do).
// - Tab and Shift+Tab cycle inside the topmost dialog.
// - Escape, or a click on the backdrop itself, clicks the topmost dialog's `[data-dismiss]`.
// - When a dialog goes away, the focus returns to the remembered element (or the element
//   now carrying its id).
// - Ctrl/Cmd+Z clicks `[data-shortcut="undo"]`; Ctrl/Cmd+Shift+Z and Ctrl+Y click
//   `[data-shortcut="redo"]` — except in a text field a person has changed, where the
//   browser undoes the typing. With a dialog open, only shortcuts inside it count.

const FOCUSABLE = [
  "a[href]", "button:not([disabled])", "input:not([disabled]):not([type=hidden])", "select:not([disabled])",
  "textarea:not([disabled])", "[tabindex]:not([tabindex='-1'])",
].join(", ");

/** Where the focus was: the element, how to find its like after a morph replaced it, and the
 *  dialog it was in (if any). */
interface Place {
  element: Element;
  find: () => Element | null;
  dialog: Element | null;
}

interface Opened {
  dialog: Element;
  /** Where the focus was before the dialog appeared. */
  returnTo: Place | null;
}

/** Open dialogs, in the order they appeared (the last is on top). */
let opened: Opened[] = [];
/** Where the focus was last, outside a dialog that has just appeared. */
let lastFocused: Place | null = null;
/** Where the last pointer press began: a drag from a dialog onto the backdrop is no click. */
let pressedOn: EventTarget | null = null;

const isTracked = (dialog: Element) => opened.some((o) => o.dialog === dialog);

/** The dialog a person can use now: the last one not under another (inert). */
function topDialog(): HTMLElement | null {
  const all = [...document.querySelectorAll<HTMLElement>("[role=dialog]")].filter((d) => !d.closest("[inert]"));
  return all.at(-1) ?? null;
}

function focusables(root: Element): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => !el.closest("[inert]") && el.getClientRects().length > 0);
}

function focusInto(dialog: HTMLElement): void {
  const target = dialog.querySelector<HTMLElement>("[autofocus]") ?? focusables(dialog)[0] ?? dialog;
  target.focus();
}

function placeOf(element: Element): Place {
  const dialog = element.closest("[role=dialog]");
  const { id } = element;
  const href = element instanceof HTMLAnchorElement ? element.getAttribute("href") : null;
  const button = element instanceof HTMLButtonElement && element.value ? { name: element.name, value: element.value } : null;
  const find = (): Element | null => {
    if (id) return document.getElementById(id);
    if (href) return [...document.querySelectorAll("a[href]")].find((a) => a.getAttribute("href") === href) ?? null;
    if (button) return [...document.querySelectorAll("button")].find((b) => b.name === button.name && b.value === button.value) ?? null;
    return null;
  };
  return { element, find, dialog };
}

function restoreFocus(closed: Opened): void {
  const place = closed.returnTo;
  // Its like in the current page first: a morph may have reused the old node for another.
  const target = place ? (place.find() ?? (place.element.isConnected ? place.element : null)) : null;
  if (target instanceof HTMLElement && !target.closest("[inert]")) target.focus();
  const top = topDialog();
  // Still inside a dialog (one that called another): keep the focus in the one on top.
  if (top && !top.contains(document.activeElement)) focusInto(top);
}

/** Brings the list of open dialogs up to date with the document. */
function sync(): void {
  const present = new Set(document.querySelectorAll("[role=dialog]"));
  const closed = opened.filter((o) => !present.has(o.dialog));
  opened = opened.filter((o) => present.has(o.dialog));
  const appeared = [...present].filter((d) => !isTracked(d));
  for (const dialog of appeared) {
    // A dialog that replaced another in one render returns where that one would have.
    const replaced = closed.find((c) => c.dialog === lastFocused?.dialog);
    opened.push({ dialog, returnTo: replaced ? replaced.returnTo : lastFocused });
  }
  // Of the dialogs that closed together, the first opened knows where the person was.
  if (closed[0] && appeared.length === 0) restoreFocus(closed[0]);
  const top = topDialog();
  if (appeared.length > 0 && top && !top.contains(document.activeElement)) focusInto(top);
}

function trapTab(event: KeyboardEvent, dialog: HTMLElement): void {
  const list = focusables(dialog);
  const first = list[0];
  const last = list.at(-1);
  const active = document.activeElement;
  if (!first || !last) {
    event.preventDefault();
    dialog.focus();
  } else if (event.shiftKey && (active === first || active === dialog || !dialog.contains(active))) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && (active === last || !dialog.contains(active))) {
    event.preventDefault();
    first.focus();
  }
}

function dismiss(dialog: HTMLElement): boolean {
  const way = dialog.querySelector<HTMLElement>("[data-dismiss]");
  if (!way || (way instanceof HTMLButtonElement && way.disabled)) return false;
  way.click();
  return true;
}

/** True when the focus is in a text field whose text a person changed: undo is theirs. */
function typing(): boolean {
  const el = document.activeElement;
  return (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) && el.value !== el.defaultValue;
}

function shortcut(name: "undo" | "redo"): boolean {
  const scope = topDialog() ?? document.body;
  const target = [...scope.querySelectorAll<HTMLElement>(`[data-shortcut="${name}"]`)].find((el) => !el.closest("[inert]") && !(el instanceof HTMLButtonElement && el.disabled));
  if (!target || typing()) return false;
  target.click();
  return true;
}

function onKeyDown(event: KeyboardEvent): void {
  if (event.defaultPrevented || event.isComposing) return;
  const top = topDialog();
  if (event.key === "Tab" && top && !event.ctrlKey && !event.metaKey && !event.altKey) {
    trapTab(event, top);
    return;
  }
  if (event.key === "Escape" && top) {
    if (dismiss(top)) event.preventDefault();
    return;
  }
  if (event.altKey || !(event.ctrlKey || event.metaKey)) return;
  const key = event.key.toLowerCase();
  const name = key === "z" ? (event.shiftKey ? "redo" : "undo") : key === "y" && event.ctrlKey && !event.shiftKey ? "redo" : null;
  if (name && shortcut(name)) event.preventDefault();
}

function onFocusIn(event: FocusEvent): void {
  const target = event.target;
  if (!(target instanceof Element)) return;
  // Focus the runtime gives a dialog that has just appeared (its autofocus) is not where the
  // person was before it.
  const dialog = target.closest("[role=dialog]");
  if (dialog && !isTracked(dialog)) return;
  lastFocused = placeOf(target);
}

function onPointerDown(event: PointerEvent): void {
  pressedOn = event.target;
  // Some browsers do not focus a button when it is clicked: remember it all the same.
  const control = event.target instanceof Element ? event.target.closest(FOCUSABLE) : null;
  const dialog = control?.closest("[role=dialog]");
  if (control && (!dialog || isTracked(dialog))) lastFocused = placeOf(control);
}

function onClick(event: MouseEvent): void {
  const target = event.target;
  const pressed = pressedOn;
  pressedOn = null;
  if (event.defaultPrevented || !(target instanceof HTMLElement) || !target.classList.contains("backdrop") || pressed !== target) return;
  const top = topDialog();
  if (top && target.contains(top) && dismiss(top)) event.preventDefault();
}

let installed = false;

export function installDialogs(): void {
  if (installed) return;
  installed = true;
  const active = document.activeElement;
  lastFocused = active && active !== document.body ? placeOf(active) : null;
  document.addEventListener("keydown", onKeyDown);
  document.addEventListener("focusin", onFocusIn, true);
  document.addEventListener("pointerdown", onPointerDown, true);
  document.addEventListener("click", onClick);
  new MutationObserver(sync).observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ["role"] });
  sync();
}
