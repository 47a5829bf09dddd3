// A confirm dialog for call/answer: it answers true or false to whoever called it.

import { Component } from "../engine/component";
import type { HandlerContext } from "../engine/context";
import type { Renderer } from "../engine/renderer";

export class ConfirmDialog extends Component<{ title: string; message: string; confirmLabel: string; danger: boolean }> {
  static override readonly type = "ConfirmDialog";
  /** Shown over its caller. */
  static readonly modal = true;

  static ask(title: string, message: string, confirmLabel: string, danger = false): ConfirmDialog {
    return new ConfirmDialog({ title, message, confirmLabel, danger });
  }

  render(r: Renderer) {
    const { title, message, confirmLabel, danger } = this.state;
    return (
      <div class="backdrop">
        <div class="dialog" role="dialog" aria-modal="true" aria-labelledby="dialog-title">
          <h2 id="dialog-title">{title}</h2>
          <p>{message}</p>
          <form {...r.form} class="dialog-actions">
            <button class="button" {...r.submit(this, this.cancel)}>Cancel</button>
            <button class={danger ? "button danger" : "button primary"} autofocus {...r.submit(this, this.confirm)}>
              {confirmLabel}
            </button>
          </form>
        </div>
      </div>
    );
  }

  async confirm(ctx: HandlerContext) {
    await ctx.answer(true);
  }

  async cancel(ctx: HandlerContext) {
    await ctx.answer(false);
  }
}
