import { describe, expect, it } from "vitest";
import { parsePlace } from "./places";

describe("page addresses", () => {
  it("reads a page of a grid or a view, with the record it was turned past", () => {
    expect(parsePlace("tables/tbl1/page/3")).toEqual({ page: "tables", tableId: "tbl1", pageAt: { page: 2, key: null } });
    expect(parsePlace("tables/tbl1/page/2000/after/rec_9-x")).toEqual({ page: "tables", tableId: "tbl1", pageAt: { page: 1999, key: { after: "rec_9-x" } } });
    expect(parsePlace("tables/tbl1/views/v1/page/4/before/r2/records/r7")).toEqual({ page: "tables", tableId: "tbl1", viewId: "v1", recordId: "r7", pageAt: { page: 3, key: { before: "r2" } } });
  });

  it("refuses a malformed page or key: nothing at that address", () => {
    for (const bad of ["tables/t/page/0", "tables/t/page/-1", "tables/t/page/x", "tables/t/page/99999999", "tables/t/page/2/after", "tables/t/page/2/after/a%20b", `tables/t/page/2/after/${"a".repeat(41)}`, "tables/t/page/2/sideways/r1", "tables/t/page/2/page/3", "tables/t/page/2/views/v1"]) {
      expect([bad, parsePlace(bad)]).toEqual([bad, undefined]);
    }
  });
});
