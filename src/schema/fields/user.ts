// User field: the id of a member of the database. Typed text matches a member's name or email
// ignoring case, else the first name of exactly one member (what the grid's type-ahead
// offers: members by first name, name or email), or "me" for the person typing. Names are not in the value, so format shows
// the id; formatUser shows the name when the members are at hand.
import { type FieldType, type ParseContext, noOptions, type NoOptions } from "./field-type";
import { foldSpaces as fold } from "../text";
import { order } from "./sort-keys";

export type Member = NonNullable<ParseContext["members"]>[number];

export const userType: FieldType<string, NoOptions> = {
  name: "user",
  label: "User",
  defaultOptions: noOptions,
  parse(text, _options, context) {
    const key = fold(text);
    if (key === "me") {
      return context.currentUserId
        ? { ok: true, value: context.currentUserId }
        : { ok: false, reason: "nobody is signed in" };
    }
    const members = context.members ?? [];
    const byId = members.find((m) => m.id === text.trim());
    if (byId) return { ok: true, value: byId.id };
    const matches = members.filter((m) => fold(m.name) === key || fold(m.email) === key);
    if (matches.length > 1) return { ok: false, reason: `${matches.length} members match` };
    const [member] = matches;
    if (member) return { ok: true, value: member.id };
    const byFirst = key.includes(" ") || key.includes("@") ? [] : members.filter((m) => fold(m.name).split(" ")[0] === key);
    if (byFirst.length > 1) return { ok: false, reason: `${byFirst.length} members are called that: type the full name` };
    return byFirst[0] ? { ok: true, value: byFirst[0].id } : { ok: false, reason: "not a member" };
  },
  format: (value) => value,
  compare: order,
  sortKey: (value) => value,
  parts: [],
};

/** The member's name, or the id if they are no longer a member. */
export function formatUser(value: string, members: readonly Member[]): string {
  return members.find((m) => m.id === value)?.name ?? value;
}
