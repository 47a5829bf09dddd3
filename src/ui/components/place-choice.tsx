// The places an ambiguous location cell may mean ("Troy": New York, Michigan, Ohio…), offered
// from the grid's ▾ (call/answer like the link picker: a click answers the cell's new text,
// which names the place alone, and the grid saves it like a typed value; Cancel, Escape or
// the backdrop answer nothing). The record form lists the same candidates inline.

import type { Json } from "../../schema/fields/field-type";
import { placeCandidates } from "../../schema/fields/location";
import type { TroveApp } from "../app";
import { Component } from "../engine/component";
import type { HandlerContext } from "../engine/context";
import type { Renderer } from "../engine/renderer";

type Ctx = HandlerContext<TroveApp>;

interface State {
  [key: string]: Json;
  title: string;
  recordId: string;
  fieldId: string;
  text: string;
}

export class PlaceChoice extends Component<State> {
  static override readonly type = "PlaceChoice";
  static readonly modal = true;

  static create(state: State): PlaceChoice {
    return new PlaceChoice({ ...state });
  }

  render(r: Renderer<TroveApp>) {
    const candidates = placeCandidates(this.state.text);
    return (
      <div class="backdrop">
        <div class="dialog place-choice" role="dialog" aria-modal="true" aria-labelledby="place-choice-title" tabindex={-1}>
          <h2 id="place-choice-title">{this.state.title}</h2>
          {candidates.length === 0 ? (
            <p class="muted">“{this.state.text}” is no longer ambiguous.</p>
          ) : (
            <>
              <p class="muted">Several places are called “{this.state.text}”. Which one is meant?</p>
              <ul class="picker-results" aria-label="Places">
                {candidates.map((place) => (
                  <li>
                    <a href={r.href(this, this.choose, place)} autofocus={place === candidates[0] ? r.autofocus : undefined}>{place}</a>
                  </li>
                ))}
              </ul>
            </>
          )}
          <form {...r.form} class="dialog-actions">
            <button class="button" data-dismiss="" {...r.submit(this, this.cancel)}>Cancel</button>
          </form>
        </div>
      </div>
    );
  }

  async choose(ctx: Ctx, place: Json) {
    if (typeof place !== "string") return;
    await ctx.answer({ recordId: this.state.recordId, fieldId: this.state.fieldId, text: place });
  }

  async cancel(ctx: Ctx) {
    await ctx.answer(null);
  }
}
