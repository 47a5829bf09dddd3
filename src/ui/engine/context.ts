// What a handler may do besides changing its own state: reach the application, open a
// modal flow with `call`, finish one with `answer`, and leave a short notice for the next
// render. Handlers never render.

import type { Json } from "../../schema/fields/field-type";
import type { Component } from "./component";

/** An info notice dismisses itself; an error stays until closed. */
export type NoticeKind = "info" | "error";

export interface HandlerContext<A = unknown> {
  readonly app: A;
  /** For an input handler: the value the page showed in that input before the person edited
   *  it, when the browser sent it (cells it commits as they are left). A base that differs
   *  from the current value means someone else changed it meanwhile. */
  readonly base: string | undefined;
  /** For an input handler whose value came from an uploaded file: the file's name. */
  readonly fileName?: string;
  /** Shows `callee` in place of the current component until it answers; then the current
   *  component's handler `onAnswer` (if any: often coming back is all there is) receives
   *  the answer. */
  call(callee: Component, onAnswer?: string): void;
  /** Ends the current component's call: its caller gets `value` in the handler it named. */
  answer(value: Json): Promise<void>;
  /** A one-line message shown with the next render. */
  notice(text: string, kind?: NoticeKind): void;
}
