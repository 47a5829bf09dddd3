// An uploaded file's bytes → the text the import reads: an Excel workbook's first sheet as
// CSV (./xlsx.ts), anything else decoded as UTF-8, else Windows-1252 (./decode.ts).

import type { Outcome } from "../errors";
import { decodeText } from "./decode";
import { isZip, readXlsx } from "./xlsx";

export function uploadedText(bytes: Uint8Array): Outcome<{ text: string }> {
  if (isZip(bytes)) {
    const read = readXlsx(bytes);
    return read.ok ? { ok: true, text: read.text } : read;
  }
  return { ok: true, text: decodeText(bytes).text };
}
