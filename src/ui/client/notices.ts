// Notices: short messages in a stack at the bottom of the window, outside the morphed root
// (`#trove-notices`), so a render never takes one away. Generic: it knows the container's id
// and the notice markup, nothing of Trove's screens.
//
// - An info notice dismisses itself after a few seconds, paused while the pointer is over it
//   or the focus is in it; an error stays until closed. Each has a close button.
// - Notices already in the container (rendered by the server for a plain page load) and any
//   added later get the same behaviour.
// - They never cover controls: the stack's height is published as `--notices-h` on <html>,
//   and the stylesheet keeps that much room free at the bottom of the page and of dialogs.
// Text goes in with textContent, never as HTML.

export type NoticeKind = "info" | "error";

const CONTAINER_ID = "trove-notices";
/** How long an info notice stays (while not hovered or focused). */
export const NOTICE_MS = 5000;
const LEAVE_MS = 160;
/** More than this many at once: the oldest info notices go first. */
const MAX_SHOWN = 4;

interface Timer {
  handle: number;
  /** Time left when paused; or when it started, the deadline. */
  left: number;
  deadline: number;
  paused: boolean;
}

const timers = new WeakMap<Element, Timer>();

function container(): HTMLElement {
  const found = document.getElementById(CONTAINER_ID);
  if (found) return found;
  const made = document.createElement("div");
  made.id = CONTAINER_ID;
  made.className = "notices";
  made.setAttribute("aria-live", "polite");
  document.body.appendChild(made);
  observe(made);
  return made;
}

function closeButton(): HTMLButtonElement {
  const button = document.createElement("button");
  button.type = "button";
  button.className = "notice-close";
  button.setAttribute("aria-label", "Dismiss");
  button.textContent = "×";
  return button;
}

function kindOf(notice: Element): NoticeKind {
  return notice.getAttribute("data-kind") === "error" ? "error" : "info";
}

function dismiss(notice: Element): void {
  const timer = timers.get(notice);
  if (timer) window.clearTimeout(timer.handle);
  timers.delete(notice);
  if (notice.hasAttribute("data-leaving")) return;
  notice.setAttribute("data-leaving", "");
  window.setTimeout(() => notice.remove(), LEAVE_MS);
}

function start(notice: Element, timer: Timer): void {
  timer.paused = false;
  timer.deadline = Date.now() + timer.left;
  timer.handle = window.setTimeout(() => dismiss(notice), timer.left);
}

function pause(notice: Element): void {
  const timer = timers.get(notice);
  if (!timer || timer.paused) return;
  window.clearTimeout(timer.handle);
  timer.left = Math.max(1000, timer.deadline - Date.now());
  timer.paused = true;
}

function resume(notice: Element): void {
  const timer = timers.get(notice);
  if (timer?.paused && !notice.matches(":hover") && !notice.contains(document.activeElement)) start(notice, timer);
}

/** Gives a notice its close button and, for info, its timer (once). */
function arm(notice: Element): void {
  if (notice.hasAttribute("data-armed")) return;
  notice.setAttribute("data-armed", "");
  if (!notice.querySelector(".notice-close")) notice.appendChild(closeButton());
  if (!notice.hasAttribute("role")) notice.setAttribute("role", kindOf(notice) === "error" ? "alert" : "status");
  if (kindOf(notice) === "error") return;
  const timer: Timer = { handle: 0, left: NOTICE_MS, deadline: 0, paused: false };
  timers.set(notice, timer);
  start(notice, timer);
}

function armAll(root: HTMLElement): void {
  for (const notice of root.querySelectorAll(".notice")) arm(notice);
  const shown = [...root.querySelectorAll(".notice:not([data-leaving])")];
  for (const notice of shown.filter((n) => kindOf(n) === "info").slice(0, Math.max(0, shown.length - MAX_SHOWN))) dismiss(notice);
}

/** The stack's height, for the stylesheet to keep free (see the header). */
function publishHeight(root: HTMLElement): void {
  const top = root.childElementCount > 0 ? root.getBoundingClientRect().top : window.innerHeight;
  document.documentElement.style.setProperty("--notices-h", `${Math.max(0, Math.ceil(window.innerHeight - top))}px`);
}

const observed = new WeakSet<HTMLElement>();

function observe(root: HTMLElement): void {
  if (observed.has(root)) return;
  observed.add(root);
  new MutationObserver(() => armAll(root)).observe(root, { childList: true });
  new ResizeObserver(() => publishHeight(root)).observe(root);
  root.addEventListener("click", (event) => {
    const close = event.target instanceof Element ? event.target.closest(".notice-close") : null;
    const notice = close?.closest(".notice");
    if (notice) dismiss(notice);
  });
  for (const [type, on] of [["mouseover", pause], ["focusin", pause], ["mouseout", resume], ["focusout", resume]] as const) {
    root.addEventListener(type, (event) => {
      const notice = event.target instanceof Element ? event.target.closest(".notice") : null;
      // Leaving for a child of the same notice is not leaving it.
      const related = "relatedTarget" in event && event.relatedTarget instanceof Node ? event.relatedTarget : null;
      if (notice && !(related && notice.contains(related))) {
        if (on === resume) window.setTimeout(() => resume(notice), 0);
        else on(notice);
      }
    });
  }
}

/** Shows a notice: info dismisses itself, an error stays until closed. `link`: a way to act
 *  on it (e.g. "Import it as a new table"), shown after the text. */
export function showNotice(text: string, kind: NoticeKind, link?: { href: string; label: string }): void {
  const root = container();
  // The same message again: the one showing starts over instead of a second copy.
  for (const old of root.querySelectorAll(".notice:not([data-leaving])")) {
    if (kindOf(old) === kind && old.querySelector("span")?.textContent === text) dismiss(old);
  }
  const notice = document.createElement("div");
  notice.className = "notice";
  notice.setAttribute("data-kind", kind);
  notice.setAttribute("role", kind === "error" ? "alert" : "status");
  const message = document.createElement("span");
  message.textContent = text;
  notice.appendChild(message);
  if (link) {
    const a = document.createElement("a");
    a.href = link.href;
    a.textContent = link.label;
    a.className = "notice-link";
    notice.appendChild(a);
  }
  notice.appendChild(closeButton());
  root.appendChild(notice);
  arm(notice);
  armAll(root);
}

export function installNotices(): void {
  const root = container();
  observe(root);
  armAll(root);
  publishHeight(root);
}
