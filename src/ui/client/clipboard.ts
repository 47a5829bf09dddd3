// What a spreadsheet puts on the clipboard, read as rows of cells, and a block of cells
// written back as TSV. Google Sheets, Excel and Numbers put both a text/plain TSV (a cell
// with a tab, line break or quote is quoted, quotes doubled) and a text/html table; the
// table is read when there is one (it keeps line breaks inside cells as <br>), else the TSV.
// Pure: it takes a parsed document, so it runs in Node tests too.

export type Block = string[][];

/** Reads TSV as spreadsheets write it. A field is quoted only when it starts with a quote;
 *  a quote that is not closed keeps the text as it is. The line break after the last row
 *  does not make an empty row. */
export function parseTsv(text: string): Block {
  if (text === "") return [];
  const body = text.replace(/(\r\n|\n|\r)$/, "");
  const rows: Block = [];
  let row: string[] = [];
  let i = 0;
  for (;;) {
    const quoted = body[i] === '"' ? readQuoted(body, i) : null;
    if (quoted) {
      row.push(quoted.value);
      i = quoted.end;
    } else {
      const end = nextBreak(body, i);
      row.push(body.slice(i, end));
      i = end;
    }
    if (i >= body.length) {
      rows.push(row);
      return rows;
    }
    if (body[i] === "\t") {
      i++;
      continue;
    }
    i += body[i] === "\r" && body[i + 1] === "\n" ? 2 : 1;
    rows.push(row);
    row = [];
  }
}

/** A quoted field starting at `start`: its value and where it ends, or null when the quote
 *  is not closed right before a tab, a line break or the end. */
function readQuoted(text: string, start: number): { value: string; end: number } | null {
  let value = "";
  let j = start + 1;
  while (j < text.length) {
    if (text[j] === '"') {
      if (text[j + 1] === '"') {
        value += '"';
        j += 2;
        continue;
      }
      const after = text[j + 1];
      return after === undefined || after === "\t" || after === "\n" || after === "\r" ? { value, end: j + 1 } : null;
    }
    value += text[j];
    j++;
  }
  return null;
}

function nextBreak(text: string, from: number): number {
  for (let j = from; j < text.length; j++) {
    const c = text[j];
    if (c === "\t" || c === "\n" || c === "\r") return j;
  }
  return text.length;
}

/** The first table of an HTML clipboard document as rows of cell texts (<br> and block
 *  ends as line breaks, other spacing folded as a browser shows it; a cell spanning
 *  columns fills the ones it covers with ""), or null when there is no table. */
export function htmlTableRows(doc: ParentNode): Block | null {
  const table = doc.querySelector("table");
  if (!table) return null;
  const rows: Block = [];
  for (const tr of table.querySelectorAll("tr")) {
    // Only rows of this table, not of a table nested in one of its cells.
    if (tr.closest("table") !== table) continue;
    const row: string[] = [];
    for (const cell of tr.children) {
      const tag = cell.tagName.toLowerCase();
      if (tag !== "td" && tag !== "th") continue;
      row.push(cellText(cell));
      const span = Number(cell.getAttribute("colspan") ?? "1");
      for (let k = 1; k < Math.min(Number.isFinite(span) ? span : 1, 200); k++) row.push("");
    }
    rows.push(row);
  }
  return rows.length > 0 ? rows : null;
}

const BLOCKS = new Set(["p", "div", "li", "tr"]);

function cellText(cell: Element): string {
  let out = "";
  const walk = (node: Node) => {
    for (const child of node.childNodes) {
      if (child.nodeType === 3) out += (child.nodeValue ?? "").replace(/[ \t\r\n\f]+/g, " ");
      else if (child.nodeType === 1) {
        const tag = (child as Element).tagName.toLowerCase();
        if (tag === "style" || tag === "script") continue;
        if (tag === "br") {
          out += "\n";
          continue;
        }
        walk(child);
        if (BLOCKS.has(tag) && !out.endsWith("\n")) out += "\n";
      }
    }
  };
  walk(cell);
  // Spaces around line breaks are layout, not text.
  return out.replace(/ *\n */g, "\n").replace(/^[ \n]+|[ \n]+$/g, "");
}

/** A clipboard's block: the HTML table when there is one (parsed by `parseHtml`), else the
 *  text as TSV. Null for a single value (a plain paste into one cell does the right thing). */
export function clipboardBlock(text: string, html: string, parseHtml: (html: string) => ParentNode): Block | null {
  let rows: Block | null = null;
  if (html.includes("<table") || html.includes("<TABLE")) rows = htmlTableRows(parseHtml(html));
  if (!rows) rows = /[\t\n\r]/.test(text.replace(/[\r\n]+$/, "")) ? parseTsv(text) : null;
  if (!rows || rows.length === 0) return null;
  if (rows.length === 1 && (rows[0]?.length ?? 0) <= 1) return null;
  return rows;
}

/** A block as TSV that spreadsheets read back: a cell with a tab, line break or quote (or
 *  starting with one) is quoted, quotes doubled. */
export function toTsv(rows: Block): string {
  return rows.map((row) => row.map((cell) => (/[\t\n\r"]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell)).join("\t")).join("\n");
}
