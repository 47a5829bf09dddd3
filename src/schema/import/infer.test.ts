import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ParseContext } from "../fields/field-type";
import { columnNames, detectHeader, guessType, inferColumns, PREVIEW_ROWS } from "./infer";

const context: ParseContext = { now: new Date("2026-03-01T12:00:00Z"), timeZone: "UTC" };
const guess = (...texts: string[]) => guessType(texts, context);

describe("guessType reads columns the way the field types read typing", () => {
  it.each([
    [["12", "1,234.5", "-3", "", "7"], "number"],
    [["0", "1", "1", "0"], "number"],
    [["yes", "no", "Y", "true"], "checkbox"],
    [["12%", "3.5 %", "100%"], "percent"],
    [["$1,200.50", "€35", "35 EUR", "JPY 1000"], "money"],
    [["2 h", "1h 30m", "45 minutes"], "duration"],
    [["2026-03-04", "March 5, 2026", "tomorrow 3-5pm"], "date"],
    [["ann@example.org", "bo@example.com"], "email"],
    [["https://example.org", "trove.example.com/x"], "url"],
    [["+1 604 555 0199", "(604) 555-0100"], "phone"],
    [["Vancouver", "Paris, France", "Toronto"], "location"],
    [["Violin", "Viola", "violin", "Cello", "Violin", "Viola", "Cello", "Violin"], "choice"],
    [["Red, Blue", "Blue", "Green; Red", "Red", "Blue, Green", "Green"], "multiChoice"],
    [["Ann Smith", "Bo Li", "Cy Twombly"], "text"],
    [["A long note\nwith a second line", "short"], "longText"],
  ])("%j → %s", (texts, type) => {
    expect(guessType(texts, context)).toBe(type);
  });

  it("keeps a messy column typed when nearly all of it is understood", () => {
    const messy = [...Array.from({ length: 19 }, (_, i) => `${i * 10}`), "n/a"];
    expect(guessType(messy, context)).toBe("number");
    const [column] = inferColumns([["Amount"], ...messy.map((t) => [t])], true, context);
    expect(column).toMatchObject({ name: "Amount", type: "number", understood: 19, notUnderstood: 1, empty: 0, examples: ["n/a"] });
  });

  it("shows different examples of what is not understood, and counts a big file's first rows", () => {
    const texts = Array.from({ length: PREVIEW_ROWS + 500 }, (_, i) => (i % 20 === 7 ? "about 40" : i % 20 === 9 ? "n/a" : `${i}.50`));
    const [column] = inferColumns([["Amount"], ...texts.map((t) => [t])], true, context);
    expect(column).toMatchObject({ type: "number", understood: PREVIEW_ROWS * 0.9, notUnderstood: PREVIEW_ROWS * 0.1, examples: ["about 40", "n/a"] });
  });

  it("leaves a column half understood as text rather than flag half of it", () => {
    expect(guess("12", "twelve", "13", "thirteen")).toBe("text");
  });

  it("is text for a column with no values", () => {
    expect(guess("", " ")).toBe("text");
  });
});

describe("detectHeader", () => {
  it("sees a header over typed columns and over words", () => {
    expect(detectHeader([["Name", "Age"], ["Ann", "31"], ["Bo", "40"]], context)).toBe(true);
    expect(detectHeader([["Name", "Town"], ["Ann", "Paris"], ["Bo", "Rome"]], context)).toBe(true);
  });

  it("sees none when the first row is data", () => {
    expect(detectHeader([["Ann", "31"], ["Bo", "40"]], context)).toBe(false);
    expect(detectHeader([["1", "2"], ["3", "4"]], context)).toBe(false);
    expect(detectHeader([["Name", ""], ["Ann", "3"]], context)).toBe(false);
    expect(detectHeader([["Name", "Name"], ["Ann", "Bo"]], context)).toBe(false);
  });
});

describe("columnNames", () => {
  it("names blanks and repeats so every field name is distinct, whatever was typed", () => {
    expect(columnNames(["Name", "", "name ", "constructor", "__proto__"], 6)).toEqual(["Name", "Column 2", "name 2", "constructor", "__proto__", "Column 6"]);
  });
});

describe("inference never throws", () => {
  it("on any rows of any text", () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.string({ maxLength: 20 }), { maxLength: 5 }), { maxLength: 8 }), fc.boolean(), (rows, header) => {
        const columns = inferColumns(rows, header, context);
        for (const column of columns) {
          expect(column.understood + column.notUnderstood + column.empty).toBe(Math.max(0, rows.length - (header ? 1 : 0)));
        }
        detectHeader(rows, context);
      }),
      { numRuns: 200 },
    );
  });
});
