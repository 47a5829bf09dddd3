// What Trove's screens may ask of the database they run in. The tenant object implements
// it for one signed-in member; every method checks that member's role itself, so a forged
// or stale callback can never do more than the member may.

import type { ViewPageAt } from "../schema/views/sql";
import type { DateOrder, DecimalMark } from "../schema/time-zones";
import type { Outcome } from "../schema/errors";
import type { DerivedPort } from "./derived-port";
import type { Member } from "../schema/members";
import type { Json } from "../schema/fields/field-type";
import type { FieldTypeName } from "../schema/fields/registry";
import type { FormDefinition } from "../schema/forms/form";
import type { ImportJobView } from "../schema/import/job";
import type { ColumnChoice, ImportPreview, ImportSettings } from "../schema/import/plan";
import type { ImportIntoReport, ImportIntoSettings, ResolvedTarget } from "../schema/import/mapping";
import type { Field, Table } from "../schema/model";
import type { PasteRequest } from "../schema/paste";
import type { RecordQuery, StoredRecord } from "../schema/records";
import type { TypeChangePreview, ValueGroup } from "../schema/structure-changes";
import type { StoredCell } from "../schema/values";
import type { Permission, Role } from "../schema/roles";
import type { Inactive } from "../schema/views/query";
import type { Measure, Stack } from "../schema/views/display";
import type { MapRows } from "../schema/views/map-sql";
import type { StackCell } from "../schema/views/stack-sql";
import type { PlaceLevel } from "../schema/views/ops-group";
import type { ViewPage } from "../schema/views/result";
import type { ViewDefinition } from "../schema/views/view";
import type { FeedFormat } from "../schema/feeds/feed";

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

/** One change as the activity feed and record history show it (issue 16). */
export interface ActivityEntry {
  seq: number;
  at: number;
  /** The moment in the database's time zone: "29 Nov 2026, 14:05". */
  when: string;
  /** Who made it: a member's name, "Form “Join us”", "Sample data". */
  who: string;
  /** What was done, in words: "changed Email of “Jo Smith”". */
  text: string;
  before?: string;
  after?: string;
  /** Where it came from: "in the grid", "by a form submission", … ("" when not known). */
  from: string;
  /** Taken back by Undo since. */
  undone: boolean;
  structure: boolean;
  tableId: string;
  /** For a value's change: the text before can be put back (record history). */
  restorable: boolean;
  /** In a record's history, one part of a change made in one step (a paste, a bulk delete):
   *  its place among the parts, and the step's description ("paste 12 cells into People"). */
  part?: number;
  within?: string;
}

export interface ActivityFilter {
  tableId?: string;
  memberId?: string;
  structure?: boolean;
  /** The next page: changes before this one. */
  before?: number;
}

/** One thing in the trash. */
export interface TrashEntry {
  key: string;
  kind: "table" | "field" | "record" | "form" | "view";
  name: string;
  /** The table it belongs to ("" for a table). */
  table: string;
  deletedAt: number;
  when: string;
  by: string;
  /** Whether this member's role lets them restore it. */
  canRestore: boolean;
}

/** A table as it was at a moment, reconstructed from the change log (read-only). */
export interface TableMoment {
  table: Table;
  records: StoredRecord[];
  total: number;
  /** Changes since that moment (taken back to show it). */
  changes: number;
  when: string;
}

/** What the person chose for an import into a table (who may add fields is the app's to say). */
export type ImportIntoChoices = Omit<ImportIntoSettings, "addFields">;

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
  /** The records before and after one in creation order, its place and the table's count. */
  neighbours(tableId: string, recordId: string): { previous: string | null; next: string | null; position: number; total: number } | null;
  /** A record's name: what its first field shows ("" when empty). */
  recordName(tableId: string, recordId: string): string;
  /** Up to `limit` records of a table by name, for pickers: id and name, in creation order. */
  recordChoices(tableId: string, limit: number): { id: string; name: string }[];
  /** What a cell shows: the value formatted by its type, or the kept text if not understood. */
  display(field: Field, cell: StoredCell | undefined): string;
  /** Adds a record, with the typed text of some of its cells (the grid's new-record row). */
  addRecord(tableId: string, cells?: ReadonlyMap<string, string>): Outcome<{ recordId: string }>;
  /** Pastes a block into the grid as one undoable step (see schema/paste.ts): how many cells
   *  changed, the records added, the pasted values not understood, the columns left over. */
  pasteCells(tableId: string, request: PasteRequest): Outcome<{ cells: number; added: string[]; flagged: number; spareColumns: number; computedCells: number }>;
  /** Deletes several records as one undoable step; how many were deleted. */
  deleteRecords(tableId: string, recordIds: readonly string[]): Outcome<{ count: number }>;
  /** `from`: where the edit was made, kept in the change log (the grid unless said). */
  setCell(tableId: string, recordId: string, fieldId: string, text: string, from?: "grid" | "record"): Outcome;
  deleteRecord(tableId: string, recordId: string, from?: "grid" | "record"): Outcome;
  /** Adds a field set up with `options` (the type's defaults when absent; a date field's
   *  time zone is the database's unless given). Incomplete settings are refused. */
  addField(tableId: string, name: string, type: string, index: number, options?: Json): Outcome<{ fieldId: string }>;
  renameField(tableId: string, fieldId: string, name: string): Outcome;
  setFieldHidden(tableId: string, fieldId: string, hidden: boolean): Outcome;
  /** Names (first field's text) of up to `limit` records of a table, in name order: what a
   *  link cell suggests as one types. */
  recordNamesOf(tableId: string, limit: number): string[];
  /** Moves a field to `index` among the table's fields (its column in the default view). */
  moveField(tableId: string, fieldId: string, index: number): Outcome;
  /** The field's column width in the default view (pixels; null: as its type suggests). */
  setFieldWidth(tableId: string, fieldId: string, width: number | null): Outcome;
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
  /** `collapsed`: the paths (pathId) of the groups the person folded on their page. */
  runView(view: ViewDefinition, page: ViewPageAt, collapsed?: ReadonlySet<string>): ViewPage & { inactive: Inactive[] };
  /** The places of a view for a map of `fieldId` at `level`, with the measure (count when
   *  null) and how many records cannot be placed. */
  runMap(view: ViewDefinition, fieldId: string, level: PlaceLevel, measure: Measure): MapRows;
  /** A grouped view's groups split by a second grouping (a chart's stack), with the measure
   *  (count when null) per currency; empty when either grouping does not apply. */
  runStack(view: ViewDefinition, stack: NonNullable<Stack>, measure: Measure): StackCell[];
  /** Saves `from` as a new view: shared, or personal to this member. */
  addView(from: ViewDefinition, name: string, personal: boolean): Outcome<{ viewId: string }>;
  updateView(view: ViewDefinition): Outcome;
  deleteView(view: ViewDefinition): Outcome;
  /** A saved view's feed token, for those who may change the view; undefined when it has no feeds. */
  feedToken(view: ViewDefinition): string | undefined;
  /** Publishes a view's private feeds, or replaces their token (the old addresses stop). */
  publishFeeds(view: ViewDefinition): Promise<Outcome<{ token: string }>>;
  /** Stops a view's feeds: their addresses answer 404 from now on. */
  revokeFeeds(view: ViewDefinition): Outcome;
  /** A feed's absolute address. */
  feedUrl(token: string, format: FeedFormat): string;
  /** Builders: reads pasted or uploaded text for a new table and keeps it until it is
   *  imported or discarded; refused (with why) when it cannot be imported. */
  stageImport(text: string): Outcome<{ importId: string }>;
  /** A file the browser uploaded in chunks, once complete, as a staged import. */
  stageUpload(uploadId: string): Outcome<{ importId: string; name: string }>;
  /** What importing a staged text would make: the header (detected when `header` is null),
   *  per column the type guessed or chosen, the share understood, examples not understood. */
  importPreview(importId: string, header: boolean | null, columns: readonly ColumnChoice[]): Outcome<{ preview: ImportPreview }>;
  /** Imports a staged text as a new table in one undoable step, as a job: its rows go in a
   *  chunk at a time (a small import is done when this returns); the job says how far it got
   *  and, once ended, its report. */
  importTable(importId: string, settings: ImportSettings): Outcome<{ tableId: string; jobId: string }>;
  importJob(jobId: string): ImportJobView | undefined;
  /** Imports still running (every member sees their progress). */
  runningImports(): ImportJobView[];
  /** Stops a running import (its starter or an owner); what it imported stays, one Undo away. */
  cancelImport(jobId: string): Outcome<{ done: number }>;
  /** What importing a staged text into an existing table would do: each column's field
   *  (by name unless chosen; new fields only for builders), rows added and updated, values
   *  flagged per column — or why it cannot. */
  importIntoPreview(importId: string, tableId: string, header: boolean | null, columns: readonly ColumnChoice[], settings: ImportIntoChoices): Outcome<{ preview: ImportPreview; targets: ResolvedTarget[]; planned: Outcome<{ report: ImportIntoReport }>; streamed?: boolean }>;
  /** Imports a staged text into an existing table in one undoable step: at once (its
   *  report), or for a file uploaded in chunks as a job (its id; importJob has its report). */
  importInto(importId: string, tableId: string, header: boolean | null, columns: readonly ColumnChoice[], settings: ImportIntoChoices): Outcome<{ report: ImportIntoReport } | { jobId: string }>;
  discardImport(importId: string): void;

  /** Public forms of this database (anyone who may read sees them; builders change them). */
  forms(): FormDefinition[];
  form(formId: string): FormDefinition | undefined;
  /** A new, closed form asking for every visible field of a table. */
  /** A new form for a table; `open`: it takes answers at once. */
  addForm(tableId: string, title: string, open?: boolean): Outcome<{ formId: string }>;
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

  /** The activity feed, newest first (a page), and whether there is more. */
  activity(filter: ActivityFilter): { entries: ActivityEntry[]; more: boolean };
  /** Every change to one record, newest first. */
  recordHistory(tableId: string, recordId: string): ActivityEntry[];
  /** Puts back the text a value had before the logged change `seq` (an ordinary edit). */
  restoreValue(tableId: string, recordId: string, seq: number, part?: number): Outcome<{ field: string; text: string }>;
  /** What was deleted in the last 30 days, newest first. */
  trash(): TrashEntry[];
  /** Puts a thing in the trash back as it was (an undoable action). */
  restoreFromTrash(key: string): Outcome<{ name: string }>;
  /** Owners: erases everything in the trash for good. */
  emptyTrash(): Outcome<{ count: number }>;
  /** When history starts (30 days back at most; later in a young database). */
  historyStart(): number;
  /** Reads a moment typed in a `datetime-local` input, in the database's time zone. */
  parseMoment(text: string): number | undefined;
  /** The tables as they were at `at` (fields and records counted; what became of each). */
  databaseAt(at: number): Outcome<{ tables: { id: string; name: string; fields: number; records: number; now: string }[]; changes: number; when: string }>;
  /** A table (deleted ones too) as it was at `at`, reconstructed from the log. */
  tableAt(tableId: string, at: number): Outcome<TableMoment>;
  /** Builders: restores one table, or with `tableId` undefined the whole database, to how it
   *  was at `at`, as one undoable step. */
  restoreTo(at: number, tableId?: string): Outcome<{ changes: number; description: string }>;
  /** A table by id, deleted or not (for history of deleted tables). */
  anyTable(tableId: string): Table | undefined;

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
  /** How numeric dates and decimals are read and shown in this database. */
  locale(): { dateOrder: DateOrder; decimalMark: DecimalMark };
  /** Owners only; each value checked against its schema. */
  setLocale(dateOrder: string, decimalMark: string): Outcome;

  /** Other members with this database open right now. */
  present(): Member[];

  /** Owners: when Trove's operators looked at this database (the operator view), most
   *  recent first. */
  operatorAccesses(): OperatorAccess[];
  /** Owners: the backup this database was restored from, if it was. */
  restoredFrom(): { database: string; madeAt: number } | undefined;
}

/** One look of Trove's operators at a database: when, and what they saw. */
export interface OperatorAccess {
  at: number;
  what: string;
}
