import { mkdtemp } from "node:fs/promises"; import { tmpdir } from "node:os"; import { join } from "node:path";
import { buildAll } from "../bench/lib/build.mjs"; import { Cluster } from "../bench/lib/cluster.mjs";
import { signUp } from "../bench/lib/trove.mjs";
const tmp = await mkdtemp(join(tmpdir(), "perf-load-"));
const b = await buildAll(join(tmp, "b"));
const c = await new Cluster(b, join(tmp, "s")).start();
c.mf.setOptions; 
await signUp(c.troveUrl, "bench-big");
for (let at = 0; at < 100000; at += 5000) {
  const t = performance.now();
  try {
    const res = await fetch(`${c.troveUrl}/__bench/load?db=bench-big&table=Musicians&from=${at}&count=5000&seed=1811`, { method: "POST" });
    console.log(at, res.status, (await res.text()).slice(0, 200), (performance.now() - t).toFixed(0), "ms", ((await c.rss())/1e6).toFixed(0), "MB");
  } catch (e) { console.log(at, "ERR", e.cause ?? e, (performance.now() - t).toFixed(0)); break; }
}
await c.stop();
