// What a new field needs before it exists: the options each type asks for when a person adds
// it ("+ Field"), checked by one valibot schema per type and against the structure (a link
// must name a table that exists). `addField` refuses options that fail here, so no field is
// ever created half set up (a link with no target would flag every value it is given).

import * as v from "valibot";
import { choiceColors } from "./fields/choice";
import { currencyByCode } from "./fields/currencies";
import type { Json } from "./fields/field-type";
import type { FieldTypeName } from "./fields/registry";
import { isTimeZone } from "./fields/zone";
import { liveTables, type Schema } from "./model";
import { foldLabel } from "./text";

/** Options a field may have at most: a choice field with more is an import's job. */
export const MAX_CHOICES = 200;
export const MAX_DECIMALS = 8;

const id = v.pipe(v.string(), v.regex(/^[\w-]{1,64}$/, "An option id is a short id."));
const label = v.pipe(v.string(), v.trim(), v.minLength(1, "Every option needs a name."), v.maxLength(100, "An option's name is at most 100 characters."));
const ChoiceSchema = v.object({ id, label, color: v.picklist(choiceColors, "Pick one of the colours.") });
const ChoicesSchema = v.object({
  choices: v.pipe(
    v.array(ChoiceSchema),
    v.minLength(1, "Add at least one option."),
    v.maxLength(MAX_CHOICES, `A field has at most ${MAX_CHOICES} options.`),
    v.check((cs) => new Set(cs.map((c) => foldLabel(c.label))).size === cs.length, "Two options have the same name."),
    v.check((cs) => new Set(cs.map((c) => c.id)).size === cs.length, "Two options have the same id."),
  ),
});
const decimals = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(MAX_DECIMALS, `At most ${MAX_DECIMALS} decimals.`));
const DecimalsSchema = v.object({ decimals });
const MoneySchema = v.object({ currency: v.pipe(v.string(), v.check((c) => currencyByCode(c) !== undefined, "Pick a currency from the list.")) });
const DateSchema = v.object({
  timeZone: v.pipe(v.string(), v.check(isTimeZone, "Unknown time zone.")),
  withTime: v.optional(v.boolean()),
});
const LinkSchema = v.object({ tableId: v.pipe(v.string(), v.minLength(1, "Choose the table this field links to.")), multiple: v.boolean() });
const NoOptionsSchema = v.object({});

const schemas: Record<FieldTypeName, v.GenericSchema> = {
  text: NoOptionsSchema,
  longText: NoOptionsSchema,
  number: DecimalsSchema,
  percent: DecimalsSchema,
  money: MoneySchema,
  date: DateSchema,
  duration: NoOptionsSchema,
  checkbox: NoOptionsSchema,
  choice: ChoicesSchema,
  multiChoice: ChoicesSchema,
  email: NoOptionsSchema,
  url: NoOptionsSchema,
  phone: NoOptionsSchema,
  user: NoOptionsSchema,
  location: NoOptionsSchema,
  link: LinkSchema,
};

/** The options as checked (trimmed labels), or the first problem in words. */
export function checkFieldSetup(schema: Schema, type: FieldTypeName, options: Json): { ok: true; options: Json } | { ok: false; reason: string } {
  const parsed = v.safeParse(schemas[type], options);
  if (!parsed.success) return { ok: false, reason: parsed.issues[0]?.message ?? "These settings are not complete." };
  if (type === "link") {
    const target = (parsed.output as { tableId: string }).tableId;
    if (!liveTables(schema).some((t) => t.id === target)) return { ok: false, reason: "The table this field links to does not exist." };
  }
  return { ok: true, options: parsed.output as Json };
}
