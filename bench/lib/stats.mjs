// Small statistics for noisy machines: median and spread (interquartile range and min–max)
// of a sample, and the ratio of two medians. No figure is ever compared to a fixed time.

function quantile(sorted, q) {
  if (sorted.length === 0) return Number.NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/** { n, median, p25, p75, min, max } of an array of numbers. */
export function summarize(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    n: sorted.length,
    median: quantile(sorted, 0.5),
    p25: quantile(sorted, 0.25),
    p75: quantile(sorted, 0.75),
    min: sorted[0] ?? Number.NaN,
    max: sorted.at(-1) ?? Number.NaN,
  };
}

/** Relative spread: IQR / median (0.1 means the middle half lies within ±5 %). */
export function relativeSpread(summary) {
  return summary.median === 0 ? 0 : (summary.p75 - summary.p25) / summary.median;
}

export const round = (x, digits = 3) => (Number.isFinite(x) ? Number(x.toFixed(digits)) : null);
