// URL field: web and mailto links only. "example.com/page" becomes "https://example.com/page";
// "javascript:" and other schemes are refused, so a stored link is always safe to open.
import { type FieldType, noOptions, type NoOptions } from "./field-type";
import { textKey } from "./sort-keys";
import { compareText } from "./text";

const SCHEME = /^([a-z][a-z\d+.-]*):(?!\d)/i;

export const urlType: FieldType<string, NoOptions> = {
  name: "url",
  label: "URL",
  defaultOptions: noOptions,
  parse(input) {
    const text = input.trim();
    if (/\s/.test(text)) return { ok: false, reason: "a link has no spaces" };
    const scheme = SCHEME.exec(text)?.[1]?.toLowerCase();
    if (scheme !== undefined && !["http", "https", "mailto"].includes(scheme)) {
      return { ok: false, reason: `'${scheme}:' links are not allowed` };
    }
    if (scheme === undefined && !/^[^/?#@]+\.[^/?#@.]{2,}(?:[/?#:]|$)/.test(text)) {
      return { ok: false, reason: "not a link" };
    }
    let url: URL;
    try {
      url = new URL(scheme === undefined ? `https://${text}` : text);
    } catch {
      return { ok: false, reason: "not a link" };
    }
    if (url.protocol === "mailto:" ? url.pathname === "" : url.hostname === "") {
      return { ok: false, reason: "not a link" };
    }
    return { ok: true, value: url.href };
  },
  format: (value) => value,
  compare: compareText,
  sortKey: textKey,
  parts: [
    {
      name: "host",
      label: "Site",
      get(value) {
        try {
          return new URL(value).hostname || null;
        } catch {
          return null;
        }
      },
    },
  ],
};
