// Bytes of an uploaded file → text. UTF-16 when it starts with its byte-order mark; UTF-8 (a
// BOM is dropped later, by the parser) when the bytes are valid UTF-8; otherwise
// Windows-1252, the "Latin-1" spreadsheets save on Windows, so a file with "café" in it
// reads as café and not as "caf\uFFFD". Never throws.

/** Windows-1252 characters for bytes 0x80–0x9F (where it differs from ISO-8859-1). */
const CP1252 = "€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ";

export type Decoded = { text: string; encoding: "utf-8" | "utf-16le" | "utf-16be" | "windows-1252" };

export function decodeText(bytes: Uint8Array): Decoded {
  // Excel's "Unicode text" is UTF-16 with a byte-order mark.
  const utf16 = bytes[0] === 0xff && bytes[1] === 0xfe ? "utf-16le" : bytes[0] === 0xfe && bytes[1] === 0xff ? "utf-16be" : null;
  if (utf16) return { text: new TextDecoder(utf16).decode(bytes), encoding: utf16 };
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes), encoding: "utf-8" };
  } catch {
    return { text: windows1252(bytes), encoding: "windows-1252" };
  }
}

/** Bytes read as Windows-1252 (every byte is a character: never fails). */
export function windows1252(bytes: Uint8Array): string {
  let text = "";
  for (let i = 0; i < bytes.length; i += 8192) {
    const part = bytes.subarray(i, i + 8192);
    text += Array.from(part, (b) => (b >= 0x80 && b <= 0x9f ? CP1252[b - 0x80]! : String.fromCharCode(b))).join("");
  }
  return text;
}
