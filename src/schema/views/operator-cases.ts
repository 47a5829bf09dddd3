// The cases every filter operator must pass, keyed by operator name (a Map: a missing
// operator fails the conformance suite). Each case is a field, what the person typed, and
// cells typed as text that must and must not match ("" for a record without the cell).
// ./operators.test.ts runs them in memory; test/workerd/view-operators.test.ts runs the same
// cases as SQL against the object's SQLite.

import type { ParseContext } from "../fields/field-type";
import type { FieldTypeName } from "../fields/registry";
import type { Field } from "../model";
import { parseCellText, type StoredCell } from "../values";

/** Thursday 26 November 2026, 23:30 in New York (already Friday in UTC). */
export const CASE_CONTEXT: ParseContext = {
  now: new Date("2026-11-27T04:30:00Z"), timeZone: "America/New_York",
  members: [{ id: "u1", name: "Ada Lovelace", email: "ada@example.org" }, { id: "u2", name: "Ben Okri", email: "ben@example.org" }], currentUserId: "u1",
  lookup: (tableId, text) => (tableId === "people" ? new Map([["ann", "p1"], ["bob", "p2"], ["cy", "p3"]]).get(text.trim().toLowerCase()) : undefined),
};

const choices = [{ id: "c1", label: "Cello", color: "blue" }, { id: "c2", label: "Viola", color: "green" }, { id: "c3", label: "Harp", color: "red" }];
const OPTIONS: { [type: string]: Field["options"] } = {
  money: { currency: "USD" }, number: { decimals: 0 }, percent: { decimals: 0 }, date: { timeZone: "America/New_York" },
  choice: { choices }, multiChoice: { choices }, link: { tableId: "people", multiple: true },
};

export type OperatorCase = { type: FieldTypeName; args: string[]; yes: string[]; no: string[] };

export function caseField(type: FieldTypeName): Field {
  return { id: "f1", name: "Field", type, options: OPTIONS[type] ?? {} };
}

/** The stored cell for typed text ("" for none), as the grid would store it. */
export function caseCell(type: FieldTypeName, text: string): StoredCell | undefined {
  return text === "" ? undefined : parseCellText(type, text, caseField(type).options, CASE_CONTEXT);
}

export const operatorCases: ReadonlyMap<string, OperatorCase[]> = new Map([
  ["contains", [{ type: "text", args: ["ELL"], yes: ["Cello", "bell"], no: ["", "Viola"] }, { type: "email", args: ["example"], yes: ["a@Example.org"], no: ["a@b.org"] }]],
  ["textIs", [{ type: "text", args: ["cello"], yes: ["Cello", "CELLO"], no: ["Cellos", ""] }]],
  ["startsWith", [{ type: "text", args: ["50%"], yes: ["50% off"], no: ["500 off", "a 50%", ""] }, { type: "text", args: ["a_"], yes: ["A_b"], no: ["ab"] }]],
  ["numEq", [{ type: "number", args: ["1,200"], yes: ["1200"], no: ["1200.5", "", "lots"] }, { type: "percent", args: ["12%"], yes: ["12"], no: ["0.12"] }]],
  ["numLt", [{ type: "duration", args: ["1h"], yes: ["59 min", "-2h"], no: ["1h", "2h", ""] }]],
  ["numGt", [{ type: "money", args: ["100"], yes: ["$150", "USD 100.01"], no: ["$100", "€500", "", "TBD"] }, { type: "money", args: ["100 EUR"], yes: ["€500"], no: ["$500"] }]],
  ["numBetween", [{ type: "number", args: ["10", "5"], yes: ["5", "7.5", "10"], no: ["4.99", "11", ""] }]],
  ["dateOn", [{ type: "date", args: ["today"], yes: ["Nov 26, 2026", "Nov 26, 2026 11pm", "Nov 20 2026 to Dec 1 2026"], no: ["Nov 27, 2026", "Nov 27, 2026 1am", ""] }]],
  ["dateBefore", [{ type: "date", args: ["Nov 26, 2026"], yes: ["Nov 25, 2026", "Nov 25 2026 11:59pm", "Nov 20 2026 to Dec 1 2026"], no: ["Nov 26, 2026", "Nov 26, 2026 12:30am", "", "soon"] }]],
  ["dateAfter", [{ type: "date", args: ["Nov 26, 2026"], yes: ["Nov 27, 2026", "Nov 27, 2026 12am"], no: ["Nov 26, 2026", "Nov 26, 2026 11:59pm", ""] }]],
  ["dateBetween", [{ type: "date", args: ["Nov 30, 2026", "Nov 28, 2026"], yes: ["Nov 28, 2026", "Nov 30, 2026 10pm", "Nov 1 2026 to Nov 28 2026"], no: ["Nov 27, 2026", "Dec 1, 2026", ""] }]],
  ["lastDays", [{ type: "date", args: ["7"], yes: ["Nov 19, 2026", "Nov 26, 2026"], no: ["Nov 18, 2026", "Nov 27, 2026", ""] }]],
  ["nextDays", [{ type: "date", args: ["2"], yes: ["Nov 26, 2026", "Nov 28, 2026 11pm"], no: ["Nov 25, 2026", "Nov 29, 2026", ""] }]],
  ["lastWeeks", [{ type: "date", args: ["2"], yes: ["Nov 12, 2026", "Nov 26, 2026"], no: ["Nov 11, 2026", "Nov 27, 2026", ""] }]],
  ["nextWeeks", [{ type: "date", args: ["1"], yes: ["Nov 26, 2026", "Dec 3, 2026 11pm"], no: ["Nov 25, 2026", "Dec 4, 2026"] }]],
  ["lastMonths", [{ type: "date", args: ["3"], yes: ["Aug 26, 2026", "Oct 1 2026 to Oct 3 2026"], no: ["Aug 25, 2026", "Nov 27, 2026", ""] }]],
  ["nextMonths", [{ type: "date", args: ["1"], yes: ["Dec 26, 2026", "Nov 26, 2026"], no: ["Dec 27, 2026", "Nov 25, 2026"] }]],
  ["daysAgo", [{ type: "date", args: ["30"], yes: ["Oct 26, 2026", "Oct 1 2026 to Oct 26 2026"], no: ["Oct 27, 2026", "Oct 1 2026 to Oct 27 2026", "", "someday"] }]],
  ["daysAhead", [{ type: "date", args: ["5"], yes: ["Dec 2, 2026", "Dec 2, 2026 12:30am"], no: ["Dec 1, 2026", "Dec 1, 2026 11pm", ""] }]],
  ["lastQuarter", [{ type: "date", args: [], yes: ["Jul 1, 2026", "Sep 30, 2026"], no: ["Oct 1, 2026", "Jun 30, 2026"] }]],
  ["thisQuarter", [{ type: "date", args: [], yes: ["Oct 1, 2026", "Dec 31, 2026 11pm"], no: ["Jan 1, 2027", "Sep 30, 2026"] }]],
  ["nextQuarter", [{ type: "date", args: [], yes: ["Jan 1, 2027", "Mar 31, 2027"], no: ["Apr 1, 2027", "Dec 31, 2026"] }]],
  ["lastWeek", [{ type: "date", args: [], yes: ["Nov 16, 2026", "Nov 22, 2026"], no: ["Nov 23, 2026", "Nov 15, 2026"] }]],
  ["thisWeek", [{ type: "date", args: [], yes: ["Nov 23, 2026", "Nov 29, 2026 11pm"], no: ["Nov 30, 2026", "Nov 22, 2026"] }]],
  ["nextWeek", [{ type: "date", args: [], yes: ["Nov 30, 2026", "Dec 6, 2026"], no: ["Dec 7, 2026", "Nov 29, 2026"] }]],
  ["lastMonth", [{ type: "date", args: [], yes: ["Oct 1, 2026", "Oct 31, 2026"], no: ["Nov 1, 2026", "Sep 30, 2026"] }]],
  ["thisMonth", [{ type: "date", args: [], yes: ["Nov 1, 2026", "Nov 30, 2026"], no: ["Dec 1, 2026", "Oct 31, 2026 11pm"] }]],
  ["nextMonth", [{ type: "date", args: [], yes: ["Dec 31, 2026"], no: ["Jan 1, 2027", "Nov 30, 2026"] }]],
  ["lastYear", [{ type: "date", args: [], yes: ["Jan 1, 2025", "Dec 31, 2025"], no: ["Jan 1, 2026", ""] }]],
  ["thisYear", [{ type: "date", args: [], yes: ["Mar 3, 2026"], no: ["Mar 3, 2025", "Jan 1, 2027"] }]],
  ["nextYear", [{ type: "date", args: [], yes: ["Mar 3, 2027"], no: ["Mar 3, 2026"] }]],
  ["overdue", [{ type: "date", args: [], yes: ["Nov 25, 2026", "Nov 1 2026 to Nov 25 2026"], no: ["Nov 26, 2026", "Nov 20 2026 to Nov 26 2026", "", "someday"] }]],
  ["anyOf", [{ type: "choice", args: ["c1", "viola"], yes: ["Cello", "viola"], no: ["Harp", "", "Tuba"] }]],
  ["noneOf", [{ type: "choice", args: ["Cello"], yes: ["Harp", "", "Tuba"], no: ["cello"] }]],
  ["hasAny", [{ type: "multiChoice", args: ["c1", "c3"], yes: ["Cello, Viola", "Harp"], no: ["Viola", "", "Tuba"] }]],
  ["hasAll", [{ type: "multiChoice", args: ["c1", "c2"], yes: ["Viola, Cello", "Cello, Viola, Harp"], no: ["Cello", "", "Tuba"] }]],
  ["hasNone", [{ type: "multiChoice", args: ["c1"], yes: ["Viola", "", "Tuba"], no: ["Harp, Cello"] }]],
  ["ticked", [{ type: "checkbox", args: [], yes: ["yes"], no: ["no", "", "maybe"] }]],
  ["notTicked", [{ type: "checkbox", args: [], yes: ["no", "", "maybe"], no: ["yes"] }]],
  ["userIsMe", [{ type: "user", args: [], yes: ["me", "Ada Lovelace"], no: ["Ben", "", "Zed"] }]],
  ["userIs", [{ type: "user", args: ["ben@example.org"], yes: ["Ben Okri", "ben"], no: ["me", "", "Zed"] }]],
  ["placeIn", [
    { type: "location", args: ["british columbia"], yes: ["Vancouver, BC", "Victoria, BC"], no: ["Toronto", "", "zzqx nowhere"] },
    { type: "location", args: ["Europe"], yes: ["Paris, France", "Berlin"], no: ["Toronto", ""] },
    { type: "location", args: ["ca"], yes: ["Toronto"], no: ["Paris, France"] },
  ]],
  // Vancouver to Victoria is about 95 km; to Toronto about 3,350.
  ["withinKm", [
    { type: "location", args: ["120", "Vancouver, BC"], yes: ["Victoria, BC", "Vancouver, BC"], no: ["Toronto", "British Columbia", "", "zzqx nowhere"] },
    { type: "location", args: ["50", "Vancouver, BC"], yes: ["Vancouver, BC"], no: ["Victoria, BC"] },
  ]],
  ["linksTo", [{ type: "link", args: ["bob"], yes: ["Bob", "Ann, Bob"], no: ["Ann", "Cy, Ann", "", "Zed"] }]],
  ["isEmpty", [{ type: "number", args: [], yes: ["", "   "], no: ["0", "lots"] }, { type: "checkbox", args: [], yes: [""], no: ["no"] }]],
  ["isNotEmpty", [{ type: "money", args: [], yes: ["$0", "TBD"], no: ["", " "] }]],
  ["notUnderstood", [{ type: "date", args: [], yes: ["someday"], no: ["", "today"] }]],
  ["inGroup", [
    { type: "date", args: ["2026-03", "month", '"2026-03"'], yes: ["Mar 3, 2026", "Mar 31, 2026"], no: ["Apr 1, 2026", "", "someday"] },
    { type: "date", args: ["Tuesday", "weekday", "2"], yes: ["Mar 3, 2026"], no: ["Mar 4, 2026", ""] },
    { type: "date", args: ["Week of 2026-03-02", "week", '"2026-03-02"'], yes: ["Mar 4, 2026", "Mar 8, 2026", "Mar 2, 2026"], no: ["Mar 1, 2026", "Mar 9, 2026", ""] },
    { type: "location", args: ["Canada", "country", '"Canada"'], yes: ["Vancouver, BC"], no: ["Paris, France", "", "zzqx nowhere"] },
    { type: "location", args: ["No state", "state", "null"], yes: ["", "Monaco"], no: ["Vancouver, BC", "zzqx nowhere"] },
    { type: "number", args: ["1,200", "", "1200"], yes: ["1200", "1,200.00"], no: ["1200.5", "", "lots"] },
    { type: "date", args: ["2024–2026", "year", "[2024,2026]"], yes: ["Jan 1, 2024", "Dec 31, 2026", "Jun 5, 2025"], no: ["Dec 31, 2023", "Jan 1, 2027", "", "someday"] },
    { type: "date", args: ["2026-02 – 2026-04", "month", '["2026-04","2026-02"]'], yes: ["Feb 1, 2026", "Apr 30, 2026"], no: ["Jan 31, 2026", "May 1, 2026", ""] },
    // Ranges (the key carries its width) and a record under each of its options.
    { type: "money", args: ["$0.00 – $100.00", "range", '"USD|p000000000000000|100|0"'], yes: ["$50", "$0", "$99.99"], no: ["$100", "€50", "", "TBD", "-$1"] },
    { type: "number", args: ["-10 – 0", "range:10", '"|n999999999999999|10|0"'], yes: ["-10", "-0.5"], no: ["0", "-10.5", ""] },
    { type: "multiChoice", args: ["Cello", "", '"c1"'], yes: ["Cello, Viola", "Cello"], no: ["Viola", "", "Tuba"] },
    { type: "multiChoice", args: ["No options", "", "null"], yes: [""], no: ["Cello", "Tuba"] },
  ]],
  ["notPlaced", [
    { type: "location", args: ["countries"], yes: ["", "zzqx nowhere"], no: ["France", "Vancouver, BC"] },
    { type: "location", args: ["states"], yes: ["Vancouver, BC", "France", ""], no: ["Albany, NY", "Texas"] },
    { type: "location", args: ["provinces"], yes: ["Albany, NY", "Canada", "France", ""], no: ["Vancouver, BC", "Quebec"] },
    { type: "location", args: ["points"], yes: ["Canada", "", "zzqx nowhere"], no: ["Vancouver, BC"] },
  ]],
]);
