// A record's history inside its form (issue 16): every change to it, newest first — before
// → after, who, when and from where — each value's change with "Restore" to put the text
// before it back (an ordinary, undoable edit made by the RecordDetail's handler).

import type { ActivityEntry } from "../app";
import { ChangeLine } from "./activity-page";

/** `restore(seq)`: the attributes of the button that puts that change's old value back. */
export function RecordHistory(props: { entries: ActivityEntry[]; restore: (entry: ActivityEntry) => Record<string, string> | undefined }) {
  return (
    <section class="record-history" aria-labelledby="record-history-title">
      <h3 id="record-history-title">History</h3>
      {props.entries.length === 0 ? (
        <p class="muted">No changes to this record in the last 30 days.</p>
      ) : (
        <ol class="activity-list compact">
          {props.entries.map((entry) => {
            const button = entry.restorable && entry.before !== undefined ? props.restore(entry) : undefined;
            return (
              <ChangeLine entry={entry}>
                {button && (
                  <button class="button small ghost restore-value" {...button} aria-label={`Restore “${entry.before}” (${entry.when})`} title={`Put “${entry.before}” back`}>
                    Restore
                  </button>
                )}
              </ChangeLine>
            );
          })}
        </ol>
      )}
    </section>
  );
}
