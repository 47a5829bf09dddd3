// "Show as" in the view toolbar: the ways a view can be drawn (./view-picture.tsx), as
// plain links, so switching works without JavaScript and is saved like any view change.

import type { ViewDefinition } from "../../schema/views/view";
import type { TroveApp } from "../app";
import type { Renderer } from "../engine/renderer";
import type { TablePage } from "./table-page";

/** "Show as: Grid · Chart · Map", in the view toolbar. */
export function showAsControl(r: Renderer<TroveApp>, page: TablePage, view: ViewDefinition) {
  const current = view.display?.kind ?? "grid";
  return (
    <nav class="segmented" aria-label="Show as">
      {(["grid", "chart", "map"] as const).map((kind) => (
        <a class={current === kind ? "button small pressed" : "button small"} href={r.href(page, page.showAs, kind)} aria-current={current === kind ? "true" : undefined}>
          {{ grid: "Grid", chart: "Chart", map: "Map" }[kind]}
        </a>
      ))}
    </nav>
  );
}

