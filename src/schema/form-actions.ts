// Form actions: add, update (the whole definition, so the inverse is the old one) and
// delete a public form. Forms are structure, like tables and fields: they need "build".

import * as v from "valibot";
import { ActionId, ActionIndex, type Applied, assertNever, kindsOf } from "./action-kit";
import { checkForm, findForm, type FormDefinition, FormDefinitionSchema, liveForms } from "./forms/form";
import type { Schema } from "./model";

export const FormActionSchema = v.variant("kind", [
  /** `index`: where it goes in the list (the undo of a deletion puts it back there); else last. */
  v.object({ kind: v.literal("addForm"), tableId: ActionId, form: FormDefinitionSchema, index: v.optional(ActionIndex) }),
  v.object({ kind: v.literal("updateForm"), tableId: ActionId, form: FormDefinitionSchema }),
  v.object({ kind: v.literal("deleteForm"), tableId: ActionId, formId: ActionId }),
]);

export type FormAction = v.InferOutput<typeof FormActionSchema>;

export const FORM_ACTION_KINDS = kindsOf(FormActionSchema);

/** Whether an action is a form action (by its kind: `applyFormAction` checks the rest). */
export function isFormActionKind(action: { kind: string }): action is FormAction {
  return FORM_ACTION_KINDS.has(action.kind);
}

/** Whether untrusted JSON (a stored or built action) is a well-formed form action. */
export function isFormAction(value: unknown): value is FormAction {
  return v.is(FormActionSchema, value);
}

const withForms = (schema: Schema, forms: FormDefinition[]): Schema => ({ ...schema, forms });

/** `list` with `item` at `index` (clamped), or at the end. */
export function insertAt<T>(list: readonly T[], item: T, index: number | undefined): T[] {
  const at = index === undefined ? list.length : Math.min(index, list.length);
  return [...list.slice(0, at), item, ...list.slice(at)];
}

/** Applies a form action after checking it against FormActionSchema: an action built by
 *  code or read from storage is untrusted JSON until then. */
export function applyFormAction(schema: Schema, untrusted: FormAction): Applied {
  const checked = v.safeParse(FormActionSchema, untrusted);
  if (!checked.success) return { ok: false, reason: checked.issues[0].message };
  const action = checked.output;
  const forms = liveForms(schema);
  switch (action.kind) {
    case "addForm": {
      if (findForm(schema, action.form.id)) return { ok: false, reason: "That form already exists." };
      if (action.form.tableId !== action.tableId) return { ok: false, reason: "That form belongs to another table." };
      const problem = checkForm(action.form, schema);
      if (problem) return { ok: false, reason: problem };
      return { ok: true, schema: withForms(schema, insertAt(forms, action.form, action.index)), inverse: { kind: "deleteForm", tableId: action.tableId, formId: action.form.id } };
    }
    case "updateForm": {
      const before = findForm(schema, action.form.id);
      if (!before) return { ok: false, reason: "That form no longer exists." };
      if (action.form.tableId !== before.tableId || action.tableId !== before.tableId) return { ok: false, reason: "A form stays with its table." };
      const problem = checkForm(action.form, schema);
      if (problem) return { ok: false, reason: problem };
      return { ok: true, schema: withForms(schema, forms.map((f) => (f.id === before.id ? action.form : f))), inverse: { kind: "updateForm", tableId: before.tableId, form: before } };
    }
    case "deleteForm": {
      const before = findForm(schema, action.formId);
      if (!before) return { ok: false, reason: "That form no longer exists." };
      return { ok: true, schema: withForms(schema, forms.filter((f) => f.id !== before.id)), inverse: { kind: "addForm", tableId: before.tableId, form: before, index: forms.indexOf(before) } };
    }
    default:
      return assertNever(action);
  }
}
