// One conformance suite for every RecordStore: the memory one (unit tests) and SQLite in
// the tenant object (workerd tests) run these same cases.

import { expect } from "vitest";
import type { CellTypes, RecordStore, StoredRecord } from "./records";

const record = (id: string, cells: StoredRecord["cells"], createdAt = 1): StoredRecord => ({ id, tableId: "t1", cells, createdAt });
const cell = (text: string, value: StoredRecord["cells"][string]["value"], invalid?: string) => (invalid ? { text, value, invalid } : { text, value });

const TYPES: CellTypes = { name: "text", fee: "money", section: "link" };

function seed(store: RecordStore): void {
  store.insert(record("r1", { name: cell("Cello", "Cello"), fee: cell("$1,200", { amount: 1200, currency: "USD" }) }), TYPES);
  store.insert(record("r2", { name: cell("alto", "alto"), fee: cell("TBD", null, "not a sum of money") }), TYPES);
  store.insert(record("r3", { name: cell("Bassoon", "Bassoon"), fee: cell("$35", { amount: 35, currency: "USD" }) }), TYPES);
  store.insert({ ...record("other", { name: cell("Elsewhere", "Elsewhere") }), tableId: "t2" }, TYPES);
}

export const recordStoreCases: { name: string; run(store: RecordStore): void }[] = [
  {
    name: "inserts and reads records per table, in creation order",
    run(store) {
      seed(store);
      expect(store.list("t1", 0, 10).map((r) => r.id)).toEqual(["r1", "r2", "r3"]);
      expect(store.count("t1")).toBe(3);
      expect(store.get("t1", "other")).toBeUndefined();
      expect(store.get("t1", "r2")?.cells.fee).toEqual({ text: "TBD", value: null, invalid: "not a sum of money" });
    },
  },
  {
    name: "sets and clears cells of one record",
    run(store) {
      seed(store);
      store.setCells("t1", "r2", { fee: cell("$40", { amount: 40, currency: "USD" }), name: null }, TYPES);
      expect(store.get("t1", "r2")?.cells).toEqual({ fee: { text: "$40", value: { amount: 40, currency: "USD" } } });
      expect(store.get("t1", "r1")?.cells.name?.text).toBe("Cello");
    },
  },
  {
    name: "deleted records are kept but not listed, and come back",
    run(store) {
      seed(store);
      store.setDeleted("t1", "r1", 5);
      expect(store.list("t1", 0, 10).map((r) => r.id)).toEqual(["r2", "r3"]);
      expect(store.get("t1", "r1")?.deletedAt).toBe(5);
      store.setDeleted("t1", "r1", null);
      expect(store.count("t1")).toBe(3);
    },
  },
  {
    name: "sorts by a field's value with empty cells last, and pages",
    run(store) {
      seed(store);
      const byFee = store.query("t1", { sort: { fieldId: "fee", descending: false }, offset: 0, limit: 10 });
      expect(byFee.records.map((r) => r.id)).toEqual(["r3", "r1", "r2"]);
      const byNameDesc = store.query("t1", { sort: { fieldId: "name", descending: true }, offset: 0, limit: 2 });
      expect(byNameDesc.records.map((r) => r.id)).toEqual(["r1", "r3"]);
      expect(byNameDesc.total).toBe(3);
      expect(store.query("t1", { offset: 1, limit: 1 }).records.map((r) => r.id)).toEqual(["r2"]);
    },
  },
  {
    name: "pages by key: the rows after or before a record's place in the order, even once it is deleted",
    run(store) {
      seed(store);
      store.insert(record("r4", { name: cell("Drum", "Drum") }), TYPES);
      const ids = (q: Parameters<RecordStore["query"]>[1]) => store.query("t1", q).records.map((r) => r.id);
      expect(ids({ offset: 1, limit: 2, key: { after: "r1" } })).toEqual(["r2", "r3"]);
      expect(ids({ offset: 1, limit: 2, key: { before: "r4" } })).toEqual(["r2", "r3"]);
      // By fee: r3 ($35), r1 ($1,200), then r2 and r4 (not understood, empty) last.
      const byFee = { fieldId: "fee", descending: false };
      expect(ids({ sort: byFee, offset: 1, limit: 2, key: { after: "r3" } })).toEqual(["r1", "r2"]);
      expect(ids({ sort: { ...byFee, descending: true }, offset: 1, limit: 3, key: { after: "r1" } })).toEqual(["r3", "r2", "r4"]);
      expect(ids({ sort: byFee, offset: 1, limit: 5, key: { before: "r4" } })).toEqual(["r3", "r1", "r2"]);
      expect(ids({ sort: byFee, offset: 0, limit: 5, key: { after: "r4" } })).toEqual([]);
      store.setDeleted("t1", "r1", 9);
      expect(ids({ offset: 1, limit: 5, key: { after: "r1" } })).toEqual(["r2", "r3", "r4"]);
      expect(ids({ invalidIn: "fee", offset: 0, limit: 5, key: { before: "r3" } })).toEqual(["r2"]);
      // No record with that id: the page by position.
      expect(ids({ offset: 1, limit: 1, key: { after: "gone" } })).toEqual(["r3"]);
    },
  },
  {
    name: "sorts a link by its linked records' names (issue 12), not by their ids, and pages by key",
    run(store) {
      seed(store);
      // Sections in t2: ids in one order, names in another (ignoring case).
      for (const [id, name] of [["s1", "Winds"], ["s2", "Brass"], ["s3", "strings"]] as const) store.insert({ ...record(id, { name: cell(name, name) }), tableId: "t2" }, TYPES);
      // A link cell keeps its records' ids as its text (as the record picker writes it).
      const link = (...ids: string[]) => cell(ids.join(", "), ids);
      store.setCells("t1", "r1", { section: link("s1") }, TYPES);
      store.setCells("t1", "r2", { section: link("s3") }, TYPES);
      store.setCells("t1", "r3", { section: link("s2") }, TYPES);
      store.insert(record("r4", { name: cell("Drum", "Drum") }), TYPES);
      const byNames = { fieldId: "section", descending: false, names: { tableId: "t2", fieldId: "name" } };
      const ids = (q: Parameters<RecordStore["query"]>[1]) => store.query("t1", q).records.map((r) => r.id);
      expect(ids({ sort: { fieldId: "section", descending: false }, offset: 0, limit: 10 })).toEqual(["r1", "r3", "r2", "r4"]);
      // Brass, strings, Winds; the empty cell last either way.
      expect(ids({ sort: byNames, offset: 0, limit: 10 })).toEqual(["r3", "r2", "r1", "r4"]);
      expect(ids({ sort: { ...byNames, descending: true }, offset: 0, limit: 10 })).toEqual(["r1", "r2", "r3", "r4"]);
      expect(ids({ sort: byNames, offset: 1, limit: 2, key: { after: "r3" } })).toEqual(["r2", "r1"]);
      expect(ids({ sort: byNames, offset: 1, limit: 2, key: { before: "r4" } })).toEqual(["r2", "r1"]);
      // A page read from the end (past the middle) is the same order.
      expect(ids({ sort: byNames, offset: 3, limit: 2 })).toEqual(["r4"]);
      // Renamed, the linked record moves its linkers; several links sort name by name.
      store.setCells("t2", "s2", { name: cell("Zither", "Zither") }, TYPES);
      store.setCells("t1", "r4", { section: link("s3", "s1") }, TYPES);
      expect(ids({ sort: byNames, offset: 0, limit: 10 })).toEqual(["r2", "r4", "r1", "r3"]);
    },
  },
  {
    name: "sorts as the field type compares: money by currency, then amount; text ignoring case",
    run(store) {
      seed(store);
      store.setCells("t1", "r2", { fee: cell("€5", { amount: 5, currency: "EUR" }) }, TYPES);
      store.insert(record("r4", { name: cell("bassoon", "bassoon"), fee: cell("-$2", { amount: -2, currency: "USD" }) }), TYPES);
      const byFee = store.query("t1", { sort: { fieldId: "fee", descending: false }, offset: 0, limit: 10 });
      expect(byFee.records.map((r) => r.id)).toEqual(["r2", "r4", "r3", "r1"]);
      const byName = store.query("t1", { sort: { fieldId: "name", descending: false }, offset: 0, limit: 10 });
      expect(byName.records.map((r) => r.id)).toEqual(["r2", "r3", "r4", "r1"]);
      // After a type change the keys are the new type's: numbers sort numerically.
      store.rewriteField("t1", "fee", "number", (c) => ({ text: c.text, value: c.value === null ? null : (c.value as { amount: number }).amount * 10 }));
      const byNumber = store.query("t1", { sort: { fieldId: "fee", descending: true }, offset: 0, limit: 10 });
      expect(byNumber.records.map((r) => r.id)).toEqual(["r1", "r3", "r2", "r4"]);
    },
  },
  {
    name: "counts and filters not-understood values per field",
    run(store) {
      seed(store);
      expect(store.invalidCounts("t1")).toEqual({ fee: 1 });
      expect(store.query("t1", { invalidIn: "fee", offset: 0, limit: 10 }).records.map((r) => r.id)).toEqual(["r2"]);
      store.setCells("t1", "r2", { fee: cell("$1", { amount: 1, currency: "USD" }) }, TYPES);
      expect(store.invalidCounts("t1")).toEqual({});
    },
  },
  {
    name: "rewrites one field in every record of a table, and only there",
    run(store) {
      seed(store);
      store.rewriteField("t1", "name", "text", (c) => ({ text: c.text, value: c.text.toUpperCase() }));
      expect(store.list("t1", 0, 10).map((r) => r.cells.name?.value)).toEqual(["CELLO", "ALTO", "BASSOON"]);
      expect(store.get("t2", "other")?.cells.name?.value).toBe("Elsewhere");
      expect(store.get("t1", "r1")?.cells.fee?.text).toBe("$1,200");
    },
  },
  {
    name: "keeps counts right through deletes, restores and rewrites",
    run(store) {
      seed(store);
      store.setDeleted("t1", "r2", 7);
      expect([store.count("t1"), store.invalidCounts("t1")]).toEqual([2, {}]);
      store.setDeleted("t1", "r2", 7); // deleting twice changes nothing
      expect(store.count("t1")).toBe(2);
      store.setDeleted("t1", "r2", null);
      expect([store.count("t1"), store.invalidCounts("t1")]).toEqual([3, { fee: 1 }]);
      store.rewriteField("t1", "name", "text", (c) => ({ text: c.text, value: null, invalid: "not a number" }));
      expect(store.invalidCounts("t1")).toEqual({ fee: 1, name: 3 });
      expect(store.query("t1", { invalidIn: "name", offset: 0, limit: 1 }).total).toBe(3);
      store.setDeleted("t1", "r1", 8);
      expect(store.invalidCounts("t1")).toEqual({ fee: 1, name: 2 });
      store.insert({ ...record("r9", { name: cell("x", null, "bad") }), deletedAt: 3 }, TYPES);
      expect([store.count("t1"), store.invalidCounts("t1")]).toEqual([2, { fee: 1, name: 2 }]);
      expect(store.count("t2")).toBe(1);
      expect(store.counts()).toEqual(new Map([["t1", 2], ["t2", 1]]));
    },
  },
  {
    name: "reads one field's text, and finds the records that link to others",
    run(store) {
      seed(store);
      expect(store.fieldTexts("t1", "name")).toEqual([["r1", "Cello"], ["r2", "alto"], ["r3", "Bassoon"]]);
      store.setCells("t1", "r1", { section: cell("Strings", ["s1"]) }, TYPES);
      store.setCells("t1", "r3", { section: cell("Strings, Winds", ["s1", "s2"]) }, TYPES);
      store.setCells("t1", "r2", { section: cell("Brass", ["s3"]) }, TYPES);
      store.setDeleted("t1", "r2", 9);
      expect(store.linkedFrom("t1", "section", ["s1", "s2", "s3"])).toEqual(new Map([["s1", ["r1", "r3"]], ["s2", ["r3"]]]));
    },
  },
  {
    name: "recomputes one field on live records in creation order, a range at a time, keeping the not-understood counts",
    run(store) {
      seed(store);
      store.setDeleted("t1", "r2", 9);
      const seen: string[] = [];
      // A flagged result, and an empty one that clears the cell; undefined leaves it.
      const compute = (r: StoredRecord) => {
        seen.push(r.id);
        if (r.id === "r3") return null;
        return cell("double", null, "cannot compute: a test");
      };
      const first = store.recomputeField("t1", "fee", TYPES, compute, { after: -1, limit: 1 });
      expect(first).toMatchObject({ visited: 1, done: false });
      expect(seen).toEqual(["r1"]);
      expect(store.invalidCounts("t1")).toEqual({ fee: 1 });
      const rest = store.recomputeField("t1", "fee", TYPES, compute, { after: first.after, limit: 10 });
      expect(rest).toMatchObject({ visited: 1, done: true });
      expect(seen).toEqual(["r1", "r3"]);
      expect(store.get("t1", "r3")?.cells.fee).toBeUndefined();
      expect(store.get("t1", "r1")?.cells.fee?.invalid).toBe("cannot compute: a test");
      expect(store.get("t1", "r2")?.cells.fee?.text).toBe("TBD");
      expect(store.get("t1", "r3")?.cells.name?.text).toBe("Bassoon");
      expect(store.recomputeField("t1", "fee", TYPES, () => undefined)).toMatchObject({ visited: 2, done: true });
      expect(store.get("t1", "r1")?.cells.fee?.invalid).toBe("cannot compute: a test");
      // Told what it reads, the computation still sees those cells, and its results are stored as cells.
      const named = store.recomputeField("t1", "fee", TYPES, (r) => cell(`${r.cells.name?.text ?? "?"} fee`, 2), undefined, ["name"]);
      expect(named).toMatchObject({ visited: 2, done: true });
      expect(store.get("t1", "r1")?.cells.fee).toEqual({ text: "Cello fee", value: 2 });
      expect(store.get("t1", "r3")?.cells.fee).toEqual({ text: "Bassoon fee", value: 2 });
      expect(store.get("t1", "r3")?.cells.name?.text).toBe("Bassoon");
      expect(store.invalidCounts("t1")).toEqual({});
    },
  },
  {
    name: "counts the records holding each combination of parts of a field's values",
    run(store) {
      const place = (country: string, state: string | null) => cell(state ?? country, state ? { country, state } : { country });
      store.insert(record("p1", { home: place("US", "Oregon") }), TYPES);
      store.insert(record("p2", { home: place("US", "Oregon") }), TYPES);
      store.insert(record("p3", { home: place("US", null) }), TYPES);
      store.insert(record("p4", { home: cell("Narnia", null, "place not found") }), TYPES);
      store.insert(record("p5", { home: place("US", "Maine") }), TYPES);
      store.setDeleted("t1", "p5", 4);
      const sorted = store.valueCounts("t1", "home", ["country", "state"]).sort((a, b) => b.count - a.count);
      expect(sorted).toEqual([{ values: ["US", "Oregon"], count: 2 }, { values: ["US", null], count: 1 }]);
      expect(() => store.valueCounts("t1", "home", ["a.b"])).toThrow();
    },
  },
];
