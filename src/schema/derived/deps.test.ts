import { describe, expect, it } from "vitest";
import type { Schema, Table } from "../model";
import { derivedFields } from "./deps";
import type { Expr } from "./expr";

const expr = { k: "num", v: 1 } as unknown as Expr;

describe("derivedFields", () => {
  it("reads each table object's fields once, and a rebuilt table anew", () => {
    const plain: Table = { id: "t1", name: "Plain", fields: [{ id: "a", name: "A", type: "text", options: null }] } as Table;
    const other: Table = { id: "t2", name: "Other", fields: [{ id: "b", name: "B", type: "number", options: null, derived: { expr } }] } as Table;
    const schema = { tables: [plain, other] } as Schema;
    expect(derivedFields(schema).map((d) => `${d.table.id}/${d.field.id}`)).toEqual(["t2/b"]);
    // An action rebuilds the table it changes: the new object is read, the old one kept as it was.
    const rebuilt: Table = { ...plain, fields: [...plain.fields, { id: "c", name: "C", type: "number", options: null, derived: { expr } }] } as Table;
    expect(derivedFields({ tables: [rebuilt, other] } as Schema).map((d) => `${d.table.id}/${d.field.id}`)).toEqual(["t1/c", "t2/b"]);
    expect(derivedFields(schema).map((d) => `${d.table.id}/${d.field.id}`)).toEqual(["t2/b"]);
    // Deleted tables and fields are left out.
    const deleted = { ...other, deletedAt: 1 } as Table;
    const deletedField = { ...rebuilt, fields: rebuilt.fields.map((f) => (f.id === "c" ? { ...f, deletedAt: 1 } : f)) } as Table;
    expect(derivedFields({ tables: [deletedField, deleted] } as Schema)).toEqual([]);
  });
});
