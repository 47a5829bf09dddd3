// Bench-only: sizes Trove's UI session snapshots (what the tenant object stores per session)
// by driving a real session over HTTP against the bench's workerd, as the browser runtime's
// fetch fallback does (POST to the session with `x-trove-fetch: 1`, answered with a render
// frame), through the product's TestClient; each size is read back from the object's
// ui_sessions row by a bench-only route of bench/trove-entry.ts. bench/lib/build.mjs bundles
// this file for Node.

import { TestClient } from "../src/ui/engine/test-client";
import { ACTION_FIELD, FETCH_HEADER } from "../src/ui/protocol";

/** What the driver needs of the bench's cookie-jar browser (bench/lib/client.mjs). */
export interface BenchBrowser {
  readonly origin: string;
  fetch(path: string, init?: RequestInit): Promise<Response>;
  open(path: string): Promise<{ response: Response; url: string; html: string }>;
}

export interface SnapshotFigure {
  label: string;
  snapshotBytes: number;
  htmlBytes: number;
}

export interface SnapshotInput {
  /** The owner's browser, signed in to `db`. */
  owner: BenchBrowser;
  db: string;
  /** Table names to create through the UI (deterministic, from the bench's PRNG). */
  tableNames: string[];
  /** Other members to invite (each accepts), shown on the members page. */
  memberNames: string[];
  password: string;
}

const bytes = (text: string) => Buffer.byteLength(text);

/** The application root of a full page (what a render frame carries). */
function rootOf(html: string): string {
  const start = html.indexOf('<div id="trove-root">');
  return start < 0 ? html : html.slice(start, html.lastIndexOf("</body>"));
}

/** Opens a new session of `db` and a TestClient on it; `html()` is the last HTML received. */
async function openClient(browser: BenchBrowser, db: string) {
  const { response, url, html } = await browser.open(`/t/${db}/`);
  const sid = /\/s\/([A-Za-z0-9_-]+)$/.exec(url)?.[1];
  if (response.status !== 200 || !sid) throw new Error(`opening ${db} landed on ${url} (${response.status})`);
  let last = rootOf(html);
  const client = new TestClient(async (fields, action) => {
    const body = new URLSearchParams(fields);
    if (action) body.append(ACTION_FIELD, action);
    const res = await browser.fetch(url, { method: "POST", body, headers: { [FETCH_HEADER]: "1" } });
    const frame = (await res.json()) as { t: string; html?: string };
    if (frame.t !== "render" || frame.html === undefined) throw new Error(`expected a render frame, got ${JSON.stringify(frame).slice(0, 200)}`);
    last = frame.html;
    return last;
  }, last);
  return { sid, client, html: () => last };
}

/** Invites each of `names` from the owner's own session; each accepts with a password. */
async function addMembers(input: SnapshotInput): Promise<void> {
  const { client } = await openClient(input.owner, input.db);
  await client.click("Members");
  for (const [i, name] of input.memberNames.entries()) {
    client.fill("Email", `${name.toLowerCase().replace(/[^a-z]+/g, ".")}.${i}@example.org`);
    client.fill("Role", i % 2 ? "editor" : "viewer");
    await client.click("Create invitation");
    const link = client.query("input[aria-label='Invitation link']")?.getAttribute("value");
    if (!link) throw new Error(`no invitation link: ${client.text.slice(0, 300)}`);
    const accepted = await fetch(new URL(new URL(link).pathname, input.owner.origin), {
      method: "POST",
      body: new URLSearchParams({ name, password: input.password }),
      redirect: "manual",
    });
    await accepted.arrayBuffer();
    if (accepted.status !== 303) throw new Error(`invitation of ${name} answered ${accepted.status}`);
  }
}

/** Drives one new session through a few screens; returns its stored snapshot's size at each. */
export async function measureSnapshots(input: SnapshotInput): Promise<SnapshotFigure[]> {
  // The members join first, from another session, so the measured one starts fresh.
  await addMembers(input);
  const { sid, client, html } = await openClient(input.owner, input.db);
  const figures: SnapshotFigure[] = [];
  const note = async (label: string) => {
    const res = await fetch(`${input.owner.origin}/__bench/snapshot?db=${encodeURIComponent(input.db)}&sid=${encodeURIComponent(sid)}`);
    const { bytes: snapshotBytes } = (await res.json()) as { bytes: number };
    if (!(snapshotBytes > 0)) throw new Error(`no stored snapshot for session ${sid}`);
    figures.push({ label, snapshotBytes, htmlBytes: bytes(html()) });
  };

  await note("new session, no tables");
  const quarter = Math.ceil(input.tableNames.length / 4);
  for (const [i, name] of input.tableNames.entries()) {
    client.fill("New table", name);
    await client.click("Create table");
    if (i + 1 === quarter) await note(`${quarter} tables`);
  }
  await note(`${input.tableNames.length} tables`);
  // Open and cancel renames: stale callbacks of the last few renders stay in the snapshot.
  for (const name of input.tableNames.slice(0, 3)) {
    await client.click(`Rename ${name}`);
    await client.click("Cancel");
  }
  await client.click(`Delete ${input.tableNames[0]}`);
  await note(`${input.tableNames.length} tables, confirm dialog open`);
  await client.click("Members");
  const missing = input.memberNames.filter((name) => !client.text.includes(name));
  if (missing.length) throw new Error(`the members page does not list ${missing.join(", ")}`);
  await note(`members page, ${input.memberNames.length + 1} members`);
  return figures;
}
