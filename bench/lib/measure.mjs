// Helpers for timing on a shared machine: batches of operations timed with performance.now()
// (harness only), alternated between Trove and its baseline so drift hits both alike.

/** Mean time per call of `op` over `count` calls, in ms. */
async function timeBatch(count, op) {
  const start = performance.now();
  for (let i = 0; i < count; i++) await op(i);
  return (performance.now() - start) / count;
}

/** Runs `runs` paired batches; odd runs measure the baseline first. Returns ms per op. */
export async function pairedRuns({ runs, count, trove, baseline, warmup = 0 }) {
  for (let i = 0; i < warmup; i++) {
    await trove(i);
    await baseline(i);
  }
  const t = [];
  const b = [];
  for (let run = 0; run < runs; run++) {
    if (run % 2 === 0) {
      t.push(await timeBatch(count, trove));
      b.push(await timeBatch(count, baseline));
    } else {
      b.push(await timeBatch(count, baseline));
      t.push(await timeBatch(count, trove));
    }
  }
  return { trove: t, baseline: b };
}

/** A figure row: Trove's samples next to its baseline's, from the same run. */
export function figure(scenario, name, unit, samples, baseline, extra = {}) {
  return { scenario, name, unit, trove: samples.trove, baseline: samples.baseline, baselineLabel: baseline, ...extra };
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
