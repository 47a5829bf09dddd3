import { describe, expect, it } from "vitest";
import type { Table } from "../schema/model";
import { defaultView } from "../schema/views/view";
import { viewDependsOn } from "./view-cache";

const table: Table = {
  id: "people",
  name: "People",
  fields: [
    { id: "name", name: "Name", type: "text", options: {} },
    { id: "mentor", name: "Mentor", type: "link", options: { tableId: "people", multiple: false } },
    { id: "band", name: "Band", type: "link", options: { tableId: "bands", multiple: false } },
    { id: "note", name: "Note", type: "text", options: {} },
  ],
};

describe("viewDependsOn", () => {
  it("counts the name field when a view orders links to the table's own records (by name)", () => {
    expect([...viewDependsOn({ ...defaultView(table), group: { fieldId: "mentor", part: null } }, table)].sort()).toEqual(["mentor", "name"]);
    expect([...viewDependsOn({ ...defaultView(table), sorts: [{ fieldId: "mentor", descending: false }] }, table)].sort()).toEqual(["mentor", "name"]);
  });

  it("leaves it out for links to another table and for views that order no link", () => {
    expect([...viewDependsOn({ ...defaultView(table), group: { fieldId: "band", part: null } }, table)]).toEqual(["band"]);
    expect([...viewDependsOn({ ...defaultView(table), sorts: [{ fieldId: "note", descending: false }] }, table)]).toEqual(["note"]);
  });
});
