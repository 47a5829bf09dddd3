// The one suite every registered field type runs: parse never throws and always explains a
// refusal, values survive format → parse, and compare is a total order consistent with
// equality. A new type gets all of this by being registered (and given samples).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { context, samples } from "./conformance-samples";
import type { Json } from "./field-type";
import { order } from "./sort-keys";
import { type AnyFieldType, fieldTypeNames, fieldTypes, parseCell } from "./registry";

const sign = (n: number) => Math.sign(n) || 0;

describe.each(fieldTypeNames)("%s", (name) => {
  const type: AnyFieldType = fieldTypes[name];
  const { options, valid, invalid, values } = samples[name];
  const parse = (text: string) => type.parse(text, options, context);
  const roundTrip = (value: Json) => parse(type.format(value, options));

  const textish = fc.oneof(
    fc.string({ unit: "binary" }),
    fc.string(),
    fc
      .array(fc.constantFrom(...valid, ...invalid, "-", ",", ";", "%", "$", " ", ":", "to", "(", "e", "."))
      .map((bits) => bits.join("")),
  );

  it("is registered under its own name, with JSON default options", () => {
    expect(type.name).toBe(name);
    const defaults = type.defaultOptions();
    expect(JSON.parse(JSON.stringify(defaults))).toEqual(defaults);
  });

  it("never throws on any text, and answers with a JSON value or a reason", () => {
    fc.assert(
      fc.property(textish, (text) => {
        const result = parse(text);
        if (result.ok) expect(JSON.parse(JSON.stringify(result.value))).toEqual(result.value);
        else expect(result.reason.trim()).not.toBe("");
      }),
    );
  });

  it.each(valid)("parses %j and gets the same value back from its display text", (text) => {
    const parsed = parse(text);
    expect(parsed).toMatchObject({ ok: true });
    if (!parsed.ok) return;
    expect(roundTrip(parsed.value)).toEqual({ ok: true, value: parsed.value });
  });

  it("round-trips every value that any text parses to", () => {
    fc.assert(
      fc.property(textish, (text) => {
        const parsed = parse(text);
        if (parsed.ok) expect(roundTrip(parsed.value)).toEqual(parsed);
      }),
    );
  });

  if (values) {
    it("round-trips generated values", () => {
      fc.assert(
        fc.property(values, (value) => {
          expect(roundTrip(value)).toEqual({ ok: true, value });
        }),
      );
    });
  }

  if (invalid.length > 0) {
    it.each(invalid)("refuses %j with a reason", (text) => {
      const parsed = parse(text);
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(parsed.reason.trim().length).toBeGreaterThan(0);
      expect(parseCell(name, text, options, context)).toEqual(parsed);
    });
  } else {
    it("accepts any text (so it needs no invalid samples)", () => {
      fc.assert(
        fc.property(fc.string(), (text) => {
          expect(parse(text).ok).toBe(true);
        }),
      );
    });
  }

  const sampleValues = valid.flatMap((text) => {
    const parsed = parse(text);
    return parsed.ok ? [parsed.value] : [];
  });
  const anyValue = values ? fc.oneof(fc.constantFrom(...sampleValues), values) : fc.constantFrom(...sampleValues);

  it("orders values totally, and only equal values compare equal", () => {
    fc.assert(
      fc.property(anyValue, anyValue, anyValue, (a, b, c) => {
        expect(type.compare(a, a)).toBe(0);
        expect(sign(type.compare(a, b)) + sign(type.compare(b, a))).toBe(0);
        expect(type.compare(a, b) === 0).toBe(JSON.stringify(a) === JSON.stringify(b));
        const [x, y, z] = [a, b, c].sort((p, q) => type.compare(p, q));
        expect(type.compare(x as Json, z as Json)).toBeLessThanOrEqual(0);
        if (type.compare(x as Json, y as Json) < 0 || type.compare(y as Json, z as Json) < 0) {
          expect(type.compare(x as Json, z as Json)).toBeLessThan(0);
        }
      }),
    );
  });

  it("gives sort keys of one kind that order as compare does", () => {
    const kind = typeof type.sortKey(sampleValues[0] as Json);
    expect(["string", "number"]).toContain(kind);
    fc.assert(
      fc.property(anyValue, anyValue, (a, b) => {
        const [x, y] = [type.sortKey(a), type.sortKey(b)];
        expect(typeof x).toBe(kind);
        if (typeof x === "number") expect(Number.isFinite(x)).toBe(true);
        expect(sign(order(x, y))).toBe(sign(type.compare(a, b)));
      }),
    );
  });

  it("offers parts that read every sample value", () => {
    for (const part of type.parts) {
      for (const value of sampleValues) {
        const got = part.get(value);
        expect(got === null || typeof got === "string" || (typeof got === "number" && Number.isFinite(got))).toBe(true);
      }
    }
  });
});
