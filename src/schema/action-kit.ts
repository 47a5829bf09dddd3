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
  /** Where a recomputation of very many records goes instead of running in the action's
   *  transaction (./derived/background.ts); without it, everything is recomputed at once. */
  background?: Background;
}

/** Takes derived fields ("table/field") to recompute on every record, later, in chunks. */
export interface Background {
  /** From how many records (of the tables concerned, together) a recomputation is deferred. */
  from: number;
  defer(keys: readonly string[]): void;
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
