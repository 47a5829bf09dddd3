// Instant inputs: `data-instant="<button id>"` on an input makes typing send its form as that
// button would, after a short pause (a search that follows the typing). The runtime's submit
// handler does the sending; without JavaScript the button does it. Generic.

const PAUSE_MS = 300;

export function installInstant(): void {
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
}
