// Files uploaded in chunks (issue 15): the browser slices a big CSV/TSV file and posts one
// chunk at a time, in order (../ui/client/uploads.ts → POST /t/<db>/import-chunks). Each chunk
// is scanned as it arrives (rows counted, bounds checked: ../schema/import/stream.ts) and kept
// as one BLOB row, the scan's state on the upload's row, in one transaction: a chunk sent
// twice (a retry) is taken once, and an eviction between two chunks loses nothing. The object
// holds one chunk at a time. Bounds (STREAM_LIMITS): chunk and file sizes, chunks a member
// sends a minute, unfinished uploads per member, and the bytes staged in the whole database.
// An upload goes when its import ends (./import-jobs.ts → ImportStaging.discard), when it is
// discarded, an unfinished one an hour after its last chunk, a finished one after a day.

import * as v from "valibot";
import type { Outcome } from "../schema/errors";
import type { Member } from "../schema/members";
import { can } from "../schema/roles";
import { PREVIEW_ROWS } from "../schema/import/infer";
import { firstState, type ImportChunk, ImportChunkSchema, newScan, readChunk, type ReadState, type ScanState, scanChunk, startState, STREAM_LIMITS } from "../schema/import/stream";
import { first, type Storage } from "./sql";
import { DAY } from "./time";

const HOUR = 3_600_000;
const MB = 1_048_576;

type Row = { id: string; member_id: string; name: string; size: number; chunks: number; bytes: number; done: number; scan: string; error: string | null; updated_at: number };

/** A finished upload: its file's name and what the scan found. */
export interface FinishedUpload {
  name: string;
  size: number;
  chunks: number;
  scan: ScanState;
}

export class ImportUploads {
  /** Chunks per member in the current minute (memory: a woken object starts counting again). */
  private readonly rates = new Map<string, { minute: number; n: number }>();

  constructor(
    private readonly storage: Storage,
    private readonly now: () => number,
  ) {}

  /** A chunk's request (its query names the upload and the chunk; the body is the bytes),
   *  checked by ImportChunkSchema and the member's role. */
  receive(member: Member, url: URL, bytes: Uint8Array): Outcome<{ received: number; done: boolean }> {
    if (!can(member.role, "write")) return { ok: false, reason: "Your role does not allow importing." };
    const q = (name: string) => url.searchParams.get(name) ?? "";
    const input = v.safeParse(ImportChunkSchema, { upload: q("upload"), index: q("index"), last: q("last"), size: q("size"), name: q("name"), bytes });
    if (!input.success) return { ok: false, reason: input.issues[0].message };
    return this.add(member.id, input.output);
  }

  /** Takes one chunk of the member's upload; how many chunks it has, and whether it is complete. */
  add(memberId: string, chunk: ImportChunk): Outcome<{ received: number; done: boolean }> {
    const minute = Math.floor(this.now() / 60_000);
    const rate = this.rates.get(memberId);
    if (rate?.minute === minute && rate.n >= STREAM_LIMITS.perMinute) return { ok: false, reason: "Too many chunks in one minute: wait a moment and choose the file again." };
    this.rates.set(memberId, { minute, n: rate?.minute === minute ? rate.n + 1 : 1 });
    if (this.rates.size > 1000) this.rates.clear();
    const { sql } = this.storage;
    let row = first(sql.exec<Row>("SELECT * FROM import_uploads WHERE id = ?", chunk.upload));
    if (!row) {
      if (chunk.index !== 0) return { ok: false, reason: "This upload is no longer here: choose the file again." };
      const started = this.begin(memberId, chunk);
      if (!started.ok) return started;
      row = started.row;
    }
    if (row.member_id !== memberId) return { ok: false, reason: "That upload is another member's." };
    if (row.error !== null) return { ok: false, reason: row.error };
    if (chunk.index < row.chunks) return { ok: true, received: row.chunks, done: row.done === 1 }; // sent again: taken once
    if (row.done === 1) return { ok: false, reason: "This upload is complete already." };
    if (chunk.index > row.chunks) return { ok: false, reason: `Part ${chunk.index + 1} of the file came before part ${row.chunks + 1}: choose the file again.` };
    const bytes = row.bytes + chunk.bytes.length;
    const last = chunk.last === "1";
    if (chunk.size !== row.size || bytes > row.size || last !== (bytes === row.size)) return this.fail(row, "The file changed while it was being sent: choose it again.");
    const staged = sql.exec<{ n: number }>("SELECT COALESCE(SUM(bytes), 0) AS n FROM import_uploads").one().n;
    if (staged + chunk.bytes.length > STREAM_LIMITS.stagedBytes) return this.fail(row, this.fullReason());
    let scanned = scanChunk(JSON.parse(row.scan) as ScanState, chunk.bytes, chunk.index, last);
    // A byte UTF-8 does not have after the first chunk: the whole file is Windows-1252.
    if (!scanned.ok && scanned.encoding) scanned = this.rescan(row, chunk, last);
    if (!scanned.ok) return this.fail(row, scanned.reason);
    const scan = scanned.scan;
    const id = row.id;
    this.storage.transactionSync(() => {
      sql.exec("INSERT INTO import_upload_chunks (upload_id, idx, bytes) VALUES (?, ?, ?)", id, chunk.index, copy(chunk.bytes));
      sql.exec("UPDATE import_uploads SET chunks = ?, bytes = ?, done = ?, scan = ?, updated_at = ? WHERE id = ?", chunk.index + 1, bytes, last ? 1 : 0, JSON.stringify(scan), this.now(), id);
    });
    return { ok: true, received: chunk.index + 1, done: last };
  }

  /** The row of a new upload, from its first chunk; or why it cannot start. */
  private begin(memberId: string, chunk: ImportChunk): { ok: true; row: Row } | { ok: false; reason: string } {
    const { sql } = this.storage;
    // A member keeps a few unfinished uploads; older ones go (a file chosen again starts anew).
    const old = sql.exec<{ id: string }>("SELECT id FROM import_uploads WHERE member_id = ? AND done = 0 ORDER BY updated_at DESC LIMIT -1 OFFSET ?", memberId, STREAM_LIMITS.uploadsPerMember - 1).toArray();
    for (const { id } of old) this.discard(id);
    const announced = sql.exec<{ n: number }>("SELECT COALESCE(SUM(size), 0) AS n FROM import_uploads WHERE error IS NULL").one().n;
    if (announced + chunk.size > STREAM_LIMITS.stagedBytes) return { ok: false, reason: this.fullReason() };
    const state = firstState(chunk.bytes);
    if ("ok" in state) return state;
    const at = this.now();
    const row: Row = { id: chunk.upload, member_id: memberId, name: chunk.name, size: chunk.size, chunks: 0, bytes: 0, done: 0, scan: JSON.stringify(newScan(state)), error: null, updated_at: at };
    sql.exec(
      "INSERT INTO import_uploads (id, member_id, name, size, chunks, bytes, done, scan, error, created_at, updated_at) VALUES (?, ?, ?, ?, 0, 0, 0, ?, NULL, ?, ?)",
      row.id, memberId, row.name, row.size, row.scan, at, at,
    );
    return { ok: true, row };
  }

  private fullReason(): string {
    return `This database already holds ${STREAM_LIMITS.stagedBytes / MB} MB of files waiting to be imported, the most it keeps at once. Let a running import finish (or start again later) and choose the file again.`;
  }

  /** The scan again from the first chunk, reading the file as Windows-1252. */
  private rescan(row: Row, chunk: ImportChunk, last: boolean): ReturnType<typeof scanChunk> {
    let scan = newScan({ ...startState(JSON.parse(row.scan) as ScanState), encoding: "windows-1252" });
    for (let i = 0; i <= chunk.index; i++) {
      const bytes = i === chunk.index ? chunk.bytes : this.chunk(row.id, i);
      if (!bytes) return { ok: false, reason: "This upload is no longer here: choose the file again." };
      const next = scanChunk(scan, bytes, i, i === chunk.index && last);
      if (!next.ok) return next;
      scan = next.scan;
    }
    return { ok: true, scan };
  }

  /** Keeps why an upload failed (so a retry hears the same) and drops its chunks. */
  private fail(row: Row, reason: string): { ok: false; reason: string } {
    this.storage.transactionSync(() => {
      this.storage.sql.exec("DELETE FROM import_upload_chunks WHERE upload_id = ?", row.id);
      this.storage.sql.exec("UPDATE import_uploads SET error = ?, done = 1, bytes = 0, updated_at = ? WHERE id = ?", reason, this.now(), row.id);
    });
    return { ok: false, reason };
  }

  /** The member's complete upload; undefined when not theirs or gone, a reason when refused. */
  finished(memberId: string, uploadId: string): Outcome<FinishedUpload> | undefined {
    const row = first(this.storage.sql.exec<Row>("SELECT * FROM import_uploads WHERE id = ?", uploadId));
    if (!row || row.member_id !== memberId) return undefined;
    if (row.error !== null) return { ok: false, reason: row.error };
    if (row.done !== 1) return { ok: false, reason: "The file has not all arrived yet: choose it again." };
    return { ok: true, name: row.name, size: row.size, chunks: row.chunks, scan: JSON.parse(row.scan) as ScanState };
  }

  /** One stored chunk's bytes. */
  chunk(uploadId: string, index: number): Uint8Array | undefined {
    const row = first(this.storage.sql.exec<{ bytes: ArrayBuffer }>("SELECT bytes FROM import_upload_chunks WHERE upload_id = ? AND idx = ?", uploadId, index));
    return row ? new Uint8Array(row.bytes) : undefined;
  }

  /** The rows of chunk `index` read from `state`, and the state the next chunk starts from. */
  rows(uploadId: string, index: number, chunks: number, state: ReadState): { rows: string[][]; state: ReadState } | undefined {
    const bytes = this.chunk(uploadId, index);
    if (!bytes) return undefined;
    const read = readChunk(state, bytes, index, index === chunks - 1);
    return read.ok ? { rows: read.rows, state: read.state } : undefined;
  }

  /** The first rows of a finished upload (its first chunks, up to the rows a preview counts). */
  sample(uploadId: string, upload: FinishedUpload): string[][] {
    const rows: string[][] = [];
    let state = startState(upload.scan);
    for (let i = 0; i < upload.chunks && rows.length <= PREVIEW_ROWS; i++) {
      const read = this.rows(uploadId, i, upload.chunks, state);
      if (!read) break;
      for (const row of read.rows) if (rows.length <= PREVIEW_ROWS) rows.push(row);
      state = read.state;
    }
    return rows;
  }

  discard(uploadId: string): void {
    this.storage.transactionSync(() => {
      this.storage.sql.exec("DELETE FROM import_upload_chunks WHERE upload_id = ?", uploadId);
      this.storage.sql.exec("DELETE FROM import_uploads WHERE id = ?", uploadId);
    });
  }

  /** Drops uploads abandoned (unfinished an hour after their last chunk) or older than a day
   *  with no running import; the time the next one falls due, less a day (as staged texts). */
  expire(): number | undefined {
    const now = this.now();
    const due = this.storage.sql.exec<{ id: string }>(
      "SELECT id FROM import_uploads WHERE ((done = 0 AND updated_at < ?) OR updated_at < ?) AND id NOT IN (SELECT import_id FROM import_jobs WHERE state = 'running')",
      now - HOUR, now - DAY,
    ).toArray();
    for (const { id } of due) this.discard(id);
    const next = first(this.storage.sql.exec<{ at: number | null }>("SELECT MIN(CASE WHEN done = 0 THEN updated_at + ? ELSE updated_at + ? END) AS at FROM import_uploads", HOUR, DAY))?.at;
    return next === null || next === undefined ? undefined : next - DAY;
  }
}

/** The chunk's own bytes (a view into a bigger buffer would store all of it). */
function copy(bytes: Uint8Array): ArrayBuffer {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? (bytes.buffer as ArrayBuffer) : (bytes.slice().buffer as ArrayBuffer);
}
