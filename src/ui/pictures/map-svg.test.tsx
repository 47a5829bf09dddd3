// The map SVG's structure: the shipped outlines carry the codes location values use,
// countries and states are coloured by the measure with links, points are merged so their
// number stays bounded, and what cannot be placed is counted.

import { parseHTML } from "linkedom";
import { describe, expect, it } from "vitest";
import { fieldType } from "../../schema/fields/registry";
import type { LocationValue } from "../../schema/fields/location";
import type { PlaceRow } from "../../schema/views/map-sql";
import { toHtml } from "../engine/html";
import { atlas } from "./atlas";
import { MapSvg, type MapPicture, STEPS } from "./map-svg";

const place = (id: string, label: string, count: number, lat: number | null = null, lon: number | null = null): PlaceRow => ({ id, label, groupKey: label, count, values: new Map([["", count]]), lat, lon });

function picture(kind: MapPicture["kind"], places: PlaceRow[], notPlaced = 0): MapPicture {
  return { kind, title: "Musicians by Address", measureLabel: "Records", series: "", places, notPlaced, format: (n) => n.toLocaleString("en"), hrefFor: (p) => `/v?place=${p.id}` };
}

async function svg(map: MapPicture) {
  const text = await toHtml(<MapSvg map={map} />);
  const { document } = parseHTML(`<!doctype html><html><body>${text}</body></html>`);
  return { text, root: document.querySelector("svg")! };
}

describe("map outlines", () => {
  it("name countries by ISO alpha-2 and states by the codes the location field reads", async () => {
    const world = await atlas("world");
    expect(world.find((o) => o.code === "CA")?.properties.name).toBe("Canada");
    expect(world.filter((o) => o.code !== "").length).toBeGreaterThan(160);
    const states = await atlas("us");
    expect(states.filter((o) => o.code !== "")).toHaveLength(states.length);
    const location = fieldType("location");
    for (const s of states.filter((o) => /^[A-Z]{2}$/.test(o.code) && !["AS", "GU", "MP", "PR", "VI", "DC"].includes(o.code))) {
      const parsed = location.parse(`${s.properties.name}, USA`, {} as never, { now: new Date(), timeZone: "UTC" });
      expect([s.properties.name, parsed.ok && (parsed.value as LocationValue).stateCode]).toEqual([s.properties.name, s.code]);
    }
  });
});

describe("map SVG", () => {
  it("colours the countries with values, links them, and counts what is not placed", async () => {
    const { root } = await svg(picture("countries", [place("CA", "Canada", 40), place("FR", "France", 4)], 12));
    const marked = [...root.querySelectorAll("path.region.mark")];
    expect(marked.map((p) => p.querySelector("title")?.textContent).sort()).toEqual(["Canada: 40", "France: 4"]);
    expect(marked.map((p) => p.getAttribute("fill")).sort()).toEqual([STEPS[0], STEPS[4]].sort());
    expect([...root.querySelectorAll("a")].map((a) => a.getAttribute("href")).sort()).toEqual(["/v?place=CA", "/v?place=FR"]);
    expect(root.querySelectorAll("path.region").length).toBeGreaterThan(160);
    expect(root.querySelector(".not-placed")?.textContent).toBe("12 not placed");
    expect(root.querySelector("desc")?.textContent).toBe("Records by country: Canada 40; France 4. 12 not placed.");
  });

  it("draws US states", async () => {
    const { root } = await svg(picture("states", [place("NY", "New York", 9), place("TX", "Texas", 3)]));
    expect(root.querySelectorAll("path.region").length).toBeGreaterThanOrEqual(50);
    expect([...root.querySelectorAll("path.region.mark title")].map((t) => t.textContent).sort()).toEqual(["New York: 9", "Texas: 3"]);
  });

  it("merges points close together, so many places draw few circles", async () => {
    const few = await svg(picture("points", [place("49.28,-123.12", "Vancouver", 5, 49.28, -123.12), place("45.5,-73.57", "Montreal", 2, 45.5, -73.57)]));
    expect([...few.root.querySelectorAll("circle.point title")].map((t) => t.textContent)).toEqual(["Vancouver: 5", "Montreal: 2"]);
    const many: PlaceRow[] = [];
    for (let i = 0; i < 3000; i++) {
      const lat = -40 + ((i * 37) % 100);
      const lon = -170 + ((i * 53) % 340);
      many.push(place(`${lat},${lon}`, `City ${i}`, 1 + (i % 7), lat, lon));
    }
    const lots = await svg(picture("points", many));
    const circles = lots.root.querySelectorAll("circle.point").length;
    expect(circles).toBeLessThan(1200);
    expect(circles).toBeGreaterThan(50);
    expect(lots.text).toContain("more places nearby");
  });
});
