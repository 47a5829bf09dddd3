// What every chart's SVG shares: its size, palette, font and inks (as attributes, so a
// downloaded file or a PNG made from it looks the same), and a mark: one bar, point or slice
// with its own title (the hover detail without JavaScript), a link when it drills down.

export const WIDTH = 760;
export const HEIGHT = 420;
export const PALETTE = ["#0d7268", "#3b6fb6", "#c2792b", "#8e5bb5", "#b8456b", "#5a8f3c", "#2f9e99", "#a0672f", "#5b6fd6", "#7b807d", "#c94f3d", "#3f7f5f"];
export const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif";
export const INK = "#1d1f1e";
export const INK_2 = "#5b5f5c";
export const RULE = "#e2e1db";

export const color = (i: number) => PALETTE[i % PALETTE.length] ?? INK;
/** "Other" (the values of a second grouping not drawn on their own) is grey, never a hue. */
export const OTHER_FILL = "#a9ada9";
/** The colour of series `key`, the `i`th drawn. */
export const seriesColor = (key: string, i: number) => (key === "other" ? OTHER_FILL : color(i));
export const clip = (text: string, n: number) => (text.length > n ? `${text.slice(0, n - 1)}…` : text);

export function Mark({ href, tip, children }: { href: string | null; tip: string; children: unknown }) {
  const inner = (
    <g class="mark" data-tip={tip}>
      <title>{tip}</title>
      {children}
    </g>
  );
  return href ? <a href={href}>{inner}</a> : inner;
}
