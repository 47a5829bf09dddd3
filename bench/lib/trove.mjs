// What the bench does to Trove through its real HTTP and WebSocket surface: sign up, sign
// in, open a session page, and find callback ids in rendered HTML.

import { Browser, openSocket } from "./client.mjs";

export const PASSWORD = "correct horse battery";

export const ownerEmail = (db) => `owner@${db}.example.org`;

/** Signs up a new database; returns the owner's browser (cookie set). */
export async function signUp(origin, db, name = "Olive Owner") {
  const browser = new Browser(origin);
  const response = await browser.post("/", { database: db, name, email: ownerEmail(db), password: PASSWORD });
  await response.arrayBuffer();
  if (response.status !== 303) throw new Error(`sign-up of ${db} answered ${response.status}`);
  return browser;
}

/** Signs in as the owner; returns the response (303 to a new session). */
export async function signIn(browser, db) {
  const response = await browser.post(`/t/${db}/signin`, { email: ownerEmail(db), password: PASSWORD, next: "" });
  await response.arrayBuffer();
  if (response.status !== 303) throw new Error(`sign-in to ${db} answered ${response.status}`);
  return response;
}

/** Opens the database's home: a new session. Returns its id, address and HTML. */
export async function openSession(browser, db) {
  const { response, url, html } = await browser.open(`/t/${db}/`);
  const sid = /\/s\/([A-Za-z0-9_-]+)$/.exec(url)?.[1];
  if (response.status !== 200 || !sid) throw new Error(`opening ${db} landed on ${url} (${response.status})`);
  return { sid, url, html };
}

/** The session's WebSocket, with the sign-in cookie; by default after its greeting frames
 *  (the presence broadcast its arrival causes) have settled. */
export async function sessionSocket(browser, db, sid, { settle = true } = {}) {
  const socket = await openSocket(`${browser.origin.replace(/^http/, "ws")}/t/${db}/ws?s=${sid}`, browser.cookieHeader);
  if (settle) await socket.settle();
  return socket;
}

/** Callback ids of the tables page: the "New table" input, "Create table" and the "Tables" link. */
export function tablesPageCallbacks(html) {
  const input = /<input id="new-table" name="([^"]+)"/.exec(html)?.[1];
  const create = /name="_a" value="([^"]+)"[^>]*>Create table</.exec(html)?.[1];
  const tables = /href="[^"?]*\?cb=([^"]+)"[^>]*>Tables</.exec(html)?.[1];
  if (!input || !create || !tables) throw new Error("could not find the tables page's callbacks in its HTML");
  return { input, create, tables };
}

/** Sends one event frame and waits for its render frame; returns the frame. */
export async function roundTrip(socket, fields, action, epoch) {
  socket.send(JSON.stringify({ t: "event", fields, action, epoch }));
  const frame = JSON.parse(await socket.next());
  if (frame.t !== "render") throw new Error(`expected a render frame, got ${frame.t}`);
  return frame;
}
