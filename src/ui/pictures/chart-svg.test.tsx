// The chart SVG's structure, not its pixels: one bar per group and series, axes with ticks
// and labels, one series per currency, slices that add up, bounded size, escaping.

import { parseHTML } from "linkedom";
import { describe, expect, it } from "vitest";
import { toHtml } from "../engine/html";
import { ChartSvg, MAX_BARS } from "./chart-svg";
import { MAX_SLICES } from "./pie-svg";
import type { ChartData, ChartGroup } from "./picture-data";
import { seriesOf } from "./picture-data";

const group = (label: string, values: [string, number][], href: string | null = `/x?g=${label}`): ChartGroup => ({ label, href, values: new Map(values) });

function data(groups: ChartGroup[], title = "Musicians by Instrument"): ChartData {
  return { title, measureLabel: "Records", series: seriesOf(groups), groups, format: (n, c) => `${c === "" ? "" : `${c} `}${n.toLocaleString("en")}` };
}

async function svg(d: ChartData, kind: Parameters<typeof ChartSvg>[0]["kind"]) {
  const text = await toHtml(<ChartSvg data={d} kind={kind} />);
  const { document } = parseHTML(`<!doctype html><html><body>${text}</body></html>`);
  return { text, root: document.querySelector("svg")! };
}

const three = [group("Violin", [["", 12]]), group("Cello", [["", 8]]), group("Harp", [["", 1]])];

describe("chart SVG", () => {
  it("a column chart has a bar per group, labelled axes, a title, a description and links", async () => {
    const { root } = await svg(data(three), "column");
    expect(root.getAttribute("role")).toBe("img");
    expect(root.querySelector("title")?.textContent).toBe("Musicians by Instrument");
    expect(root.querySelector("desc")?.textContent).toBe("Records: Violin 12; Cello 8; Harp 1.");
    const bars = [...root.querySelectorAll("rect.bar")];
    expect(bars).toHaveLength(3);
    const heights = bars.map((b) => Number(b.getAttribute("height")));
    expect(heights[0]).toBeGreaterThan(heights[1]!);
    expect(heights[1]).toBeGreaterThan(heights[2]!);
    expect([...root.querySelectorAll(".x-axis text")].map((t) => t.textContent)).toEqual(["Violin", "Cello", "Harp"]);
    const ticks = [...root.querySelectorAll(".y-axis text")].map((t) => t.textContent);
    expect(ticks[0]).toBe("0");
    expect(ticks.length).toBeGreaterThanOrEqual(3);
    expect([...root.querySelectorAll("a")].map((a) => a.getAttribute("href"))).toEqual(["/x?g=Violin", "/x?g=Cello", "/x?g=Harp"]);
    expect([...root.querySelectorAll(".mark title")].map((t) => t.textContent)).toEqual(["Violin: 12", "Cello: 8", "Harp: 1"]);
  });

  it("a horizontal bar chart puts the groups on the vertical axis", async () => {
    const { root } = await svg(data(three), "bar");
    const bars = [...root.querySelectorAll("rect.bar")];
    expect(bars.map((b) => Number(b.getAttribute("width")))).toEqual([...bars.map((b) => Number(b.getAttribute("width")))].sort((a, b) => b - a));
    expect([...root.querySelectorAll(".y-axis text")].map((t) => t.textContent)).toEqual(["Violin", "Cello", "Harp"]);
  });

  it("money gives one series per currency, never added together, each in its own panel and scale", async () => {
    const groups = [group("2026-01", [["EUR", 300], ["USD", 1200]]), group("2026-02", [["USD", 50]])];
    const { root } = await svg(data(groups, "Donors by Given on"), "column");
    const bars = [...root.querySelectorAll("rect.bar")];
    expect(bars).toHaveLength(3);
    expect(new Set(bars.map((b) => b.getAttribute("fill"))).size).toBe(2);
    expect([...root.querySelectorAll(".panel-title")].map((t) => t.textContent)).toEqual(["EUR", "USD"]);
    // Each panel has its own scale: EUR 300 is as tall as USD 1,200, the largest of each.
    expect(bars[0]!.getAttribute("height")).toBe(bars[1]!.getAttribute("height"));
    const bar = await svg(data(groups), "bar");
    expect([...bar.root.querySelectorAll(".legend text")].map((t) => t.textContent)).toEqual(["EUR", "USD"]);
    expect([...root.querySelectorAll(".mark title")].map((t) => t.textContent)).toEqual(["2026-01: EUR 300", "2026-01: USD 1,200", "2026-02: USD 50"]);
    const lines = await svg(data(groups), "line");
    expect(lines.root.querySelectorAll("path.line")).toHaveLength(2);
    const pies = await svg(data(groups), "pie");
    expect(pies.root.querySelectorAll("g.pie")).toHaveLength(2);
  });

  it("line and area charts draw one path per series through every group", async () => {
    const { root } = await svg(data(three), "area");
    expect(root.querySelectorAll("path.line")).toHaveLength(1);
    expect(root.querySelectorAll("path.area")).toHaveLength(1);
    expect(root.querySelectorAll("circle.point")).toHaveLength(3);
    expect(root.querySelector("path.line")?.getAttribute("d")).toMatch(/^M[\d.]+,[\d.]+L[\d.]+,[\d.]+L/);
  });

  it("pie and donut charts have a slice per group, the largest kept and the rest as Other", async () => {
    const many = Array.from({ length: 30 }, (_, i) => group(`G${i}`, [["", 30 - i]]));
    const { root } = await svg(data(many), "donut");
    const slices = [...root.querySelectorAll("path.slice")];
    expect(slices).toHaveLength(MAX_SLICES);
    expect(root.querySelector("g.pie > text")?.textContent).toBe(String((30 * 31) / 2));
    expect([...root.querySelectorAll(".mark title")].at(-1)?.textContent).toMatch(/^Other \(19\): /);
    const small = await svg(data(three), "pie");
    expect(small.root.querySelectorAll("path.slice")).toHaveLength(3);
  });

  it("stays the same size however many groups and records there are", async () => {
    const few = await svg(data(Array.from({ length: 100 }, (_, i) => group(`Group ${i}`, [["", i * 3]]))), "column");
    const lots = await svg(data(Array.from({ length: 5000 }, (_, i) => group(`Group ${i}`, [["", i * 300]]))), "column");
    expect(lots.root.querySelectorAll("rect.bar")).toHaveLength(MAX_BARS);
    expect(lots.text.length).toBeLessThan(few.text.length * 1.2);
  });

  it("escapes what people typed", async () => {
    const { text } = await svg(data([group("<script>alert(1)</script>", [["", 1]])], "Tom & Jerry <b>"), "pie");
    expect(text).not.toContain("<script>");
    expect(text).toContain("Tom &amp; Jerry &lt;b&gt;");
  });

  it("says so when there is nothing to chart", async () => {
    const { root } = await svg(data([]), "column");
    expect(root.textContent).toContain("No records to chart.");
  });

  describe("split by a second grouping", () => {
    const entries = [{ key: "y25", label: "2025" }, { key: "y26", label: "2026" }];
    const cell = (values: [string, number][], href: string | null) => ({ values: new Map(values), href });
    function stacked(additive: boolean, currencies = [""]): ChartData {
      const groups: ChartGroup[] = [
        { ...group("Violin", currencies.map((c) => [c, 12] as [string, number])), cells: new Map([["y25", cell(currencies.map((c) => [c, 5]), "/seg?v25")], ["y26", cell(currencies.map((c) => [c, 7]), "/seg?v26")]]) },
        { ...group("Cello", currencies.map((c) => [c, 3] as [string, number])), cells: new Map([["y26", cell(currencies.map((c) => [c, 3]), "/seg?c26")]]) },
      ];
      return { ...data(groups), stack: { label: "Joined (year)", groupLabel: "Instrument", entries, additive, left: 0 } };
    }

    it("stacks each group's parts into one column that reaches the group's total, with a legend and links per segment", async () => {
      const { root } = await svg(stacked(true), "column");
      expect(root.getAttribute("data-stacked")).toBe("stacked");
      const bars = [...root.querySelectorAll("rect.bar")];
      expect(bars).toHaveLength(3);
      // Violin's two segments share one x and touch: 2025 below 2026.
      const [a, b] = [bars[0]!, bars[1]!];
      expect(a.getAttribute("x")).toBe(b.getAttribute("x"));
      expect(Number(b.getAttribute("y")) + Number(b.getAttribute("height"))).toBeCloseTo(Number(a.getAttribute("y")), 5);
      // 5 + 7 of Violin against Cello's 3: four times as tall together.
      const violin = Number(a.getAttribute("height")) + Number(b.getAttribute("height"));
      expect(violin / Number(bars[2]!.getAttribute("height"))).toBeCloseTo(4, 1);
      expect([...root.querySelectorAll(".legend text")].map((t) => t.textContent)).toEqual(["2025", "2026"]);
      expect([...root.querySelectorAll(".bars a")].map((x) => x.getAttribute("href"))).toEqual(["/seg?v25", "/seg?v26", "/seg?c26"]);
      expect([...root.querySelectorAll(".mark title")].map((t) => t.textContent)).toEqual(["Violin · 2025: 5", "Violin · 2026: 7", "Cello · 2026: 3"]);
      expect(root.querySelector("desc")?.textContent).toBe("Records by Joined (year): Violin 12 (2025 5, 2026 7); Cello 3 (2026 3).");
    });

    it("draws an average side by side (it does not add up), and horizontal bars stack too", async () => {
      const side = await svg(stacked(false), "column");
      expect(side.root.getAttribute("data-stacked")).toBe("side by side");
      const [a, b] = [...side.root.querySelectorAll("rect.bar")];
      expect(a!.getAttribute("x")).not.toBe(b!.getAttribute("x"));
      const bar = await svg(stacked(true), "bar");
      const [c, d] = [...bar.root.querySelectorAll("rect.bar")];
      expect(c!.getAttribute("y")).toBe(d!.getAttribute("y"));
      expect(Number(c!.getAttribute("x")) + Number(c!.getAttribute("width"))).toBeCloseTo(Number(d!.getAttribute("x")), 5);
    });

    it("money in two currencies: a stacked panel per currency, each with the same legend", async () => {
      const { root } = await svg(stacked(true, ["EUR", "USD"]), "bar");
      expect([...root.querySelectorAll(".panel-title")].map((t) => t.textContent)).toEqual(["EUR", "USD"]);
      expect(root.querySelectorAll("rect.bar")).toHaveLength(6);
      expect([...root.querySelectorAll(".mark title")].map((t) => t.textContent)[0]).toBe("Violin · 2025: EUR 5");
    });

    it("lines: one line per value of the second grouping", async () => {
      const { root } = await svg(stacked(true), "line");
      expect(root.querySelectorAll("path.line")).toHaveLength(2);
      expect(root.querySelectorAll("circle.point")).toHaveLength(3);
    });
  });
});
