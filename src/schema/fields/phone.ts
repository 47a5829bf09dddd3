// Phone field: digits with spaces, +, (), -, dots and an extension ("ext 12", "x12", "#12").
// With a +country code the value is E.164 ("+14155550123"), otherwise just the digits; an
// extension follows as " ext 12". At least 7 digits, at most 15 (E.164's limit).
import type { FieldType } from "./field-type";

export type PhoneOptions = Record<string, never>;

const PHONE = /^(\+)?([\d\s().-]+?)\s*(?:(?:ext\.?|extension|x|#)\s*(\d{1,6}))?$/i;

export const phoneType: FieldType<string, PhoneOptions> = {
  name: "phone",
  label: "Phone",
  defaultOptions: () => ({}),
  parse(text) {
    const match = PHONE.exec(text.trim().replace(/^tel:/i, ""));
    if (!match) return { ok: false, reason: "not a phone number" };
    const digits = (match[2] ?? "").replace(/\D/g, "");
    if (digits.length < 7) return { ok: false, reason: "too few digits for a phone number" };
    if (digits.length > 15) return { ok: false, reason: "too many digits for a phone number" };
    const extension = match[3] ? ` ext ${match[3]}` : "";
    return { ok: true, value: `${match[1] ?? ""}${digits}${extension}` };
  },
  format: (value) => value,
  compare: (a, b) => (a < b ? -1 : a > b ? 1 : 0),
  parts: [],
};
