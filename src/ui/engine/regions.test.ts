import { describe, expect, it } from "vitest";
import { changedRegions, joinRegions, splitRegions } from "./regions";

const grid = (cell: string, count = "2 records") => `<div id="trove-root" data-region><header id="topbar" data-region><p>${count}</p></header><table><tbody><tr id="rec-a" data-region><td><input name="x.a" value="${cell}"></td></tr><tr id="rec-b" data-region><td><input name="x.b" value="Ben"/></td></tr></tbody></table><br></div>`;

describe("regions", () => {
  it("splits a render into regions, parents first, nested regions as stubs", () => {
    const regions = splitRegions(grid("Ada"));
    expect(regions.map((r) => r.id)).toEqual(["trove-root", "topbar", "rec-a", "rec-b"]);
    expect(regions[0]!.html).toBe('<div id="trove-root" data-region><header id="topbar" data-stub></header><table><tbody><tr id="rec-a" data-stub></tr><tr id="rec-b" data-stub></tr></tbody></table><br></div>');
    expect(regions[2]!.html).toBe('<tr id="rec-a" data-region><td><input name="x.a" value="Ada"></td></tr>');
  });

  it("an update touching one cell yields only that cell's row", () => {
    const { known } = changedRegions(splitRegions(grid("Ada")), undefined);
    const { changed } = changedRegions(splitRegions(grid("Ada Lovelace")), known);
    expect(changed).toEqual([["rec-a", '<tr id="rec-a" data-region><td><input name="x.a" value="Ada Lovelace"></td></tr>']]);
  });

  it("nothing changed, nothing to send; a browser that knows nothing gets everything", () => {
    const first = changedRegions(splitRegions(grid("Ada")), undefined);
    expect(first.changed).toHaveLength(4);
    expect(changedRegions(splitRegions(grid("Ada")), first.known).changed).toEqual([]);
  });

  it("a removed row changes its parent (its stubs), not its siblings", () => {
    const { known } = changedRegions(splitRegions(grid("Ada")), undefined);
    const without = grid("Ada").replace(/<tr id="rec-b".*?<\/tr>/, "");
    const { changed, known: after } = changedRegions(splitRegions(without), known);
    expect(changed.map(([id]) => id)).toEqual(["trove-root"]);
    expect(after.has("rec-b")).toBe(false);
  });

  it("reads escaped text and attributes, void and self-closed elements", () => {
    const html = `<div id="r" data-region><p title="a &gt; b">x &lt;tr&gt; y</p><img src="a"><span id="s" data-region="">z</span></div>`;
    const regions = splitRegions(html);
    expect(regions.map((r) => [r.id, r.html])).toEqual([
      ["r", '<div id="r" data-region><p title="a &gt; b">x &lt;tr&gt; y</p><img src="a"><span id="s" data-stub></span></div>'],
      ["s", '<span id="s" data-region="">z</span>'],
    ]);
  });
  it("skips a doctype, comments and a lone `<`; matches close tags whatever their case", () => {
    const html = `<!DOCTYPE html><div id="r" data-region><!-- a --><svg><clipPath id="c"></clipPath></svg>< 3<P id="p" data-region>x</P><i data-regions id="n">y</i></div>`;
    expect(splitRegions(html).map((r) => [r.id, r.html])).toEqual([
      ["r", '<div id="r" data-region><!-- a --><svg><clipPath id="c"></clipPath></svg>< 3<p id="p" data-stub></p><i data-regions id="n">y</i></div>'],
      ["p", '<P id="p" data-region>x</P>'],
    ]);
  });
});

describe("joinRegions", () => {
  it("puts a split render back together", () => {
    const regions = splitRegions(grid("Ada"));
    expect(joinRegions(regions.map((r) => [r.id, r.html]))).toBe(grid("Ada"));
  });

  it("takes regions written whole as they are (issue 17): the same regions, and a stale one is read as usual", () => {
    const page = grid("Ada");
    const rowA = '<tr id="rec-a" data-region><td><input name="x.a" value="Ada"></td></tr>';
    const rowB = '<tr id="rec-b" data-region><td><input name="x.b" value="Ben"/></td></tr>';
    expect(splitRegions(page, new Map([["rec-a", rowA], ["rec-b", rowB]]))).toEqual(splitRegions(page));
    // Not what the page holds at that place: ignored.
    expect(splitRegions(page, new Map([["rec-a", rowA.replace("Ada", "Bob")]]))).toEqual(splitRegions(page));
  });
});
