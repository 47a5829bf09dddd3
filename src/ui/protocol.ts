// The wire format between the browser runtime and the tenant object, defined once and
// imported by both sides. Without JavaScript the same names travel as form fields and a
// query parameter; with it, as JSON frames over the WebSocket (or a fetch fallback).

/** Query parameter that carries an action callback id on a plain link. */
export const CALLBACK_PARAM = "cb";
/** Form field that carries the action callback id of the button that submitted a form. */
export const ACTION_FIELD = "_a";
/** Header a fetch fallback sends so the object answers with a render frame, not a 303. */
export const FETCH_HEADER = "x-trove-fetch";

/** Browser → object: run these inputs, then this action. */
export interface EventFrame {
  t: "event";
  /** Input values in document order, as [callback id, value]. */
  fields: [string, string][];
  /** The action callback id, if any. */
  action: string | null;
  /** The browser's number for this event: the reply carries it back as `re`, so a push of
   *  someone else's change is never mistaken for the answer. */
  seq: number;
}

/** Browser → object, after (re)connecting: send me the current render. */
export interface HelloFrame {
  t: "hello";
  seq: number;
}

export type ClientFrame = EventFrame | HelloFrame;

/** Object → browser: replace the application root with this HTML. */
export interface RenderFrame {
  t: "render";
  epoch: number;
  html: string;
  title: string;
  /** The `seq` of the browser's frame this answers; absent on pushes. */
  re?: number;
}

/** Object → browser: the session is gone or signed out; go to this address. */
export interface RedirectFrame {
  t: "redirect";
  location: string;
}

export type ServerFrame = RenderFrame | RedirectFrame;

export const MAX_FRAME_BYTES = 256 * 1024;
const MAX_FIELDS = 2000;

/** Parses and validates a frame from the browser. Returns null for anything malformed. */
export function parseClientFrame(text: string): ClientFrame | null {
  if (text.length > MAX_FRAME_BYTES) return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== "object" || value === null) return null;
  const v = value as Record<string, unknown>;
  if (typeof v.seq !== "number" || !Number.isInteger(v.seq)) return null;
  if (v.t === "hello") return { t: "hello", seq: v.seq };
  if (v.t !== "event") return null;
  if (v.action !== null && typeof v.action !== "string") return null;
  if (!Array.isArray(v.fields) || v.fields.length > MAX_FIELDS) return null;
  const fields: [string, string][] = [];
  for (const pair of v.fields) {
    if (!Array.isArray(pair) || pair.length !== 2) return null;
    const [name, val] = pair as unknown[];
    if (typeof name !== "string" || typeof val !== "string") return null;
    fields.push([name, val]);
  }
  return { t: "event", fields, action: v.action, seq: v.seq };
}

export function parseServerFrame(text: string): ServerFrame | null {
  try {
    const v = JSON.parse(text) as Record<string, unknown>;
    if (v.t === "render" && typeof v.html === "string" && typeof v.epoch === "number") {
      const frame: RenderFrame = { t: "render", html: v.html, epoch: v.epoch, title: typeof v.title === "string" ? v.title : "" };
      if (typeof v.re === "number") frame.re = v.re;
      return frame;
    }
    if (v.t === "redirect" && typeof v.location === "string") return { t: "redirect", location: v.location };
  } catch {
    // fall through
  }
  return null;
}
