// The Export menu of a table's page or of a view: plain download links (no callbacks: an
// export names a file, not a place), so they work the same with and without JavaScript. A
// view exports its filters, search, sort and visible fields: a saved one by its id, an
// unsaved one by its definition in the address.

import type { ViewDefinition } from "../../schema/views/view";

const FORMATS = [
  ["csv", "text", "CSV"],
  ["tsv", "text", "TSV"],
  ["json", "text", "JSON"],
  ["csv", "understood", "CSV, understood values"],
  ["tsv", "understood", "TSV, understood values"],
  ["json", "understood", "JSON, understood values"],
] as const;

export function ExportMenu({ database, tableId, view, draft }: { database: string; tableId: string; view?: ViewDefinition; draft?: boolean }) {
  const which = view === undefined ? "" : draft ? `&definition=${encodeURIComponent(JSON.stringify(view))}` : `&view=${encodeURIComponent(view.id)}`;
  const what = view === undefined ? "the records" : `the view “${view.name}”`;
  return (
    <details class="export-menu">
      <summary class="button small">{view === undefined ? "Export" : "Download"}</summary>
      <ul class="menu" aria-label={`Export ${what} as`}>
        {FORMATS.map(([format, values, label]) => (
          <li><a href={`/t/${database}/tables/${tableId}/export?format=${format}&values=${values}${which}`} download="">{label}</a></li>
        ))}
      </ul>
    </details>
  );
}
