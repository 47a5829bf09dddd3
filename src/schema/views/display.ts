// How a view is drawn: as the grid (the default), or as another picture of the same records
// (charts, maps and calendars add their kinds to this variant, each with its own settings).
// A view without a `display` is a grid, so views saved before displays existed still load.

import * as v from "valibot";

export const GridDisplaySchema = v.object({ kind: v.literal("grid") });

export const DisplaySchema = v.variant("kind", [GridDisplaySchema]);

export type Display = v.InferOutput<typeof DisplaySchema>;
export type DisplayKind = Display["kind"];

/** The way a view is drawn: its own display, or the grid. */
export const displayOf = (view: { display?: Display }): Display => view.display ?? { kind: "grid" };
