// Atom (RFC 4287) of a view's newest records: one entry per record, newest first, its title
// from the view's title field and its content the view's visible fields as "Name: value"
// lines. Every piece of text is XML-escaped here (&, <, >, quotes; characters XML 1.0 forbids
// are dropped), so a record can never inject markup into a reader.

export interface AtomEntry {
  recordId: string;
  title: string;
  /** [field name, value shown] in the view's order. */
  lines: readonly (readonly [string, string])[];
  url: string;
  created: number;
}

export interface AtomFeed {
  database: string;
  viewId: string;
  title: string;
  /** The view's address in Trove. */
  url: string;
  /** When the feed last changed (ms). */
  updated: number;
  entries: readonly AtomEntry[];
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: these are what XML forbids
const FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

export function escapeXml(text: string): string {
  return text.replace(FORBIDDEN, "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[c] as string);
}

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");

export function writeAtom(feed: AtomFeed): string {
  const out = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `  <id>urn:trove:${escapeXml(feed.database)}:view:${escapeXml(feed.viewId)}</id>`,
    `  <title>${escapeXml(feed.title)}</title>`,
    `  <link rel="alternate" type="text/html" href="${escapeXml(feed.url)}"/>`,
    `  <updated>${iso(feed.updated)}</updated>`,
    "  <generator>Trove</generator>",
  ];
  for (const entry of feed.entries) {
    out.push(
      "  <entry>",
      `    <id>urn:trove:${escapeXml(feed.database)}:record:${escapeXml(entry.recordId)}</id>`,
      `    <title>${escapeXml(entry.title)}</title>`,
      `    <link rel="alternate" type="text/html" href="${escapeXml(entry.url)}"/>`,
      `    <published>${iso(entry.created)}</published>`,
      `    <updated>${iso(entry.created)}</updated>`,
      `    <author><name>${escapeXml(feed.database)}</name></author>`,
      `    <content type="text">${escapeXml(entry.lines.map(([name, value]) => `${name}: ${value}`).join("\n"))}</content>`,
      "  </entry>",
    );
  }
  out.push("</feed>", "");
  return out.join("\n");
}
