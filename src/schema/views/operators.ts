// Every filter operator, by the name stored in views. One conformance suite
// (./operators.test.ts with ./operator-cases.ts) runs every operator registered here, in
// memory and in SQLite: an operator without cases fails the build.

import type { FieldTypeName } from "../fields/registry";
import { calendarOperators, dateAfter, dateBefore, dateBetween, dateOn, daysAgo, daysAhead, lastDays, lastMonths, lastWeeks, nextDays, nextMonths, nextWeeks, overdue } from "./ops-date";
import { contains, isEmpty, isNotEmpty, notTicked, notUnderstood, startsWith, textIs, ticked } from "./ops-basic";
import { inGroup, notPlaced } from "./ops-group";
import { anyOf, hasAll, hasAny, hasNone, noneOf } from "./ops-choice";
import { numBetween, numEq, numGt, numLt } from "./ops-number";
import { linksTo, placeIn, userIs, userIsMe, withinKm } from "./ops-people-places";
import type { AnyOperator } from "./operator";

const all: AnyOperator[] = [
  contains, textIs, startsWith,
  numEq, numLt, numGt, numBetween,
  dateOn, dateBefore, dateAfter, dateBetween, lastDays, nextDays, lastWeeks, nextWeeks, lastMonths, nextMonths, daysAgo, daysAhead, ...calendarOperators, overdue,
  anyOf, noneOf, hasAny, hasAll, hasNone,
  ticked, notTicked,
  userIsMe, userIs, placeIn, withinKm, linksTo,
  isEmpty, isNotEmpty, notUnderstood,
  inGroup, notPlaced,
] as AnyOperator[];

/** Operators by name, in menu order (a Map: names are looked up from stored views). */
export const operators: ReadonlyMap<string, AnyOperator> = new Map(all.map((op) => [op.name, op]));

export const isOperatorName = (name: string): boolean => operators.has(name);

export function operator(name: string): AnyOperator | undefined {
  return operators.get(name);
}

/** The operators a field of this type offers, in menu order. */
export function operatorsFor(type: FieldTypeName): AnyOperator[] {
  return all.filter((op) => !op.hidden && op.fits(type));
}
