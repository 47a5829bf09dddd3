// Backups of a whole database (docs/backup-format.md; the format is ../schema/backup/).
// Writing reads one consistent snapshot synchronously — no other request runs between the
// schema and the last record — and compresses as it reads, so memory holds the compressed
// file, not the records. Restoring writes a NEW database inside one storage transaction:
// a file refused on its last line leaves nothing behind, not even the migrated tables.

import { type BackupMember, type BackupSetting, BackupError, BACKUP_SETTINGS, BackupWriter, readBackup } from "../schema/backup/format";
import type { Member } from "../schema/members";
import type { Schema } from "../schema/model";
import { cellTypes, type CellTypes } from "../schema/records";
import { insertUserRow } from "./accounts";
import { writeMeta } from "./meta-store";
import { migrate } from "./migrations";
import { insertSchema } from "./schema-store";
import { randomUnusableHash } from "./passwords";
import type { Storage } from "./sql";
import { insertRestoredRecord, rebuildRecordStats } from "./sql-records";
import { SORT_KEYS_VERSION } from "./stored-cells";

/** What a backup reads from the database it is made of. */
export interface BackupSource {
  storage: Storage;
  name: string;
  now: number;
  schema: Schema;
  setting(key: BackupSetting): string | undefined;
  members(): Member[];
}

/** Every record as a backup line, built in SQL (`k`, the sort keys, left out: restore
 *  computes them with today's code), by table and creation order. */
const RECORD_LINES = `SELECT json_array(r.id, r.table_id, r.created_at, r.deleted_at,
    (SELECT json_group_object(j.key, json_remove(j.value, '$.k')) FROM json_each(r.cells) j)) AS line
  FROM records r ORDER BY r.table_id, r.seq`;

/** The whole database as a backup file's compressed chunks. Synchronous: one snapshot. */
export function writeBackup(source: BackupSource, level: 1 | 6 = 6): Uint8Array[] {
  const writer = new BackupWriter({ database: source.name, madeAt: source.now }, level);
  const settings: [BackupSetting, string][] = [];
  for (const key of BACKUP_SETTINGS) {
    const value = source.setting(key);
    if (value !== undefined) settings.push([key, value]);
  }
  writer.settings(settings);
  writer.schema(source.schema);
  for (const member of source.members()) writer.member(member);
  for (const row of source.storage.sql.exec<{ line: string }>(RECORD_LINES)) writer.recordLine(row.line);
  return writer.finish();
}

/** Who restores, and where: the new database's details. */
export interface RestoreTarget {
  storage: Storage;
  now: number;
  name: string;
  origin: string;
  /** The person signing up: prepared (hashed) but not yet written. */
  owner: { member: Member; hash: string };
}

export type RestoreOutcome = { ok: true; owner: Member; records: number; members: number } | { ok: false; reason: string };

/** Restores a backup file into this new, empty database in one transaction. The person
 *  restoring becomes its owner (the backup's member with their email, if there is one, so
 *  their personal views and "assigned to" values stay theirs). Everyone else keeps their
 *  role, without a password: an owner gives each a reset link (Members page). */
export function restoreBackup(target: RestoreTarget, bytes: Uint8Array): RestoreOutcome {
  const { storage, now } = target;
  let owner: Member = target.owner.member;
  let members = 0;
  let records = 0;
  const types = new Map<string, CellTypes>();
  const seqs = new Map<string, number>();
  const ownerEmail = owner.email.toLowerCase();
  try {
    storage.transactionSync(() => {
      migrate(storage, now);
      const meta = (key: string, value: string) => writeMeta(storage, key, value);
      readBackup(bytes, {
        header(header) {
          meta("restored_from", JSON.stringify({ database: header.database, madeAt: header.madeAt }));
        },
        settings(pairs) {
          for (const [key, value] of pairs) meta(key, value);
        },
        schema(schema) {
          insertSchema(storage, schema);
          for (const table of schema.tables) types.set(table.id, cellTypes(table));
        },
        member(member: BackupMember) {
          members++;
          if (member.email.toLowerCase() === ownerEmail) {
            owner = { ...target.owner.member, id: member.id, createdAt: member.createdAt };
            return;
          }
          insertUserRow(storage, { id: member.id, email: member.email, name: member.name, role: member.role, createdAt: member.createdAt }, randomUnusableHash());
        },
        record(record) {
          records++;
          const seq = (seqs.get(record.tableId) ?? 0) + 1;
          seqs.set(record.tableId, seq);
          insertRestoredRecord(storage, record, seq, types.get(record.tableId) ?? {});
        },
      });
      insertUserRow(storage, { ...owner, role: "owner" }, target.owner.hash);
      rebuildRecordStats(storage);
      meta("name", target.name);
      meta("origin", target.origin);
      meta("created_at", String(now));
      meta("sort_keys", SORT_KEYS_VERSION);
    });
  } catch (error) {
    if (error instanceof BackupError) return { ok: false, reason: error.message };
    throw error;
  }
  return { ok: true, owner: { ...owner, role: "owner" }, records, members };
}
