// GET /t/<db>/backup: the whole database as a backup file, for its owners only. The file is
// made in one synchronous pass (./backups.ts: a consistent snapshot) and streamed out in
// its compressed chunks.

import { TroveError } from "../schema/errors";
import type { Member } from "../schema/members";
import { writeBackup } from "./backups";
import type { Tenant } from "./tenant";

/** What this part uses of the engine (./tenant.ts): its port. */
export type BackupDownloadPort = Pick<Tenant, "accounts" | "getMeta" | "name" | "now" | "schema" | "storage">;

/** The file's name: the database and the day it was made, e.g. orchestra-2026-11-29. */
export function backupFileName(database: string, at: number): string {
  return `${database}-${new Date(at).toISOString().slice(0, 10)}.trove-backup.gz`;
}

export function downloadBackup(tenant: BackupDownloadPort, member: Member): Response {
  if (member.role !== "owner") throw new TroveError("forbidden", "Only owners of this database can download a backup.", { link: { href: `/t/${tenant.name}/tables`, label: "Go to the tables" } });
  const now = tenant.now();
  const chunks = writeBackup({
    storage: tenant.storage,
    name: tenant.name!,
    now,
    schema: tenant.schema,
    setting: (key) => tenant.getMeta(key),
    members: () => tenant.accounts.members(),
  });
  let next = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      const chunk = chunks[next++];
      if (chunk) controller.enqueue(chunk);
      if (next >= chunks.length) controller.close();
    },
  });
  return new Response(body, {
    headers: {
      "content-type": "application/gzip",
      "content-disposition": `attachment; filename="${backupFileName(tenant.name!, now)}"`,
      "cache-control": "no-store",
    },
  });
}
