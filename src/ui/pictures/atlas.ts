// The outlines a map draws, shipped with the app (world-atlas: Natural Earth countries at
// 1:110m; us-atlas: US Census states at 1:10m; both TopoJSON, ISC; @svg-maps/canada: MapSVG's
// provinces and territories, already projected as SVG paths, CC BY 4.0) and loaded only when
// a map is drawn: a dynamic import, so a grid page never evaluates them (see
// docs/architecture.md for how the bundler keeps them apart). Decoded once per isolate to
// GeoJSON features (or paths) named by the codes location values carry: ISO alpha-2 for
// countries, USPS codes for states, Canada Post codes (BC, QC, …) for provinces.

import type { Feature, FeatureCollection, Geometry } from "geojson";
import { feature } from "topojson-client";
import type { GeometryCollection, Topology } from "topojson-specification";

export type Outline = Feature<Geometry, { name: string }> & { code: string };
export type AtlasLevel = "world" | "us";

/** US state FIPS codes (the atlas's ids) → USPS codes (the location field's stateCode). */
const STATE_CODES: ReadonlyMap<string, string> = new Map(
  "01AL 02AK 04AZ 05AR 06CA 08CO 09CT 10DE 11DC 12FL 13GA 15HI 16ID 17IL 18IN 19IA 20KS 21KY 22LA 23ME 24MD 25MA 26MI 27MN 28MS 29MO 30MT 31NE 32NV 33NH 34NJ 35NM 36NY 37NC 38ND 39OH 40OK 41OR 42PA 44RI 45SC 46SD 47TN 48TX 49UT 50VT 51VA 53WA 54WV 55WI 56WY 60AS 66GU 69MP 72PR 78VI"
    .split(" ")
    .map((pair) => [pair.slice(0, 2), pair.slice(2)]),
);

type Json = { default?: unknown } & Record<string, unknown>;
/** A JSON module as bundled (an object) or as a text module (a string). */
const data = (module: Json): unknown => {
  const value = "default" in module ? module.default : module;
  return typeof value === "string" ? JSON.parse(value) : value;
};

function outlines(topology: Topology, object: string, code: (id: string) => string): Outline[] {
  const collection = feature(topology, topology.objects[object] as GeometryCollection<{ name: string }>) as FeatureCollection<Geometry, { name: string }>;
  return collection.features.map((f) => ({ ...f, code: code(String(f.id ?? "")) }));
}

const loaded = new Map<AtlasLevel, Promise<Outline[]>>();

async function load(level: AtlasLevel): Promise<Outline[]> {
  if (level === "us") {
    const topology = data(await import("us-atlas/states-10m.json")) as Topology;
    return outlines(topology, "states", (id) => STATE_CODES.get(id) ?? "");
  }
  const [topology, codes] = await Promise.all([import("world-atlas/countries-110m.json"), import("i18n-iso-countries/codes.json")]);
  const alpha2 = new Map((data(codes) as string[][]).map(([a2, , numeric]) => [numeric ?? "", a2 ?? ""]));
  return outlines(data(topology) as Topology, "countries", (id) => alpha2.get(id) ?? "");
}

/** The outlines of the world's countries or of the US states (loaded on first use). */
export function atlas(level: AtlasLevel): Promise<Outline[]> {
  let found = loaded.get(level);
  if (!found) {
    found = load(level);
    found.catch(() => loaded.delete(level));
    loaded.set(level, found);
  }
  return found;
}

/** Canada's provinces and territories: SVG paths in their own frame (already projected). */
export interface ProvinceOutlines {
  width: number;
  height: number;
  shapes: { code: string; name: string; d: string }[];
}

let provinces: Promise<ProvinceOutlines> | undefined;

async function loadProvinces(): Promise<ProvinceOutlines> {
  const map = data(await import("@svg-maps/canada")) as { viewBox: string; locations: { id: string; name: string; path: string }[] };
  const [, , width = 1, height = 1] = map.viewBox.split(" ").map(Number);
  return { width, height, shapes: map.locations.map((l) => ({ code: l.id.toUpperCase(), name: l.name, d: l.path })) };
}

/** The outlines of Canada's provinces and territories (loaded on first use). */
export function provinceOutlines(): Promise<ProvinceOutlines> {
  if (!provinces) {
    provinces = loadProvinces();
    provinces.catch(() => {
      provinces = undefined;
    });
  }
  return provinces;
}
