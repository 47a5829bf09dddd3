// Notices in #trove-notices, outside the morphed root: info notices dismiss themselves after a
// few seconds (not while hovered or focused), errors stay until closed. Generic: it knows
// the container's markup, not Trove's screens.

const INFO_MS = 5000;

function container(): HTMLElement {
  let box = document.getElementById("trove-notices");
  if (!box) {
    box = Object.assign(document.createElement("div"), { id: "trove-notices", className: "notices" });
    box.setAttribute("aria-live", "polite");
    document.body.appendChild(box);
  }
  return box;
}

function dismissLater(notice: HTMLElement): void {
  if (notice.dataset.kind === "error") return;
  let timer = window.setTimeout(() => notice.remove(), INFO_MS);
  const pause = () => window.clearTimeout(timer);
  const resume = () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(() => notice.remove(), INFO_MS);
  };
  notice.addEventListener("mouseenter", pause);
  notice.addEventListener("focusin", pause);
  notice.addEventListener("mouseleave", resume);
  notice.addEventListener("focusout", resume);
}

export function showNotice(text: string, kind: "info" | "error"): void {
  const notice = document.createElement("div");
  notice.className = "notice";
  notice.dataset.kind = kind;
  notice.setAttribute("role", kind === "error" ? "alert" : "status");
  const span = document.createElement("span");
  span.textContent = text;
  const close = Object.assign(document.createElement("button"), { type: "button", className: "notice-close", textContent: "×" });
  close.setAttribute("aria-label", "Dismiss");
  notice.appendChild(span);
  notice.appendChild(close);
  // One notice of a kind at a time: a newer one replaces the last.
  for (const old of container().querySelectorAll<HTMLElement>(`.notice[data-kind="${kind}"]`)) old.remove();
  container().appendChild(notice);
  dismissLater(notice);
}

export function installNotices(): void {
  for (const notice of container().querySelectorAll<HTMLElement>(".notice")) dismissLater(notice);
  document.addEventListener("click", (event) => {
    const close = event.target instanceof Element ? event.target.closest(".notice-close") : null;
    close?.closest(".notice")?.remove();
  });
}
