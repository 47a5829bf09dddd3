import { describe, it } from "vitest";
import { recordStoreCases } from "./record-store-cases";
import { MemoryRecordStore } from "./records";

describe("MemoryRecordStore", () => {
  for (const c of recordStoreCases) it(c.name, () => c.run(new MemoryRecordStore()));
});
