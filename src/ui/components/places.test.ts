import { describe, expect, it } from "vitest";
import { pageAddress } from "../../schema/paging";
import { parsePlace } from "./places";

describe("page addresses", () => {
  it("reads a page of a grid or a view, with the record it was turned past", () => {
    expect(parsePlace("tables/tbl1/page/3")).toEqual({ page: "tables", tableId: "tbl1", pageAt: { page: 2, key: null } });
    expect(parsePlace("tables/tbl1/page/2000/after/rec_9-x")).toEqual({ page: "tables", tableId: "tbl1", pageAt: { page: 1999, key: { after: "rec_9-x" } } });
    expect(parsePlace("tables/tbl1/views/v1/page/4/before/r2/records/r7")).toEqual({ page: "tables", tableId: "tbl1", viewId: "v1", recordId: "r7", pageAt: { page: 3, key: { before: "r2" } } });
  });

  it("reads a row under several groups: the record and the value of each such level it lies under (issue 12)", () => {
    expect(parsePlace("tables/tbl1/views/v1/page/3/after/r2~opt_1")).toEqual({ page: "tables", tableId: "tbl1", viewId: "v1", pageAt: { page: 2, key: { after: "r2", in: ["opt_1"] } } });
    // "" is a row under none of the level's values (its empty group).
    expect(parsePlace("tables/tbl1/views/v1/page/3/before/r2~~rec-9")).toEqual({ page: "tables", tableId: "tbl1", viewId: "v1", pageAt: { page: 2, key: { before: "r2", in: ["", "rec-9"] } } });
    for (const key of [{ after: "r2", in: ["opt_1"] }, { before: "r2", in: ["", "rec-9", ""] }, { after: "r5" }]) {
      expect(parsePlace(`tables/tbl1/views/v1/${pageAddress(6, key)}`)).toEqual({ page: "tables", tableId: "tbl1", viewId: "v1", pageAt: { page: 6, key } });
    }
    for (const bad of ["tables/t/page/2/after/~x", "tables/t/page/2/after/r1~a~b~c~d", "tables/t/page/2/after/r1~a.b", `tables/t/page/2/after/r1~${"a".repeat(41)}`]) {
      expect([bad, parsePlace(bad)]).toEqual([bad, undefined]);
    }
  });

  it("refuses a malformed page or key: nothing at that address", () => {
    for (const bad of ["tables/t/page/0", "tables/t/page/-1", "tables/t/page/x", "tables/t/page/99999999", "tables/t/page/2/after", "tables/t/page/2/after/a%20b", `tables/t/page/2/after/${"a".repeat(41)}`, "tables/t/page/2/sideways/r1", "tables/t/page/2/page/3", "tables/t/page/2/views/v1"]) {
      expect([bad, parsePlace(bad)]).toEqual([bad, undefined]);
    }
  });
});
