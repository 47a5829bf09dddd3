// On the Members page, for owners (issue 16): download a backup of the whole database (a
// plain link: the browser saves the file), where the database was restored from, and every
// time Trove's operators looked at it.

import type { OperatorAccess } from "../app";

const day = (at: number) => new Date(at).toISOString().slice(0, 10);
const when = (at: number) => `${new Date(at).toISOString().replace("T", " ").slice(0, 16)} UTC`;

export function BackupCard(props: { database: string; accesses: OperatorAccess[]; restoredFrom: { database: string; madeAt: number } | undefined }) {
  return (
    <section class="card backup-card" aria-labelledby="backup-title">
      <h2 id="backup-title">Backup</h2>
      <p>
        One compressed file with everything needed to start this database again elsewhere: tables, fields, records (what was typed and what Trove understood),
        views, forms, members and their roles, and settings. Passwords, sign-ins and open invitations are left out: members restored from a backup get a reset link from an owner.
      </p>
      <a class="button" href={`/t/${props.database}/backup`} download="">Download a backup</a>
      <p class="hint">To restore it, create a new database on Trove's front page and choose the file under “Or restore a backup”.</p>
      {props.restoredFrom && (
        <p class="muted restored-from">
          This database was restored from a backup of <span class="mono">{props.restoredFrom.database}</span> made on {day(props.restoredFrom.madeAt)}.
          Members who came with it sign in once you give them a reset link (above).
        </p>
      )}
      <h3>Operator access</h3>
      {props.accesses.length === 0 ? (
        <p class="muted">Trove's operators have not looked at this database.</p>
      ) : (
        <ul class="operator-accesses">
          {props.accesses.map((a) => (
            <li><time datetime={new Date(a.at).toISOString()}>{when(a.at)}</time> — {a.what}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
