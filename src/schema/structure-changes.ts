// What a structural change would do, worked out before it is made: the preview of a type
// change, the options to propose, the records a text field would become as a linked table,
// and the actions that make those changes. Pure: records come through the RecordStore.

import type { Action, BatchAction } from "./actions";
import type { Outcome } from "./errors";
import { type Choice, choiceColors, findChoice, proposeChoices } from "./fields/choice";
import type { Json, ParseContext } from "./fields/field-type";
import { foldName } from "./fields/link";
import { type FieldTypeName, fieldType, formatCell } from "./fields/registry";
import type { Field, Table } from "./model";
import type { RecordStore } from "./records";
import { parseCellText, type StoredCell } from "./values";

/** What changing a field's type would do, before it is done. */
export interface TypeChangePreview {
  understood: number;
  flagged: number;
  empty: number;
  /** A few cells: the kept text and how the new type would show it (or why not). */
  examples: { text: string; shown: string | null; reason: string | null }[];
}

/** A distinct value of a field, near-duplicates (case, spacing, punctuation) merged. */
export interface ValueGroup {
  /** The most frequent spelling. */
  label: string;
  spellings: string[];
  count: number;
}

const PAGE = 1000;
const isObject = (value: Json): value is { [key: string]: Json } => typeof value === "object" && value !== null && !Array.isArray(value);

/** Visits one field's cell in every live record of a table, a page at a time. */
export function eachCell(records: RecordStore, tableId: string, fieldId: string, visit: (cell: StoredCell | undefined) => void): void {
  const total = records.count(tableId);
  for (let offset = 0; offset < total; offset += PAGE) {
    for (const record of records.query(tableId, { offset, limit: PAGE }).records) visit(record.cells[fieldId]);
  }
}

export function previewTypeChange(records: RecordStore, tableId: string, fieldId: string, type: FieldTypeName, options: Json, context: ParseContext): TypeChangePreview {
  const preview: TypeChangePreview = { understood: 0, flagged: 0, empty: 0, examples: [] };
  const flagged: TypeChangePreview["examples"] = [];
  const good: TypeChangePreview["examples"] = [];
  eachCell(records, tableId, fieldId, (cell) => {
    if (!cell || cell.text.trim() === "") {
      preview.empty++;
      return;
    }
    const parsed = parseCellText(type, cell.text, options, context);
    if (parsed.invalid !== undefined || parsed.value === null) {
      preview.flagged++;
      if (flagged.length < 5) flagged.push({ text: cell.text, shown: null, reason: parsed.invalid ?? "not understood" });
    } else {
      preview.understood++;
      if (good.length < 5) good.push({ text: cell.text, shown: formatCell(type, parsed.value, options), reason: null });
    }
  });
  // Up to five examples, at most three of them not understood.
  preview.examples = [...good.slice(0, 5 - Math.min(3, flagged.length)), ...flagged.slice(0, 3)];
  return preview;
}

/** Options for a change to `type`: choices from the distinct values, a date's time zone. */
export function proposedOptions(records: RecordStore, tableId: string, fieldId: string, type: FieldTypeName, timeZone: string): Json {
  const defaults = fieldType(type).defaultOptions();
  if (type === "date") return isObject(defaults) ? { ...defaults, timeZone } : defaults;
  if (type !== "choice" && type !== "multiChoice") return defaults;
  const texts: string[] = [];
  eachCell(records, tableId, fieldId, (cell) => {
    if (cell?.text.trim()) texts.push(cell.text);
  });
  return { choices: proposeChoices(texts, { split: type === "multiChoice" }).slice(0, 200).map((p) => p.choice) };
}

/** The distinct values of a field, in order of first appearance. */
export function valueGroups(records: RecordStore, tableId: string, fieldId: string, multiple: boolean): ValueGroup[] {
  const groups = new Map<string, { spellings: Map<string, number>; count: number }>();
  eachCell(records, tableId, fieldId, (cell) => {
    for (const raw of !cell ? [] : multiple ? cell.text.split(/[,;\n]/) : [cell.text]) {
      const text = raw.trim().replace(/\s+/g, " ");
      const key = foldName(text);
      if (!key) continue;
      const group = groups.get(key) ?? { spellings: new Map(), count: 0 };
      group.count++;
      group.spellings.set(text, (group.spellings.get(text) ?? 0) + 1);
      groups.set(key, group);
    }
  });
  return [...groups.values()].map((g) => {
    const spellings = [...g.spellings.entries()].sort((a, b) => b[1] - a[1]).map(([text]) => text);
    return { label: spellings[0] ?? "", spellings, count: g.count };
  });
}

export const MAX_LINKED_TABLE_RECORDS = 10_000;

/** The one undoable step that turns a field into a link to a new table of its values. */
export function linkToNewTable(groups: readonly ValueGroup[], table: Table, field: Field, newTableName: string, multiple: boolean, newId: () => string, at: number): Outcome<{ action: BatchAction; newTableId: string }> {
  if (groups.length > MAX_LINKED_TABLE_RECORDS) return { ok: false, reason: `Too many distinct values to make a table of (more than ${MAX_LINKED_TABLE_RECORDS.toLocaleString("en")}).` };
  const newTableId = newId();
  const nameField = newId();
  const actions: Action[] = [
    { kind: "addTable", tableId: newTableId, name: newTableName, at },
    { kind: "addField", tableId: newTableId, field: { id: nameField, name: "Name", type: "text", options: {} }, index: 0 },
    ...groups.map((g, i): Action => ({ kind: "addRecord", tableId: newTableId, recordId: newId(), at: at + i, cells: { [nameField]: g.label } })),
    { kind: "changeFieldType", tableId: table.id, fieldId: field.id, type: "link", options: { tableId: newTableId, multiple } },
  ];
  const description = `turn “${field.name}” into a link to a new table “${newTableName.trim()}”`;
  return { ok: true, newTableId, action: { kind: "batch", tableId: table.id, description, actions } };
}

/** A choice field's options with `label` added as a new option. */
export function withChoiceOption(field: Field, label: string, newId: () => string): Outcome<{ options: Json }> {
  if (field.type !== "choice" && field.type !== "multiChoice") return { ok: false, reason: "Only choice fields have options." };
  const options = isObject(field.options) ? field.options : {};
  const choices = (Array.isArray(options.choices) ? options.choices : []) as Choice[];
  const text = label.trim().replace(/\s+/g, " ");
  if (!text || text.length > 80) return { ok: false, reason: "An option needs a short name." };
  if (findChoice(text, choices)) return { ok: false, reason: `“${text}” is already an option.` };
  const color = choiceColors[choices.length % choiceColors.length] ?? "gray";
  return { ok: true, options: { ...options, choices: [...choices, { id: newId(), label: text, color }] } };
}
