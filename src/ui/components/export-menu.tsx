// The Export menu of a table's page: plain download links (no callbacks: an export names a
// file, not a place), so they work the same with and without JavaScript.

const FORMATS = [
  ["csv", "text", "CSV"],
  ["tsv", "text", "TSV"],
  ["json", "text", "JSON"],
  ["csv", "understood", "CSV, understood values"],
  ["json", "understood", "JSON, understood values"],
] as const;

export function ExportMenu({ database, tableId }: { database: string; tableId: string }) {
  return (
    <details class="export-menu">
      <summary class="button small">Export</summary>
      <ul class="menu" aria-label="Export the records as">
        {FORMATS.map(([format, values, label]) => (
          <li><a href={`/t/${database}/tables/${tableId}/export?format=${format}&values=${values}`} download="">{label}</a></li>
        ))}
      </ul>
    </details>
  );
}
