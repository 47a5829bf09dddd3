import { Hono } from "hono";
export { TenantDatabase } from "../tenant-do/index";

const app = new Hono<{ Bindings: Env }>();
app.get("/", async (c) => c.text(await c.env.TENANT.getByName("x").ping()));
export default app;
