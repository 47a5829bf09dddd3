// Bench-only (scenario 9): one operation per request on the bench's Musicians table, so the
// harness can time a chart or choropleth against the grouped view's query alone (timers do
// not advance inside a synchronous request in workerd, so all timing is the harness's).
// The first call adds an Address (location) field and fills it with a few dozen places by one
// UPDATE per place: loading 100,000 records again through actions would double the fixture.

import type { Member } from "../src/schema/members";
import { findTable, type Table } from "../src/schema/model";
import type { ChartDisplay, MapDisplay } from "../src/schema/views/display";
import { defaultView, type ViewDefinition } from "../src/schema/views/view";
import { parseCellText } from "../src/schema/values";
import type { Tenant } from "../src/tenant-do/tenant";
import { toHtml } from "../src/ui/engine/html";
import { chartData, mapPicture } from "../src/ui/pictures/build";
import { ChartSvg } from "../src/ui/pictures/chart-svg";
import { MapSvg } from "../src/ui/pictures/map-svg";
import { viewCacheOf } from "../src/tenant-do/view-cache";

const PLACES = [
  "Toronto, ON", "Vancouver, BC", "New York, NY", "Albany, NY", "Chicago, IL", "Austin, TX", "Mexico City, Mexico", "São Paulo, Brazil",
  "Buenos Aires, Argentina", "Lima, Peru", "Berlin, Germany", "Paris, France", "Madrid, Spain", "Rome, Italy", "Oslo, Norway", "Dublin, Ireland",
  "Warsaw, Poland", "Cairo, Egypt", "Lagos, Nigeria", "Nairobi, Kenya", "Mumbai, India", "Beijing, China", "Seoul, South Korea", "Tokyo, Japan",
  "Sydney, Australia", "Auckland, New Zealand", "Canada", "somewhere by the sea",
];

export type PictureOp = "query" | "chart" | "mapquery" | "map" | "chart-few";

const LOCATION = "floc";

/** Adds the Address field and its places once (scenarios 3 and 9). */
export function ensureLocations(tenant: Tenant, owner: Member, table: Table): Table {
  if (table.fields.some((f) => f.id === LOCATION)) return table;
  const added = tenant.applyAction(owner, { kind: "addField", tableId: table.id, field: { id: LOCATION, name: "Address", type: "location", options: {} }, index: table.fields.length });
  if (!added.ok) throw new Error(added.reason);
  const context = { now: new Date(), timeZone: "UTC" };
  PLACES.forEach((text, i) => {
    const cell = parseCellText("location", text, {}, context);
    tenant.storage.sql.exec(`UPDATE records SET cells = json_set(cells, '$.${LOCATION}', json(?)) WHERE table_id = ? AND seq % ? = ?`, JSON.stringify(cell), table.id, PLACES.length, i);
  });
  return findTable(tenant.schema, table.id)!;
}

/** Runs one operation; returns the bytes it produced and the records it covered. */
export async function benchPicture(tenant: Tenant, owner: Member, tableId: string, op: PictureOp): Promise<{ bytes: number; records: number }> {
  const found = findTable(tenant.schema, tableId);
  if (!found) throw new Error("load the bench table first");
  const table = ensureLocations(tenant, owner, found);
  const app = tenant.appFor(owner);
  const chart: ChartDisplay = { kind: "chart", chart: "column", measure: { fieldId: "famount", kind: "sum" }, stack: null };
  const grouped: ViewDefinition = { ...defaultView(table), id: "bench-chart", name: "Bench", group: { fieldId: "fsection", part: null }, summaries: [{ fieldId: "famount", kind: "sum" }], display: chart };
  const map: MapDisplay = { kind: "map", map: "countries", fieldId: LOCATION, measure: null };
  const byCountry: ViewDefinition = { ...defaultView(table), id: "bench-map", name: "Bench", group: { fieldId: LOCATION, part: "country" }, display: map };
  // Each side runs the view's SQL: never a page the view cache kept from the run before.
  viewCacheOf(tenant.storage).clear();
  if (op === "query") {
    const run = app.runView(grouped, { offset: 0, limit: 0 });
    return { bytes: JSON.stringify(run.groups?.map((g) => [g.key, g.count, g.summaries])).length, records: run.total };
  }
  if (op === "mapquery") {
    const run = app.runView(byCountry, { offset: 0, limit: 0 });
    return { bytes: JSON.stringify(run.groups?.map((g) => [g.key, g.count])).length, records: run.total };
  }
  if (op === "map") {
    const drawn = mapPicture(app, table, byCountry, map, () => null);
    if (!drawn.ok) throw new Error(drawn.reason);
    return { bytes: (await toHtml(<MapSvg map={drawn.map} />)).length, records: drawn.total };
  }
  // "chart-few": the same chart of about 1 in 600 records (one name), for the SVG's size.
  const view = op === "chart-few" ? { ...grouped, filters: [{ fieldId: "fname", op: "textIs", args: ["Ada Abara"] }] } : grouped;
  const drawn = chartData(app, table, view, chart, () => null);
  if (!drawn.ok) throw new Error(drawn.reason);
  return { bytes: (await toHtml(<ChartSvg data={drawn.data} kind="column" />)).length, records: drawn.total };
}
