// What a handler may do besides changing its own state: reach the application, open a
// modal flow with `call`, finish one with `answer`, and leave a short notice for the next
// render. Handlers never render.

import type { Json } from "../../schema/fields/field-type";
import type { Component } from "./component";

export interface HandlerContext<A = unknown> {
  readonly app: A;
  /** Shows `callee` in place of the current component until it answers; then the current
   *  component's handler `onAnswer` (if any: often coming back is all there is) receives
   *  the answer. */
  call(callee: Component, onAnswer?: string): void;
  /** Ends the current component's call: its caller gets `value` in the handler it named. */
  answer(value: Json): Promise<void>;
  /** A one-line message shown with the next render. */
  notice(text: string): void;
}
