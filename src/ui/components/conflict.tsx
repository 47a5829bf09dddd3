// Two people changed one cell: the later edit is not applied over the other silently. The
// person sees both values and chooses (call/answer: "Keep mine" answers their text, "Take
// theirs" answers null and leaves the cell as it is).

import type { Json } from "../../schema/fields/field-type";
import { Component } from "../engine/component";
import type { HandlerContext } from "../engine/context";
import type { Renderer } from "../engine/renderer";

interface State {
  [key: string]: Json;
  fieldName: string;
  recordId: string;
  fieldId: string;
  mine: string;
  theirs: string;
}

export class ConflictDialog extends Component<State> {
  static override readonly type = "ConflictDialog";
  static readonly modal = true;

  static create(state: State): ConflictDialog {
    return new ConflictDialog(state);
  }

  render(r: Renderer) {
    const { fieldName, mine, theirs } = this.state;
    return (
      <div class="backdrop">
        <div class="dialog" role="dialog" aria-modal="true" aria-labelledby="conflict-title" tabindex={-1}>
          <h2 id="conflict-title">“{fieldName}” was changed meanwhile</h2>
          <p>Someone else changed this value while you were editing it. Which one should stay?</p>
          <dl class="conflict">
            <dt>Theirs (saved now)</dt>
            <dd>{theirs === "" ? <span class="muted">empty</span> : theirs}</dd>
            <dt>Yours</dt>
            <dd>{mine === "" ? <span class="muted">empty</span> : mine}</dd>
          </dl>
          <form {...r.form} class="dialog-actions">
            <button class="button" data-dismiss="" {...r.submit(this, this.takeTheirs)}>Take theirs</button>
            <button class="button primary" autofocus={r.autofocus} {...r.submit(this, this.keepMine)}>Keep mine</button>
          </form>
        </div>
      </div>
    );
  }

  async keepMine(ctx: HandlerContext) {
    await ctx.answer({ recordId: this.state.recordId, fieldId: this.state.fieldId, text: this.state.mine });
  }

  async takeTheirs(ctx: HandlerContext) {
    await ctx.answer(null);
  }
}
