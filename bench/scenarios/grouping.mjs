// Scenario 3: views of 100,000 records (5,000 with --quick), each run by the product's own
// view code in the object next to the same question asked of plain columns in raw SQLite in
// the same object, over the same HTTP path (bench/view-bench.ts: one operation per request).
// Grouping by a location's state with a count and a money sum per currency, next to the
// same GROUP BY over plain columns; the first page of a filtered view sorted by money
// (with its count), next to the indexed raw query; a one-cell edit in the grouped view
// (through the action path, then the grouped view again), next to a raw UPDATE plus the
// same GROUP BY. Goals in issue 12: ≤ 3×, ≤ 2×, ≤ 3×. The grouping figure's note gives
// workerd's RSS before and after (the records must not be held in JavaScript). The grid's
// last and middle pages turned to by key (as Next names the record before them) against
// page 1, and the middle page by position alone for comparison (issues 12 and 17: ≤ 2×).

import { figure, pairedRuns } from "../lib/measure.mjs";
import { TABLE } from "../lib/fixture.mjs";

export const id = "3";
export const title = "Grouping and sorted views of 100,000 records (5,000 with --quick)";

const n = (x) => x.toLocaleString("en");

/** The multiple-choice figures' answers agree: from the side table, the JSON and raw SQLite. */
async function checkMultiple(op, N, roles) {
  const rolesJson = await op("roles-json")();
  const rolesRaw = await op("roles-raw")();
  if (roles.records !== N || rolesJson.groups !== roles.groups || rolesRaw.groups !== roles.groups) throw new Error(`grouping by role: ${roles.groups} groups of ${roles.records} records (${rolesJson.groups} from the JSON, ${rolesRaw.groups} roles raw)`);
  const anyOf = await op("has-any")();
  const anyOfJson = await op("has-any-json")();
  const anyOfRaw = await op("has-any-raw")();
  if (anyOf.groups !== anyOfRaw.groups || anyOfJson.groups !== anyOf.groups || anyOf.records !== 50) throw new Error(`'has any': ${anyOf.groups} records (${anyOfJson.groups} from the JSON, ${anyOfRaw.groups} raw)`);
}

export async function run(ctx) {
  const fixture = await ctx.records();
  const N = fixture.big;
  const cluster = await ctx.startCluster("grouping", { fixture });
  try {
    let i = 0;
    const op = (name) => async () => {
      const res = await fetch(`${cluster.troveUrl}/__bench/view?db=bench-big&table=${encodeURIComponent(TABLE)}&op=${name}&i=${i++}`, { method: "POST" });
      if (res.status !== 200) throw new Error(`${name} answered ${res.status}: ${await res.text()}`);
      return res.json();
    };
    const grouped = await op("group")();
    const raw = await op("group-raw")();
    if (grouped.records !== N || raw.records !== N || grouped.groups < 2) throw new Error(`grouping covers ${grouped.records} records in ${grouped.groups} groups (raw ${raw.records} in ${raw.groups})`);
    const page = await op("page")();
    const rawPage = await op("page-raw")();
    if (page.records !== 50 || page.groups !== rawPage.groups) throw new Error(`the sorted view shows ${page.records} of ${page.groups} (raw ${rawPage.records} of ${rawPage.groups})`);
    // A multiple choice (a record under each of its options), read from the side table of
    // elements the product keeps for saved views (src/tenant-do/each-values.ts), from each
    // record's JSON as before it, and from a plain (record, role) table with an index. Twice
    // on 2026-11-29, at a load of about 12, a full run lost the object's connection here
    // ("fetch failed", nothing logged); at 00:21 UTC on 2026-11-30 (load about 5) the full run
    // went through (the side table's grouping 1.23 s, 6.9× raw). The cause is not established.
    // At 00:42 UTC the grouping read each record's sums through the view's totals index
    // (src/schema/views/sql.ts: joinedAggregateQuery): 512 ms, 4.23× raw [4.12–4.29].
    // At 02:38 UTC (load about 10), that index covering (it holds each record's id and
    // deleted_at) and the totals read through it too: 859 ms, 2.32× raw [2.06–2.40] (raw
    // 372 ms: a busier machine than at 00:42); a quick run (5,000) showed no change.
    const roles = await op("roles")();
    await checkMultiple(op, N, roles);
    const rssBefore = await cluster.rss(); // set up: the Address field, the saved views and their indexes, the plain table
    const count = ctx.quick ? 2 : 5;
    const group = await pairedRuns({ runs: ctx.runs, count, warmup: 1, trove: op("group"), baseline: op("group-raw") });
    const first = await pairedRuns({ runs: ctx.runs, count, warmup: 1, trove: op("page"), baseline: op("page-raw") });
    const edit = await pairedRuns({ runs: ctx.runs, count, warmup: 1, trove: op("edit"), baseline: op("edit-raw") });
    // The same edit of a summed amount with the grouped view open (kept from the request
    // before): its groups' counts and sums adjusted by the one record, the page read again.
    const live = await pairedRuns({ runs: ctx.runs, count, warmup: 1, trove: op("edit-live"), baseline: op("edit-raw") });
    const liveCheck = await op("edit-live")();
    if (!liveCheck.adjusted || liveCheck.records !== N) throw new Error(`the open grouped view was not adjusted in place (${liveCheck.records} records)`);
    // A cell edit the grouped view does not depend on (a name): its kept page, the row read again.
    const kept = await pairedRuns({ runs: ctx.runs, count, warmup: 1, trove: op("edit-name"), baseline: op("edit-raw") });
    // The grid's deep pages, each turned to by key (the record before it), against page 1.
    const deep = await op("grid-2000")();
    if (deep.records !== 50) throw new Error(`page 2,000 shows ${deep.records} records`);
    const last = await pairedRuns({ runs: ctx.runs, count, warmup: 1, trove: op("grid-2000"), baseline: op("grid-1") });
    const middle = await pairedRuns({ runs: ctx.runs, count, warmup: 1, trove: op("grid-1000"), baseline: op("grid-1") });
    const offset = await pairedRuns({ runs: ctx.runs, count, warmup: 1, trove: op("grid-1000-offset"), baseline: op("grid-1") });
    const paired = (trove, baseline) => pairedRuns({ runs: ctx.runs, count, warmup: 1, trove: op(trove), baseline: op(baseline) });
    // The view grouped by role, its middle page (inside the Tour group) turned to by key —
    // the row before it: its record and role — against page 1, and by position.
    const rolesMiddle = await op("roles-middle")();
    const rolesOffset = await op("roles-middle-offset")();
    if (rolesMiddle.records !== 50 || rolesOffset.records !== 50) throw new Error(`the middle page grouped by role shows ${rolesMiddle.records} rows by key, ${rolesOffset.records} by position`);
    // The multiple-choice figures last, and apart: at a load over 10 the object has lost its
    // connection during them (see above; again at 02:28 UTC on 2026-11-30, load about 10);
    // the figures before them are kept when it does.
    let byRole, roleKeyed, roleOffset, hasAny, rssAfter, lost;
    try {
      byRole = await paired("roles", "roles-raw");
      roleKeyed = await paired("roles-middle", "roles-1");
      roleOffset = await paired("roles-middle-offset", "roles-1");
      hasAny = await paired("has-any", "has-any-raw");
      rssAfter = await cluster.rss();
    } catch (error) {
      lost = error instanceof Error ? error.message : String(error);
    }
    // Last, the comparisons with each record's JSON read per option.
    let byRoleJson = null;
    let hasAnyJson = null;
    if (!lost) {
      try {
        byRoleJson = await paired("roles-json", "roles-raw");
        hasAnyJson = await paired("has-any-json", "has-any-raw");
      } catch (error) {
        process.stderr.write(`[bench] the comparisons with each record's JSON failed (${error instanceof Error ? error.message : String(error)}); their figures are left out\n`);
      }
    }
    const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
    const multiple = lost
      ? [{ scenario: id, name: `Group ${n(N)} records by a multiple choice, its middle page and its 'has any of' page`, error: lost }]
      : [
          figure(id, `Group ${n(N)} records by a multiple choice (a record under each of its options): count and a money sum, groups and first page`, "ms", byRole, "LEFT JOIN of a plain (record, role) table, GROUP BY role, currency, and the first role's first page", {
            note: `${roles.groups} groups; the elements read from the side table the product keeps while a saved view groups or filters by the field (src/tenant-do/each-values.ts)`,
          }),
          ...(byRoleJson ? [figure(id, "The same grouping by a multiple choice, its options read from each record's JSON (as before the side table)", "ms", byRoleJson, "the same raw query", { note: "for comparison" })] : []),
          figure(id, `First page of a view of ${n(N)} records filtered by 'Roles has any of Teacher' (50 rows and the count)`, "ms", hasAny, "… WHERE id IN (SELECT record_id FROM roles WHERE role = ?) LIMIT 50 and its COUNT, with an index on (role, record_id)", { note: "by seeks in the side table" }),
          ...(hasAnyJson ? [figure(id, "The same 'has any of' page, the options read from each record's JSON (as before the side table)", "ms", hasAnyJson, "the same raw query", { note: "for comparison" })] : []),
          figure(id, `Middle page of the ${n(N)}-record view grouped by a multiple choice (a row per record and role), turned to by key`, "ms", roleKeyed, "page 1 of the same view", { note: "the row Next names (record and role), by seeks joined with the side table; the view's groups and totals are part of both" }),
          figure(id, `The same middle page of the view grouped by a multiple choice by position alone (no key)`, "ms", roleOffset, "page 1 of the same view", { note: "for comparison: inside its group, by OFFSET (how such pages were read before)" }),
        ];
    return [
      figure(id, `Group ${n(N)} records by a location's state: count and a money sum per currency (the view's groups and first page)`, "ms", group, "GROUP BY state, currency over plain columns", {
        note: `${grouped.groups} groups (${raw.groups} state × currency rows raw); workerd RSS ${mb(rssBefore)} once set up and ${rssAfter ? mb(rssAfter) : "(lost)"} after every run of this scenario (a grouped view holds its groups and one page, never the records); goal in issue 12: ≤ 3×`,
      }),
      figure(id, `First page of a filtered view of ${n(N)} records sorted by money (50 rows and the count)`, "ms", first, "… WHERE section = ? ORDER BY amount LIMIT 50 and its COUNT over plain columns with an index on (section, amount)", {
        note: `${n(page.groups)} records match; goal in issue 12: ≤ 2×`,
      }),
      figure(id, `One-cell edit in the grouped ${n(N)}-record view (setCell, then the view's groups and first page)`, "ms", edit, "raw UPDATE of one row, then the same GROUP BY over plain columns", { note: "goal in issue 12: ≤ 3×" }),
      figure(id, `One-cell edit in the open grouped ${n(N)}-record view (setCell of a summed amount, then the view: its kept groups adjusted by the record)`, "ms", live, "raw UPDATE of one row, then the same GROUP BY over plain columns", {
        note: "the view's kept counts and sums per currency adjusted by the edited record's row before and after (src/schema/views/live-tallies.ts), its first page read again; the figure above is the same edit with nothing kept; goal in issue 12: ≤ 3×",
      }),
      figure(id, `One-cell edit of a field the grouped ${n(N)}-record view does not group, filter or sum (a name), then the view`, "ms", kept, "raw UPDATE of one row, then the same GROUP BY over plain columns", { note: "the view's kept page, the edited row read again (src/tenant-do/view-cache.ts); issue 12: 'without a full re-query when avoidable'" }),
      figure(id, `Last page of the ${n(N)}-record grid (page ${n(Math.ceil(N / 50))}), turned to by key`, "ms", last, "page 1 of the same grid", { note: "the page after the record Next names, by a seek; goal in issues 12 and 17: ≤ 2×" }),
      figure(id, `Middle page of the ${n(N)}-record grid (page ${n(Math.floor(N / 100) + 1)}), turned to by key`, "ms", middle, "page 1 of the same grid", { note: "the page farthest from either end, by a seek; goal ≤ 2×" }),
      figure(id, `Middle page of the ${n(N)}-record grid by position alone (no key: a typed page number)`, "ms", offset, "page 1 of the same grid", { note: "for comparison: what a page turn cost before keys (OFFSET from the nearer end)" }),
      ...multiple,
    ];
  } finally {
    await cluster.stop();
  }
}
