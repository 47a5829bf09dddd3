// The wire format between the browser runtime and the tenant object, defined once and
// imported by both sides. Without JavaScript the same names travel as form fields and query
// parameters; with it, as JSON frames over the WebSocket (or a fetch fallback). Frames from
// the browser are validated by one valibot schema each, their types inferred from it.

import * as v from "valibot";

/** Query parameter that carries an action callback id on a plain link. */
export const CALLBACK_PARAM = "cb";
/** Query parameters of an address that name the session and the render key (its UI state). */
export const SESSION_PARAM = "s";
export const KEY_PARAM = "k";
/** Form field that carries the action callback id of the button that submitted a form. */
export const ACTION_FIELD = "_a";
/** Prefix of a field that carries what an input showed before it was edited. */
export const BASE_PREFIX = "_b:";
/** Prefix of a field that carries an uploaded file's name (the object adds it beside the
 *  file's text; an input handler reads it as `ctx.fileName`). */
export const FILE_NAME_PREFIX = "_f:";
/** Header a fetch fallback sends so the object answers with a render frame, not a 303. */
export const FETCH_HEADER = "x-trove-fetch";

export const MAX_FRAME_BYTES = 256 * 1024;
const MAX_FIELDS = 2000;

const Key = v.pipe(v.string(), v.regex(/^[\w-]{0,32}$/));
const Seq = v.pipe(v.number(), v.integer());

/** Browser → object: run these inputs, then this action, on the state of render `k`. */
const EventFrameSchema = v.object({
  t: v.literal("event"),
  /** Input values in document order, as [callback id, value]. */
  fields: v.pipe(v.array(v.tuple([v.string(), v.string()])), v.maxLength(MAX_FIELDS)),
  /** The action callback id, if any. */
  action: v.nullable(v.string()),
  /** The browser's number for this event: the reply carries it back as `re`, so a push of
   *  someone else's change is never mistaken for the answer. */
  seq: Seq,
  k: Key,
});

/** Browser → object, after (re)connecting or on Back/Forward: show render `k` (or, when that
 *  state is gone, the place at `path`). */
const HelloFrameSchema = v.object({
  t: v.literal("hello"),
  seq: Seq,
  k: Key,
  path: v.pipe(v.string(), v.maxLength(300)),
  /** The page lost track of its regions: send all of them. */
  full: v.optional(v.boolean()),
});

const ClientFrameSchema = v.variant("t", [EventFrameSchema, HelloFrameSchema]);

export type EventFrame = v.InferOutput<typeof EventFrameSchema>;
export type HelloFrame = v.InferOutput<typeof HelloFrameSchema>;
export type ClientFrame = v.InferOutput<typeof ClientFrameSchema>;

/** Object → browser: these regions changed (all of them, for a browser that has none). */
export interface RenderFrame {
  t: "render";
  /** The address of this render (place, session and render key). */
  url: string;
  key: string;
  title: string;
  /** [region id, its markup with nested regions as stubs], parents first. */
  regions: [string, string][];
  notice?: { text: string; kind: "info" | "error" };
  /** The `seq` of the browser's frame this answers; absent on pushes. */
  re?: number;
}

/** Object → browser: the session is gone or signed out; go to this address. */
export interface RedirectFrame {
  t: "redirect";
  location: string;
}

export type ServerFrame = RenderFrame | RedirectFrame;

/** Parses and validates a frame from the browser. Returns null for anything malformed. */
export function parseClientFrame(text: string): ClientFrame | null {
  if (text.length > MAX_FRAME_BYTES) return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = v.safeParse(ClientFrameSchema, value);
  return parsed.success ? parsed.output : null;
}

/** Reads a frame from the object (the browser trusts its server, but not a broken proxy). */
export function parseServerFrame(text: string): ServerFrame | null {
  try {
    const frame = JSON.parse(text) as ServerFrame;
    if (frame.t === "render" && typeof frame.url === "string" && Array.isArray(frame.regions)) return frame;
    if (frame.t === "redirect" && typeof frame.location === "string") return frame;
  } catch {
    // fall through
  }
  return null;
}
