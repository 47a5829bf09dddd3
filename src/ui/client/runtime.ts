// The browser runtime: a small, generic layer over the plain-HTML pages. It intercepts
// callback links and `form[data-trove]` submits, sends them as event frames over a WebSocket
// (or a fetch fallback when the socket is down), and morphs each render into #trove-root.
// It knows nothing about Trove's screens; the wire format comes from ../protocol.

import { Idiomorph } from "idiomorph";
import { installGridKeys } from "./grid";
import { ACTION_FIELD, CALLBACK_PARAM, type ClientFrame, FETCH_HEADER, parseServerFrame, type ServerFrame } from "../protocol";

const STATUS_DELAY_MS = 1000;
const MIN_BACKOFF_MS = 500;
const MAX_BACKOFF_MS = 10_000;
/** A reply that has not come after this long: give the button back and reconnect. */
const REPLY_TIMEOUT_MS = 8000;

const body = document.body;
const sessionUrl = body.dataset.session;
const socketPath = body.dataset.socket;

/** What an event in flight left behind: the button to re-enable, the form (or the one
 *  committed input) whose values the server now owns. */
interface InFlight {
  button: HTMLButtonElement | null;
  form: Element | null;
  timer: number;
  /** The event's number: only the render whose `re` matches settles it. */
  seq: number;
}

/** Events that came while another was in flight (a cell saved on leaving it, then the click
 *  that left it), sent one after another in order. `action`: to ignore a double click. */
const queued: { action: string | null; send: () => void }[] = [];

let seq = 0;
let socket: WebSocket | null = null;
let attempts = 0;
let reconnectTimer = 0;
let statusTimer = 0;
let disconnected = true;
let inFlight: InFlight | null = null;

function root(): HTMLElement | null {
  return document.getElementById("trove-root");
}

// ---- the connection indicator ----------------------------------------------------------

function showStatus(show: boolean): void {
  const status = document.getElementById("trove-status");
  if (status) status.hidden = !show;
}

function setDisconnected(value: boolean): void {
  disconnected = value;
  // For stylesheets and tests: live (socket open) or not.
  body.toggleAttribute("data-connected", !value);
  window.clearTimeout(statusTimer);
  if (value) statusTimer = window.setTimeout(() => showStatus(disconnected), STATUS_DELAY_MS);
  else showStatus(false);
}

// ---- rendering -------------------------------------------------------------------------

/** True when a person changed this control and has not sent it yet. */
function edited(el: Element): boolean {
  if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) {
    if (el instanceof HTMLInputElement && (el.type === "checkbox" || el.type === "radio")) return el.checked !== el.defaultChecked;
    return el.value !== el.defaultValue;
  }
  if (el instanceof HTMLOptionElement) return [...(el.closest("select")?.options ?? [])].some((o) => o.selected !== o.defaultSelected);
  return false;
}

function formOf(el: Element): HTMLFormElement | null {
  return el.closest("form");
}

function morph(html: string, done: InFlight | null): void {
  const submitted = done?.form ?? null;
  const target = root();
  if (!target) return;
  // Keep what someone is typing elsewhere on the page; the submitted form's values now
  // belong to the server (e.g. "New table" clears after a create). Decided before the morph:
  // idiomorph first sets the `value` attribute (the default value) and then asks again before
  // syncing the live value, when the control would look edited only because of the first step
  // (a cell typed in earlier would keep showing its old text in a row now showing another record).
  const keep = new Set([...target.querySelectorAll("input, textarea, option")].filter((el) => edited(el) && formOf(el) !== submitted && el !== submitted && !submitted?.contains(el)));
  Idiomorph.morph(target, html, {
    morphStyle: "outerHTML",
    restoreFocus: true,
    callbacks: {
      beforeAttributeUpdated: (attr, el) => !((attr === "value" || attr === "selected" || attr === "checked") && keep.has(el)),
    },
  });
  const active = document.activeElement;
  // Focus was lost (its element went, or the clicked button was disabled): the new HTML's
  // autofocus, else the button that sent the event, so the keyboard keeps its place.
  // (The server never renders autofocus under a dialog, so a dialog gets the focus.)
  if (!active || active === body) (root()?.querySelector<HTMLElement>("[autofocus]") ?? (done?.button?.isConnected ? done.button : null))?.focus();
}

function settle(): InFlight | null {
  const done = inFlight;
  inFlight = null;
  // Nothing was in flight (a reply timeout settled it, then the socket closed): the queue
  // must not move, or two events would go at once, out of order.
  if (!done) return null;
  window.clearTimeout(done.timer);
  if (done.button) done.button.disabled = false;
  const next = queued.shift();
  if (next) window.setTimeout(next.send, 0);
  return done;
}

/** Sends one input's new value by itself (cells of a grid save as you leave them). */
function commit(name: string, value: string, input: Element | null): void {
  dispatch([[name, value]], null, null, input, () => location.reload());
}

function handle(frame: ServerFrame, own: boolean): void {
  if (frame.t === "redirect") {
    location.assign(frame.location);
    return;
  }
  const done = own ? settle() : null;
  if (frame.title) document.title = frame.title;
  morph(frame.html, done);
}

// ---- the socket ------------------------------------------------------------------------

function send(frame: ClientFrame): boolean {
  if (socket?.readyState !== WebSocket.OPEN) return false;
  socket.send(JSON.stringify(frame));
  return true;
}

function connect(): void {
  if (!sessionUrl || !socketPath) return;
  const sid = sessionUrl.split("/").pop() ?? "";
  const scheme = location.protocol === "https:" ? "wss:" : "ws:";
  const ws = new WebSocket(`${scheme}//${location.host}${socketPath}?s=${encodeURIComponent(sid)}`);
  socket = ws;
  ws.addEventListener("open", () => {
    attempts = 0;
    setDisconnected(false);
    send({ t: "hello", seq: ++seq });
  });
  ws.addEventListener("message", (event) => {
    const frame = typeof event.data === "string" ? parseServerFrame(event.data) : null;
    // The object answers its sender first, then pushes others' changes.
    if (frame) handle(frame, frame.t === "render" && inFlight !== null && frame.re === inFlight.seq);
  });
  ws.addEventListener("close", () => {
    if (socket !== ws) return;
    socket = null;
    settle();
    if (!disconnected) setDisconnected(true);
    const delay = Math.min(MAX_BACKOFF_MS, MIN_BACKOFF_MS * 2 ** attempts) * (0.5 + Math.random() / 2);
    attempts++;
    window.clearTimeout(reconnectTimer);
    reconnectTimer = window.setTimeout(connect, delay);
  });
}

function reconnectNow(): void {
  if (socket || !disconnected) return;
  window.clearTimeout(reconnectTimer);
  attempts = 0;
  connect();
}

// ---- events ----------------------------------------------------------------------------

async function fallback(fields: [string, string][], action: string | null, navigate: () => void): Promise<void> {
  const params = new URLSearchParams(fields);
  if (action !== null) params.append(ACTION_FIELD, action);
  let frame: ServerFrame | null = null;
  try {
    const response = await fetch(sessionUrl ?? "", { method: "POST", body: params, headers: { [FETCH_HEADER]: "1" }, credentials: "same-origin" });
    frame = parseServerFrame(await response.text());
  } catch {
    settle();
    setDisconnected(true);
    return;
  }
  if (frame) return handle(frame, true);
  // Not a frame (an error page): let the browser show it.
  settle();
  navigate();
}

function dispatch(fields: [string, string][], action: string | null, button: HTMLButtonElement | null, form: InFlight["form"], navigate: () => void): void {
  // One event at a time: later ones wait their turn (their button disabled meanwhile).
  if (inFlight) {
    if (action !== null && queued.some((q) => q.action === action)) return;
    if (button) button.disabled = true;
    queued.push({ action, send: () => dispatch(fields, action, button, form, navigate) });
    return;
  }
  const timer = window.setTimeout(() => {
    settle();
    socket?.close();
  }, REPLY_TIMEOUT_MS);
  inFlight = { button, form, timer, seq: ++seq };
  if (button) button.disabled = true;
  if (!send({ t: "event", fields, action, seq: inFlight.seq })) void fallback(fields, action, navigate);
}

function isSessionLink(a: HTMLAnchorElement): string | null {
  if (!sessionUrl || (a.target && a.target !== "_self") || a.hasAttribute("download")) return null;
  const url = new URL(a.href, location.href);
  if (url.origin !== location.origin || url.pathname !== sessionUrl) return null;
  return url.searchParams.get(CALLBACK_PARAM);
}

document.addEventListener("click", (event) => {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const a = event.target instanceof Element ? event.target.closest("a") : null;
  const cb = a ? isSessionLink(a) : null;
  if (!a || !cb) return;
  event.preventDefault();
  dispatch([], cb, null, null, () => location.assign(a.href));
});

document.addEventListener("submit", (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement) || !form.hasAttribute("data-trove") || event.defaultPrevented) return;
  event.preventDefault();
  const submitter = event.submitter instanceof HTMLButtonElement || event.submitter instanceof HTMLInputElement ? event.submitter : null;
  const action = submitter?.name === ACTION_FIELD ? submitter.value : null;
  const fields: [string, string][] = [];
  for (const [name, value] of new FormData(form)) {
    if (name !== ACTION_FIELD && typeof value === "string") fields.push([name, value]);
  }
  const button = submitter instanceof HTMLButtonElement ? submitter : null;
  dispatch(fields, action, button, form, () => {
    if (action !== null) form.appendChild(Object.assign(document.createElement("input"), { type: "hidden", name: ACTION_FIELD, value: action }));
    HTMLFormElement.prototype.submit.call(form);
  });
});

document.addEventListener("change", (event) => {
  const el = event.target;
  const control = el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement;
  if (!control || !el.hasAttribute("data-commit") || !el.name || ("readOnly" in el && el.readOnly)) return;
  const form = (el as Element).closest("form");
  if (form && !form.hasAttribute("data-trove")) return;
  // A checkbox sends its value when ticked, and its data-unchecked value when not.
  const unticked = el instanceof HTMLInputElement && el.type === "checkbox" && !el.checked;
  commit(el.name, unticked ? (el.dataset.unchecked ?? "") : el.value, el as Element);
});

document.addEventListener("focusin", (event) => {
  const el = event.target;
  if (el instanceof HTMLInputElement && el.hasAttribute("data-select-on-focus")) el.select();
});

window.addEventListener("online", reconnectNow);
window.addEventListener("pageshow", reconnectNow);

if (sessionUrl && socketPath) {
  installGridKeys();
  setDisconnected(true);
  connect();
}
