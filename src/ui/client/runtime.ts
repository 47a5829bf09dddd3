// The browser runtime: a small, generic layer over the plain-HTML pages. It intercepts
// callback links and `form[data-trove]` submits, sends them as event frames over a WebSocket
// (or a fetch fallback when the socket is down), and morphs the regions each render sends
// into the page. Each render has an address (its place and render key): a move to another
// place is a history entry, so Back/Forward ask the object for the state that address names.
// It knows nothing about Trove's screens; the wire format comes from ../protocol.

import { Idiomorph } from "idiomorph";
import { installDialogs } from "./dialogs";
import { installDrag } from "./drag";
import { kept } from "./edits";
import { installGrid } from "./grid";
import { installInputs } from "./inputs";
import { installNotices, showNotice } from "./notices";
import { installUnsavedWarning, leaveFreely } from "./unsaved";
import { installUploads } from "./uploads";
import { ACTION_FIELD, BASE_PREFIX, CALLBACK_PARAM, type ClientFrame, FETCH_HEADER, KEY_PARAM, parseServerFrame, type RenderFrame, type ServerFrame } from "../protocol";

const STATUS_DELAY_MS = 1000;
const MIN_BACKOFF_MS = 500;
const MAX_BACKOFF_MS = 10_000;
/** A reply that has not come after this long: give the button back and reconnect. */
const REPLY_TIMEOUT_MS = 8000;

const body = document.body;
const base = body.dataset.base;
const socketPath = body.dataset.socket;
/** The render key of the state this tab shows. */
let key = body.dataset.key ?? "";

/** What an event in flight left behind: the button to re-enable, the form (or the one
 *  committed input) whose values the server now owns. */
interface InFlight {
  button: HTMLButtonElement | null;
  form: Element | null;
  /** The values the event carried, by input name (what was typed after them is kept). */
  sent: ReadonlyMap<string, string>;
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
/** Back/Forward asked for another state: its scroll position, restored when it arrives. */
let restoring: { seq: number; scroll: number } | null = null;

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

const STUB = /<([a-z][\w-]*) id="([^"]+)" data-stub><\/\1>/g;

/** Morphs the regions of a frame into the page: each region's stubs are filled from the same
 *  frame or from what the page already shows, then the outermost ones are morphed in place.
 *  False when the page lacks a region the frame builds on (it then asks for all of them). */
function applyRegions(regions: [string, string][], done: InFlight | null): boolean {
  if (regions.length === 0) return true;
  const incoming = new Map(regions);
  const referenced = new Set<string>();
  for (const [, html] of regions) for (const m of html.matchAll(STUB)) referenced.add(m[2]!);
  let complete = true;
  const expand = (html: string): string =>
    html.replace(STUB, (_m, _tag: string, id: string) => {
      const own = incoming.get(id);
      if (own !== undefined) return expand(own);
      const shown = document.getElementById(id);
      if (!shown) complete = false;
      return shown?.outerHTML ?? "";
    });
  const targets: [HTMLElement, string][] = [];
  for (const [id, html] of regions) {
    if (referenced.has(id)) continue;
    const el = document.getElementById(id);
    if (!el) return false;
    targets.push([el, expand(html)]);
  }
  if (!complete) return false;
  const submitted = done?.form ?? null;
  // Keep what someone is typing elsewhere on the page; the submitted form's values now
  // belong to the server (e.g. "New table" clears after a create). Decided before the morph:
  // idiomorph first sets the `value` attribute (the default value) and then asks again before
  // syncing the live value, when the control would look edited only because of the first step.
  // An instant input being typed in keeps what it holds too: the reply answers what was
  // typed a moment ago, and the keys pressed since will send again.
  const typing = document.activeElement instanceof HTMLInputElement && document.activeElement.hasAttribute("data-instant") ? document.activeElement : null;
  const keep = new Set([...(root()?.querySelectorAll("input, textarea, option") ?? [])].filter((el) => el === typing || kept(el, submitted, done?.sent)));
  for (const [el, html] of targets) {
    Idiomorph.morph(el, html, {
      morphStyle: "outerHTML",
      restoreFocus: true,
      callbacks: {
        beforeAttributeUpdated: (attr, node) => !((attr === "value" || attr === "selected" || attr === "checked") && keep.has(node)),
      },
    });
  }
  const active = document.activeElement;
  // Focus was lost (its element went, or the clicked button was disabled): the new HTML's
  // autofocus, else the button that sent the event, so the keyboard keeps its place.
  // (The server never renders autofocus under a dialog, so a dialog gets the focus.)
  if (!active || active === body) (root()?.querySelector<HTMLElement>("[autofocus]") ?? (done?.button?.isConnected ? done.button : null))?.focus();
  return true;
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

/** Sends one input's new value by itself (cells of a grid save as you leave them), with what
 *  it showed before, so an edit that met someone else's change is caught, not lost. */
function commit(name: string, value: string, input: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement): void {
  const fields: [string, string][] = [[name, value]];
  if (!(input instanceof HTMLSelectElement) && input.type !== "checkbox") fields.push([`${BASE_PREFIX}${name}`, input.defaultValue]);
  dispatch(fields, null, () => input.form?.getAttribute("action"), null, input as Element, () => location.reload());
}

/** The render key in an address (a link's href, a form's action); this tab's by default. */
function keyOf(address: string | undefined | null): string {
  if (!address) return key;
  return new URL(address, location.href).searchParams.get(KEY_PARAM) ?? key;
}

function handle(frame: ServerFrame, own: boolean): void {
  if (frame.t === "redirect") {
    leaveFreely();
    location.assign(frame.location);
    return;
  }
  const done = own ? settle() : null;
  show(frame, own);
  // Page behaviours (the grid's cursor) look before and after a render.
  document.dispatchEvent(new CustomEvent("trove:before-render"));
  if (!applyRegions(frame.regions, done)) send({ t: "hello", seq: ++seq, k: key, path: location.pathname, full: true });
  document.dispatchEvent(new CustomEvent("trove:rendered", { detail: { own } }));
  // A button that leads somewhere to type (e.g. "Add record"): the new render's autofocus.
  if (done?.button?.hasAttribute("data-focus-after")) root()?.querySelector<HTMLElement>("[autofocus]")?.focus();
  if (frame.notice) showNotice(frame.notice.text, frame.notice.kind);
  if (restoring && frame.re === restoring.seq) {
    window.scrollTo(0, restoring.scroll);
    restoring = null;
  }
}

/** Takes a render's key, title and address: a new place is a new history entry. */
function show(frame: RenderFrame, own: boolean): void {
  key = frame.key;
  body.dataset.key = key;
  if (frame.title) document.title = frame.title;
  const url = new URL(frame.url, location.href);
  if (url.href === location.href) return;
  if (own && url.pathname !== location.pathname) {
    history.replaceState({ ...history.state, scroll: window.scrollY }, "");
    history.pushState({ scroll: 0 }, "", url);
    window.scrollTo(0, 0);
  } else {
    history.replaceState(history.state, "", url);
  }
}

// ---- the socket ------------------------------------------------------------------------

function send(frame: ClientFrame): boolean {
  if (socket?.readyState !== WebSocket.OPEN) return false;
  socket.send(JSON.stringify(frame));
  return true;
}

function connect(): void {
  if (!base || !socketPath) return;
  const scheme = location.protocol === "https:" ? "wss:" : "ws:";
  const ws = new WebSocket(`${scheme}//${location.host}${socketPath}`);
  socket = ws;
  ws.addEventListener("open", () => {
    attempts = 0;
    setDisconnected(false);
    send({ t: "hello", seq: ++seq, k: key, path: location.pathname });
  });
  ws.addEventListener("message", (event) => {
    const frame = typeof event.data === "string" ? parseServerFrame(event.data) : null;
    // The object answers its sender first, then pushes others' changes.
    if (frame) handle(frame, frame.t === "render" && inFlight !== null && frame.re === inFlight.seq);
  });
  ws.addEventListener("close", (event) => {
    if (socket !== ws) return;
    socket = null;
    settle();
    // Closed on purpose (too many tabs, flooding): say why and stay closed; a reload reconnects.
    if (event.code >= 4008 && event.code < 4100) {
      const status = document.getElementById("trove-status");
      if (status) {
        status.textContent = event.reason || "Disconnected: reload the page.";
        status.hidden = false;
      }
      body.toggleAttribute("data-connected", false);
      return;
    }
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

async function fallback(fields: [string, string][], action: string | null, k: string, navigate: () => void): Promise<void> {
  const params = new URLSearchParams(fields);
  if (action !== null) params.append(ACTION_FIELD, action);
  let frame: ServerFrame | null = null;
  try {
    const response = await fetch(`${location.pathname}?${KEY_PARAM}=${encodeURIComponent(k)}`, { method: "POST", body: params, headers: { [FETCH_HEADER]: "1" }, credentials: "same-origin" });
    frame = parseServerFrame(await response.text());
  } catch {
    settle();
    setDisconnected(true);
    return;
  }
  if (frame) {
    handle(frame, true);
    // The socket may have opened meanwhile and told the object this tab shows the state it
    // had before this reply: say which it shows now, or live updates go to the wrong state.
    if (frame.t === "render") send({ t: "hello", seq: ++seq, k: key, path: location.pathname });
    return;
  }
  // Not a frame (an error page): let the browser show it.
  settle();
  navigate();
}

/** Sends an event (or queues it behind the one in flight). `address` is read when it is
 *  sent: the render key of the element's link or form as the page shows it then, so events
 *  queued one after another run on each other's results, not all on the same older state. */
function dispatch(fields: [string, string][], action: string | null, address: () => string | null | undefined, button: HTMLButtonElement | null, form: InFlight["form"], navigate: () => void): void {
  // One event at a time: later ones wait their turn (their button disabled meanwhile).
  if (inFlight) {
    if (action !== null && queued.some((q) => q.action === action)) return;
    if (button) button.disabled = true;
    queued.push({ action, send: () => dispatch(fields, action, address, button, form, navigate) });
    return;
  }
  const k = keyOf(address());
  const timer = window.setTimeout(() => {
    settle();
    socket?.close();
  }, REPLY_TIMEOUT_MS);
  inFlight = { button, form, sent: new Map(fields), timer, seq: ++seq };
  if (button) button.disabled = true;
  if (!send({ t: "event", fields, action, k, seq: inFlight.seq })) void fallback(fields, action, k, navigate);
}

/** A link that runs a callback of this database's renders: its callback id. */
function callbackLink(a: HTMLAnchorElement): { cb: string } | null {
  if (!base || (a.target && a.target !== "_self") || a.hasAttribute("download")) return null;
  const url = new URL(a.href, location.href);
  const cb = url.searchParams.get(CALLBACK_PARAM);
  if (url.origin !== location.origin || !url.pathname.startsWith(base) || !cb) return null;
  return { cb };
}

document.addEventListener("click", (event) => {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const a = event.target instanceof Element ? event.target.closest("a") : null;
  const link = a ? callbackLink(a) : null;
  if (!a || !link) return;
  event.preventDefault();
  dispatch([], link.cb, () => a.getAttribute("href"), null, null, () => location.assign(a.href));
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
  dispatch(fields, action, () => form.getAttribute("action"), button, form, () => {
    if (action !== null) form.appendChild(Object.assign(document.createElement("input"), { type: "hidden", name: ACTION_FIELD, value: action }));
    HTMLFormElement.prototype.submit.call(form);
  });
});

document.addEventListener("change", (event) => {
  const el = event.target;
  const control = el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement;
  // data-refresh: the control changes what the form asks (a field's type): send every input
  // of its form, with no action, so the server redraws it and nothing typed is lost.
  if (control && el.hasAttribute("data-refresh") && el.form?.hasAttribute("data-trove")) {
    const form = el.form;
    const fields: [string, string][] = [];
    for (const [name, value] of new FormData(form)) if (name !== ACTION_FIELD && typeof value === "string") fields.push([name, value]);
    dispatch(fields, null, () => form.getAttribute("action"), null, form, () => HTMLFormElement.prototype.submit.call(form));
    return;
  }
  if (!control || !el.hasAttribute("data-commit") || !el.name || ("readOnly" in el && el.readOnly)) return;
  const form = (el as Element).closest("form");
  if (form && !form.hasAttribute("data-trove")) return;
  // A checkbox sends its value when ticked, and its data-unchecked value when not.
  const unticked = el instanceof HTMLInputElement && el.type === "checkbox" && !el.checked;
  commit(el.name, unticked ? (el.dataset.unchecked ?? "") : el.value, el);
});

installInputs();
installUnsavedWarning();
installUploads();

// Back/Forward: the address names a render key; ask for that state (the object rebuilds the
// place when it no longer keeps it). Without a socket, load the address.
window.addEventListener("popstate", (event) => {
  const k = new URL(location.href).searchParams.get(KEY_PARAM) ?? "";
  const scroll = typeof (event.state as { scroll?: unknown } | null)?.scroll === "number" ? (event.state as { scroll: number }).scroll : 0;
  const hello: ClientFrame = { t: "hello", seq: ++seq, k, path: location.pathname };
  if (!send(hello)) {
    location.reload();
    return;
  }
  key = k;
  restoring = { seq: hello.seq, scroll };
  window.scrollTo(0, scroll);
});

window.addEventListener("online", reconnectNow);
window.addEventListener("pageshow", reconnectNow);

// For the stylesheet: controls only a page without JavaScript needs (e.g. "Save changes").
document.documentElement.setAttribute("data-js", "");

if (base && socketPath) {
  history.scrollRestoration = "manual";
  // The address shows this render's key, so a reload or a later Back returns to this state.
  const here = new URL(location.href);
  if (here.searchParams.get(KEY_PARAM) !== key || here.searchParams.has(CALLBACK_PARAM)) {
    here.searchParams.delete(CALLBACK_PARAM);
    here.searchParams.set(KEY_PARAM, key);
    history.replaceState({ scroll: 0 }, "", here);
  }
  installGrid({
    send: (fields, from) => dispatch(fields, null, () => from.closest("form")?.getAttribute("action"), null, from, () => location.reload()),
    notice: showNotice,
  });
  installNotices();
  installDialogs();
  // A record dragged to a day: its input gets the day, sent like a typed value.
  installDrag((name, value, source) => dispatch([[name, value]], null, () => source.getAttribute("href") ?? source.closest("form")?.getAttribute("action"), null, null, () => location.reload()));
  setDisconnected(true);
  connect();
}
