// Changes in words a person understands: "changed Email of “Jo Smith” in People", with the
// text before and after; "deleted the field “Phone” from People". Used by the activity feed,
// record history and the trash. Pure: names come in through `Names`, read from the database
// as it is now (deleted tables, fields and records keep their names, so they still read).

import type { Action } from "../actions";
import { assertNever } from "../action-kit";
import { fieldTypes } from "../fields/registry";

/** Where a change came from, kept with it in the change log. */
export type ChangeSource = "grid" | "record" | "form" | "import" | "undo" | "redo" | "history" | "trash" | "restore" | "sample" | "";

export const CHANGE_SOURCES: readonly ChangeSource[] = ["grid", "record", "form", "import", "undo", "redo", "history", "trash", "restore", "sample", ""];

/** One row of the change log, read back. */
export interface LoggedChange {
  seq: number;
  at: number;
  userId: string;
  source: ChangeSource;
  action: Action;
  inverse: Action;
  /** Taken back by Undo since. */
  undone: boolean;
}

/** How to name what a change touched (as the database is now). */
export interface Names {
  member(userId: string): string;
  table(tableId: string): string;
  field(tableId: string, fieldId: string): string;
  record(tableId: string, recordId: string): string;
}

export interface Described {
  /** What was done, without who: "changed Email of “Jo Smith” in People". */
  text: string;
  /** The text before and after, for a value's change. */
  before?: string;
  after?: string;
  /** Not about records: tables, fields, forms, views. */
  structure: boolean;
}

const SOURCE_WORDS: ReadonlyMap<ChangeSource, string> = new Map<ChangeSource, string>([
  ["grid", "in the grid"],
  ["record", "in the record form"],
  ["form", "by a form submission"],
  ["import", "by an import"],
  ["undo", "by Undo"],
  ["redo", "by Redo"],
  ["history", "from the record's history"],
  ["trash", "from the trash"],
  ["restore", "by a restore to an earlier moment"],
  ["sample", "with the sample data"],
]);

/** "in the grid", "by a form submission"; "" when not known. */
export function sourceWords(source: ChangeSource): string {
  return SOURCE_WORDS.get(source) ?? "";
}

const q = (name: string) => `“${name}”`;

/** Long values are cut for the feed (the record keeps them whole). */
export function shortValue(text: string, max = 120): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

export function isStructural(action: Action): boolean {
  return !("recordId" in action) && action.kind !== "recordBatch";
}

/** Describes one change. The inverse says what was there before (old names, old text). */
export function describeChange(change: Pick<LoggedChange, "action" | "inverse">, names: Names): Described {
  const { action, inverse } = change;
  const structure = isStructural(action);
  const table = names.table(action.tableId);
  const field = (id: string) => names.field(action.tableId, id);
  const say = (text: string, extra: Partial<Described> = {}): Described => ({ text, structure, ...extra });
  switch (action.kind) {
    case "batch":
      return say(`made ${action.actions.length === 1 ? "a change" : `${action.actions.length.toLocaleString("en")} changes in one step`}: ${action.description.replace(/^undo /, "undo of ")}`);
    case "recordBatch":
      return say(`made ${action.actions.length === 1 ? "a change" : `${action.actions.length.toLocaleString("en")} changes in one step`}: ${action.description.replace(/^undo /, "undo of ")}`);
    case "setDerived":
      return say(`changed how ${q(field(action.fieldId))} is computed in ${table}`);
    case "setConstant": {
      const before = inverse.kind === "setConstant" ? inverse.constant : null;
      if (!action.constant) return say(`removed the constant ${before ? q(before.name) : "a constant"}`);
      return before
        ? say(`changed the constant ${q(action.constant.name)}`, { before: shortValue(before.text), after: shortValue(action.constant.text) })
        : say(`added the constant ${q(action.constant.name)}`, { after: shortValue(action.constant.text) });
    }
    case "setFieldWidth":
      return say(`resized the column ${q(field(action.fieldId))} in ${table}`);
    case "importRecords":
      // A file over 5 MB: its job adds and updates the records after this step, a part at a time.
      if (action.job !== undefined) return say(`${action.description.replace(/^import /, "imported ")}, a part at a time${action.fields.length > 0 ? `, ${action.fields.length} ${action.fields.length === 1 ? "field" : "fields"} added` : ""}`);
      return say(`imported into ${table}: ${action.added.toLocaleString("en")} ${action.added === 1 ? "record" : "records"} added, ${action.updated.toLocaleString("en")} updated${action.fields.length > 0 ? `, ${action.fields.length} ${action.fields.length === 1 ? "field" : "fields"} added` : ""}`);
    case "setImported":
      return say(action.present ? `imported again: ${action.description}` : `took back ${action.description.replace(/^undo /, "")}`);
    case "importTable":
      return say(`imported the table ${q(action.name)} (${action.recordCount.toLocaleString("en")} ${action.recordCount === 1 ? "record" : "records"})`);
    case "addTable":
      return say(`created the table ${q(action.name)}`);
    case "renameTable":
      return say(`renamed the table ${inverse.kind === "renameTable" ? `${q(inverse.name)} ` : ""}to ${q(action.name)}`);
    case "deleteTable":
      return say(`deleted the table ${q(table)}`);
    case "restoreTable":
      return say(`restored the table ${q(table)}`);
    case "addField":
      return say(`added the field ${q(action.field.name)} (${fieldTypes[action.field.type].label}) to ${table}`);
    case "renameField":
      return say(`renamed the field ${inverse.kind === "renameField" ? q(inverse.name) : q(field(action.fieldId))} to ${q(action.name)} in ${table}`);
    case "moveField":
      return say(`moved the field ${q(field(action.fieldId))} in ${table}`);
    case "setFieldHidden":
      return say(`${action.hidden ? "hid" : "showed"} the field ${q(field(action.fieldId))} in ${table}`);
    case "deleteField":
      return say(`deleted the field ${q(field(action.fieldId))} from ${table}`);
    case "restoreField":
      return say(`restored the field ${q(field(action.fieldId))} in ${table}`);
    case "changeFieldType": {
      const before = inverse.kind === "changeFieldType" ? inverse.type : action.type;
      if (before === action.type) return say(`edited the options of ${q(field(action.fieldId))} in ${table}`);
      return say(`changed the type of ${q(field(action.fieldId))} in ${table}`, { before: fieldTypes[before].label, after: fieldTypes[action.type].label });
    }
    case "addRecord":
      return say(`added the record ${q(names.record(action.tableId, action.recordId))} to ${table}`);
    case "setCell": {
      const before = inverse.kind === "setCell" ? inverse.text : "";
      const where = `${field(action.fieldId)} of ${q(names.record(action.tableId, action.recordId))}`;
      if (before === "") return say(`set ${where}`, { after: shortValue(action.text) });
      if (action.text === "") return say(`cleared ${where}`, { before: shortValue(before) });
      return say(`changed ${where}`, { before: shortValue(before), after: shortValue(action.text) });
    }
    case "deleteRecord":
      return say(`deleted the record ${q(names.record(action.tableId, action.recordId))} from ${table}`);
    case "restoreRecord":
      return say(`restored the record ${q(names.record(action.tableId, action.recordId))} in ${table}`);
    case "addForm":
      return say(`created the form ${q(action.form.title)}`);
    case "updateForm":
      return inverse.kind === "updateForm" && inverse.form.title !== action.form.title
        ? say(`renamed the form ${q(inverse.form.title)} to ${q(action.form.title)}`)
        : say(`edited the form ${q(action.form.title)}`);
    case "deleteForm":
      return say(`deleted the form ${inverse.kind === "addForm" ? q(inverse.form.title) : "a form"}`);
    case "addView":
      return say(`created the view ${q(action.view.name)} of ${table}`);
    case "updateView":
      return say(`edited the view ${q(action.view.name)} of ${table}`);
    case "deleteView":
      return say(`deleted the view ${inverse.kind === "addView" ? q(inverse.view.name) : "a view"} of ${table}`);
    default:
      return assertNever(action);
  }
}

/** "29 Nov 2026, 14:05" in the database's time zone (UTC if it is not one). */
export function formatMoment(at: number, timeZone: string): string {
  const options: Intl.DateTimeFormatOptions = { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", hour12: false };
  try {
    return new Intl.DateTimeFormat("en-GB", { ...options, timeZone }).format(at);
  } catch {
    return new Intl.DateTimeFormat("en-GB", { ...options, timeZone: "UTC" }).format(at);
  }
}

/** Reads a `datetime-local` value ("2026-11-29T14:05") as a moment in `timeZone`. */
export function parseLocalMoment(text: string, timeZone: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(text.trim());
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1).map((p) => Number(p ?? 0)) as [number, number, number, number, number, number];
  const asUtc = Date.UTC(y, mo - 1, d, h, mi, s);
  if (!Number.isFinite(asUtc)) return undefined;
  // The zone's offset at that moment (twice, for the hour around a clock change).
  const offset = (at: number) => {
    try {
      const parts = new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" }).formatToParts(at);
      const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
      return Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second")) - at;
    } catch {
      return 0;
    }
  };
  const guess = asUtc - offset(asUtc);
  return asUtc - offset(guess);
}
