// The bindings this Worker is deployed with (see wrangler.toml).
interface Env {
  TENANT: DurableObjectNamespace<import("./tenant-do/index").TenantDatabase>;
  ASSETS: Fetcher;
  SESSION_TTL_DAYS: string;
}
