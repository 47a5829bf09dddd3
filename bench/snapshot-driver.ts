// Bench-only: sizes Trove's UI session snapshots (what the tenant object stores per sign-in:
// the UI states of its pages under their render keys, and the callback table) by driving a
// real session over HTTP against the bench's workerd, as the browser runtime's fetch
// fallback does (POST to the page's address with its render key and `x-trove-fetch: 1`,
// answered with a render frame of every region), through the product's TestClient; each size
// is read back from the object's ui_sessions row by a bench-only route of
// bench/trove-entry.ts. Also creates invitations through the Members page for the other
// scenarios. bench/lib/build.mjs bundles this file for Node.

import { joinRegions } from "../src/ui/engine/regions";
import { TestClient } from "../src/ui/engine/test-client";
import { ACTION_FIELD, FETCH_HEADER, KEY_PARAM, type ServerFrame } from "../src/ui/protocol";

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
  /** UI states (render keys) the session keeps at that moment. */
  states: number;
}

export interface SnapshotInput {
  /** The owner's browser, signed in to `db`. */
  owner: BenchBrowser;
  db: string;
  /** The owner's email (the measured session is a sign-in of its own). */
  email: string;
  /** Table names to create through the UI (deterministic, from the bench's PRNG). */
  tableNames: string[];
  /** Other members to invite (each accepts), shown on the members page. */
  memberNames: string[];
  password: string;
}

const bytes = (text: string) => Buffer.byteLength(text);

/** The application root of a full page (what a frame of every region puts together). */
function rootOf(html: string): string {
  const start = html.indexOf('<div id="trove-root"');
  return start < 0 ? html : html.slice(start, html.lastIndexOf("</body>"));
}

/** Opens `db`'s home in this browser's session (one per sign-in) and a TestClient on it:
 *  each event posts to the current place with the render key of the link or form it came
 *  from. `html()` is the application root last received. */
async function openClient(browser: BenchBrowser, db: string) {
  const { response, url, html } = await browser.open(`/t/${db}/`);
  if (response.status !== 200 || !html.includes('id="trove-root"')) throw new Error(`opening ${db} landed on ${url} (${response.status})`);
  let current = new URL(url, browser.origin).pathname;
  let last = rootOf(html);
  const client = new TestClient(async (fields, action, address) => {
    const body = new URLSearchParams(fields);
    if (action) body.append(ACTION_FIELD, action);
    const key = address ? new URL(address, browser.origin).searchParams.get(KEY_PARAM) : null;
    const res = await browser.fetch(`${current}${key ? `?${KEY_PARAM}=${key}` : ""}`, { method: "POST", body, headers: { [FETCH_HEADER]: "1" } });
    const frame = (await res.json()) as ServerFrame;
    if (frame.t !== "render") throw new Error(`expected a render frame, got ${JSON.stringify(frame).slice(0, 200)}`);
    current = new URL(frame.url, browser.origin).pathname;
    last = joinRegions(frame.regions);
    return last;
  }, last);
  return { client, html: () => last };
}

/** Creates an invitation to `db` with `role` for `email` from the Members page of the
 *  owner's session; returns the invitation's path (/t/<db>/invite/…), to accept with a POST
 *  of a name and a password. */
export async function createInvitation(owner: BenchBrowser, db: string, email: string, role: string): Promise<string> {
  const { client } = await openClient(owner, db);
  await client.click("Members");
  return invitation(client, email, role);
}

async function invitation(client: TestClient, email: string, role: string): Promise<string> {
  client.fill("Email", email);
  client.fill("Role", role);
  await client.click("Create invitation");
  const link = client.query("input[aria-label='Invitation link']")?.getAttribute("value");
  if (!link) throw new Error(`no invitation link: ${client.text.slice(0, 300)}`);
  return new URL(link).pathname;
}

/** Invites each of `names` from the owner's own session; each accepts with a password. */
async function addMembers(input: SnapshotInput): Promise<void> {
  const { client } = await openClient(input.owner, input.db);
  await client.click("Members");
  for (const [i, name] of input.memberNames.entries()) {
    const path = await invitation(client, `${name.toLowerCase().replace(/[^a-z]+/g, ".")}.${i}@example.org`, i % 2 ? "editor" : "viewer");
    const accepted = await fetch(new URL(path, input.owner.origin), {
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
  // The members join first, from the sign-up's session; the owner then signs in again, so
  // the measured session (one per sign-in) starts fresh.
  await addMembers(input);
  const signedIn = await input.owner.fetch(`/t/${input.db}/signin`, { method: "POST", body: new URLSearchParams({ email: input.email, password: input.password, next: "" }) });
  await signedIn.arrayBuffer();
  if (signedIn.status !== 303) throw new Error(`sign-in to ${input.db} answered ${signedIn.status}`);
  const { client, html } = await openClient(input.owner, input.db);
  const figures: SnapshotFigure[] = [];
  const note = async (label: string) => {
    const res = await input.owner.fetch(`/__bench/snapshot?db=${encodeURIComponent(input.db)}`);
    const { bytes: snapshotBytes, states } = (await res.json()) as { bytes: number; states: number };
    if (!(snapshotBytes > 0)) throw new Error(`no stored snapshot for the owner's new sign-in to ${input.db}`);
    figures.push({ label, snapshotBytes, htmlBytes: bytes(html()), states });
  };

  await note("new session, no tables");
  const quarter = Math.ceil(input.tableNames.length / 4);
  for (const [i, name] of input.tableNames.entries()) {
    // A new table opens on its grid: back to the tables page for the next one.
    if (i > 0) await client.click("Tables");
    client.fill("New table", name);
    await client.click("Create table");
    if (i + 1 === quarter) await note(`${quarter} tables`);
  }
  await client.click("Tables");
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
