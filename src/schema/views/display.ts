// How a view is drawn: as the grid (the default), or as another picture of the same records
// (charts, maps and calendars add their kinds to this variant, each with its own settings).
// A view without a `display` is a grid, so views saved before displays existed still load.

import * as v from "valibot";

const id = v.pipe(v.string(), v.minLength(1), v.maxLength(64));

export const GridDisplaySchema = v.object({ kind: v.literal("grid") });

/** A calendar of a date field: a month or a week at a time; each record is an event titled by
 *  a field (null: the table's first field), with an optional field as its description (feeds). */
export const CalendarDisplaySchema = v.object({
  kind: v.literal("calendar"),
  fieldId: id,
  span: v.picklist(["month", "week"]),
  titleFieldId: v.nullable(id),
  descriptionFieldId: v.optional(v.nullable(id), null),
});

export const DisplaySchema = v.variant("kind", [GridDisplaySchema, CalendarDisplaySchema]);

export type Display = v.InferOutput<typeof DisplaySchema>;
export type DisplayKind = Display["kind"];
export type CalendarDisplay = v.InferOutput<typeof CalendarDisplaySchema>;

/** The kinds offered by the view bar's "Show as", with their labels, in order. */
export const DISPLAY_KINDS: readonly { kind: DisplayKind; label: string }[] = [
  { kind: "grid", label: "Grid" },
  { kind: "calendar", label: "Calendar" },
];

/** The way a view is drawn: its own display, or the grid. */
export const displayOf = (view: { display?: Display }): Display => view.display ?? { kind: "grid" };

/** The fields a display names (checked to belong to the view's table). */
export function displayFields(display: Display | undefined): string[] {
  if (!display || display.kind === "grid") return [];
  return [display.fieldId, ...(display.titleFieldId ? [display.titleFieldId] : []), ...(display.descriptionFieldId ? [display.descriptionFieldId] : [])];
}
