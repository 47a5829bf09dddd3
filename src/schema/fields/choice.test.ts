import { describe, expect, it } from "vitest";
import { choiceType, proposeChoices } from "./choice";
import type { ParseContext } from "./field-type";
import { multiChoiceType } from "./multi-choice";

const context: ParseContext = { now: new Date("2026-11-26T12:00:00Z"), timeZone: "UTC" };
const options = {
  choices: [
    { id: "r", label: "Red", color: "red" },
    { id: "nb", label: "Navy Blue", color: "blue" },
  ],
};

describe("choice", () => {
  it("matches labels ignoring case and spacing", () => {
    for (const text of ["Navy Blue", "navy blue", "  NAVY   blue ", "navyblue"]) {
      expect(choiceType.parse(text, options, context)).toEqual({ ok: true, value: "nb" });
    }
    expect(choiceType.format("nb", options)).toBe("Navy Blue");
  });

  it("keeps text that is not an option as invalid instead of adding it", () => {
    expect(choiceType.parse("Purple", options, context)).toEqual({ ok: false, reason: "not one of the options" });
    expect(options.choices).toHaveLength(2);
  });
});

describe("multiChoice", () => {
  it("splits on commas and semicolons, in the order typed, each once", () => {
    expect(multiChoiceType.parse("navy blue; Red, red", options, context)).toEqual({ ok: true, value: ["nb", "r"] });
    expect(multiChoiceType.format(["nb", "r"], options)).toBe("Navy Blue, Red");
  });

  it("makes the whole cell invalid when one part is not an option", () => {
    expect(multiChoiceType.parse("Red, Purple", options, context)).toEqual({
      ok: false,
      reason: "'Purple' is not one of the options",
    });
  });
});

describe("proposeChoices", () => {
  it("folds case and spacing, labels with the commonest spelling, most frequent first", () => {
    const proposed = proposeChoices(
      ["Done", "done", " done ", "In progress", "in  Progress", "In progress", "In Progress", "", "Todo"],
    );
    expect(proposed.map((p) => [p.choice.label, p.count])).toEqual([
      ["In progress", 4],
      ["done", 3],
      ["Todo", 1],
    ]);
    expect(proposed.map((p) => p.choice.id)).toEqual(["c1", "c2", "c3"]);
    expect(new Set(proposed.map((p) => p.choice.color)).size).toBe(3);
  });

  it("proposes choices every proposed text then parses into", () => {
    const texts = ["Red, blue", "BLUE; green", "red"];
    const choices = proposeChoices(texts, { split: true }).map((p) => p.choice);
    expect(choices.map((c) => c.label)).toEqual(["Red", "blue", "green"]);
    for (const text of texts) expect(multiChoiceType.parse(text, { choices }, context).ok).toBe(true);
  });
});
