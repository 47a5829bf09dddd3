import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { resolveTimeZone, searchTimeZones, timeZoneNames, zoneLabel } from "./time-zones";

describe("time zones", () => {
  it("lists the IANA zones with UTC", () => {
    expect(timeZoneNames()).toContain("America/New_York");
    expect(timeZoneNames()).toContain("UTC");
  });

  it("finds a zone by its city as people write it", () => {
    expect(searchTimeZones("New York")[0]).toBe("America/New_York");
    expect(searchTimeZones("new_york")[0]).toBe("America/New_York");
    expect(searchTimeZones("paris")[0]).toBe("Europe/Paris");
    expect(searchTimeZones("america/los")[0]).toBe("America/Los_Angeles");
    expect(zoneLabel("America/Argentina/Buenos_Aires")).toBe("Buenos Aires (America / Argentina)");
  });

  it("resolves typed text to one zone, or says which ones it could be", () => {
    expect(resolveTimeZone("New York")).toEqual({ ok: true, zone: "America/New_York" });
    expect(resolveTimeZone("europe/paris")).toEqual({ ok: true, zone: "Europe/Paris" });
    expect(resolveTimeZone("utc")).toEqual({ ok: true, zone: "UTC" });
    const many = resolveTimeZone("America");
    expect(many.ok).toBe(false);
    expect(!many.ok && many.reason).toMatch(/could be .*choose one/);
    expect(resolveTimeZone("Atlantis")).toMatchObject({ ok: false });
    fc.assert(fc.property(fc.string(), (text) => void resolveTimeZone(text)));
  });
});
