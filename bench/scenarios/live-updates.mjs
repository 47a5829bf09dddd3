// Scenario 8: what live updates cost on the wire (issue 10). The sample orchestra's Musicians
// grid (120 records, 50 per page) is open in the owner's page and in an invited editor's
// page, each with its socket. Measured as bytes over the socket, next to a baseline measured
// in the same run on the same sockets:
// - one cell edit (a Phone cell, as the grid commits it: the new text and what the cell
//   showed before) by the owner: the reply to the owner, and what is pushed to the invited
//   editor's open grid;
//   baseline: a whole-page frame of that same page (a `hello` with `full: true`), which is what
//   every update sent before updates were split into regions;
// - opening a page: frames that arrive in the first second after the page's socket says
//   hello with the page's render key (the page already shows that render, so none should);
//   baseline: the frames a page that asks for every region gets (one), as every page open
//   was sent before.

import { Browser } from "../lib/client.mjs";
import { figure, sleep } from "../lib/measure.mjs";
import { summarize } from "../lib/stats.mjs";
import { follow, openPage, pageSocket, signUp, tableLink, unescapeHtml } from "../lib/trove.mjs";

export const id = "8";
export const title = "Live updates: bytes and frames over the socket";

const TABLE = "Musicians";
const FIELD = "Phone";
const OPEN_WINDOW_MS = 1000;
const MEMBER_PASSWORD = "member password for the bench";

/** The input of `FIELD` in grid row `n` as the page shows it: its name (the keyed input
 *  callback) and its value. */
function cell(html, n) {
  const m = new RegExp(`<input name="([^"]+)" value="([^"]*)" aria-label="${FIELD} of record ${n}"`).exec(html);
  if (!m) throw new Error(`no “${FIELD} of record ${n}” cell on the page`);
  return { name: m[1], value: unescapeHtml(m[2]) };
}

const sum = (frames) => frames.reduce((a, f) => a + f.bytes, 0);

export async function run(ctx) {
  const cluster = await ctx.startCluster("live-updates");
  const sockets = [];
  try {
    const db = "bench-live";
    const owner = await signUp(cluster.troveUrl, db, "Olive Owner", { sample: true });
    const grid = await follow(owner, tableLink((await openPage(owner, db)).html, TABLE));
    const rows = grid.html.match(new RegExp(`aria-label="${FIELD} of record \\d+"`, "g"))?.length ?? 0;
    if (rows !== 50) throw new Error(`the ${TABLE} grid shows ${rows} rows, not 50`);

    // An editor, invited through the Members page, with the same grid open in a page of theirs.
    const invitation = await ctx.snapshots.createInvitation(owner, db, `editor@${db}.example.org`, "editor");
    const editor = new Browser(cluster.troveUrl);
    const accepted = await editor.post(invitation, { name: "Eddie Editor", password: MEMBER_PASSWORD });
    await accepted.arrayBuffer();
    if (accepted.status !== 303) throw new Error(`the invitation answered ${accepted.status}`);

    // Opening a page: a GET of the grid's address, its socket, a plain hello; then every frame
    // in the first second. Next to it, a page whose hello asks for every region.
    const opened = { trove: [], baseline: [], baselineBytes: [] };
    let theirs;
    for (let run = 0; run < ctx.runs; run++) {
      const order = run % 2 === 0 ? ["trove", "baseline"] : ["baseline", "trove"];
      for (const side of order) {
        const page = await openPage(editor, db, grid.path);
        const socket = await pageSocket(editor, db, page);
        if (side === "baseline") socket.hello({ full: true });
        const frames = await socket.collect(OPEN_WINDOW_MS);
        opened[side].push(frames.length);
        if (side === "baseline") opened.baselineBytes.push(sum(frames));
        if (side === "trove" && run === ctx.runs - 1) theirs = socket;
        else socket.close();
      }
    }
    sockets.push(theirs);

    // The owner's grid page and its socket (the page was just loaded: nothing is sent).
    const mine = await pageSocket(owner, db, await openPage(owner, db, grid.url));
    sockets.push(mine);
    await sleep(200);

    // One cell edit per run, each in another row (rows 1, 2, …), as the grid commits it.
    const edit = { reply: [], push: [], pushFrames: [], replyRegions: [], pushRegions: [], ownerPage: [], editorPage: [] };
    for (let run = 0; run < ctx.runs; run++) {
      const n = run + 1;
      const { name, value } = cell(grid.html, n);
      const typed = `+1 518 555 ${String(100 + n).padStart(4, "0")}`;
      theirs.pushes.length = 0;
      const reply = await mine.reply(mine.event([[name, typed], [`_b:${name}`, value]], null));
      if (reply.t !== "render" || reply.notice?.kind === "error") throw new Error(`the edit was refused: ${JSON.stringify(reply).slice(0, 300)}`);
      const shown = typed.replace(/^\+1 (\d{3}) (\d{3}) (\d{4})$/, "+1 $1-$2-$3");
      if (!reply.regions.some(([, html]) => html.includes(shown))) throw new Error(`the reply does not show ${shown}`);
      // What the editor's open grid is pushed for this edit: every frame until it has been
      // quiet for 300 ms (one is expected).
      const pushed = [await theirs.next(5000)];
      pushed.push(...(await theirs.collect(300)));
      if (!pushed.some((f) => f.t === "render" && f.regions.some(([, html]) => html.includes(shown)))) throw new Error(`the editor's grid was not sent ${shown}`);
      edit.reply.push(reply.bytes);
      edit.push.push(sum(pushed));
      edit.pushFrames.push(pushed.length);
      edit.replyRegions.push(reply.regions.length);
      edit.pushRegions.push(pushed.reduce((a, f) => a + (f.regions?.length ?? 0), 0));
      // Baselines: the whole page each side shows now, as one frame of every region.
      edit.ownerPage.push((await mine.reply(mine.hello({ full: true }))).bytes);
      edit.editorPage.push((await theirs.reply(theirs.hello({ full: true }))).bytes);
    }

    const med = (xs) => summarize(xs).median;
    const kb = (x) => `${(x / 1024).toFixed(1)} KB`;
    return [
      figure(id, `Cell edit in a 50-row grid (${TABLE}, sample orchestra): reply to the member who edited`, "bytes", { trove: edit.reply, baseline: edit.ownerPage }, "a whole-page frame of the same grid (what every update sent before regions)", {
        note: `one ${FIELD} cell per run, each in another row, sent as the grid commits it (new text and the text shown before); the reply carried ${med(edit.replyRegions)} region(s) (median); goal in issue 10: ≤ 4 KB (the whole page: ${kb(med(edit.ownerPage))})`,
      }),
      figure(id, "Cell edit in a 50-row grid: pushed to another member's open grid", "bytes", { trove: edit.push, baseline: edit.editorPage }, "a whole-page frame of that member's grid", {
        note: `an editor invited through the Members page, with the same grid open; ${med(edit.pushFrames)} frame(s) and ${med(edit.pushRegions)} region(s) per edit (median); goal in issue 10: ≤ 4 KB (their whole page: ${kb(med(edit.editorPage))})`,
      }),
      figure(id, "Opening a page: frames in the first second after load (hello with the page's key)", "frames", { trove: opened.trove, baseline: opened.baseline }, "a page whose hello asks for every region (full: true): one whole-page frame, as every page open was sent before", {
        note: `the editor's ${TABLE} grid: a GET of its address, then its socket; the baseline's frame is ${kb(med(opened.baselineBytes))}; goal in issue 10: no duplicate frames after load`,
      }),
    ];
  } finally {
    for (const s of sockets) s?.close();
    await cluster.stop();
  }
}
