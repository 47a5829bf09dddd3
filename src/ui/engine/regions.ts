// Regions: the parts of a render that travel on their own. An element marked `data-region`
// (with an `id`) is a region; the application root is one. After a render the HTML is split
// into regions, each holding its own markup with every nested region replaced by a stub
// (`<tr id="r1" data-stub></tr>`), and each region is hashed. A socket remembers the hashes
// it was last sent, so an update sends only the regions whose own markup changed: one edited
// cell re-sends its row, not the grid around it. The browser fills each stub from the
// region of the same id that it already shows (or that came in the same frame) and morphs.
//
// The scanner reads the HTML that hono/jsx writes: every element closed or void, and `<`,
// `>` escaped inside text and attribute values — so a tag is always `<…>` with no `>` inside.

export interface Region {
  id: string;
  /** The region's markup, nested regions replaced by stubs. */
  html: string;
  hash: number;
}

const VOID = new Set(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"]);
const REGION_ATTR = /\sdata-region(?:="[^"]*")?(?=[\s/>]|$)/;
const ID_ATTR = /\sid="([^"]+)"/;

interface Open {
  tag: string;
  /** Set when this element is a region. */
  region?: { id: string; start: number; children: { start: number; end: number; stub: string }[] };
}

/** Splits rendered HTML into its regions, parents before children (document order). It
 *  reads tags as `<(/?)([a-zA-Z][\w-]*)([^>]*)>` would, scanning with indexOf (a page of
 *  50 rows has over 1,500 tags: a regex match per tag was the largest cost of its render).
 *  `whole`: regions the render wrote in one piece, by id, with no region inside (the grid's
 *  rows, ./markup.ts, noted by `Renderer.region`): found where they start, they are taken
 *  as they are, their tags never read (issue 17). */
export function splitRegions(html: string, whole?: ReadonlyMap<string, string>): Region[] {
  const out: (Region & { start: number })[] = [];
  const stack: Open[] = [];
  const regions: NonNullable<Open["region"]>[] = [];
  // A render is a string of thousands of concatenated pieces, which V8 reads slowly by
  // index until it is flattened: Number() flattens it in place (and stops at its first `<`).
  void Number(html);
  // Where "data-region" next occurs: only a tag that holds it is read as a region.
  let marker = html.indexOf(MARKER);
  let at = html.indexOf("<");
  while (at >= 0) {
    const closing = html.charCodeAt(at + 1) === SLASH;
    const nameStart = at + (closing ? 2 : 1);
    if (!isLetter(html.charCodeAt(nameStart))) {
      at = html.indexOf("<", at + 1);
      continue;
    }
    let nameEnd = nameStart + 1;
    while (nameEnd < html.length && isNameChar(html.charCodeAt(nameEnd))) nameEnd++;
    const gt = html.indexOf(">", nameEnd);
    if (gt < 0) break; // no tag can end past here
    const tag = html.slice(nameStart, nameEnd).toLowerCase();
    const next = html.indexOf("<", gt + 1);
    if (closing) {
      // Pop to the matching element (tolerates nothing else: the HTML is our own).
      let open = stack.pop();
      while (open && open.tag !== tag) open = stack.pop();
      const region = open?.region;
      if (region) {
        const end = gt + 1;
        regions.pop();
        const markup = own(html, region.start, end, region.children);
        out.push({ id: region.id, html: markup, hash: hash(markup), start: region.start });
        const parent = regions.at(-1);
        if (parent) parent.children.push({ start: region.start, end, stub: `<${tag} id="${region.id}" data-stub></${tag}>` });
      }
      at = next;
      continue;
    }
    if (VOID.has(tag) || (gt > nameEnd && html.charCodeAt(gt - 1) === SLASH)) {
      at = next;
      continue;
    }
    const open: Open = { tag };
    while (marker >= 0 && marker < nameEnd) marker = html.indexOf(MARKER, marker + 1);
    if (marker >= 0 && marker < gt) {
      const attrs = html.slice(nameEnd, gt);
      if (REGION_ATTR.test(attrs)) {
        const id = ID_ATTR.exec(attrs)?.[1];
        const markup = id === undefined ? undefined : whole?.get(id);
        if (markup !== undefined && html.startsWith(markup, at)) {
          const end = at + markup.length;
          out.push({ id: id!, html: markup, hash: hash(markup), start: at });
          regions.at(-1)?.children.push({ start: at, end, stub: `<${tag} id="${id}" data-stub></${tag}>` });
          at = html.indexOf("<", end);
          marker = html.indexOf(MARKER, end);
          continue;
        }
        if (id !== undefined) {
          open.region = { id, start: at, children: [] };
          regions.push(open.region);
        }
      }
    }
    stack.push(open);
    at = next;
  }
  // Children close before their parents: put parents first, as the browser applies them.
  out.sort((a, b) => a.start - b.start);
  return out.map(({ id, html: text, hash: h }) => ({ id, html: text, hash: h }));
}

const MARKER = "data-region";
const SLASH = 47;
const isLetter = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
/** `[\w-]`: letters, digits, `_` and `-`. */
const isNameChar = (c: number) => isLetter(c) || (c >= 48 && c <= 57) || c === 95 || c === 45;

function own(html: string, start: number, end: number, children: { start: number; end: number; stub: string }[]): string {
  if (children.length === 0) return html.slice(start, end);
  let text = "";
  let at = start;
  for (const child of children) {
    text += html.slice(at, child.start) + child.stub;
    at = child.end;
  }
  return text + html.slice(at, end);
}

/** The regions a socket that was last sent `known` needs now (all of them when it knows
 *  nothing), and what it will know after. */
export function changedRegions(regions: readonly Region[], known: ReadonlyMap<string, number> | undefined): { changed: [string, string][]; known: Map<string, number> } {
  const next = new Map<string, number>();
  const changed: [string, string][] = [];
  for (const region of regions) {
    next.set(region.id, region.hash);
    if (known?.get(region.id) !== region.hash) changed.push([region.id, region.html]);
  }
  return { changed, known: next };
}

/** A 53-bit string hash (cyrb53): fast, synchronous, and plenty to tell two renders apart. */
export function hash(text: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

const STUB = /<([a-z][\w-]*) id="([^"]+)" data-stub><\/\1>/g;

/** Puts a frame's regions back together into the markup of its first (outermost) region, as
 *  the browser does when it knows nothing yet (used by tests and tools without a DOM). */
export function joinRegions(regions: readonly (readonly [string, string])[]): string {
  const byId = new Map(regions);
  const expand = (html: string): string => html.replace(STUB, (stub, _tag: string, id: string) => {
    const inner = byId.get(id);
    return inner === undefined ? stub : expand(inner);
  });
  return regions.length === 0 ? "" : expand(regions[0]![1]);
}
