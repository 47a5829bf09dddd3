// The operator view's pages (issue 16): sign in with the operator secret, find a database in
// the directory, and look at one database read-only. Rendered by the worker
// (src/worker/operator.tsx) from what the database's object reports (src/tenant-do/operator.ts).

import type { OperatorAccess } from "../app";
import { Document } from "./document";

export interface OperatorReport {
  database: string;
  createdAt: number | null;
  deletionAt: number | null;
  storageBytes: number;
  sqlTables: { name: string; rows: number }[];
  tables: { id: string; name: string; fields: number; records: number; deleted: boolean }[];
  members: number;
  sessions: number;
  sockets: { member: string; place: string }[];
  alarm: number | null;
  errors: { at: number; place: string; reference: string; message: string; repeats: number }[];
  changes: { seq: number; at: number; who: string; what: string }[];
  accesses: OperatorAccess[];
}

export interface DirectoryEntry {
  name: string;
  createdAt: number;
  deletedAt: number | null;
}

const when = (at: number) => `${new Date(at).toISOString().replace("T", " ").slice(0, 19)} UTC`;
const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? "" : "s"}`;
const bytes = (n: number) => (n < 1024 ? `${n} B` : n < 1024 * 1024 ? `${(n / 1024).toFixed(1)} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`);

function Shell(props: { title: string; children: unknown; signedIn?: boolean }) {
  return (
    <Document title={`${props.title} · Trove operator`}>
      <main class="operator">
        <header class="operator-bar">
          <a class="brand" href="/operator/"><span class="logo" aria-hidden="true">T</span> Trove operator</a>
          {props.signedIn && (
            <form method="post" action="/operator/signout">
              <button class="button small" type="submit">Sign out</button>
            </form>
          )}
        </header>
        {props.children}
      </main>
    </Document>
  );
}

export function OperatorSignInPage(props: { error?: string }) {
  return (
    <Shell title="Sign in">
      <div class="card operator-card">
        <h1>Operator view</h1>
        <form method="post" action="/operator/signin" novalidate>
            <p class="lead">For the people who run Trove. Every database you open here is recorded, and its owners see that you looked.</p>
            {props.error && <p class="form-error" role="alert">{props.error}</p>}
            <div class="field">
              <label for="token">Operator token</label>
              <input id="token" name="token" type="password" autocomplete="off" required maxlength={200} />
            </div>
            <button class="button primary" type="submit">Sign in</button>
          </form>
      </div>
    </Shell>
  );
}

export function OperatorDirectoryPage(props: { search: string; entries: DirectoryEntry[]; total: number }) {
  return (
    <Shell title="Databases" signedIn>
      <section class="card operator-card wide">
        <header class="page-header">
          <h1>Databases</h1>
          <p class="muted">{props.total.toLocaleString("en")} in the directory</p>
        </header>
        <form method="get" action="/operator/" class="inline-form">
          <label for="search">Name starts with</label>
          <input id="search" name="q" value={props.search} autocomplete="off" maxlength={40} />
          <button class="button" type="submit">Find</button>
        </form>
        {props.entries.length === 0 ? (
          <p class="muted">No database matches.</p>
        ) : (
          <table class="data-table">
            <thead><tr><th>Name</th><th>Created</th><th>Deleted</th></tr></thead>
            <tbody>
              {props.entries.map((e) => (
                <tr>
                  <td>{e.deletedAt === null ? <a href={`/operator/db/${e.name}`}>{e.name}</a> : <span class="muted">{e.name}</span>}</td>
                  <td>{when(e.createdAt)}</td>
                  <td>{e.deletedAt === null ? "" : when(e.deletedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </Shell>
  );
}

export function OperatorDatabasePage(props: { report: OperatorReport }) {
  const r = props.report;
  return (
    <Shell title={r.database} signedIn>
      <section class="card operator-card wide">
        <header class="page-header">
          <a class="back" href="/operator/">← Databases</a>
          <h1>{r.database}</h1>
          <p class="muted">read-only · this look is recorded and shown to its owners</p>
        </header>
        <dl class="operator-facts">
          <dt>Storage</dt><dd>{bytes(r.storageBytes)}</dd>
          <dt>Created</dt><dd>{r.createdAt === null ? "unknown" : when(r.createdAt)}</dd>
          <dt>Members</dt><dd>{r.members}</dd>
          <dt>Live pages</dt><dd>{count(r.sessions, "session")} stored, {count(r.sockets.length, "socket")} open</dd>
          <dt>Alarm</dt><dd>{r.alarm === null ? "none set" : when(r.alarm)}</dd>
          <dt>Deletion</dt><dd>{r.deletionAt === null ? "not scheduled" : when(r.deletionAt)}</dd>
        </dl>
        <h2>Tables</h2>
        <table class="data-table">
          <thead><tr><th>Table</th><th>Id</th><th>Fields</th><th>Records</th></tr></thead>
          <tbody>
            {r.tables.map((t) => (
              <tr><td>{t.name}{t.deleted && <span class="muted"> (deleted)</span>}</td><td class="mono">{t.id}</td><td>{t.fields}</td><td>{t.records.toLocaleString("en")}</td></tr>
            ))}
          </tbody>
        </table>
        <h2>Storage tables</h2>
        <table class="data-table">
          <thead><tr><th>SQLite table</th><th>Rows</th></tr></thead>
          <tbody>{r.sqlTables.map((t) => <tr><td class="mono">{t.name}</td><td>{t.rows.toLocaleString("en")}</td></tr>)}</tbody>
        </table>
        <h2>Open sockets</h2>
        {r.sockets.length === 0 ? <p class="muted">None.</p> : (
          <ul>{r.sockets.map((s) => <li>{s.member} — <span class="mono">{s.place}</span></li>)}</ul>
        )}
        <h2>Recent errors</h2>
        {r.errors.length === 0 ? <p class="muted">None kept.</p> : (
          <table class="data-table">
            <thead><tr><th>When</th><th>Where</th><th>Reference</th><th>Message</th></tr></thead>
            <tbody>{r.errors.map((e) => <tr><td>{when(e.at)}</td><td>{e.place}{e.repeats > 1 && <> <span class="badge">×{e.repeats.toLocaleString("en")}</span></>}</td><td class="mono">{e.reference}</td><td><pre class="operator-error">{e.message}</pre></td></tr>)}</tbody>
          </table>
        )}
        <h2>Change log (latest {r.changes.length})</h2>
        {r.changes.length === 0 ? <p class="muted">No changes yet.</p> : (
          <table class="data-table">
            <thead><tr><th>#</th><th>When</th><th>Who</th><th>What</th></tr></thead>
            <tbody>{r.changes.map((c) => <tr><td>{c.seq}</td><td>{when(c.at)}</td><td>{c.who}</td><td>{c.what}</td></tr>)}</tbody>
          </table>
        )}
        <h2>Operator accesses</h2>
        <ul>{r.accesses.map((a) => <li>{when(a.at)} — {a.what}</li>)}</ul>
      </section>
    </Shell>
  );
}
