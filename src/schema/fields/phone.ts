// Phone field: digits with spaces, +, (), -, dots and an extension ("ext 12", "x12", "#12").
// With a +country code the value is E.164 ("+14155550123"), otherwise just the digits; an
// extension follows as " ext 12". At least 7 digits, at most 15 (E.164's limit). Display
// groups North American numbers.
import { type FieldType, noOptions, type NoOptions } from "./field-type";
import { order } from "./sort-keys";

const PHONE = /^(\+)?([\d\s().-]+?)\s*(?:(?:ext\.?|extension|x|#)\s*(\d{1,6}))?$/i;

/** Groups the digits people read most: North American numbers as "+1 518-555-0100" or
 *  "518-555-0100". Other numbers show as stored; every form reads back to the same value. */
function formatPhone(value: string): string {
  const [number = "", extension] = value.split(" ext ");
  const nanp = /^(\+1)?(\d{3})(\d{3})(\d{4})$/.exec(number);
  const shown = nanp ? `${nanp[1] ? "+1 " : ""}${nanp[2]}-${nanp[3]}-${nanp[4]}` : number;
  return extension ? `${shown} ext ${extension}` : shown;
}

export const phoneType: FieldType<string, NoOptions> = {
  name: "phone",
  label: "Phone",
  defaultOptions: noOptions,
  parse(text) {
    const match = PHONE.exec(text.trim().replace(/^tel:/i, ""));
    if (!match) return { ok: false, reason: "not a phone number" };
    const digits = (match[2] ?? "").replace(/\D/g, "");
    if (digits.length < 7) return { ok: false, reason: "too few digits for a phone number" };
    if (digits.length > 15) return { ok: false, reason: "too many digits for a phone number" };
    const extension = match[3] ? ` ext ${match[3]}` : "";
    return { ok: true, value: `${match[1] ?? ""}${digits}${extension}` };
  },
  format: formatPhone,
  compare: order,
  sortKey: (value) => value,
  parts: [],
};
