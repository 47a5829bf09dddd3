// What Trove's screens may ask of the database they run in. The tenant object implements
// it for one signed-in member; every method checks that member's role itself, so a forged
// or stale callback can never do more than the member may.

import type { Outcome } from "../schema/errors";
import type { Member } from "../schema/members";
import type { Json } from "../schema/fields/field-type";
import type { FieldTypeName } from "../schema/fields/registry";
import type { FormDefinition } from "../schema/forms/form";
import type { Field, Table } from "../schema/model";
import type { RecordQuery, StoredRecord } from "../schema/records";
import type { TypeChangePreview, ValueGroup } from "../schema/structure-changes";
import type { StoredCell } from "../schema/values";
import type { Permission, Role } from "../schema/roles";
import type { Inactive } from "../schema/views/query";
import type { ViewPage } from "../schema/views/result";
import type { ViewDefinition } from "../schema/views/view";

export interface Invitation {
  email: string;
  role: Role;
  expiresAt: number;
}

export type { TypeChangePreview, ValueGroup } from "../schema/structure-changes";

export interface TroveApp {
  readonly databaseName: string;
  /** The signed-in member looking at this session. */
  readonly me: Member;
  can(permission: Permission): boolean;

  /** Tables (not deleted), in order. */
  tables(): Table[];
  addTable(name: string): Outcome<{ tableId: string }>;
  renameTable(tableId: string, name: string): Outcome;
  deleteTable(tableId: string): Outcome;
  table(tableId: string): Table | undefined;
  records(tableId: string, query: RecordQuery): { records: StoredRecord[]; total: number };
  /** One live record, or undefined. */
  record(tableId: string, recordId: string): StoredRecord | undefined;
  invalidCounts(tableId: string): { [fieldId: string]: number };
  /** What a cell shows: the value formatted by its type, or the kept text if not understood. */
  display(field: Field, cell: StoredCell | undefined): string;
  addRecord(tableId: string): Outcome<{ recordId: string }>;
  setCell(tableId: string, recordId: string, fieldId: string, text: string): Outcome;
  deleteRecord(tableId: string, recordId: string): Outcome;
  addField(tableId: string, name: string, type: string, index: number): Outcome<{ fieldId: string }>;
  renameField(tableId: string, fieldId: string, name: string): Outcome;
  setFieldHidden(tableId: string, fieldId: string, hidden: boolean): Outcome;
  deleteField(tableId: string, fieldId: string): Outcome;
  previewTypeChange(tableId: string, fieldId: string, type: FieldTypeName, options: Json): TypeChangePreview;
  /** Options to propose for a change to `type` (choices from the distinct values). */
  proposedOptions(tableId: string, fieldId: string, type: FieldTypeName): Json;
  changeFieldType(tableId: string, fieldId: string, type: FieldTypeName, options: Json): Outcome;
  /** The other side of links: for each link field elsewhere that points at this table, the
   *  names of the records linking to each of `recordIds`. */
  backlinks(tableId: string, recordIds: readonly string[]): { label: string; names: Map<string, string[]> }[];
  /** What turning a text field into a link to a new table would create: one record per
   *  distinct value, near-duplicates (case, spacing, punctuation) merged. */
  previewNewLinkTable(tableId: string, fieldId: string, multiple: boolean): ValueGroup[];
  /** Turns a field into a link to a new table whose records are its distinct values. */
  linkToNewTable(tableId: string, fieldId: string, newTableName: string, multiple: boolean): Outcome<{ newTableId: string }>;
  /** Makes typed text a new option of a choice field: cells with that text become valid. */
  addChoiceOption(tableId: string, fieldId: string, label: string): Outcome;

  /** Saved views of a table this member sees: shared ones, then their own personal ones. */
  views(tableId: string): ViewDefinition[];
  /** One saved view, if this member may see it. */
  view(tableId: string, viewId: string): ViewDefinition | undefined;
  /** Whether this member may change a saved view (shared: builders; personal: its maker). */
  mayChangeView(view: ViewDefinition): boolean;
  /** Runs a view (saved or not) in SQL: a page of records, groups and summaries, and the
   *  conditions that do not apply now. */
  runView(view: ViewDefinition, page: { offset: number; limit: number }): ViewPage & { inactive: Inactive[] };
  /** Saves `from` as a new view: shared, or personal to this member. */
  addView(from: ViewDefinition, name: string, personal: boolean): Outcome<{ viewId: string }>;
  updateView(view: ViewDefinition): Outcome;
  deleteView(view: ViewDefinition): Outcome;

  /** Public forms of this database (anyone who may read sees them; builders change them). */
  forms(): FormDefinition[];
  form(formId: string): FormDefinition | undefined;
  /** A new, closed form asking for every visible field of a table. */
  addForm(tableId: string, title: string): Outcome<{ formId: string }>;
  /** Saves a whole form definition (the form actions check it). */
  updateForm(form: FormDefinition): Outcome;
  deleteForm(formId: string): Outcome;
  /** The form's public address, absolute: for links and the copy-paste snippets. */
  formUrl(form: FormDefinition): string;
  /** For the tables list, in two reads: records per table and those new from forms. */
  tableCounts(): Map<string, { records: number; fromForms: number }>;
  /** Someone opened the table: its "new from forms" badge goes, for everyone. */
  sawTable(tableId: string): void;

  /** Undoes this member's last change that has not been undone. */
  undo(): Outcome<{ description: string }>;
  /** What `undo` would undo, for the button's label; undefined when there is nothing. */
  lastUndoable(): string | undefined;
  /** Re-applies what this member last undid; refused once they made a new change since. */
  redo(): Outcome<{ description: string }>;
  /** What `redo` would redo, for the button's label; undefined when there is nothing. */
  lastRedoable(): string | undefined;

  members(): Member[];
  invitations(): Invitation[];
  /** Creates a one-time invitation; returns the link to pass on. */
  invite(email: string, role: string): Promise<Outcome<{ link: string }>>;
  changeRole(memberId: string, role: string): Outcome;
  removeMember(memberId: string): Outcome;

  /** Days an idle sign-in or session lasts before it expires. */
  sessionTtlDays(): number;
  /** Owners only: how long idle sign-ins and sessions last (1–365 days). */
  setSessionTtlDays(days: string): Outcome;

  /** The database's time zone (IANA), in which typed dates and times are read. */
  timeZone(): string;
  /** Owners only: sets the time zone for date fields created from now on. */
  setTimeZone(timeZone: string): Outcome;

  /** Other members with this database open right now. */
  present(): Member[];
}
