// What a structural change would do, worked out before it is made: the preview of a type
// change, the options to propose, the records a text field would become as a linked table,
// and the actions that make those changes. Pure: records come through the RecordStore.

import { isJsonObject } from "./action-kit";
import type { Action, BatchAction } from "./actions";
import type { Outcome } from "./errors";
import { type Choice, choiceColors, findChoice, proposeChoices } from "./fields/choice";
import type { Json, ParseContext } from "./fields/field-type";
import { linkNames } from "./fields/link";
import { type FieldTypeName, fieldType, formatCell } from "./fields/registry";
import type { Field, Table } from "./model";
import type { RecordStore } from "./records";
import { foldName, groupSpellings, type SpellingGroup } from "./text";
import { parseCellText } from "./values";

/** What changing a field's type would do, before it is done. */
export interface TypeChangePreview {
  understood: number;
  flagged: number;
  empty: number;
  /** A few cells: the kept text and how the new type would show it (or why not). */
  examples: { text: string; shown: string | null; reason: string | null }[];
}

/** A distinct value of a field, near-duplicates (case, spacing, punctuation) merged. */
export type ValueGroup = SpellingGroup;

/** The field type's default options with `extra` over them. */
export function optionsFor(type: FieldTypeName, extra: { [key: string]: Json }): Json {
  const defaults = fieldType(type).defaultOptions();
  return isJsonObject(defaults) ? { ...defaults, ...extra } : defaults;
}

export function previewTypeChange(records: RecordStore, tableId: string, fieldId: string, type: FieldTypeName, options: Json, context: ParseContext): TypeChangePreview {
  const preview: TypeChangePreview = { understood: 0, flagged: 0, empty: 0, examples: [] };
  const flagged: TypeChangePreview["examples"] = [];
  const good: TypeChangePreview["examples"] = [];
  const texts = records.fieldTexts(tableId, fieldId);
  preview.empty = records.count(tableId) - texts.length; // records with no cell in the field
  for (const [, text] of texts) {
    if (text.trim() === "") {
      preview.empty++;
      continue;
    }
    const parsed = parseCellText(type, text, options, context);
    if (parsed.invalid !== undefined || parsed.value === null) {
      preview.flagged++;
      if (flagged.length < 5) flagged.push({ text, shown: null, reason: parsed.invalid ?? "not understood" });
    } else {
      preview.understood++;
      if (good.length < 5) good.push({ text, shown: formatCell(type, parsed.value, options), reason: null });
    }
  }
  // Up to five examples, at most three of them not understood.
  preview.examples = [...good.slice(0, 5 - Math.min(3, flagged.length)), ...flagged.slice(0, 3)];
  return preview;
}

/** Options for a change to `type`: choices from the distinct values, a date's time zone. */
export function proposedOptions(records: RecordStore, tableId: string, fieldId: string, type: FieldTypeName, timeZone: string): Json {
  if (type === "date") return optionsFor(type, { timeZone });
  if (type !== "choice" && type !== "multiChoice") return fieldType(type).defaultOptions();
  const texts = records.fieldTexts(tableId, fieldId).map(([, text]) => text);
  return { choices: proposeChoices(texts, { split: type === "multiChoice" }).slice(0, 200).map((p) => p.choice) };
}

/** The distinct values of a field, in order of first appearance. */
export function valueGroups(records: RecordStore, tableId: string, fieldId: string, multiple: boolean): ValueGroup[] {
  const names = records.fieldTexts(tableId, fieldId).flatMap(([, text]) => linkNames(text, multiple));
  return groupSpellings(names, foldName);
}

const MAX_LINKED_TABLE_RECORDS = 10_000;

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
  const options = isJsonObject(field.options) ? field.options : {};
  const choices = (Array.isArray(options.choices) ? options.choices : []) as Choice[];
  const text = label.trim().replace(/\s+/g, " ");
  if (!text || text.length > 80) return { ok: false, reason: "An option needs a short name." };
  if (findChoice(text, choices)) return { ok: false, reason: `“${text}” is already an option.` };
  const color = choiceColors[choices.length % choiceColors.length] ?? "gray";
  return { ok: true, options: { ...options, choices: [...choices, { id: newId(), label: text, color }] } };
}
