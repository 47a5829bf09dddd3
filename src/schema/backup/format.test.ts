import { gzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { emptySchema, type Schema } from "../model";
import { BACKUP_LIMITS, type BackupMember, type BackupRecord, BackupWriter, readBackup } from "./format";

const schema: Schema = {
  tables: [{ id: "t1", name: "Musicians", fields: [
    { id: "f1", name: "Name", type: "text", options: {} },
    { id: "f2", name: "Fee", type: "money", options: { currency: "USD" } },
  ] }],
};
const member: BackupMember = { id: "m1", name: "Ann Lee", email: "ann@example.org", role: "owner", createdAt: 5 };
const record: BackupRecord = {
  id: "r1", tableId: "t1", createdAt: 7, deletedAt: null,
  cells: { f1: { text: "Ann", value: "Ann" }, f2: { text: "ask Maria", value: null, invalid: "Not an amount" } },
};

function write(records: BackupRecord[] = [record]): Uint8Array {
  const writer = new BackupWriter({ database: "orchestra", madeAt: 1 });
  writer.settings([["time_zone", "Europe/Paris"]]);
  writer.schema(schema);
  writer.member(member);
  for (const r of records) writer.record(r);
  const chunks = writer.finish();
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

function read(bytes: Uint8Array, limits: { fileBytes: number; textBytes: number } = BACKUP_LIMITS) {
  const seen = { settings: [] as unknown[], schema: emptySchema(), members: [] as BackupMember[], records: [] as BackupRecord[] };
  readBackup(bytes, {
    header: () => {},
    settings: (pairs) => seen.settings.push(...pairs),
    schema: (s) => {
      seen.schema = s;
    },
    member: (m) => seen.members.push(m),
    record: (r) => seen.records.push(r),
  }, limits);
  return seen;
}

const file = (lines: unknown[]) => gzipSync(new TextEncoder().encode(lines.map((l) => JSON.stringify(l)).join("\n")));
const header = { format: "trove-backup", version: 1, database: "x", madeAt: 1 };
const start = [header, { settings: [] }, { schema }];

describe("the backup format", () => {
  it("reads back what it wrote: settings, schema, members and records with their typed text and flags", () => {
    const seen = read(write());
    expect(seen.settings).toEqual([["time_zone", "Europe/Paris"]]);
    expect(seen.schema).toEqual(schema);
    expect(seen.members).toEqual([member]);
    expect(seen.records).toEqual([record]);
  });

  it("compresses: a thousand similar records take a fraction of their text", () => {
    const records = Array.from({ length: 1000 }, (_, i) => ({ ...record, id: `r${i}` }));
    expect(write(records).length).toBeLessThan(JSON.stringify(records).length / 8);
  });

  it("refuses a newer version with a message saying so", () => {
    expect(() => read(file([{ ...header, version: 2 }]))).toThrow("made by a newer version of Trove (format 2)");
  });

  it("refuses what is not a backup, or is damaged, naming the line", () => {
    expect(() => read(new TextEncoder().encode("a,b\n1,2"))).toThrow("not a compressed backup file");
    expect(() => read(file([{ hello: 1 }]))).toThrow("does not start with a Trove backup header (line 1)");
    expect(() => read(gzipSync(new TextEncoder().encode(`${JSON.stringify(header)}\n{oops`)))).toThrow("a line is not JSON (line 2)");
    expect(() => read(file([...start, { member }, { end: { members: 1, records: 0 } }, { member }]))).toThrow("more after the end");
    expect(() => read(file([...start, ["r1", "t1", 1, null, {}], { member }]))).toThrow("out of place");
    expect(() => read(file([...start, ["r1", "t1", 1, null, { nope: { text: "", value: null } }]]))).toThrow("field nope, which table t1 does not have");
    expect(() => read(file([...start, ["r1", "t1", 1, null, { f2: { text: "5", value: "five dollars" } }]]))).toThrow("not one of its type");
    expect(() => read(file([...start, { member: { ...member, role: "emperor" } }]))).toThrow("a member: role");
    expect(() => read(file([...start, ["r1", "t1", 1, null, {}], ["r1", "t1", 1, null, {}]]))).toThrow("record r1 appears twice");
  });

  it("tells a file cut short from a complete one, by its end line and its compression", () => {
    expect(() => read(file(start))).toThrow("cut short");
    expect(() => read(file([...start, { end: { members: 0, records: 3 } }]))).toThrow("not the number of members and records its end names");
    const whole = write();
    expect(() => read(whole.slice(0, whole.length - 12))).toThrow(/cut short|damaged/);
  });

  it("bounds the file, a line, and the text it decompresses to", () => {
    expect(() => read(new Uint8Array(BACKUP_LIMITS.fileBytes + 1))).toThrow("too large");
    expect(() => read(file([header, { settings: [["time_zone", "x".repeat(BACKUP_LIMITS.lineChars)]] }]))).toThrow("a line is too long");
    // A small file that inflates past the bound (the real one is 400 MB) stops there.
    const bomb = gzipSync(new Uint8Array(3_000_000).fill(10), { level: 9 });
    expect(bomb.length).toBeLessThan(10_000);
    expect(() => read(bomb, { ...BACKUP_LIMITS, textBytes: 2_000_000 })).toThrow("too large once decompressed");
  });

  it("checks ids that may reach SQL text, and settings", () => {
    const bad = { tables: [{ id: 'x"; DROP TABLE records; --', name: "T", fields: [] }] };
    expect(() => read(file([header, { settings: [] }, { schema: bad }]))).toThrow("its schema");
    expect(() => read(file([header, { settings: [["time_zone", "Mars/Olympus"]] }]))).toThrow("its settings");
  });
});
