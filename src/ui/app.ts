// What Trove's screens may ask of the database they run in. The tenant object implements
// it for one signed-in member; every method checks that member's role itself, so a forged
// or stale callback can never do more than the member may.

import type { Outcome } from "../schema/errors";
import type { Member } from "../schema/members";
import type { Json } from "../schema/fields/field-type";
import type { FieldTypeName } from "../schema/fields/registry";
import type { FormDefinition } from "../schema/forms/form";
import type { ColumnChoice, ImportPreview, ImportReport, ImportSettings } from "../schema/import/plan";
import type { Field, Table } from "../schema/model";
import type { RecordQuery, StoredRecord } from "../schema/records";
import type { TypeChangePreview, ValueGroup } from "../schema/structure-changes";
import type { StoredCell } from "../schema/values";
import type { Permission, Role } from "../schema/roles";

export interface Invitation {
  email: string;
  role: Role;
  expiresAt: number;
  /** The inviting member's name: the invitation stands only while they may make it. */
  invitedBy: string;
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

  /** Builders: reads pasted or uploaded text for a new table and keeps it until it is
   *  imported or discarded; refused (with why) when it cannot be imported. */
  stageImport(text: string): Outcome<{ importId: string }>;
  /** What importing a staged text would make: the header (detected when `header` is null),
   *  per column the type guessed or chosen, the share understood, examples not understood. */
  importPreview(importId: string, header: boolean | null, columns: readonly ColumnChoice[]): Outcome<{ preview: ImportPreview }>;
  /** Imports a staged text as a new table in one undoable step; the report says what it did. */
  importTable(importId: string, settings: ImportSettings): Outcome<{ tableId: string; report: ImportReport }>;
  discardImport(importId: string): void;

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
  /** Creates a one-time invitation (replacing any open one for that email); returns the
   *  link to pass on and the email as stored. */
  invite(email: string, role: string): Promise<Outcome<{ link: string; email: string }>>;
  /** Withdraws the open invitation for `email`. */
  revokeInvitation(email: string): Outcome;
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
