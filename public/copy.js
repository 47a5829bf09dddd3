// Copy buttons: <button data-copy="ID"> copies the value of the input with that id. Generic
// (knows no screens), delegated (works for buttons that arrive later by morphing), and the
// buttons show only when this script runs (it marks the page with "can-copy").
(() => {
  document.documentElement.classList.add("can-copy");
  document.addEventListener("click", async (event) => {
    const button = event.target instanceof Element ? event.target.closest("button[data-copy]") : null;
    if (!button) return;
    const input = document.getElementById(button.getAttribute("data-copy") || "");
    if (!(input instanceof HTMLInputElement || input instanceof HTMLTextAreaElement)) return;
    let copied = false;
    try {
      await navigator.clipboard.writeText(input.value);
      copied = true;
    } catch {
      input.focus();
      input.select();
      copied = document.execCommand("copy");
    }
    const label = button.dataset.label || button.textContent;
    button.dataset.label = label;
    button.textContent = copied ? "Copied" : "Press Ctrl+C to copy";
    setTimeout(() => {
      button.textContent = label;
    }, 2000);
  });
})();
