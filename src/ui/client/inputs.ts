// Small input behaviours, generic: `data-instant="<button id>"` on an input makes typing send
// its form as that button would, after a short pause (a search that follows the typing; the
// runtime's submit handler sends it, and without JavaScript the button does);
// `data-select-on-focus` selects an input's text when it gets the focus.

const PAUSE_MS = 300;

export function installInputs(): void {
  let timer = 0;
  document.addEventListener("input", (event) => {
    const el = event.target;
    const id = el instanceof HTMLInputElement ? el.getAttribute("data-instant") : null;
    if (!(el instanceof HTMLInputElement) || !id || !el.form?.hasAttribute("data-trove")) return;
    window.clearTimeout(timer);
    timer = window.setTimeout(() => {
      const button = document.getElementById(id);
      if (button instanceof HTMLButtonElement && el.isConnected && el.form && button.form === el.form) el.form.requestSubmit(button);
    }, PAUSE_MS);
  });
  document.addEventListener("focusin", (event) => {
    const el = event.target;
    if (el instanceof HTMLInputElement && el.hasAttribute("data-select-on-focus")) el.select();
  });
}
