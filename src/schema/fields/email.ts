// Email field: one address, "mailto:" dropped, domain lower-cased (the part before @ is kept
// as typed, since mail servers may treat its case as meaningful).
import { type FieldType, noOptions, type NoOptions } from "./field-type";
import { textKey } from "./sort-keys";
import { compareText } from "./text";

const ADDRESS = /^([^\s@<>(),;:"]+)@((?:[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?\.)+\p{L}{2,})$/u;

export const emailType: FieldType<string, NoOptions> = {
  name: "email",
  label: "Email",
  defaultOptions: noOptions,
  parse(text) {
    const match = ADDRESS.exec(text.trim().replace(/^mailto:/i, ""));
    if (!match) return { ok: false, reason: "not an email address" };
    return { ok: true, value: `${match[1]}@${(match[2] ?? "").toLowerCase()}` };
  },
  format: (value) => value,
  compare: compareText,
  sortKey: textKey,
  parts: [{ name: "domain", label: "Domain", get: (value) => value.split("@")[1] ?? null }],
};
