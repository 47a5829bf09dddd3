// Form actions: add, update (the whole definition, so the inverse is the old one) and
// delete a public form. Forms are structure, like tables and fields: they need "build".

import { type Applied, assertNever } from "./action-kit";
import { checkForm, findForm, type FormDefinition, isFormDefinition, liveForms } from "./forms/form";
import type { Schema } from "./model";

export type FormAction =
  | { kind: "addForm"; tableId: string; form: FormDefinition }
  | { kind: "updateForm"; tableId: string; form: FormDefinition }
  | { kind: "deleteForm"; tableId: string; formId: string };

export function isFormAction(action: { kind: string }): action is FormAction {
  const a = action as Record<string, unknown>;
  switch (action.kind) {
    case "addForm":
    case "updateForm":
      return isFormDefinition(a.form);
    case "deleteForm":
      return typeof a.formId === "string";
    default:
      return false;
  }
}

const withForms = (schema: Schema, forms: FormDefinition[]): Schema => ({ ...schema, forms });

export function applyFormAction(schema: Schema, action: FormAction): Applied {
  const forms = liveForms(schema);
  switch (action.kind) {
    case "addForm": {
      if (findForm(schema, action.form.id)) return { ok: false, reason: "That form already exists." };
      if (action.form.tableId !== action.tableId) return { ok: false, reason: "That form belongs to another table." };
      const problem = checkForm(action.form, schema);
      if (problem) return { ok: false, reason: problem };
      return { ok: true, schema: withForms(schema, [...forms, action.form]), inverse: { kind: "deleteForm", tableId: action.tableId, formId: action.form.id } };
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
      return { ok: true, schema: withForms(schema, forms.filter((f) => f.id !== before.id)), inverse: { kind: "addForm", tableId: before.tableId, form: before } };
    }
    default:
      return assertNever(action);
  }
}
