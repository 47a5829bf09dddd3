// The trash (`trash`, issue 16): tables, fields, records, forms and views deleted in the
// last 30 days, who deleted them and when, each restorable as it was (an undoable action).
// Owners empty it for good; the alarm erases what is older than 30 days.

import type { Json } from "../../schema/fields/field-type";
import type { TroveApp, TrashEntry } from "../app";
import { Component } from "../engine/component";
import type { HandlerContext } from "../engine/context";
import type { Renderer } from "../engine/renderer";
import { ConfirmDialog } from "./confirm";
import { count } from "../format";

type Ctx = HandlerContext<TroveApp>;

const KIND_LABELS: ReadonlyMap<TrashEntry["kind"], string> = new Map([
  ["table", "Table"],
  ["field", "Field"],
  ["record", "Record"],
  ["form", "Form"],
  ["view", "View"],
]);

export class TrashPage extends Component<{ [key: string]: Json }> {
  static override readonly type = "TrashPage";

  static create(): TrashPage {
    return new TrashPage({});
  }

  render(r: Renderer<TroveApp>) {
    const app = r.app;
    r.watch("activity");
    const items = app.trash();
    return (
      <section class="page trash-page" aria-labelledby="page-title">
        <header class="page-header">
          <h1 id="page-title">Trash</h1>
          <p class="muted">Deleted in the last 30 days: restore anything exactly as it was, with its records and links. Older things are erased for good.</p>
        </header>
        {!app.can("write") ? (
          <p class="empty">Your role does not change data, so there is nothing here for you to restore.</p>
        ) : items.length === 0 ? (
          <p class="empty">The trash is empty.</p>
        ) : (
          <>
            <table class="data-table trash-table">
              <thead>
                <tr>
                  <th scope="col">What</th>
                  <th scope="col">Name</th>
                  <th scope="col">In</th>
                  <th scope="col">Deleted</th>
                  <th scope="col"><span class="visually-hidden">Restore</span></th>
                </tr>
              </thead>
              <tbody>
                {items.map((item) => (
                  <tr>
                    <td><span class={`badge kind-${item.kind}`}>{KIND_LABELS.get(item.kind)}</span></td>
                    <td class="trash-name">{item.name}</td>
                    <td>{item.table}</td>
                    <td class="muted">{item.when}{item.by && <> by {item.by}</>}</td>
                    <td class="actions">
                      {item.canRestore && (
                        <form {...r.form} class="inline-form compact">
                          <button class="button small" {...r.submit(this, this.restore, item.key)} aria-label={`Restore ${item.kind} ${item.name}`}>Restore</button>
                        </form>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {app.can("manage") && (
              <form {...r.form} class="trash-actions">
                <button class="button danger-text" {...r.submit(this, this.askEmpty)}>Empty trash…</button>
              </form>
            )}
          </>
        )}
      </section>
    );
  }

  restore(ctx: Ctx, key: Json) {
    if (typeof key !== "string") return;
    const result = ctx.app.restoreFromTrash(key);
    ctx.notice(result.ok ? `Restored “${result.name}”.` : result.reason, result.ok ? "info" : "error");
  }

  askEmpty(ctx: Ctx) {
    const n = ctx.app.trash().length;
    ctx.call(ConfirmDialog.ask("Empty the trash?", `${count(n, "thing")} will be erased for good, with their history. This cannot be undone.`, "Erase for good", true), "emptyAnswered");
  }

  emptyAnswered(ctx: Ctx, confirmed: Json) {
    if (confirmed !== true) return;
    const result = ctx.app.emptyTrash();
    ctx.notice(result.ok ? `Erased ${count(result.count, "thing")} for good.` : result.reason, result.ok ? "info" : "error");
  }
}
