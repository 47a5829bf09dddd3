// Shared setup for the schema's unit tests (imported only by *.test.ts): a parse context, an
// empty document in memory, and `must`, which applies an action or fails with its reason.

import { type Action, apply, type Document } from "./actions";
import type { ParseContext } from "./fields/field-type";
import { recordLookup } from "./lookup";
import { MemoryRecordStore } from "./records";

/** A fixed instant and UTC, with anything in `over` on top. */
export function testContext(over: Partial<ParseContext> = {}): ParseContext {
  return { now: new Date("2026-11-26T12:00:00Z"), timeZone: "UTC", ...over };
}

/** An empty document whose link fields find records by name in its own store. */
export function newDocument(context: ParseContext = testContext()): Document {
  const doc: Document = { schema: { tables: [] }, records: new MemoryRecordStore(), context: { ...context } };
  doc.context.lookup = recordLookup(() => doc.schema, doc.records);
  return doc;
}

/** Applies `action` to `doc` (schema included) and returns its inverse; throws if refused. */
export function must(doc: Document, action: Action): Action {
  const result = apply(doc, action);
  if (!result.ok) throw new Error(`${action.kind}: ${result.reason}`);
  doc.schema = result.schema;
  return result.inverse;
}
