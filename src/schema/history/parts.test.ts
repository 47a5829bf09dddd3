import { describe, expect, it } from "vitest";
import type { Action } from "../actions";
import { changeParts, partsAbout } from "./parts";

const set = (recordId: string, text: string): Action => ({ kind: "setCell", tableId: "t1", recordId, fieldId: "f1", text });

describe("a batch seen from one record", () => {
  // A paste over r1 and r2 (then r1 again): the inverse lists the parts' inverses in reverse.
  const action: Action = { kind: "recordBatch", tableId: "t1", description: "paste 3 cells", actions: [set("r1", "a"), set("r2", "b"), set("r1", "c")] as never };
  const inverse: Action = { kind: "recordBatch", tableId: "t1", description: "undo paste 3 cells", actions: [set("r1", "a"), set("r2", "old b"), set("r1", "old a")] as never };

  it("pairs each part with its own inverse, in order", () => {
    expect(changeParts(action, inverse).map((p) => [p.index, (p.action as { text: string }).text, (p.inverse as { text: string }).text])).toEqual([
      [0, "a", "old a"],
      [1, "b", "old b"],
      [2, "c", "a"],
    ]);
  });

  it("keeps only the record's parts, nested batches included, with their indexes", () => {
    const nested: Action = { kind: "batch", tableId: "t1", description: "restore", actions: [set("r9", "x"), action] };
    const nestedInverse: Action = { kind: "batch", tableId: "t1", description: "undo restore", actions: [inverse, set("r9", "")] };
    expect(partsAbout({ action: nested, inverse: nestedInverse }, "r2").map((p) => [p.index, (p.inverse as { text: string }).text])).toEqual([[2, "old b"]]);
    expect(partsAbout({ action: set("r1", "z"), inverse: set("r1", "y") }, "r1")).toHaveLength(1);
    expect(partsAbout({ action: set("r1", "z"), inverse: set("r1", "y") }, "r2")).toHaveLength(0);
  });

  it("keeps a batch whose inverse does not mirror it as one part (about no record)", () => {
    const broken: Action = { kind: "recordBatch", tableId: "t1", description: "x", actions: [] };
    expect(changeParts(action, broken)).toHaveLength(1);
    expect(partsAbout({ action, inverse: broken }, "r1")).toHaveLength(0);
  });
});
