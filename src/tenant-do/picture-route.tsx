// A saved view's chart or map as an SVG file (Download SVG): for a member who may read the
// table and see the view (a personal view: its maker only), drawn as the page draws it but
// without links (a file names no place in anyone's session).

import { TroveError } from "../schema/errors";
import type { Member } from "../schema/members";
import { findTable } from "../schema/model";
import { displayOf } from "../schema/views/display";
import { can } from "../schema/roles";
import { toHtml } from "../ui/engine/html";
import { chartData, mapPicture } from "../ui/pictures/build";
import { ChartSvg } from "../ui/pictures/chart-svg";
import { MapSvg } from "../ui/pictures/map-svg";
import type { Tenant } from "./tenant";

/** What this part uses of the engine (./tenant.ts): its port. */
export type PicturePort = Pick<Tenant, "appFor" | "name" | "schema">;

/** A file name from a view's name: letters, digits and dashes only. */
const fileName = (name: string) => name.normalize("NFKD").replace(/[^\w-]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 60) || "view";

export async function pictureSvg(tenant: PicturePort, member: Member, tableId: string, viewId: string): Promise<Response> {
  if (!can(member.role, "read")) throw new TroveError("forbidden", "Your role does not allow reading this table.");
  const table = findTable(tenant.schema, tableId);
  const app = tenant.appFor(member);
  const view = table && table.deletedAt === undefined ? app.view(tableId, viewId) : undefined;
  if (!table || !view) throw new TroveError("not_found", "There is no such view, or it is not yours to see.", { link: { href: `/t/${tenant.name}/tables`, label: "Go to the tables" } });
  const display = displayOf(view);
  let svg: string;
  if (display.kind === "chart") {
    const chart = chartData(app, table, view, display, () => null);
    if (!chart.ok) throw new TroveError("not_found", chart.reason);
    svg = await toHtml(<ChartSvg data={chart.data} kind={display.chart} />);
  } else if (display.kind === "map") {
    const map = mapPicture(app, table, view, display, () => null);
    if (!map.ok) throw new TroveError("not_found", map.reason);
    svg = await toHtml(<MapSvg map={map.map} />);
  } else throw new TroveError("not_found", "This view is shown as a grid: choose a chart or a map to download it as a picture.");
  return new Response(`<?xml version="1.0" encoding="UTF-8"?>\n${svg}`, {
    headers: { "content-type": "image/svg+xml; charset=utf-8", "content-disposition": `attachment; filename="${fileName(view.name)}.svg"`, "cache-control": "no-store" },
  });
}
