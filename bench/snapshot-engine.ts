// Bench-only: sizes a Trove UI session snapshot (what the tenant object stores per session)
// by driving the real engine and components in Node with a fake database (no workerd, no
// product-code change). bench/lib/build.mjs bundles this file for Node.

import type { FormDefinition } from "../src/schema/forms/form";
import type { Outcome } from "../src/schema/errors";
import type { Member } from "../src/schema/members";
import type { Json } from "../src/schema/fields/field-type";
import type { Field, Table } from "../src/schema/model";
import type { StoredRecord } from "../src/schema/records";
import type { StoredCell } from "../src/schema/values";
import { can, type Permission } from "../src/schema/roles";
import type { Invitation, TroveApp, TypeChangePreview } from "../src/ui/app";
import { AppShell, registry } from "../src/ui/components";
import { Session } from "../src/ui/engine/session";
import { TestClient } from "../src/ui/engine/test-client";

export interface SnapshotFigure {
  label: string;
  snapshotBytes: number;
  htmlBytes: number;
}

export interface SnapshotInput {
  /** Table names to create through the UI (deterministic, from the bench's PRNG). */
  tableNames: string[];
  /** Other members' names shown on the members page. */
  memberNames: string[];
}

/** An in-memory TroveApp: enough of the database for the shell, tables and members pages. */
class FakeApp implements TroveApp {
  readonly databaseName = "bench";
  readonly basePath = "/t/bench/s/session";
  private readonly schema: Table[] = [];
  private history: string[] = [];
  private seq = 0;

  constructor(
    readonly me: Member,
    private readonly others: Member[],
  ) {}

  can(permission: Permission): boolean {
    return can(this.me.role, permission);
  }
  tables(): Table[] {
    return this.schema.filter((t) => t.deletedAt === undefined);
  }
  addTable(name: string): Outcome<{ tableId: string }> {
    if (!name.trim()) return { ok: false, reason: "Give the table a name." };
    const tableId = `t${++this.seq}`;
    this.schema.push({ id: tableId, name, fields: [] });
    this.history.push(`Add table “${name}”`);
    return { ok: true, tableId };
  }
  renameTable(tableId: string, name: string): Outcome {
    const table = this.schema.find((t) => t.id === tableId);
    if (!table) return { ok: false, reason: "No such table." };
    table.name = name;
    return { ok: true };
  }
  deleteTable(tableId: string): Outcome {
    const table = this.schema.find((t) => t.id === tableId);
    if (!table) return { ok: false, reason: "No such table." };
    table.deletedAt = 1;
    return { ok: true };
  }
  undo(): Outcome<{ description: string }> {
    const description = this.history.pop();
    return description ? { ok: true, description } : { ok: false, reason: "There is nothing to undo." };
  }
  lastUndoable(): string | undefined {
    return this.history.at(-1);
  }
  members(): Member[] {
    return [this.me, ...this.others];
  }
  forms(): FormDefinition[] {
    return [];
  }
  form(): FormDefinition | undefined {
    return undefined;
  }
  addForm(): Outcome<{ formId: string }> {
    return { ok: false, reason: "No forms in the benchmark." };
  }
  updateForm(): Outcome {
    return { ok: false, reason: "No forms in the benchmark." };
  }
  deleteForm(): Outcome {
    return { ok: false, reason: "No forms in the benchmark." };
  }
  formUrl(form: FormDefinition): string {
    return `/f/bench/${form.slug}`;
  }
  sawTable(): void {}
  invitations(): Invitation[] {
    return [];
  }
  async invite(): Promise<Outcome<{ link: string }>> {
    return { ok: true, link: "/t/bench/invite/x" };
  }
  changeRole(): Outcome {
    return { ok: true };
  }
  removeMember(): Outcome {
    return { ok: true };
  }
  present(): Member[] {
    return this.others.slice(0, 3);
  }
  // The screens measured here do not open tables; these answer as an empty database would.
  table(tableId: string): Table | undefined {
    return this.tables().find((t) => t.id === tableId);
  }
  records(): { records: StoredRecord[]; total: number } {
    return { records: [], total: 0 };
  }
  record(): StoredRecord | undefined {
    return undefined;
  }
  invalidCounts(): { [fieldId: string]: number } {
    return {};
  }
  display(_field: Field, cell: StoredCell | undefined): string {
    return cell?.text ?? "";
  }
  private refuse(): { ok: false; reason: string } {
    return { ok: false, reason: "The bench's fake database has no records." };
  }
  addRecord() {
    return this.refuse();
  }
  setCell() {
    return this.refuse();
  }
  deleteRecord() {
    return this.refuse();
  }
  addField() {
    return this.refuse();
  }
  renameField() {
    return this.refuse();
  }
  setFieldHidden() {
    return this.refuse();
  }
  deleteField() {
    return this.refuse();
  }
  changeFieldType() {
    return this.refuse();
  }
  addChoiceOption() {
    return this.refuse();
  }
  tableCounts(): Map<string, { records: number; fromForms: number }> {
    return new Map(this.tables().map((t) => [t.id, { records: 0, fromForms: 0 }]));
  }
  backlinks(): { label: string; names: Map<string, string[]> }[] {
    return [];
  }
  previewNewLinkTable(): { label: string; spellings: string[]; count: number }[] {
    return [];
  }
  linkToNewTable() {
    return this.refuse();
  }
  previewTypeChange(): TypeChangePreview {
    return { understood: 0, flagged: 0, empty: 0, examples: [] };
  }
  proposedOptions(): Json {
    return {};
  }
  timeZone(): string {
    return "UTC";
  }
  setTimeZone() {
    return this.refuse();
  }
  sessionTtlDays(): number {
    return 14;
  }
  setSessionTtlDays() {
    return { ok: true as const };
  }
}

const member = (i: number, name: string, role: Member["role"]): Member => ({
  id: `member-${i}`,
  email: `${name.toLowerCase().replace(/[^a-z]+/g, ".")}@example.org`,
  name,
  role,
  createdAt: 1_700_000_000_000 + i,
});

/** Drives one AppShell session through a few screens; returns the snapshot size at each. */
export async function measureSnapshots(input: SnapshotInput): Promise<SnapshotFigure[]> {
  const me = member(0, "Olive Owner", "owner");
  const app = new FakeApp(me, input.memberNames.map((n, i) => member(i + 1, n, i % 2 ? "editor" : "viewer")));
  const session = new Session<TroveApp>(registry, "session", me.id, AppShell.create());
  const render = async () => (await session.render(app, app.basePath)).html;
  const client = new TestClient(async (fields, action) => {
    await session.handle(app, fields, action);
    return render();
  }, await render());
  const figures: SnapshotFigure[] = [];
  const note = (label: string) => figures.push({ label, snapshotBytes: Buffer.byteLength(session.snapshot()), htmlBytes: Buffer.byteLength(client.html) });

  note("new session, no tables");
  const half = Math.ceil(input.tableNames.length / 4);
  for (const [i, name] of input.tableNames.entries()) {
    client.fill("New table", name);
    await client.click("Create table");
    if (i + 1 === half) note(`${half} tables`);
  }
  note(`${input.tableNames.length} tables`);
  // Open and cancel renames: stale callbacks of the last few renders stay in the snapshot.
  for (const name of input.tableNames.slice(0, 3)) {
    await client.click(`Rename ${name}`);
    await client.click("Cancel");
  }
  await client.click(`Delete ${input.tableNames[0]}`);
  note(`${input.tableNames.length} tables, confirm dialog open`);
  await client.click("Members");
  note(`members page, ${input.memberNames.length + 1} members`);
  return figures;
}
