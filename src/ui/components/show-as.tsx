// "Show as" in the view toolbar: the ways a view can be drawn (grid, chart, map, calendar), as
// plain links, so switching works without JavaScript and is saved like any view change.

import { DISPLAY_KINDS, displayOf } from "../../schema/views/display";
import type { ViewDefinition } from "../../schema/views/view";
import type { TroveApp } from "../app";
import type { Renderer } from "../engine/renderer";
import type { TablePage } from "./table-page";

/** "Show as: Grid · Chart · Map · Calendar", in the view toolbar. */
export function showAsControl(r: Renderer<TroveApp>, page: TablePage, view: ViewDefinition) {
  const current = displayOf(view).kind;
  return (
    <nav class="segmented show-as" aria-label="Show as">
      <span class="segmented-label" aria-hidden="true">Show as</span>
      {DISPLAY_KINDS.map(({ kind, label }) => (
        <a href={r.href(page, page.showAs, kind)} aria-current={current === kind ? "true" : undefined}>{label}</a>
      ))}
    </nav>
  );
}
