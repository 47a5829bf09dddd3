import { describe, expect, it } from "vitest";
import { hiddenRanges, pageLines, positionOf, shownCount, visibleRuns } from "./group-layout";
import { type GroupKey, pathId, type ViewGroup } from "./result";

const key = (k: string): GroupKey => ({ kind: 0, key: k });
const group = (path: string[], start: number, count: number): ViewGroup => ({ ...key(path.at(-1)!), level: path.length - 1, path: path.map(key), start, count, matched: count, sample: null, summaries: [] });

// BC (0–4: Vancouver 0–2, Victoria 3–4), ON (5–9: Toronto 5–9), QC (10–11).
const groups = [group(["BC"], 0, 5), group(["BC", "Van"], 0, 3), group(["BC", "Vic"], 3, 2), group(["ON"], 5, 5), group(["ON", "Tor"], 5, 5), group(["QC"], 10, 2), group(["QC", "Mtl"], 10, 2)];
const fold = (...paths: string[][]) => new Set(paths.map((p) => pathId(p.map(key))));

describe("folded groups", () => {
  it("take their records out of the order, nested folds counted once", () => {
    const folded = fold(["BC", "Vic"], ["ON"], ["ON", "Tor"]);
    const hidden = hiddenRanges(groups, folded);
    expect(hidden).toEqual([{ start: 3, end: 10 }]);
    expect(shownCount(hidden, 12)).toBe(5);
    expect([0, 2, 3, 4].map((i) => positionOf(hidden, i, 12))).toEqual([0, 2, 10, 11]);
    expect(visibleRuns(hidden, 1, 3, 12)).toEqual([{ offset: 1, limit: 2 }, { offset: 10, limit: 1 }]);
  });

  it("lay a page out as headers and records, folded headers where their records were", () => {
    const folded = fold(["BC", "Vic"], ["ON"]);
    const hidden = hiddenRanges(groups, folded);
    // Page 1 of 2 shown records: positions 0, 1; page 2: 2, 10, 11 (Victoria and Ontario folded between).
    const head = (line: ReturnType<typeof pageLines>[number]) => ("record" in line ? `r${line.record}` : `${line.group.path.map((k) => k.key).join("/")}${line.collapsed ? "+" : ""}`);
    expect(pageLines(groups, folded, [0, 1], -1, false).map(head)).toEqual(["BC", "BC/Van", "r0", "r1"]);
    expect(pageLines(groups, folded, [2, 10, 11], positionOf(hidden, 1, 12), true).map(head)).toEqual(["BC", "BC/Van", "r0", "BC/Vic+", "ON+", "QC", "QC/Mtl", "r1", "r2"]);
    // Ontario's Toronto lies inside a folded group: no header of its own.
    expect(pageLines(groups, folded, [0, 1, 2, 10, 11], -1, true).map(head)).not.toContain("ON/Tor");
  });
});
