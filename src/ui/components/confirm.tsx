// A confirm dialog for call/answer: on confirm it answers the value it was asked with (true
// by default, or what the question is about, such as the id to delete); on cancel, null.

import type { Json } from "../../schema/fields/field-type";
import { Component } from "../engine/component";
import type { HandlerContext } from "../engine/context";
import type { Renderer } from "../engine/renderer";

export class ConfirmDialog extends Component<{ title: string; message: string; confirmLabel: string; danger: boolean; value: Json }> {
  static override readonly type = "ConfirmDialog";
  /** Shown over its caller. */
  static readonly modal = true;

  static ask(title: string, message: string, confirmLabel: string, danger = false, value: Json = true): ConfirmDialog {
    return new ConfirmDialog({ title, message, confirmLabel, danger, value });
  }

  render(r: Renderer) {
    const { title, message, confirmLabel, danger } = this.state;
    return (
      <div class="backdrop">
        <div class="dialog" role="dialog" aria-modal="true" aria-labelledby="dialog-title" tabindex={-1}>
          <h2 id="dialog-title">{title}</h2>
          <p>{message}</p>
          <form {...r.form} class="dialog-actions">
            {/* A destructive answer is never where Enter already is. */}
            <button class="button" autofocus={danger ? r.autofocus : undefined} {...r.submit(this, this.cancel)} data-dismiss="">Cancel</button>
            <button class={danger ? "button danger" : "button primary"} autofocus={danger ? undefined : r.autofocus} {...r.submit(this, this.confirm)}>
              {confirmLabel}
            </button>
          </form>
        </div>
      </div>
    );
  }

  async confirm(ctx: HandlerContext) {
    await ctx.answer(this.state.value ?? true);
  }

  async cancel(ctx: HandlerContext) {
    await ctx.answer(null);
  }
}
