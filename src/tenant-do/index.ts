import { DurableObject } from "cloudflare:workers";

export class TenantDatabase extends DurableObject<Env> {
  async ping(): Promise<string> {
    this.ctx.storage.sql.exec("CREATE TABLE IF NOT EXISTS t (x)");
    return "pong";
  }
}
