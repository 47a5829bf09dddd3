// View actions: add, update (the whole definition, so the inverse is the old one) and delete
// a view. Who may apply one depends on the view, not only on the role: shared views need
// "build"; a personal view may be changed by its owner alone (`mayChangeView`).

import * as v from "valibot";
import { ActionId, ActionIndex, type Applied, assertNever, kindsOf } from "./action-kit";
import { insertAt } from "./form-actions";
import type { Schema } from "./model";
import { can, type Role } from "./roles";
import { isOperatorName } from "./views/operators";
import { checkView, findView, liveViews, type ViewDefinition, ViewDefinitionSchema } from "./views/view";

export const ViewActionSchema = v.variant("kind", [
  /** `index`: where it goes in the list (the undo of a deletion puts it back there); else last. */
  v.object({ kind: v.literal("addView"), tableId: ActionId, view: ViewDefinitionSchema, index: v.optional(ActionIndex) }),
  v.object({ kind: v.literal("updateView"), tableId: ActionId, view: ViewDefinitionSchema }),
  v.object({ kind: v.literal("deleteView"), tableId: ActionId, viewId: ActionId }),
]);

export type ViewAction = v.InferOutput<typeof ViewActionSchema>;

export const VIEW_ACTION_KINDS = kindsOf(ViewActionSchema);

export function isViewActionKind(action: { kind: string }): action is ViewAction {
  return VIEW_ACTION_KINDS.has(action.kind);
}

/** Whether untrusted JSON (a stored or built action) is a well-formed view action. */
export function isViewAction(value: unknown): value is ViewAction {
  return v.is(ViewActionSchema, value);
}

const withViews = (schema: Schema, views: ViewDefinition[]): Schema => ({ ...schema, views });

/** Why `member` may not apply this view action to `schema`, or null when they may: shared
 *  views need "build"; a personal view is its owner's alone (anyone who may read may keep
 *  their own). A view never changes hands between shared and personal in an update. */
export function mayChangeView(schema: Schema, action: ViewAction, member: { id: string; role: Role }): string | null {
  const touched: (ViewDefinition | undefined)[] = action.kind === "deleteView" ? [findView(schema, action.viewId)] : [action.view, action.kind === "updateView" ? findView(schema, action.view.id) : undefined];
  for (const view of touched) {
    if (!view) continue;
    if (view.owner === null ? !can(member.role, "build") : view.owner !== member.id || !can(member.role, "read")) {
      return view.owner === null ? "Only builders and owners change shared views." : "Only its maker changes a personal view.";
    }
  }
  return null;
}

/** Applies a view action after checking it against ViewActionSchema. */
export function applyViewAction(schema: Schema, untrusted: ViewAction): Applied {
  const checked = v.safeParse(ViewActionSchema, untrusted);
  if (!checked.success) return { ok: false, reason: checked.issues[0].message };
  const action = checked.output;
  const views = liveViews(schema);
  switch (action.kind) {
    case "addView": {
      if (findView(schema, action.view.id)) return { ok: false, reason: "That view already exists." };
      if (action.view.tableId !== action.tableId) return { ok: false, reason: "That view belongs to another table." };
      const problem = checkView(action.view, schema, isOperatorName);
      if (problem) return { ok: false, reason: problem };
      return { ok: true, schema: withViews(schema, insertAt(views, action.view, action.index)), inverse: { kind: "deleteView", tableId: action.tableId, viewId: action.view.id } };
    }
    case "updateView": {
      const before = findView(schema, action.view.id);
      if (!before) return { ok: false, reason: "That view no longer exists." };
      if (action.view.tableId !== before.tableId || action.tableId !== before.tableId) return { ok: false, reason: "A view stays with its table." };
      if (action.view.owner !== before.owner) return { ok: false, reason: "A view stays shared or personal: save a copy instead." };
      const problem = checkView(action.view, schema, isOperatorName);
      if (problem) return { ok: false, reason: problem };
      return { ok: true, schema: withViews(schema, views.map((view) => (view.id === before.id ? action.view : view))), inverse: { kind: "updateView", tableId: before.tableId, view: before } };
    }
    case "deleteView": {
      const before = findView(schema, action.viewId);
      if (!before) return { ok: false, reason: "That view no longer exists." };
      return { ok: true, schema: withViews(schema, views.filter((view) => view.id !== before.id)), inverse: { kind: "addView", tableId: before.tableId, view: before, index: views.indexOf(before) } };
    }
    default:
      return assertNever(action);
  }
}
