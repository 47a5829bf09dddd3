// Column widths (issue 11): a field's width in the default view is an undoable action,
// bounded; a view keeps its own widths, checked when it is read.

import { describe, expect, it } from "vitest";
import { apply } from "./actions";
import { findField, findTable } from "./model";
import { must, newDocument } from "./test-kit";
import { defaultView, parseView } from "./views/view";

describe("column widths", () => {
  it("setFieldWidth sets, clears and undoes; out of bounds is refused", () => {
    const doc = newDocument();
    must(doc, { kind: "addTable", tableId: "t", name: "Donors", at: 1 });
    must(doc, { kind: "addField", tableId: "t", field: { id: "f", name: "Name", type: "text", options: {} }, index: 0 });
    const width = () => findField(findTable(doc.schema, "t")!, "f")!.width;
    const undo = must(doc, { kind: "setFieldWidth", tableId: "t", fieldId: "f", width: 320 });
    expect(width()).toBe(320);
    expect(undo).toEqual({ kind: "setFieldWidth", tableId: "t", fieldId: "f", width: null });
    must(doc, undo);
    expect(width()).toBeUndefined();
    expect(apply(doc, { kind: "setFieldWidth", tableId: "t", fieldId: "f", width: 5 })).toEqual({ ok: false, reason: "A column is 60 to 800 pixels wide." });
  });

  it("a view's widths are read back, and bad ones refused", () => {
    const table = { id: "t", name: "Donors", fields: [{ id: "f", name: "Name", type: "text" as const, options: {} }] };
    const view = { ...defaultView(table), id: "v1", name: "Narrow", widths: [["f", 90]] };
    expect(parseView(view)).toMatchObject({ ok: true, view: { widths: [["f", 90]] } });
    expect(parseView({ ...view, widths: [["f", 9000]] }).ok).toBe(false);
  });
});
