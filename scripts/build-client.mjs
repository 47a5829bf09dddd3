// Bundles the browser runtime (src/ui/client/runtime.ts) to public/client.js with esbuild.
// Run by `npm run build:client`, by wrangler's [build] step, and by the end-to-end tests.

import { build } from "esbuild";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));

const result = await build({
  entryPoints: [`${root}src/ui/client/runtime.ts`],
  outfile: `${root}public/client.js`,
  bundle: true,
  minify: true,
  format: "iife",
  target: "es2022",
  platform: "browser",
  legalComments: "none",
  metafile: true,
  logLevel: "warning",
});
const bytes = Object.values(result.metafile.outputs).reduce((n, o) => n + o.bytes, 0);
console.log(`public/client.js: ${(bytes / 1024).toFixed(1)} KiB`);
