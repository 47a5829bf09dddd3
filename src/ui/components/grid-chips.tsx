// What a grid cell of a choice-like field shows and offers: coloured chips for choice and
// multiple choice values, and type-ahead (a <datalist> per column, in its header) for choice,
// multiple choice (the runtime completes the last part of a list), link (the linked table's
// records by name) and user (members by name, with their email) cells. A cell names its list
// in `data-list`; the runtime ties it (`list`) only while the cell has the cursor: Chromium
// crashed morphing a page whose inputs were tied to datalists.

import { type Choice, choiceColors, findChoice, splitChoices } from "../../schema/fields/choice";
import type { Field } from "../../schema/model";
import type { StoredCell } from "../../schema/values";
import type { TroveApp } from "../app";

/** At most this many suggestions per column: a datalist is not a search. */
const MAX_SUGGESTIONS = 200;

const PALETTE = new Set<string>(choiceColors);

export function choicesOf(field: Field): Choice[] {
  const options = field.options as { choices?: unknown } | null;
  if (!options || !Array.isArray(options.choices)) return [];
  return options.choices.filter((c): c is Choice => typeof c === "object" && c !== null && typeof (c as Choice).id === "string" && typeof (c as Choice).label === "string");
}

/** The chips of a choice or multiple choice cell that was understood (label and palette
 *  colour), or null. Drawn by ./grid-cells.ts. */
export function chipLabels(field: Field, cell: StoredCell | undefined): { label: string; color: string }[] | null {
  if ((field.type !== "choice" && field.type !== "multiChoice") || !cell || cell.invalid !== undefined || cell.value === null) return null;
  const ids = Array.isArray(cell.value) ? cell.value : [cell.value];
  const choices = choicesOf(field);
  const shown = ids.flatMap((id) => choices.filter((c) => c.id === id));
  if (shown.length === 0) return null;
  return shown.map((c) => ({ label: c.label, color: PALETTE.has(c.color) ? c.color : "gray" }));
}

/** The id of a column's suggestions, when its type has any. */
export function suggestionsId(field: Field): string | undefined {
  return field.type === "choice" || field.type === "multiChoice" || field.type === "link" || field.type === "user" ? `dl-${field.id}` : undefined;
}

/** A column's suggestions as a <datalist> (rendered in its header), or null. */
export function suggestions(app: TroveApp, field: Field) {
  const id = suggestionsId(field);
  if (!id) return null;
  if (field.type === "choice" || field.type === "multiChoice") {
    return (
      <datalist id={id} data-multi={field.type === "multiChoice" ? "" : undefined}>
        {choicesOf(field).slice(0, MAX_SUGGESTIONS).map((c) => <option value={c.label} />)}
      </datalist>
    );
  }
  if (field.type === "user") {
    return (
      <datalist id={id}>
        {app.members().slice(0, MAX_SUGGESTIONS).map((m) => <option value={m.name} label={m.email} />)}
      </datalist>
    );
  }
  const options = field.options as { tableId?: unknown; multiple?: unknown } | null;
  const names = typeof options?.tableId === "string" ? app.recordNamesOf(options.tableId, MAX_SUGGESTIONS) : [];
  return (
    <datalist id={id} data-multi={options?.multiple === true ? "" : undefined}>
      {names.map((name) => <option value={name} />)}
    </datalist>
  );
}

/** The parts of not-understood multiple choice texts that match no option, most frequent
 *  first: what "add as option" offers. */
export function unknownParts(field: Field, texts: readonly string[], limit = 8): string[] {
  const choices = choicesOf(field);
  const counts = new Map<string, number>();
  for (const text of texts) {
    for (const part of field.type === "multiChoice" ? splitChoices(text) : [text.trim()]) {
      if (part === "" || part.length > 80 || findChoice(part, choices)) continue;
      const known = [...counts.keys()].find((k) => k.toLowerCase() === part.toLowerCase()) ?? part;
      counts.set(known, (counts.get(known) ?? 0) + 1);
    }
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1]).slice(0, limit).map(([part]) => part);
}
