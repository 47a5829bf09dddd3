// The backup file (docs/backup-format.md): one gzip-compressed stream of JSON lines — a
// header, the settings, the schema document, one line per member, one line per record, and
// an end line with the counts, so a truncated file is told apart from a complete one.
// Writing and reading are synchronous over fflate's streaming gzip, so a backup is one
// consistent snapshot and a restore runs inside one storage transaction, with only the
// compressed file and one line in memory. Everything read is checked here: the shapes by
// valibot, ids by the SQL id pattern (they may reach SQL text), values by their field type.

import { Gunzip, Gzip } from "fflate";
import * as v from "valibot";
import type { Json } from "../fields/field-type";
import { type AnyFieldType, type FieldTypeName, fieldTypes } from "../fields/registry";
import { isTimeZone } from "../fields/zone";
import { FormDefinitionSchema } from "../forms/form";
import type { Schema } from "../model";
import { ROLES, type Role } from "../roles";
import type { StoredCell } from "../values";
import { ViewDefinitionSchema } from "../views/view";

export const BACKUP_FORMAT = "trove-backup";
/** The version this code writes and the newest it reads. */
export const BACKUP_VERSION = 1;

export const BACKUP_LIMITS = {
  /** The compressed file, as uploaded. */
  fileBytes: 24_000_000,
  /** Everything once decompressed (a zip bomb stops here). */
  textBytes: 400_000_000,
  /** One line: a record fits SQLite's 2 MB row, the schema its 2 MB document. */
  lineChars: 2_100_000,
  tables: 500,
  fields: 500,
  members: 1_000,
  records: 1_000_000,
} as const;

/** Database settings a backup carries (the rest of `meta` belongs to the database that
 *  wrote it: its name, origin, salts, deletion date). */
export const BACKUP_SETTINGS = ["time_zone", "session_ttl_days"] as const;
export type BackupSetting = (typeof BACKUP_SETTINGS)[number];

/** The same pattern as `sqlId` (views/cell-sql.ts): ids may reach SQL text. */
const ID = /^[A-Za-z0-9_-]{1,64}$/;
const id = v.pipe(v.string(), v.regex(ID, "an id"));
const name = v.pipe(v.string(), v.maxLength(1_000));
const time = v.pipe(v.number(), v.integer(), v.minValue(0));

export const HeaderSchema = v.object({
  format: v.literal(BACKUP_FORMAT),
  version: v.pipe(v.number(), v.integer(), v.minValue(1)),
  database: v.pipe(v.string(), v.maxLength(100)),
  madeAt: time,
});
export type BackupHeader = v.InferOutput<typeof HeaderSchema>;

const SettingsSchema = v.object({
  settings: v.pipe(
    v.array(v.union([
      v.tuple([v.literal("time_zone"), v.pipe(v.string(), v.maxLength(100), v.check(isTimeZone, "a time zone"))]),
      v.tuple([v.literal("session_ttl_days"), v.pipe(v.string(), v.regex(/^[1-9][0-9]{0,2}$/), v.check((d) => Number(d) <= 365))]),
    ])),
    v.maxLength(BACKUP_SETTINGS.length),
  ),
});

const FieldSchema = v.looseObject({
  id,
  name,
  type: v.picklist(Object.keys(fieldTypes) as FieldTypeName[]),
  options: v.custom<Json>((o) => o !== undefined, "options"),
  hidden: v.optional(v.boolean()),
  deletedAt: v.optional(time),
});

const TableSchema = v.looseObject({
  id,
  name,
  fields: v.pipe(v.array(FieldSchema), v.maxLength(BACKUP_LIMITS.fields)),
  deletedAt: v.optional(time),
});

/** The schema document. Parts this code does not name (added by features after this
 *  format) are kept as they are: a generic dump covers them. */
const SchemaDocSchema = v.looseObject({
  tables: v.pipe(v.array(TableSchema), v.maxLength(BACKUP_LIMITS.tables)),
  forms: v.optional(v.array(FormDefinitionSchema)),
  views: v.optional(v.array(ViewDefinitionSchema)),
});

export const MemberSchema = v.object({
  id,
  name: v.pipe(v.string(), v.maxLength(100)),
  email: v.pipe(v.string(), v.maxLength(254), v.email()),
  role: v.picklist(ROLES),
  createdAt: time,
});
export type BackupMember = { id: string; name: string; email: string; role: Role; createdAt: number };

const CellSchema = v.object({
  text: v.pipe(v.string(), v.maxLength(BACKUP_LIMITS.lineChars)),
  value: v.custom<Json | null>((value) => value !== undefined, "a value"),
  invalid: v.optional(v.pipe(v.string(), v.maxLength(1_000))),
});

const RecordSchema = v.tuple([id, id, time, v.nullable(time), v.record(id, CellSchema)]);

export type BackupRecord = { id: string; tableId: string; createdAt: number; deletedAt: number | null; cells: { [fieldId: string]: StoredCell } };

const EndSchema = v.object({ end: v.object({ members: v.number(), records: v.number() }) });

/** A refusal to read a file, with the reason a person sees. */
export class BackupError extends Error {}

const issue = (result: { issues: [v.BaseIssue<unknown>, ...v.BaseIssue<unknown>[]] }) => {
  const first = result.issues[0];
  const where = v.getDotPath(first);
  return `${where ? `${where}: ` : ""}expected ${first.expected ?? "something else"}`;
};

// ---- writing ---------------------------------------------------------------------------

/** Builds a backup file line by line: gzip chunks are produced as it goes. */
export class BackupWriter {
  readonly chunks: Uint8Array[] = [];
  private readonly gzip: Gzip;
  private pending: string[] = [];
  private pendingChars = 0;
  private readonly encoder = new TextEncoder();
  members = 0;
  records = 0;

  constructor(header: Omit<BackupHeader, "format" | "version">, level: 1 | 6 = 6) {
    this.gzip = new Gzip({ level }, (chunk) => this.chunks.push(chunk));
    this.line(JSON.stringify({ format: BACKUP_FORMAT, version: BACKUP_VERSION, database: header.database, madeAt: header.madeAt }));
  }

  settings(pairs: [BackupSetting, string][]): void {
    this.line(JSON.stringify({ settings: pairs }));
  }

  schema(schema: Schema): void {
    this.line(JSON.stringify({ schema }));
  }

  member(member: BackupMember): void {
    this.members++;
    this.line(JSON.stringify({ member: { id: member.id, name: member.name, email: member.email, role: member.role, createdAt: member.createdAt } }));
  }

  /** A record line already built as JSON text (`[id, tableId, createdAt, deletedAt, cells]`;
   *  the object builds it in SQL, without parsing each record). */
  recordLine(json: string): void {
    this.records++;
    this.line(json);
  }

  record(record: BackupRecord): void {
    this.recordLine(JSON.stringify([record.id, record.tableId, record.createdAt, record.deletedAt, record.cells]));
  }

  /** Ends the file; returns its compressed chunks. */
  finish(): Uint8Array[] {
    this.line(JSON.stringify({ end: { members: this.members, records: this.records } }));
    this.flush(true);
    return this.chunks;
  }

  private line(text: string): void {
    this.pending.push(text);
    this.pendingChars += text.length + 1;
    if (this.pendingChars >= 256_000) this.flush(false);
  }

  private flush(final: boolean): void {
    this.gzip.push(this.encoder.encode(this.pending.length ? `${this.pending.join("\n")}\n` : ""), final);
    this.pending = [];
    this.pendingChars = 0;
  }
}

// ---- reading ---------------------------------------------------------------------------

/** What a reader hands on, in file order: settings, the schema, each member, each record. */
export interface BackupSink {
  header(header: BackupHeader): void;
  settings(pairs: [BackupSetting, string][]): void;
  schema(schema: Schema): void;
  member(member: BackupMember): void;
  record(record: BackupRecord): void;
}

type Stage = "header" | "settings" | "schema" | "members" | "end" | "done";

/** Reads lines in order, checks each, and hands them to the sink. */
export class BackupReader {
  private stage: Stage = "header";
  private lineNumber = 0;
  private members = 0;
  private records = 0;
  /** Each live table's field types, for checking values. */
  private tables = new Map<string, Map<string, { type: AnyFieldType; options: Json }>>();
  private readonly memberIds = new Set<string>();
  private readonly recordIds = new Set<string>();

  constructor(private readonly sink: BackupSink) {}

  line(text: string): void {
    this.lineNumber++;
    if (text === "") return;
    if (this.stage === "done") this.fail("there is more after the end of the backup");
    if (text.length > BACKUP_LIMITS.lineChars) this.fail("a line is too long");
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      this.fail("a line is not JSON");
    }
    if (Array.isArray(json)) this.record(json);
    else if (this.stage === "header") this.header(json);
    else this.section(json !== null && typeof json === "object" ? (json as { [key: string]: unknown }) : {});
  }

  private section(object: { [key: string]: unknown }): void {
    if (this.stage === "settings" && "settings" in object) this.settings(object);
    else if (this.stage === "schema" && "schema" in object) this.schema(object.schema);
    else if (this.stage === "members" && "member" in object) this.member(object.member);
    else if ((this.stage === "members" || this.stage === "end") && "end" in object) this.end(object);
    else this.fail("a line is out of place");
  }

  /** Call after the last line: a file without its end line was cut short. */
  finish(): void {
    if (this.stage !== "done") this.fail("the file ends too early (it was cut short)");
  }

  private fail(why: string): never {
    throw new BackupError(`This file is not a Trove backup or is damaged: ${why} (line ${this.lineNumber}).`);
  }

  private header(json: unknown): void {
    const looks = json !== null && typeof json === "object" && (json as { format?: unknown }).format === BACKUP_FORMAT;
    if (!looks) this.fail("it does not start with a Trove backup header");
    const version = (json as { version?: unknown }).version;
    if (typeof version === "number" && version > BACKUP_VERSION) {
      throw new BackupError(`This backup was made by a newer version of Trove (format ${version}); this Trove reads format ${BACKUP_VERSION} and older. Restore it where it was made, or after Trove is updated.`);
    }
    const parsed = v.safeParse(HeaderSchema, json);
    if (!parsed.success) this.fail(`its header: ${issue(parsed)}`);
    this.sink.header(parsed.output);
    this.stage = "settings";
  }

  private settings(json: unknown): void {
    const parsed = v.safeParse(SettingsSchema, json);
    if (!parsed.success) this.fail(`its settings: ${issue(parsed)}`);
    this.sink.settings(parsed.output.settings as [BackupSetting, string][]);
    this.stage = "schema";
  }

  private schema(json: unknown): void {
    const parsed = v.safeParse(SchemaDocSchema, json);
    if (!parsed.success) this.fail(`its schema: ${issue(parsed)}`);
    const schema = parsed.output as unknown as Schema;
    const tableIds = new Set<string>();
    for (const table of schema.tables) {
      if (tableIds.has(table.id)) this.fail(`table ${table.id} appears twice`);
      tableIds.add(table.id);
      const fields = new Map<string, { type: AnyFieldType; options: Json }>();
      for (const field of table.fields) {
        if (fields.has(field.id)) this.fail(`field ${field.id} appears twice`);
        fields.set(field.id, { type: fieldTypes[field.type] as AnyFieldType, options: field.options });
      }
      this.tables.set(table.id, fields);
    }
    this.sink.schema(schema);
    this.stage = "members";
  }

  private member(json: unknown): void {
    const parsed = v.safeParse(MemberSchema, json);
    if (!parsed.success) this.fail(`a member: ${issue(parsed)}`);
    if (this.memberIds.has(parsed.output.id)) this.fail("a member appears twice");
    if (++this.members > BACKUP_LIMITS.members) this.fail(`more than ${BACKUP_LIMITS.members} members`);
    this.memberIds.add(parsed.output.id);
    this.sink.member(parsed.output);
  }

  private record(json: unknown[]): void {
    if (this.stage !== "members" && this.stage !== "end") this.fail("a record is out of place");
    this.stage = "end";
    const parsed = v.safeParse(RecordSchema, json);
    if (!parsed.success) this.fail(`a record: ${issue(parsed)}`);
    if (++this.records > BACKUP_LIMITS.records) this.fail(`more than ${BACKUP_LIMITS.records.toLocaleString("en")} records`);
    const [recordId, tableId, createdAt, deletedAt, cells] = parsed.output;
    const fields = this.tables.get(tableId);
    if (!fields) this.fail(`a record of table ${tableId}, which the schema does not have`);
    if (this.recordIds.has(recordId)) this.fail(`record ${recordId} appears twice`);
    this.recordIds.add(recordId);
    for (const [fieldId, cell] of Object.entries(cells)) {
      const field = fields.get(fieldId);
      if (!field) this.fail(`a value of field ${fieldId}, which table ${tableId} does not have`);
      if (cell.value !== null && !valueFits(field.type, cell.value, field.options)) this.fail(`a value of field ${fieldId} that is not one of its type`);
    }
    this.sink.record({ id: recordId, tableId, createdAt, deletedAt, cells: cells as { [fieldId: string]: StoredCell } });
  }

  private end(json: { [key: string]: unknown }): void {
    const parsed = v.safeParse(EndSchema, json);
    if (!parsed.success) this.fail(`its end: ${issue(parsed)}`);
    if (parsed.output.end.members !== this.members || parsed.output.end.records !== this.records) this.fail("it has not the number of members and records its end names");
    this.stage = "done";
  }
}

/** A stored value its type can format and sort: what every screen and query needs. */
function valueFits(type: AnyFieldType, value: Json, options: Json): boolean {
  try {
    const key = type.sortKey(value);
    return (typeof key === "string" || Number.isFinite(key)) && typeof type.format(value, options) === "string";
  } catch {
    return false;
  }
}

/** Reads a whole backup file (gzip) into a sink, synchronously; throws BackupError. */
export function readBackup(bytes: Uint8Array, sink: BackupSink, limits: { fileBytes: number; textBytes: number } = BACKUP_LIMITS): void {
  if (bytes.length > limits.fileBytes) throw new BackupError(`This backup is too large (at most ${limits.fileBytes / 1_000_000} MB).`);
  if (bytes.length < 2 || bytes[0] !== 0x1f || bytes[1] !== 0x8b) throw new BackupError("This file is not a Trove backup (it is not a compressed backup file).");
  const reader = new BackupReader(sink);
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let carry = "";
  let total = 0;
  const take = (text: string) => {
    const lines = (carry + text).split("\n");
    carry = lines.pop() ?? "";
    if (carry.length > BACKUP_LIMITS.lineChars) reader.line(carry); // refuses it
    for (const line of lines) reader.line(line);
  };
  const gunzip = new Gunzip((chunk, final) => {
    total += chunk.length;
    if (total > limits.textBytes) throw new BackupError("This backup is too large once decompressed.");
    let text: string;
    try {
      text = decoder.decode(chunk, { stream: !final });
    } catch {
      throw new BackupError("This file is not a Trove backup or is damaged: it is not UTF-8 text.");
    }
    take(text);
  });
  try {
    const step = 1 << 16;
    for (let at = 0; at < bytes.length; at += step) gunzip.push(bytes.subarray(at, Math.min(bytes.length, at + step)), at + step >= bytes.length);
  } catch (error) {
    if (error instanceof BackupError) throw error;
    throw new BackupError("This file is not a Trove backup or is damaged: its compression is broken (was it cut short?).");
  }
  if (carry !== "") reader.line(carry);
  reader.finish();
}
