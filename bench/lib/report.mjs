// Turns raw samples into figures (median and spread of Trove, of its baseline, and of their
// per-run ratio), a readable table, the one-line JSON summary and bench/README.md.

import { cpus, totalmem } from "node:os";
import { relativeSpread, round, summarize } from "./stats.mjs";

/** Median, quartiles and min–max of each side, and of the ratio of paired runs. */
export function summarizeFigure(f) {
  if (f.pending || f.error) return f;
  const trove = summarize(f.trove);
  const baseline = summarize(f.baseline);
  const pairs = f.trove.length === f.baseline.length ? f.trove.map((t, i) => t / f.baseline[i]) : [trove.median / baseline.median];
  const ratio = summarize(pairs);
  const clean = (s) => Object.fromEntries(Object.entries(s).map(([k, v]) => [k, k === "n" ? v : round(v, 4)]));
  return {
    scenario: f.scenario,
    name: f.name,
    unit: f.unit,
    baselineLabel: f.baselineLabel,
    trove: clean(trove),
    baseline: clean(baseline),
    ratio: clean(ratio),
    spread: round(Math.max(relativeSpread(trove), relativeSpread(baseline)), 3),
    ...(f.note ? { note: f.note } : {}),
  };
}

export function machine() {
  const list = cpus();
  return {
    cpus: list.length,
    cpuModel: list[0]?.model ?? "unknown",
    memoryGiB: round(totalmem() / 1024 ** 3, 1),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
  };
}

/** Units that count things: whole numbers, IQR included. */
const COUNTS = { bytes: "B", frames: "frames" };

const fmt = (x, unit) => {
  if (x === null || x === undefined || Number.isNaN(x)) return "–";
  if (unit in COUNTS) return `${Math.round(x).toLocaleString("en")} ${Math.round(x) === 1 && unit === "frames" ? "frame" : COUNTS[unit]}`;
  const digits = Math.abs(x) >= 100 ? 0 : Math.abs(x) >= 10 ? 1 : 2;
  return `${x.toFixed(digits)} ${unit}`;
};

const bare = (x, unit) => (unit in COUNTS ? Math.round(x).toLocaleString("en") : fmt(x, "").trim());
const side = (s, unit) => (s.n > 1 ? `${fmt(s.median, unit)} [${bare(s.p25, unit)}–${bare(s.p75, unit)}]` : fmt(s.median, unit));

/** Rows of cells: scenario, figure, Trove, baseline, ratio. */
export function tableRows(figures) {
  const head = ["#", "Figure (Trove)", "Trove median [IQR]", "Baseline", "Baseline median [IQR]", "Ratio"];
  const rows = figures.map((f) => {
    if (f.pending) return [f.scenario, f.name, "not yet measurable", f.pending, "", ""];
    if (f.error) return [f.scenario, f.name, "CRASHED", f.error, "", ""];
    const ratio = f.ratio.n > 1 ? `${f.ratio.median.toFixed(2)}× [${f.ratio.p25.toFixed(2)}–${f.ratio.p75.toFixed(2)}]` : `${f.ratio.median.toFixed(2)}×`;
    return [f.scenario, f.name, side(f.trove, f.unit), f.baselineLabel, side(f.baseline, f.unit), ratio];
  });
  return [head, ...rows];
}

export function textTable(rows) {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => String(r[c]).length)));
  const line = (r) => r.map((cell, c) => String(cell).padEnd(widths[c])).join("  ").trimEnd();
  return [line(rows[0]), widths.map((w) => "-".repeat(w)).join("  "), ...rows.slice(1).map(line)].join("\n");
}

function markdownTable(rows) {
  const esc = (s) => String(s).replace(/\|/g, "\\|");
  return [`| ${rows[0].map(esc).join(" | ")} |`, `|${rows[0].map(() => "---").join("|")}|`, ...rows.slice(1).map((r) => `| ${r.map(esc).join(" | ")} |`)].join("\n");
}

/** The latest results as they appear in the project's README, between its bench markers. */
export function readmeSection(result) {
  const m = result.machine;
  return `Latest full run: ${result.finishedAt.slice(0, 10)} on ${m.cpus} cores (${m.cpuModel}), ${m.memoryGiB} GiB memory, Node ${m.node}; median [IQR] of ${result.runs} runs, ratio = Trove ÷ a baseline measured in the same run. Reproduce with \`npm run bench\` (details and notes in \`bench/README.md\`).

${markdownTable(tableRows(result.figures))}`;
}

export function readme(result) {
  const m = result.machine;
  const notes = result.figures.filter((f) => f.note).map((f) => `- ${f.name}: ${f.note}.`);
  if (result.compatNote) notes.push(`- ${result.compatNote}.`);
  return `# Trove benchmarks

\`npm run bench\` starts Trove locally (programmatic Miniflare, loopback only), loads seeded
data, runs each scenario several times and prints a table and one JSON line. Every figure is
measured next to a baseline **in the same run** and reported as a ratio: machines are shared
and noisy, so absolute times only mean something next to their baseline. No test asserts a time.

## Latest results

Run at ${result.finishedAt} on ${m.cpus} × ${m.cpuModel}, ${m.memoryGiB} GiB memory, Node ${m.node}
(${m.platform}), workerd from miniflare ${result.miniflare}, ${result.runs} runs per timing figure.
Median and interquartile range over runs; the ratio is Trove ÷ baseline, paired run by run.

${markdownTable(tableRows(result.figures))}

${notes.length ? `Notes:\n\n${notes.join("\n")}\n` : ""}
The full figures (all quartiles, min and max) are in \`bench/results/latest.json\`.

## Reproduce

\`\`\`sh
npm run bench            # full run, several minutes on 2 cores; writes bench/results/latest.json and this file
npm run bench -- --quick # small version, under a minute (CI); writes bench/results/quick.json
npm run bench -- --only=5,8   # some scenarios only (not saved as latest)
\`\`\`

## What is measured

- **1**: public form submissions per second from 16 concurrent clients (urlencoded POSTs to
  \`/f/<db>/<form>\`, 2,000 per run; 200 with \`--quick\`) to an open form with no daily cap,
  added to a fresh database's table through the real \`addForm\` action by a bench-only RPC
  in \`bench/trove-entry.ts\`; next to the baseline worker's \`POST /o/<name>/insert\` (parse
  the urlencoded body in the worker, one INSERT of its JSON in the object). Higher is better
  here, so the ratio (Trove ÷ baseline) is better above 1. Each submission has a fresh
  generated token (only its shape and newness are checked) and its own CF-Connecting-IP (the
  rate limit is 10 a minute per address per form). After every run Trove must hold exactly
  that many more records (bench-only count RPC), or the scenario fails. Also the same into the
  fixture's 100,000-record table, and one submission at a time: its latency, and the CPU
  time of the workerd process per submission (all threads, \`/proc/<pid>/task/*/schedstat\`;
  both workers share the process and one side runs at a time), which a shared machine's load
  and each commit's disk sync disturb far less than the wall time (issue 17: one quick run
  measured the wall-time ratio at 1.2× to 4.0× at four points of the scenario). \`--only=1,6\`
  on 2026-11-30 (load 4–10): 16 clients 0.60× [0.55–0.65] (100,000-record table 0.55×
  [0.42–0.61]); one client 1.26× [1.20–1.43], 3.82 ms against 3.02 ms; CPU per submission
  2.18× [1.76–2.29], 1.78 ms against 0.90 ms. Per step (CPU, by hand, ±0.2 ms): the worker,
  the RPC and the request's check about 0.9 ms (the whole bare route about 1.0); the
  answers' validation and the token lookup about 0.1; the transaction about 0.8, in which
  the token, counter and "new from forms" writes and the change-log row each measured
  nothing apart; of the object's JavaScript (0.3 ms) no step is over 0.05 ms.
- **2 (precursor)**: the tables page at its address (GET \`/t/<db>/tables?k=<key>\`: the
  state kept under that render key, rendered again) and opening a database (GET \`/t/<db>/\`
  → 303 → \`/t/<db>/tables\`, a fresh tree for the place) next to a baseline object rendering
  \`SELECT … LIMIT 100\` of 1,000 seeded rows as HTML; sign-in next to one PBKDF2 at 100,000
  iterations (Trove's password hash) in the baseline object.
- **2**: a “Musicians” table of 100,000 seeded records (text, money, single choice and date
  fields; 2 % of amounts typed as text no money field reads), loaded through the engine's
  real action path (\`applyAction\` addRecord, batches of 5,000 in one transaction each) by a
  bench-only RPC in \`bench/trove-entry.ts\`. The table is opened with its link (a callback:
  GET \`…?k=…&cb=…\` → 303 → the table's address with a new render key), then the GET of that
  address is timed: first page, sorted by the money field (“Sort by Amount”), and filtered by
  “N not understood”; next to the baseline object's bare SQL over the same rows (id + JSON
  cells) rendered as HTML inputs: \`ORDER BY seq LIMIT 50\`, \`ORDER BY json_extract(…) LIMIT
  50\`, \`WHERE json_extract(…) IS NOT NULL LIMIT 50\`. Also one more record into the full
  table, alone and followed by the page; a deep page (Add record lands on the last page; the
  page before it, page 2,000 of 100,001 records, timed next to page 1); and one cell edit
  through the action path (\`setCell\` by a bench-only RPC: the record read, the text parsed,
  the cell and the change-log row written) next to one \`UPDATE … json_set\` of the same cell.
- **4**: each run restarts workerd with the same storage directory (Miniflare cannot evict
  an object from outside), then times the first GET of a page's address (its render key,
  stored with the session) in a database with its owner and a few tables, next to the first
  page of an empty baseline object; and the first GET of the address of a page showing the
  grid of 10,000 and of 100,000 records, next to a baseline object with the same rows
  serving its first 50. Then the same after both objects are evicted with their isolates
  warm (each resets itself with \`ctx.abort\`, bench-only routes): the common wake in
  production. And module evaluation apart from any object: a fresh Node process (the same
  V8) imports each worker bundle, \`cloudflare:workers\` stubbed and Text modules read from
  their files as workerd does (\`lib/module-eval.mjs\`). Both bundles are minified, as
  \`wrangler deploy\` ships Trove (\`minify = true\` in wrangler.toml; \`BENCH_MINIFY=0\` keeps names
  readable for CPU profiles taken through \`BENCH_INSPECT=<port>\`, workerd's inspector).
  \`--only=4,5,6\` on 2026-11-29 (issue 17; a machine at load 10–12, so times several
  fold a quiet machine's): cold wake → first grid page of 100,000 records 5.34× [4.01–6.17]
  (6.7× before), evicted with the isolate warm 2.72× [2.52–4.03] (3.69× before), module
  evaluation 23.9× of a 1.21 MB script (28.6× of 1.89 MB before).
  \`--only=4\` again at 23:47 UTC (load about 12), without \`nodejs_compat\` (wrangler.toml;
  with it, hono/jsx's look for AsyncLocalStorage built workerd's \`process\` on a cold
  isolate's first render): cold wake → 100,000-record grid 4.11× [2.98–6.50] (71.2 ms against
  15.6 ms); evicted with the isolate warm 4.18× [3.33–7.01], where the same page warm was
  47.6 ms against 13.7 ms: what is left is the page itself, not the wake. workerd's CPU for
  the first grid page after a restart (mean of 20, 2,000 records): 58.5 ms with
  \`nodejs_compat\`, 46.0 ms without; after an eviction 23.5 → 18.5 ms.
  Issue 17, 2026-11-30 (the grid page's render): \`node bench/profile-page.mjs\` measures
  workerd's CPU for one grid page of 2,000 records, steady or (\`--cold=N\`) in scenario 4's
  sequence (a restart, a GET, a GET, an eviction, a GET), next to a git revision run side by
  side (\`--against=REF\`), with CPU profiles through the inspector (\`--profile\`). After an
  eviction the page's code has run twice: what it costs is the JavaScript it runs (and
  compiles), not the wake. Taking the rows out of the page showed them about half of it (a
  JSX tree per cell, walked again to write it, and scanned again by \`splitRegions\`); a
  refused \`headers.set\` thrown per object answer looked large under the inspector but
  measured nothing without it (nor did the copy of the answer). Now the rows are written by
  \`src/ui/engine/markup.ts\` (byte-identical, \`components/grid-rows.test.tsx\`), noted by the
  renderer and taken whole by \`splitRegions\`, Undo/Redo labels are kept until their step or
  the schema moves, and a keyed callback is registered once per render. Against 2471f21
  (\`--cold=20\`, load 7–9): after an eviction 15.0 ms against 17.8 (0.87), the second page
  after a restart 15.1 against 21.3 (0.72), the first 36.0 against 48.5 (0.79); warm 3.72
  against 4.08 ms (0.96).
- **5**: event frame → its reply (a render frame with the regions that changed, possibly
  none) over a page's WebSocket, next to an echo of the same frame over a hibernatable socket
  in the baseline object; and “Create table” alone once the database holds 300 tables of 30
  fields each (added through \`applyAction\` by the bench-only \`benchTables\` RPC), next to one
  echo (issue 17's goal: ≤ 5×). First measured with \`--only=5\` on 2026-11-29 (a busy machine):
  7.25× [6.77–8.59], 27.1 ms against a 3.62 ms echo. Again at 23:41 UTC (load about 12), after
  derived fields and link targets kept per table, one name folded per check, callbacks
  serialized once each, sign-ins and view indexes not re-read: 5.00× [4.31–7.56] (32.6 ms
  against a 6.42 ms echo; the spread is the machine's). Each save still writes the whole
  session: 68 KB with the tables page of 300 tables in it.
- **6**: VmRSS of the workerd process (Linux \`/proc\`) with one database and N + 1 people
  each with a page open and its socket (N editors with one sign-in each, added by the
  bench-only \`benchMembers\`: no PBKDF2 per arrival; 40 with \`--quick\`, 100 in a full run)
  next to the same process idle; the growth next to N bare sockets; in a repetition of its
  own, the JavaScript heap of Trove's isolate per person next to the baseline isolate's per
  bare socket (after a full GC, read through workerd's inspector, \`heapUsed\` in
  \`lib/cluster.mjs\`: the 128 MB limit is per isolate). Until issue 17 the N were sign-ins of
  the owner, but one member keeps at most 10 sessions and 24 sockets, so N = 50 divided about
  10 sessions by 50 (0.69×) and the quick N = 10 kept them all (2.65×). Each arrival changes
  who is here, so the pages already open are re-rendered (coalesced: 25 ms + 5 ms per open
  page, at most 1 s); with one broadcast per arrival, 120 people cost 1.2 MB of RSS each.
  Full run on 2026-11-30 (N = 100): RSS growth 637 KB per person against 303 KB per bare
  socket (2.09× [2.03–2.10]), anonymous memory of workerd outside the isolate's heap, which
  grew 6.7 KB per person (9.3 MB with 101 people: about 15 MB for 1,000 open pages).
  Also the RSS with one 100,000-record database open (grid, sorted,
  filtered) next to a baseline object serving the same rows; and the stored size of a
  session's snapshot (its row in the object's \`ui_sessions\`: the UI states of its pages
  under their render keys and the callback table, read by a bench-only route) next to the
  HTML of the same render, at a few screens of one real session: \`bench/snapshot-driver.ts\`
  signs up a database, has 9 members join by invitation, signs the owner in again (a new
  session) and clicks through it over HTTP (the product's \`TestClient\`, posting as the
  browser's fetch fallback does).
- **8**: live updates on the wire (issue 10), in bytes over the socket. The sample orchestra
  (sign-up with \`sample: "yes"\`) has its Musicians grid (120 records, 50 per page) open in
  the owner's page and in the page of an editor invited through the Members page. One Phone
  cell per run is edited by the owner as the grid commits it (the new text and the text the
  cell showed): the reply to the owner, and everything pushed to the editor's grid for it,
  each next to a whole-page frame of the same page (a \`hello\` with \`full: true\`: what every
  update sent before regions). And opening a page: the frames that arrive in the first
  second after the page's socket says \`hello\` with the page's render key, next to a page
  that asks for every region (one whole-page frame, as every page open was sent before).
  The goals of issue 10: ≤ 4 KB each way for the edit, no frame after load.
- **7**: import (issue 15): the seeded rows of scenario 2 (20,000; 2,000 with \`--quick\`) as
  CSV, posted to the import page as a person pastes them (multipart), the preview rendered
  (every column's type guessed and every value counted), then Import (one \`importTable\`
  action: table, fields, every record parsed by its field type, counters, change log) — next
  to the baseline's INSERT of the same rows as JSON cells in one transaction. Each run imports
  a new table; at most 5 runs. The note gives rows per second against issue 15's goals.
- **10**: what history costs (issue 16): cell edits (\`setCell\`, source grid) and public
  form submissions (\`addRecord\` as the form) through the action path, each its own
  transaction, in batches of 500 (150 with \`--quick\`), in a database with history next to
  one that dropped history's indexes and keeps the undo index as it was (a form's submission
  had a row there before issue 16; it is now logged as no one's undo stack and has none): the
  change log as before issue 16; 40 rounds (6 with \`--quick\`) interleaved ABBA so a slow
  moment of the machine falls on both sides; the budget is within 10 %. The notes give bytes
  of storage and of the log row per change. Then, in a workerd of its own, storage after
  1,000,000 cell edits (30,000 with \`--quick\`; \`HTOTAL=n\` sets another count) spread over 90
  simulated days on 200 records, sent in calls of up to 4,000 edits, the log compacted beyond
  30 days after each day as the alarm does (\`bench/bench-history-storage.ts\`): the database's
  size after 90 days next to the same database before the edits, and in the note its size
  after 30, 60 and 90 days (bounded when day 90 is within 10 % of day 60), the log rows kept
  and bytes per kept change. \`--only=10\` on 2026-11-29 (a machine at load 6–10): 1,000,080
  edits → 143.5 / 143.8 / 143.8 MB after 30 / 60 / 90 days (bounded), 333,360 log rows kept
  (30 days of 11,112 edits a day), 430 B per kept change, 144 B of database per edit made
  (one call retried); cell edits 1.02× [0.74–1.38], form submissions 1.27× [0.86–2.06].
- **11**: backup and restore (issue 16) of the records fixture's big database (100,000
  records; 5,000 with \`--quick\`): the owner's \`GET /t/<db>/backup\`, the whole gzip file read,
  next to the baseline object's SELECT of the same rows sent as JSON lines; then a sign-up
  restoring that file (multipart, as the front page posts it; one PBKDF2 of the new owner's
  password included), next to INSERTs of the same JSON lines into a fresh baseline object in
  one transaction. At most 5 runs. Goal of issue 16: each ≤ 10× raw. First measured with
  \`--only=11\` on 2026-11-29 (a busy machine): backup 4.59 s against 1.62 s raw (2.39×, a
  3.0 MB file against 31 MB of rows), restore 15.4 s against 5.77 s raw (2.74×); again
  later that day: backup 3.31 s against 1.53 s (2.15× [1.64–2.19]), restore 8.18 s against
  2.42 s (2.83× [2.81–3.02]).
- **3** is listed as not yet measurable until views with grouping exist.
- \`--quick\` uses 5,000 records (and 1,000 for the smaller wake) instead of 100,000 (10,000).

## Caveats

- Local workerd: no replication, so production writes are slower; the figures compare Trove
  with a baseline on the same machine, not with production.
- Both workers run in one workerd process, so its RSS includes both (idle figure likewise).
- The bench loads Trove through \`bench/trove-entry.ts\`: the product's worker and object
  unchanged, plus bench-only routes (\`/__bench/…\`) and RPCs on a subclass of the object.
- The record databases are loaded once per run (\`lib/fixture.mjs\`, in its own workerd)
  and their storage files are copied into each scenario's directory.
- Snapshot sizes are deterministic (one sample); the baseline column there is the HTML of
  the same render, not a timing.
- The byte figures of scenario 8 are one edit per run, each in another row; each is paired
  with the whole page measured right after it on the same socket. Frame counts are whole
  numbers, so their ratio is 0 when Trove sends nothing.

## Adding a scenario

Write \`scenarios/<name>.mjs\` exporting \`id\`, \`title\` and \`run(ctx)\` (returning
\`figure(...)\` rows with Trove's and a baseline's samples), add it to \`SCENARIOS\` in
\`run.mjs\` and remove its row from \`PENDING\`.

## Layout

- \`run.mjs\`: command line, runs the scenarios, prints and saves results.
- \`scenarios/*.mjs\`: one module per scenario.
- \`lib/\`: build (esbuild), cluster (Miniflare with both workers), fixture (the record databases), client (cookies, sockets),
  trove (sign-up, pages at their addresses, page sockets that keep their regions, callbacks), prng (mulberry32 and seeded names), measure, stats, report.
- \`baseline-worker.ts\`: the bench-only baseline worker and Durable Object (never deployed).
- \`trove-entry.ts\`: the bench's entry for Trove's worker (the handler and the object class, plus the bench-only \`benchLoad\`, \`benchAddForm\`, \`benchCount\` and \`benchSnapshotBytes\` RPCs; the last finds the session of the sign-in whose cookie the request carries).
- \`bench-records.ts\`: the seeded rows both workers load (shared by the Trove entry and the baseline).
- \`snapshot-driver.ts\`: drives a real session over HTTP with the product's \`TestClient\` to size its snapshots, and creates invitations through the Members page (scenario 8); bundled for Node.
`;
}
