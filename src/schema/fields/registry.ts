// Every field type, by the name stored in the schema. `FieldTypeName` is the closed list: a
// new type is added to the union and to `fieldTypes`, and the build fails until both agree.
import { checkboxType } from "./checkbox";
import { choiceType } from "./choice";
import { dateType } from "./date";
import { durationType } from "./duration";
import { emailType } from "./email";
import type { FieldType, Json, ParseContext, Parsed } from "./field-type";
import { linkType } from "./link";
import { locationField } from "./location";
import { longTextType } from "./long-text";
import { moneyType } from "./money";
import { multiChoiceType } from "./multi-choice";
import { numberType } from "./number";
import { percentType } from "./percent";
import { phoneType } from "./phone";
import { textType } from "./text";
import { urlType } from "./url";
import { userType } from "./user";

export type FieldTypeName =
  | "text"
  | "longText"
  | "number"
  | "percent"
  | "money"
  | "date"
  | "duration"
  | "checkbox"
  | "choice"
  | "multiChoice"
  | "email"
  | "url"
  | "phone"
  | "user"
  | "location"
  | "link";

/** Any field type, with its value and options types forgotten. */
export type AnyFieldType = FieldType<Json, Json>;

export const fieldTypes = {
  text: textType,
  longText: longTextType,
  number: numberType,
  percent: percentType,
  money: moneyType,
  date: dateType,
  duration: durationType,
  checkbox: checkboxType,
  choice: choiceType,
  multiChoice: multiChoiceType,
  email: emailType,
  url: urlType,
  phone: phoneType,
  user: userType,
  location: locationField,
  link: linkType,
} satisfies Record<FieldTypeName, AnyFieldType>;

export const fieldTypeNames = Object.keys(fieldTypes) as FieldTypeName[];

export function isFieldTypeName(name: string): name is FieldTypeName {
  return Object.hasOwn(fieldTypes, name);
}

export function fieldType(name: FieldTypeName): AnyFieldType {
  return fieldTypes[name];
}

/** Parses non-blank text for a field of type `name`. Never throws, even on options that a bug
 *  or an old migration left malformed: that too comes back as a reason. */
export function parseCell(
  name: FieldTypeName,
  text: string,
  options: Json,
  context: ParseContext,
): Parsed<Json> {
  try {
    return fieldType(name).parse(text, options, context);
  } catch (error) {
    return { ok: false, reason: `could not read this (${String(error)})` };
  }
}

/** Display text of a value of a field of type `name`. */
export function formatCell(name: FieldTypeName, value: Json, options: Json): string {
  return fieldType(name).format(value, options);
}

/** Sort order of two values of one field type. */
export function compareCells(name: FieldTypeName, a: Json, b: Json): number {
  return fieldType(name).compare(a, b);
}
