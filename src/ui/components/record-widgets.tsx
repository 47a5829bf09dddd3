// The control each field type gets in the record form (./record-detail.tsx): a select for a
// single choice, checkboxes for a multiple choice, the linked records listed (each opens its
// own record) with a picker to add one, a member select for a user field, and text inputs
// with the keyboard a phone should show for the rest. A value the field did not understand
// is always shown as the text it was typed as, so nothing is hidden behind a widget.

import type { ChoiceOptions } from "../../schema/fields/choice";
import type { LinkOptions } from "../../schema/fields/link";
import type { Field } from "../../schema/model";
import type { StoredCell } from "../../schema/values";
import type { TroveApp } from "../app";
import type { Renderer } from "../engine/renderer";
import { Checkbox } from "./checkbox";
import type { RecordDetail } from "./record-detail";

/** Records a link picker offers at most; more are typed by name in the grid. */
export const PICKER_LIMIT = 200;

export type Common = { id: string; name?: string; readonly: boolean; "aria-invalid"?: "true"; "aria-describedby"?: string };

const inputModes: Partial<Record<Field["type"], { inputmode?: "decimal" | "email" | "url" | "tel"; type?: "tel" }>> = {
  number: { inputmode: "decimal" },
  percent: { inputmode: "decimal" },
  money: { inputmode: "decimal" },
  email: { inputmode: "email" },
  url: { inputmode: "url" },
  phone: { inputmode: "tel", type: "tel" },
};

export function choicesOf(field: Field): ChoiceOptions["choices"] {
  const options = field.options as Partial<ChoiceOptions> | null;
  return Array.isArray(options?.choices) ? options.choices : [];
}

export function linkOptionsOf(field: Field): LinkOptions | null {
  const options = field.options as Partial<LinkOptions> | null;
  return typeof options?.tableId === "string" && options.tableId !== "" ? { tableId: options.tableId, multiple: options.multiple === true } : null;
}

const ids = (cell: StoredCell | undefined): string[] => (Array.isArray(cell?.value) ? cell.value.filter((v: unknown): v is string => typeof v === "string") : []);

/** The control for one field of a record whose value was understood (or is empty). */
export function widget(r: Renderer<TroveApp>, detail: RecordDetail, field: Field, cell: StoredCell | undefined, common: Common, canWrite: boolean) {
  const app = r.app;
  switch (field.type) {
    case "choice": {
      const current = typeof cell?.value === "string" ? cell.value : "";
      return (
        <select {...common} disabled={!canWrite}>
          <option value="" selected={current === ""}>—</option>
          {choicesOf(field).map((c) => <option value={c.label} selected={c.id === current}>{c.label}</option>)}
        </select>
      );
    }
    case "multiChoice": {
      const chosen = ids(cell);
      return (
        <fieldset class="choice-boxes" id={common.id} aria-label={field.name}>
          {choicesOf(field).map((c) => (
            <label class="choice-box" for={`${common.id}-${c.id}`}>
              <Checkbox id={`${common.id}-${c.id}`} name={canWrite ? r.input(detail, detail.toggleOption, [field.id, c.id]) : undefined} unticked="" checked={chosen.includes(c.id)} disabled={!canWrite} />
              <span class={`chip chip-${c.color}`}>{c.label}</span>
            </label>
          ))}
        </fieldset>
      );
    }
    case "user": {
      const current = typeof cell?.value === "string" ? cell.value : "";
      return (
        <select {...common} disabled={!canWrite}>
          <option value="" selected={current === ""}>—</option>
          {app.members().map((m) => <option value={m.id} selected={m.id === current}>{`${m.name} (${m.email})`}</option>)}
        </select>
      );
    }
    case "link":
      return linkPicker(r, detail, field, cell, common, canWrite);
    default: {
      const mode = inputModes[field.type] ?? {};
      return <input {...common} {...mode} value={app.display(field, cell)} autocomplete="off" />;
    }
  }
}

function linkPicker(r: Renderer<TroveApp>, detail: RecordDetail, field: Field, cell: StoredCell | undefined, common: Common, canWrite: boolean) {
  const app = r.app;
  const options = linkOptionsOf(field);
  const target = options && app.table(options.tableId);
  if (!options || !target) return <p class="muted">This field links to a table that was deleted.</p>;
  const linked = ids(cell);
  const offered = canWrite ? app.recordChoices(target.id, PICKER_LIMIT).filter((c) => !linked.includes(c.id)) : [];
  return (
    <div class="link-picker" id={common.id}>
      {linked.length > 0 ? (
        <ul class="linked-records">
          {linked.map((id) => (
            <li>
              <a href={`${r.address.base}tables/${target.id}/records/${id}`}>{app.recordName(target.id, id) || "Untitled record"}</a>
              {canWrite && <button class="button ghost small" {...r.submit(detail, detail.unlink, [field.id, id])} aria-label={`Remove ${app.recordName(target.id, id) || "record"} from ${field.name}`}>×</button>}
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted">No linked {target.name} yet.</p>
      )}
      {canWrite && (options.multiple || linked.length === 0 || offered.length > 0) && offered.length > 0 && (
        <div class="inline-form">
          <select name={r.input(detail, detail.pickLink, field.id)} aria-label={`${options.multiple || linked.length === 0 ? "Add" : "Replace with"} a record of ${target.name}`}>
            <option value="">{options.multiple || linked.length === 0 ? `Add a record of ${target.name}…` : `Replace with…`}</option>
            {offered.map((c) => <option value={c.id}>{c.name || "Untitled record"}</option>)}
          </select>
          <button class="button small" {...r.submit(detail, detail.save)}>{options.multiple || linked.length === 0 ? "Add" : "Replace"}</button>
        </div>
      )}
    </div>
  );
}
