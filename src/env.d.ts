// The bindings this Worker is deployed with (see wrangler.toml), and its main module's
// exports, so `env` and `exports` from "cloudflare:workers" are typed in code and tests.

declare namespace Cloudflare {
  interface Env {
    TENANT: DurableObjectNamespace<import("./tenant-do/index").TenantDatabase>;
    DIRECTORY: DurableObjectNamespace<import("./directory-do/index").DatabaseDirectory>;
    ASSETS: Fetcher;
    /** The operator view's secret (`wrangler secret put OPERATOR_TOKEN`; locally .dev.vars).
     *  Unset: the operator view refuses everyone. */
    OPERATOR_TOKEN?: string;
    SESSION_TTL_DAYS: string;
    SOCKET_FRAMES_PER_SECOND?: string;
    /** Where links to a database point ("" → the origin fixed at its sign-up). */
    PUBLIC_ORIGIN: string;
  }
  interface GlobalProps {
    mainModule: typeof import("./worker/index");
    durableNamespaces: "TenantDatabase" | "DatabaseDirectory";
  }
}

interface Env extends Cloudflare.Env {}

/** Text modules (Wrangler's default rule for .txt; vitest.config.ts and the bench do the same). */
declare module "*.txt" {
  const text: string;
  export default text;
}
