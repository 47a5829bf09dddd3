// The form builder's "Summary after sending" card: computed fields shown read-only to the
// person once their answers are in, each with an editable label; the builder's handlers add,
// label and remove them (./form-builder.tsx).

import { fieldTypes } from "../../schema/fields/registry";
import { type FormSummaryLine, MAX_SUMMARY_LINES } from "../../schema/forms/form";
import type { Field } from "../../schema/model";
import type { Component, Handler } from "../engine/component";
import type { Renderer } from "../engine/renderer";

interface SummaryBuilder extends Component {
  addSummaryLine: Handler;
  removeSummaryLine: Handler;
  setSummaryLabel: Handler;
}

export function SummaryCard(props: { r: Renderer; builder: SummaryBuilder; lines: { line: FormSummaryLine; f: Field }[]; computed: Field[] }) {
  const { r, builder: b, lines, computed } = props;
  return (
    <div class="card builder-section">
      <h2>Summary after sending</h2>
      <p class="hint">Computed fields shown read-only to the person once their answers are in, with the values worked out for their record (“Total: $30.00”). Nothing can be typed into them.</p>
      {lines.map(({ line, f }) => (
        <div class="summary-line">
          <div class="field">
            <label for={`summary-${f.id}-label`}>Label for “{f.name}”</label>
            <input id={`summary-${f.id}-label`} name={r.input(b, b.setSummaryLabel, f.id)} value={line.label} autocomplete="off" data-commit="" />
          </div>
          <span class="type-tag">Computed · {fieldTypes[f.type].label}</span>
          <button class="button small" {...r.submit(b, b.removeSummaryLine, f.id)} aria-label={`Remove ${f.name} from the summary`}>Remove</button>
        </div>
      ))}
      {computed.length > 0 && lines.length < MAX_SUMMARY_LINES && (
        <p class="inline-form">
          <span class="muted">Not shown:</span>
          {computed.map((f) => <button class="button small" {...r.submit(b, b.addSummaryLine, f.id)}>Show “{f.name}”</button>)}
        </p>
      )}
      {computed.length === 0 && lines.length === 0 && <p class="muted">This table has no computed fields yet.</p>}
    </div>
  );
}
