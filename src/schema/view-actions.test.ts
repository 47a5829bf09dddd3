import { describe, expect, it } from "vitest";
import { apply, isAction } from "./actions";
import { must, newDocument } from "./test-kit";
import { mayChangeView, type ViewAction } from "./view-actions";
import { defaultView, newView, viewsFor } from "./views/view";

function doc() {
  const d = newDocument();
  must(d, { kind: "addTable", tableId: "t1", name: "Donors", at: 1 });
  must(d, { kind: "addField", tableId: "t1", field: { id: "name", name: "Name", type: "text", options: {} }, index: 0 });
  must(d, { kind: "addField", tableId: "t1", field: { id: "gift", name: "Gift", type: "money", options: { currency: "USD" } }, index: 1 });
  return d;
}

const table = () => doc().schema.tables[0]!;
const shared = () => ({ ...newView("v1", defaultView(table()), "Big gifts", null), filters: [{ fieldId: "gift", op: "numGt", args: ["100 USD"] }] });

describe("view actions", () => {
  it("add, update and delete a view, each undone by its inverse", () => {
    const d = doc();
    const before = structuredClone(d.schema);
    const undoAdd = must(d, { kind: "addView", tableId: "t1", view: shared() });
    expect(viewsFor(d.schema, "t1", "u1").map((v) => v.name)).toEqual(["Big gifts"]);
    const renamed = { ...shared(), name: "Largest gifts", sorts: [{ fieldId: "gift", descending: true }] };
    const undoUpdate = must(d, { kind: "updateView", tableId: "t1", view: renamed });
    expect(d.schema.views?.[0]?.name).toBe("Largest gifts");
    must(d, undoUpdate);
    expect(d.schema.views?.[0]?.name).toBe("Big gifts");
    const undoDelete = must(d, { kind: "deleteView", tableId: "t1", viewId: "v1" });
    expect(d.schema.views).toEqual([]);
    must(d, undoDelete);
    must(d, undoAdd);
    expect({ ...d.schema, views: undefined }).toEqual({ ...before, views: undefined });
    expect(d.schema.views ?? []).toEqual([]);
  });

  it("refuses views that name fields of no table, unknown operators, or change hands", () => {
    const d = doc();
    const bad = (view: ReturnType<typeof shared>) => apply(d, { kind: "addView", tableId: "t1", view });
    expect(bad({ ...shared(), sorts: [{ fieldId: "nope", descending: false }] })).toMatchObject({ ok: false });
    expect(bad({ ...shared(), filters: [{ fieldId: "gift", op: "explode", args: [] }] })).toMatchObject({ ok: false, reason: "A condition uses an unknown operator." });
    expect(bad({ ...shared(), name: "  " })).toMatchObject({ ok: false, reason: "A view needs a name." });
    must(d, { kind: "addView", tableId: "t1", view: shared() });
    expect(apply(d, { kind: "updateView", tableId: "t1", view: { ...shared(), owner: "u1" } })).toMatchObject({ ok: false });
  });

  it("personal views are seen and changed by their maker only; shared ones need build", () => {
    const d = doc();
    const mine = newView("p1", defaultView(table()), "My donors", "u1");
    must(d, { kind: "addView", tableId: "t1", view: mine });
    must(d, { kind: "addView", tableId: "t1", view: shared() });
    expect(viewsFor(d.schema, "t1", "u1").map((v) => v.id)).toEqual(["v1", "p1"]);
    expect(viewsFor(d.schema, "t1", "u2").map((v) => v.id)).toEqual(["v1"]);
    const update: ViewAction = { kind: "updateView", tableId: "t1", view: { ...mine, search: "x" } };
    expect(mayChangeView(d.schema, update, { id: "u1", role: "viewer" })).toBeNull();
    expect(mayChangeView(d.schema, update, { id: "u2", role: "owner" })).toBe("Only its maker changes a personal view.");
    const sharedUpdate: ViewAction = { kind: "deleteView", tableId: "t1", viewId: "v1" };
    expect(mayChangeView(d.schema, sharedUpdate, { id: "u1", role: "editor" })).toBe("Only builders and owners change shared views.");
    expect(mayChangeView(d.schema, sharedUpdate, { id: "u1", role: "builder" })).toBeNull();
    // Forging an owner does not help: the stored view decides.
    const forged: ViewAction = { kind: "updateView", tableId: "t1", view: { ...mine, owner: "u2" } };
    expect(mayChangeView(d.schema, forged, { id: "u2", role: "viewer" })).not.toBeNull();
  });

  it("stored view actions are recognised as actions", () => {
    expect(isAction({ kind: "addView", tableId: "t1", view: shared() })).toBe(true);
    expect(isAction({ kind: "deleteView", tableId: "t1" })).toBe(false);
  });
});
