// Shared pieces of the action modules: the result type, the document actions apply to,
// name checks and exhaustiveness.

import type { Action } from "./actions";
import type { Json, ParseContext } from "./fields/field-type";
import type { Schema } from "./model";
import type { RecordStore } from "./records";
import { foldSpaces } from "./text";

/** What applying needs: the structure, the records, and how to read typed text. */
export interface Document {
  schema: Schema;
  records: RecordStore;
  context: ParseContext;
}

export type Applied = { ok: true; schema: Schema; inverse: Action } | { ok: false; reason: string };

const MAX_NAME_LENGTH = 80;

export function assertNever(value: never): never {
  throw new Error(`unhandled ${JSON.stringify(value)}`);
}

export function checkName(kind: "table" | "field", name: string, taken: { id: string; name: string }[], exceptId?: string): string | null {
  const trimmed = name.trim();
  if (trimmed === "") return `A ${kind} needs a name.`;
  if (trimmed.length > MAX_NAME_LENGTH) return `A ${kind} name is at most ${MAX_NAME_LENGTH} characters.`;
  const clash = taken.find((t) => t.id !== exceptId && foldSpaces(t.name) === foldSpaces(trimmed));
  return clash ? `There is already a ${kind} called “${clash.name}”.` : null;
}

export function isJsonObject(value: unknown): value is { [key: string]: Json } {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
