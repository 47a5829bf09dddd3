// Closing or reloading a tab with unsaved edits asks first (the browser's own "Leave site?"
// prompt, from `beforeunload`). Generic: a page marks an element `data-unsaved` while the
// server holds edits not yet saved (a form builder's draft), and `data-guard-unsaved` on a
// form whose typed text counts too before it is sent (an input whose value differs from
// what the page showed). Leaving through the app needs no prompt: its own pages say what
// happens to the edits, and a redirect the server asks for calls `leaveFreely` first.

import { edited } from "./edits";

let free = false;

/** The next unload is the app's own (a redirect it was told to follow): no prompt. */
export function leaveFreely(): void {
  free = true;
}

/** Whether the page holds edits that leaving would lose. */
export function hasUnsavedEdits(doc: Document = document): boolean {
  if (doc.querySelector("[data-unsaved]")) return true;
  for (const form of doc.querySelectorAll("form[data-guard-unsaved]")) {
    // Hidden inputs and read-only ones are the page's, not typed: never unsaved edits.
    for (const el of form.querySelectorAll("input:not([type=hidden]):not([readonly]), textarea:not([readonly]), option")) {
      if (edited(el)) return true;
    }
  }
  return false;
}

export function installUnsavedWarning(): void {
  window.addEventListener("beforeunload", (event) => {
    if (free || !hasUnsavedEdits()) return;
    event.preventDefault();
    // Older browsers show the prompt only when returnValue is set.
    event.returnValue = "";
  });
}
