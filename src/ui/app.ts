// What Trove's screens may ask of the database they run in. The tenant object implements
// it for one signed-in member; every method checks that member's role itself, so a forged
// or stale callback can never do more than the member may.

import type { Outcome } from "../schema/errors";
import type { DerivedPort } from "./derived-port";
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
import type { Inactive } from "../schema/views/query";
import type { ViewPage } from "../schema/views/result";
import type { ViewDefinition } from "../schema/views/view";

export interface Invitation {
  email: string;
  role: Role;
  expiresAt: number;
  /** The inviting member's name: the invitation stands only while they may make it. */
  invitedBy: string;
}

/** One place the member is signed in ("Where you are signed in" on My account). */
export interface SignIn {
  /** Names it for "Sign out"; never its token or the token's hash. */
  id: number;
  /** "Firefox on Linux". */
  device: string;
  signedInAt: number;
  lastSeen: number;
  /** The sign-in this page is open in. */
  current: boolean;
}

/** A password reset link an owner issued that is still open. */
export interface PendingReset {
  memberId: string;
  expiresAt: number;
}

export type { TypeChangePreview, ValueGroup } from "../schema/structure-changes";

export interface TroveApp {
  readonly databaseName: string;
  /** The signed-in member looking at this session. */
  readonly me: Member;
  can(permission: Permission): boolean;
  /** Derived fields and named constants (./derived-port.ts). */
  readonly derived: DerivedPort;

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

  /** My account: a new display name. */
  rename(name: string): Outcome;
  /** My account: a new password, proven by the current one; every other sign-in of the
   *  member ends (their pages are sent to sign in). */
  changePassword(current: string, password: string): Promise<Outcome>;
  /** Where this member is signed in. */
  signIns(): SignIn[];
  /** Ends one of this member's sign-ins (this one too, if asked). */
  endSignIn(id: number): Outcome;
  /** Ends every sign-in of this member but the one this page is open in. */
  endOtherSignIns(): Outcome<{ count: number }>;
  /** Whether this member has a recovery code. */
  hasRecoveryCode(): boolean;
  /** Makes a new recovery code (the old one stops working); shown once. */
  newRecoveryCode(): Promise<string>;

  /** Leaves the database (any member but the last owner): this member's pages close. */
  leave(): Outcome;
  /** Owners: makes another member the owner; this member becomes a builder. */
  transferOwnership(memberId: string): Outcome<{ name: string }>;
  /** Owners: schedules the database's deletion, confirmed by its name typed. */
  scheduleDeletion(typedName: string): Outcome<{ at: number }>;
  /** Owners: takes a scheduled deletion back. */
  cancelDeletion(): Outcome;
  /** When the database will be erased, if it is scheduled for deletion. */
  deletionAt(): number | undefined;

  /** Owners: a one-time link that lets a member set a new password (replacing any open one). */
  issueReset(memberId: string): Promise<Outcome<{ link: string; name: string }>>;
  revokeReset(memberId: string): Outcome;
  /** Owners: reset links still open. */
  resets(): PendingReset[];

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
