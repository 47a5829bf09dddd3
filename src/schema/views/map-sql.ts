// What a map of a view needs, as SQL over `records` (run through the caller's runner, like
// ./sql.ts): per place — a country, a US state, a Canadian province or a city's coordinates —
// the count and the measure (per currency for money), and how many records cannot be placed. One GROUP BY per
// query, so 100,000 records come back as at most a few thousand places; a point map then
// merges places that fall close together on screen (../../ui/pictures/map-svg.tsx). Whether
// a record is placed is decided as the notPlaced operator decides it (./ops-group.ts), so
// "12 not placed" opens exactly those 12 (test/workerd/charts.test.ts follows the link).

import type { Measure } from "./display";
import { cellSql, type Fragment } from "./cell-sql";
import type { PlaceLevel } from "./ops-group";
import type { ResolvedView } from "./query";
import { type SqlRunner, where } from "./sql";
import { tidy } from "./result";

export interface PlaceRow {
  /** ISO alpha-2 country code, US state or Canadian province code, or "lat,lon" of a city. */
  id: string;
  /** The name people read: "Canada", "New York", "Vancouver". */
  label: string;
  /** The country or state name the view's grouping by that part uses (for the filter link). */
  groupKey: string;
  count: number;
  /** The measure per series ("" or a currency); the count when there is no measure. */
  values: Map<string, number>;
  lat: number | null;
  lon: number | null;
}

export interface MapRows {
  places: PlaceRow[];
  notPlaced: number;
  total: number;
}

/** Most places a point map reads (the most populous first); cities beyond are counted apart. */
export const MAX_PLACES = 5000;

/** Per place: its id, its name (also the key the view's grouping by that part uses: the
 *  country, state or city name, read once per record), and for cities the coordinates. */
function placeColumns(level: PlaceLevel, at: (m: string) => string): { id: string; label: string; extra: string; filter: string } {
  if (level === "countries") return { id: at("countryCode"), label: `MIN(${at("country")})`, extra: "NULL AS lat, NULL AS lon", filter: `typeof(${at("countryCode")}) = 'text'` };
  if (level === "states" || level === "provinces") {
    const country = level === "states" ? "US" : "CA";
    return { id: at("stateCode"), label: `MIN(${at("state")})`, extra: "NULL AS lat, NULL AS lon", filter: `${at("countryCode")} = '${country}' AND typeof(${at("stateCode")}) = 'text'` };
  }
  return {
    id: `${at("lat")} || ',' || ${at("lon")}`,
    label: `MIN(${at("city")})`,
    extra: `MIN(${at("lat")}) AS lat, MIN(${at("lon")}) AS lon`,
    filter: `typeof(${at("lat")}) IN ('integer', 'real') AND typeof(${at("lon")}) IN ('integer', 'real')`,
  };
}

export type MeasureSql = { field: { id: string; type: string }; kind: NonNullable<Measure>["kind"] } | null;

/** The measure's columns in a GROUP BY (`v` and `currency`; none for a count) and whether
 *  the statement must group by currency too (money is never added across currencies). */
export function measureColumns(measure: MeasureSql): { columns: string[]; byCurrency: boolean } {
  if (!measure) return { columns: [], byCurrency: false };
  const m = cellSql(measure.field.id);
  if (measure.kind === "filled") return { columns: [`SUM(${m.value} IS NOT NULL) AS v`, "'' AS currency"], byCurrency: false };
  const money = measure.field.type === "money";
  const amount = money ? m.at("amount") : m.value;
  const agg = { sum: "SUM", average: "AVG", min: "MIN", max: "MAX" }[measure.kind];
  const columns = [`${agg}(CASE WHEN typeof(${amount}) IN ('integer', 'real') THEN ${amount} END) AS v`];
  // Rows without an amount fall in a NULL currency: counted, never summed.
  if (money) columns.push(`CASE WHEN typeof(${amount}) IN ('integer', 'real') AND typeof(${m.at("currency")}) = 'text' THEN ${m.at("currency")} END AS currency`);
  else columns.push("'' AS currency");
  return { columns, byCurrency: money };
}

/** The per-place query, one scan: count and the measure's aggregate (per currency for
 *  money) per place, and one row (id NULL) for the records this map cannot place. */
export function placesQuery(view: ResolvedView, fieldId: string, level: PlaceLevel, measure: MeasureSql): Fragment {
  const w = where(view);
  const place = cellSql(fieldId);
  const p = placeColumns(level, place.at);
  const m = measureColumns(measure);
  const columns = [`CASE WHEN ${p.filter} THEN ${p.id} END AS place`, `${p.label} AS label`, p.extra, "COUNT(*) AS n", ...m.columns];
  const groupBy = m.byCurrency ? "place, currency" : "place";
  return { sql: `SELECT ${columns.join(", ")} FROM records WHERE ${w.sql} GROUP BY ${groupBy} ORDER BY place IS NOT NULL, n DESC, place LIMIT ${MAX_PLACES}`, params: w.params };
}

export function runMapSql(view: ResolvedView, fieldId: string, level: PlaceLevel, measure: MeasureSql, run: SqlRunner): MapRows {
  const byId = new Map<string, PlaceRow>();
  let notPlaced = 0;
  let total = 0;
  for (const row of run(placesQuery(view, fieldId, level, measure))) {
    total += Number(row.n);
    if (row.place === null) {
      notPlaced += Number(row.n);
      continue;
    }
    const id = String(row.place);
    const place = byId.get(id) ?? { id, label: String(row.label ?? id), groupKey: String(row.label ?? ""), count: 0, values: new Map<string, number>(), lat: row.lat === null ? null : Number(row.lat), lon: row.lon === null ? null : Number(row.lon) };
    place.count += Number(row.n);
    if (!measure) place.values.set("", place.count);
    else if (row.v !== null && row.v !== undefined && row.currency !== null) place.values.set(String(row.currency ?? ""), tidy(Number(row.v)));
    byId.set(id, place);
  }
  // Past MAX_PLACES places (cities only, in practice) the rest are neither read nor counted.
  return { places: [...byId.values()], notPlaced, total };
}
