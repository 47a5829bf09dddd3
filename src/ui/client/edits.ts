// Which controls keep what a person typed when a render is morphed in: the server's values
// win only where it has seen what the person typed.

/** True when a person changed this control and has not sent it yet. */
export function edited(el: Element): boolean {
  if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) {
    if (el instanceof HTMLInputElement && (el.type === "checkbox" || el.type === "radio")) return el.checked !== el.defaultChecked;
    return el.value !== el.defaultValue;
  }
  if (el instanceof HTMLOptionElement) return [...(el.closest("select")?.options ?? [])].some((o) => o.selected !== o.defaultSelected);
  return false;
}

/** True when a text was typed into `el` after the event that `sent` these values left: the
 *  reply answers what was sent, so the keys pressed since stay ("+ Add option", then typing
 *  into the first option before the new row arrives). */
function typedSince(el: Element, sent: ReadonlyMap<string, string>): boolean {
  if (!(el instanceof HTMLTextAreaElement || (el instanceof HTMLInputElement && el.type !== "checkbox" && el.type !== "radio"))) return false;
  const value = sent.get(el.name);
  return value !== undefined && value !== el.value;
}

/** Whether `el` keeps its value through a morph: edited elsewhere on the page, or typed into
 *  since the event sent from `submitted` (whose values, as sent, now belong to the server:
 *  "New table" clears after a create). */
export function kept(el: Element, submitted: Element | null, sent: ReadonlyMap<string, string> | undefined): boolean {
  if (!edited(el)) return false;
  const inSubmitted = el === submitted || (submitted?.contains(el) ?? false);
  return !inSubmitted || (sent !== undefined && typedSince(el, sent));
}
