// A map as SVG, drawn on the server with d3-geo from the shipped outlines (./atlas.ts):
// countries, US states or Canadian provinces (paths already projected, scaled to the frame)
// coloured by the measure in five steps, or points by city sized by
// it. Points that fall within CLUSTER pixels of each other on screen are merged into one
// circle (their counts and values added, at their weighted centre), so 100,000 records
// draw at most a few hundred circles. Self-contained and accessible like the charts.

import { raw } from "hono/html";
import { geoAlbersUsa, geoNaturalEarth1, geoPath, type GeoPermissibleObjects, type GeoProjection } from "d3-geo";
import { scaleQuantize, scaleSqrt } from "d3-scale";
import type { MapKind } from "../../schema/views/display";
import type { PlaceRow } from "../../schema/views/map-sql";
import { atlas, type Outline, provinceOutlines } from "./atlas";

export const MAP_WIDTH = 760;
export const MAP_HEIGHT = 440;
/** Points closer than this on screen (px) become one circle. */
export const CLUSTER = 14;
export const STEPS = ["#d7eeea", "#a3d9cf", "#5fb8a9", "#24907f", "#0a5d55"];
const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif";
const LAND = "#eceae4";
const EDGE = "#ffffff";
const INK = "#1d1f1e";
const INK_2 = "#5b5f5c";
const TOP = 40;

export interface MapPicture {
  kind: MapKind;
  title: string;
  /** "Records", "Sum of Gift (USD)". */
  measureLabel: string;
  /** The series the map colours or sizes by ("" or the main currency). */
  series: string;
  places: readonly PlaceRow[];
  notPlaced: number;
  format: (value: number) => string;
  /** The link that opens the view filtered to a place (null: none). */
  hrefFor: (place: PlaceRow) => string | null;
}

export interface Cluster {
  x: number;
  y: number;
  value: number;
  count: number;
  places: PlaceRow[];
}

/** Merges projected points into grid cells CLUSTER px wide: weighted centre, summed value. */
export function cluster(points: readonly { x: number; y: number; value: number; place: PlaceRow }[]): Cluster[] {
  const cells = new Map<string, Cluster>();
  for (const p of points) {
    const key = `${Math.floor(p.x / CLUSTER)},${Math.floor(p.y / CLUSTER)}`;
    const c = cells.get(key);
    if (!c) cells.set(key, { x: p.x, y: p.y, value: p.value, count: p.place.count, places: [p.place] });
    else {
      const w = c.count + p.place.count;
      c.x = (c.x * c.count + p.x * p.place.count) / w;
      c.y = (c.y * c.count + p.y * p.place.count) / w;
      c.value += p.value;
      c.count = w;
      c.places.push(p.place);
    }
  }
  return [...cells.values()].sort((a, b) => b.value - a.value);
}

function Shape({ d, fill, tip, href, stroke = 0.6 }: { d: PathData; fill: string; tip: string | null; href: string | null; stroke?: number }) {
  const path = (
    <path class={tip ? "region mark" : "region"} d={d} fill={fill} stroke={EDGE} stroke-width={String(stroke)} data-tip={tip ?? undefined}>
      {tip && <title>{tip}</title>}
    </path>
  );
  return href ? <a href={href}>{path}</a> : path;
}

function Steps({ scale, format, label }: { scale: ReturnType<typeof scaleQuantize<string>>; format: (v: number) => string; label: string }) {
  return (
    <g class="legend" font-size="11" fill={INK_2} transform={`translate(16,${MAP_HEIGHT - 34})`}>
      <text y="-6">{label}</text>
      {STEPS.map((color, i) => {
        const [lo] = scale.invertExtent(color);
        return (
          <g transform={`translate(${i * 74},0)`}>
            <rect width="70" height="10" fill={color} />
            <text y="24">{format(lo ?? 0)}+</text>
          </g>
        );
      })}
    </g>
  );
}

function projectionFor(kind: MapKind, outlinesOrPoints: GeoPermissibleObjects): GeoProjection {
  const extent: [[number, number], [number, number]] = [[12, TOP], [MAP_WIDTH - 12, MAP_HEIGHT - 48]];
  if (kind === "states") return geoAlbersUsa().fitExtent(extent, outlinesOrPoints) as unknown as GeoProjection;
  return geoNaturalEarth1().fitExtent(extent, outlinesOrPoints);
}

/** A path's data as d3-geo writes it: commands and numbers, nothing the renderer would escape,
 *  so it is marked as already escaped and a map's 100 KB of outlines are not scanned again on
 *  every request. Anything else is left to the renderer to escape. */
type PathData = string | ReturnType<typeof raw>;
const pathData = (d: string): PathData => (/^[MLZ0-9.,e-]*$/.test(d) ? raw(d) : d);

type Drawing = { projection: GeoProjection; shapes: PathData[]; sphere: PathData; land?: (PathData | null)[] };

/** The outlines drawn with a projection: one path per outline, and the globe's outline. */
function drawing(outlines: readonly Outline[], projection: GeoProjection): Drawing {
  const path = geoPath(projection).digits(1);
  return { projection, shapes: outlines.map((o) => pathData(path(o) ?? "")), sphere: pathData(path({ type: "Sphere" }) ?? "") };
}

/** Countries and states always fill the same frame: their paths are computed once per isolate,
 *  and so is each outline drawn as bare land (rendered by the JSX renderer, kept as its
 *  output), so a choropleth renders per request only the regions its places colour. */
const fixed = new Map<string, Drawing>();
function fixedDrawing(kind: "countries" | "states", outlines: readonly Outline[]): Drawing {
  let found = fixed.get(kind);
  if (!found) {
    const drawn = drawing(outlines, projectionFor(kind, kind === "states" ? { type: "FeatureCollection", features: [...outlines] } : { type: "Sphere" }));
    found = { ...drawn, land: drawn.shapes.map((d) => (d === "" ? null : raw(String(<Shape d={d} fill={LAND} tip={null} href={null} />)))) };
    fixed.set(kind, found);
  }
  return found;
}

/** Fits the places (a little around them), never closer than a region ~30° wide. */
function pointsProjection(shown: readonly PlaceRow[]): GeoProjection {
  const lons = shown.map((p) => p.lon ?? 0);
  const lats = shown.map((p) => p.lat ?? 0);
  const pad = 4;
  const [w, e, s, n] = [Math.min(...lons) - pad, Math.max(...lons) + pad, Math.min(...lats) - pad, Math.max(...lats) + pad];
  const grow = Math.max(0, 30 - (e - w)) / 2;
  const box: GeoJSON.MultiPoint = { type: "MultiPoint", coordinates: [[Math.max(-180, w - grow), Math.max(-85, s - grow / 2)], [Math.min(180, e + grow), Math.min(85, n + grow / 2)]] };
  return projectionFor("points", box);
}

/** Canada's provinces, their paths scaled into the frame, coloured like states. */
function Provinces({ canada, byCode, steps, amountOf, map }: { canada: Awaited<ReturnType<typeof provinceOutlines>>; byCode: Map<string, PlaceRow>; steps: (v: number) => string | undefined; amountOf: (p: PlaceRow) => number; map: MapPicture }) {
  const [w, h] = [MAP_WIDTH - 24, MAP_HEIGHT - 48 - TOP];
  const k = Math.min(w / canada.width, h / canada.height);
  const [tx, ty] = [12 + (w - canada.width * k) / 2, TOP + (h - canada.height * k) / 2];
  return (
    <g class="provinces" transform={`translate(${tx.toFixed(1)},${ty.toFixed(1)}) scale(${k.toFixed(4)})`}>
      {canada.shapes.map((s) => {
        const place = byCode.get(s.code);
        const name = place?.label ?? s.name;
        return <Shape d={s.d} fill={place ? (steps(amountOf(place)) ?? LAND) : LAND} tip={place ? `${name}: ${map.format(amountOf(place))}` : null} href={place ? map.hrefFor(place) : null} stroke={Number((0.8 / k).toFixed(2))} />;
      })}
    </g>
  );
}

/** The map as one <svg> element (async: the outlines load on the first map drawn). */
export async function MapSvg({ map, idPrefix = "map" }: { map: MapPicture; idPrefix?: string }) {
  const canada = map.kind === "provinces" ? await provinceOutlines() : null;
  const outlines = canada ? [] : await atlas(map.kind === "states" ? "us" : "world");
  const amountOf = (p: PlaceRow) => p.values.get(map.series) ?? 0;
  const shown = map.places.filter((p) => p.values.has(map.series));
  const { projection, shapes, sphere, land } = map.kind === "points" && shown.length > 0 ? drawing(outlines, pointsProjection(shown)) : canada ? { projection: null, shapes: [], sphere: "" } : fixedDrawing(map.kind === "states" ? "states" : "countries", outlines);
  const max = Math.max(1e-9, ...shown.map(amountOf));
  const steps = scaleQuantize<string>().domain([0, max]).nice().range(STEPS);
  const byCode = new Map(shown.map((p) => [p.id, p]));
  const titleId = `${idPrefix}-title`;
  const descId = `${idPrefix}-desc`;
  const top = [...shown].sort((a, b) => amountOf(b) - amountOf(a)).slice(0, 5);
  const desc = `${map.measureLabel} by ${map.kind === "points" ? "city" : map.kind === "states" ? "US state" : map.kind === "provinces" ? "Canadian province" : "country"}: ${top.map((p) => `${p.label} ${map.format(amountOf(p))}`).join("; ")}${shown.length > 5 ? ` (and ${shown.length - 5} more)` : ""}. ${map.notPlaced} not placed.`;
  let circles: Cluster[] = [];
  if (map.kind === "points" && projection) {
    const projected = shown.flatMap((p) => {
      const xy = projection([p.lon ?? 0, p.lat ?? 0]);
      return xy ? [{ x: xy[0], y: xy[1], value: amountOf(p), place: p }] : [];
    });
    circles = cluster(projected);
  }
  const radius = scaleSqrt().domain([0, Math.max(1e-9, ...circles.map((c) => c.value))]).range([0, 22]);
  return (
    <svg xmlns="http://www.w3.org/2000/svg" class="chart-svg map-svg" viewBox={`0 0 ${MAP_WIDTH} ${MAP_HEIGHT}`} width={MAP_WIDTH} height={MAP_HEIGHT} role="img" aria-labelledby={`${titleId} ${descId}`} font-family={FONT} data-kind={map.kind}>
      <title id={titleId}>{map.title}</title>
      <desc id={descId}>{desc}</desc>
      <rect class="chart-bg" width={MAP_WIDTH} height={MAP_HEIGHT} fill="#ffffff" />
      <defs>
        <clipPath id={`${idPrefix}-clip`}>
          <rect x="0" y={TOP - 8} width={MAP_WIDTH} height={MAP_HEIGHT - TOP - 40} />
        </clipPath>
      </defs>
      <text class="chart-title" x="16" y="24" font-size="15" font-weight="600" fill={INK}>{map.title}</text>
      <text class="chart-measure" x={MAP_WIDTH - 16} y="24" font-size="12" text-anchor="end" fill={INK_2}>{map.measureLabel}</text>
      <g class="regions" clip-path={`url(#${idPrefix}-clip)`}>
        {map.kind === "countries" && <path class="sphere" d={sphere} fill="#f6f8f8" />}
        {canada && <Provinces canada={canada} byCode={byCode} steps={steps} amountOf={amountOf} map={map} />}
        {outlines.map((o, i) => {
          const d = shapes[i] ?? "";
          if (String(d) === "") return null;
          const place = map.kind === "points" ? undefined : byCode.get(o.code);
          if (!place && land) return land[i];
          const name = place?.label ?? o.properties.name;
          return <Shape d={d} fill={place ? (steps(amountOf(place)) ?? LAND) : LAND} tip={place ? `${name}: ${map.format(amountOf(place))}` : null} href={place ? map.hrefFor(place) : null} />;
        })}
        {circles.map((c) => {
          const first = c.places[0]!;
          const more = c.places.length - 1;
          const tip = `${first.label}${more > 0 ? ` and ${more} more ${more === 1 ? "place" : "places"} nearby` : ""}: ${map.format(c.value)}`;
          const href = more === 0 ? map.hrefFor(first) : null;
          const dot = (
            <circle class="point mark" cx={c.x.toFixed(1)} cy={c.y.toFixed(1)} r={Math.max(3, radius(c.value)).toFixed(1)} fill="#0d7268" fill-opacity="0.55" stroke="#0a5d55" stroke-width="1" data-tip={tip}>
              <title>{tip}</title>
            </circle>
          );
          return href ? <a href={href}>{dot}</a> : dot;
        })}
      </g>
      {map.kind === "points" ? (
        <text class="legend" x="16" y={MAP_HEIGHT - 16} font-size="11" fill={INK_2}>Circles sized by {map.measureLabel.toLowerCase()}; nearby places are merged.</text>
      ) : (
        <Steps scale={steps} format={map.format} label={map.measureLabel} />
      )}
      <text class="not-placed" x={MAP_WIDTH - 16} y={MAP_HEIGHT - 16} font-size="11" text-anchor="end" fill={INK_2}>{map.notPlaced.toLocaleString("en")} not placed</text>
    </svg>
  );
}
