// Imports waiting for a person's decision: the pasted or uploaded text is kept in SQLite
// between the preview and the import (a session snapshot stays a few kilobytes; a reload
// or another tab finds the text again), in parts under SQLite's 2 MB row limit, a few per
// member, forgotten after a day by the alarm. The parsed rows of the last few are cached
// in memory, so changing a column's type does not re-read the text. A file uploaded in chunks
// (./import-uploads.ts) is staged there instead, under its upload's id: its preview reads its
// first rows only.

import type { Outcome } from "../schema/errors";
import type { ParseContext } from "../schema/fields/field-type";
import { type ColumnChoice, type ImportPreview, previewImport } from "../schema/import/plan";
import type { ParsedText } from "../schema/import/csv";
import { parseImport } from "../schema/import/importers";
import { randomId } from "../ui/engine/ids";
import { scanShape, type ScanState } from "../schema/import/stream";
import { ImportUploads } from "./import-uploads";
import { first, type Storage } from "./sql";
import { DAY } from "./time";

/** Characters a row holds (≤ 3 bytes each in UTF-8: under 2 MB). */
const PART = 500_000;
const PER_MEMBER = 3;
const CACHED = 2;

/** Parsed rows: all of them, or for a file uploaded in chunks the first ones (`streamed`). */
export type ParsedImport = Extract<ParsedText, { ok: true }> & { total?: number; distinct?: (string[] | null)[]; streamed?: { chunks: number; scan: ScanState } };

export class ImportStaging {
  private readonly cache = new Map<string, ParsedImport>();
  /** The last preview of each cached import, by its settings: a render, the import that
   *  follows it and a re-render all read the same one (inference reads every value). */
  private readonly previews = new Map<string, { settings: string; preview: ImportPreview }>();

  /** Files uploaded in chunks. */
  readonly uploads: ImportUploads;

  constructor(
    private readonly storage: Storage,
    private readonly now: () => number,
  ) {
    this.uploads = new ImportUploads(storage, now);
  }

  /** The member's upload, complete, as a staged import (its id is the upload's). */
  stageUpload(memberId: string, uploadId: string): Outcome<{ importId: string; name: string }> {
    const upload = this.uploads.finished(memberId, uploadId);
    if (!upload) return { ok: false, reason: "This upload is no longer here: choose the file again." };
    if (!upload.ok) return upload;
    return { ok: true, importId: uploadId, name: upload.name };
  }

  /** Reads `text`, refusing what cannot be imported, and keeps it for `memberId`. */
  stage(memberId: string, text: string): Outcome<{ importId: string; parsed: ParsedImport }> {
    const parsed = parseImport(text);
    if (!parsed.ok) return parsed;
    const importId = randomId(12);
    const { sql } = this.storage;
    this.storage.transactionSync(() => {
      const old = sql.exec<{ id: string }>("SELECT id FROM import_staging WHERE member_id = ? AND part = 0 AND id NOT IN (SELECT import_id FROM import_jobs WHERE state = 'running') ORDER BY created_at DESC LIMIT -1 OFFSET ?", memberId, PER_MEMBER - 1).toArray();
      for (const { id } of old) this.discard(id);
      for (let at = 0, part = 0; at < text.length; at += PART, part++) {
        sql.exec("INSERT INTO import_staging (id, part, member_id, created_at, text) VALUES (?, ?, ?, ?, ?)", importId, part, memberId, this.now(), text.slice(at, at + PART));
      }
    });
    this.remember(importId, parsed);
    return { ok: true, importId, parsed };
  }

  /** The member's staged import, parsed; undefined when gone (imported, expired, not theirs). */
  parsed(memberId: string, importId: string): ParsedImport | undefined {
    const owner = first(this.storage.sql.exec<{ member_id: string }>("SELECT member_id FROM import_staging WHERE id = ? AND part = 0", importId));
    if (!owner) return this.uploaded(memberId, importId);
    if (owner.member_id !== memberId) return undefined;
    const cached = this.cache.get(importId);
    if (cached) return cached;
    const parts = this.storage.sql.exec<{ text: string }>("SELECT text FROM import_staging WHERE id = ? ORDER BY part", importId).toArray();
    const parsed = parseImport(parts.map((p) => p.text).join(""));
    if (!parsed.ok) return undefined;
    this.remember(importId, parsed);
    return parsed;
  }

  /** The preview of the member's staged import with these settings (cached). */
  preview(memberId: string, importId: string, header: boolean | null, columns: readonly ColumnChoice[], context: ParseContext): { parsed: ParsedImport; preview: ImportPreview } | undefined {
    const parsed = this.parsed(memberId, importId);
    if (!parsed) return undefined;
    const settings = JSON.stringify([header, columns, context.timeZone]);
    const cached = this.previews.get(importId);
    if (cached?.settings === settings) return { parsed, preview: cached.preview };
    const preview = previewImport(parsed, header, columns, context);
    this.previews.set(importId, { settings, preview });
    return { parsed, preview };
  }

  /** A file uploaded in chunks: its first rows (padded to the widest row of the file), the
   *  number of rows and the distinct texts of its scan. */
  private uploaded(memberId: string, importId: string): ParsedImport | undefined {
    const upload = this.uploads.finished(memberId, importId);
    if (!upload?.ok) return undefined;
    const cached = this.cache.get(importId);
    if (cached) return cached;
    const { scan } = upload;
    const { width, ragged } = scanShape(scan);
    const rows = this.uploads.sample(importId, upload);
    for (const row of rows) while (row.length < width) row.push("");
    const parsed: ParsedImport = { ok: true, rows, delimiter: scan.delimiter, width, ragged, warnings: scan.warnings, total: scan.rows, distinct: scan.distinct, streamed: { chunks: upload.chunks, scan }, ...(scan.json ? { header: true } : {}) };
    this.remember(importId, parsed);
    return parsed;
  }

  /** Whether the staged import (text or upload) is the member's. */
  owns(memberId: string, importId: string): boolean {
    const owner = first(this.storage.sql.exec<{ member_id: string }>("SELECT member_id FROM import_staging WHERE id = ? AND part = 0", importId));
    return owner ? owner.member_id === memberId : this.uploads.finished(memberId, importId) !== undefined;
  }

  discard(importId: string): void {
    this.uploads.discard(importId);
    this.storage.sql.exec("DELETE FROM import_staging WHERE id = ?", importId);
    this.cache.delete(importId);
    this.previews.delete(importId);
  }

  /** Forgets imports staged more than a day ago; the time of the oldest left, if any. */
  expire(): number | undefined {
    const cutoff = this.now() - DAY;
    for (const { id } of this.storage.sql.exec<{ id: string }>("SELECT id FROM import_staging WHERE part = 0 AND created_at < ? AND id NOT IN (SELECT import_id FROM import_jobs WHERE state = 'running')", cutoff).toArray()) this.discard(id);
    const staged = first(this.storage.sql.exec<{ at: number | null }>("SELECT MIN(created_at) AS at FROM import_staging"))?.at ?? undefined;
    const uploaded = this.uploads.expire();
    return staged === undefined ? uploaded : uploaded === undefined ? staged : Math.min(staged, uploaded);
  }

  private remember(importId: string, parsed: ParsedImport): void {
    this.cache.delete(importId);
    this.cache.set(importId, parsed);
    for (const key of this.cache.keys()) {
      if (this.cache.size <= CACHED) break;
      this.cache.delete(key);
      this.previews.delete(key);
    }
  }
}
