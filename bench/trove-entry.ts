// The bench's entry for Trove's worker: re-exports only what workerd accepts as a main
// module's exports (the fetch handler and the Durable Object class). src/worker/index.tsx
// also exports the constant MAX_BODY_BYTES, which workerd refuses at startup
// ("Incorrect type for map entry 'MAX_BODY_BYTES'"); the product code stays as it is.

export { default, TenantDatabase } from "../src/worker/index";
