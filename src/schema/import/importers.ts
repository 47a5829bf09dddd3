// Every format Trove imports, in one registry: the first whose `accepts` says yes reads the
// text. Each must pass the one conformance suite (importers.test.ts): never throw, refuse
// empty input with a reason, give rectangular rows, drop a byte-order mark.

import { type ParsedText, parseDelimited } from "./csv";
import { parseJsonRows } from "./json";

export interface Importer {
  readonly name: string;
  /** Whether this text looks like this format (cheap: the first characters). */
  accepts(text: string): boolean;
  parse(text: string): ParsedText;
}

export const importers: readonly Importer[] = [
  { name: "json", accepts: (text) => /^\uFEFF?\s*\[\s*[{\]]/.test(text.slice(0, 1000)), parse: parseJsonRows },
  { name: "csv/tsv", accepts: () => true, parse: parseDelimited },
];

/** Reads pasted or uploaded text with the first importer that accepts it. */
export function parseImport(text: string): ParsedText {
  const importer = importers.find((i) => i.accepts(text)) ?? importers[importers.length - 1]!;
  return importer.parse(text);
}
