// email, url, phone and user: the normalising each does and the text each refuses.
import { describe, expect, it } from "vitest";
import { emailType } from "./email";
import type { ParseContext } from "./field-type";
import { phoneType } from "./phone";
import { urlType } from "./url";
import { formatUser, userType } from "./user";

const members = [
  { id: "u1", name: "Ann Lee", email: "ann@example.com" },
  { id: "u2", name: "Bob Smith", email: "bob@example.com" },
  { id: "u3", name: "Bob Smith", email: "bob.smith@example.org" },
];
const context: ParseContext = { now: new Date(), timeZone: "UTC", members, currentUserId: "u1" };

describe("email", () => {
  it("drops mailto: and lower-cases only the domain", () => {
    expect(emailType.parse("mailto:Ann.Lee@Example.COM", {}, context)).toEqual({ ok: true, value: "Ann.Lee@example.com" });
    expect(emailType.parse("ann at example dot com", {}, context).ok).toBe(false);
  });
});

describe("url", () => {
  it("adds https:// to a bare domain", () => {
    expect(urlType.parse("example.com/page", {}, context)).toEqual({ ok: true, value: "https://example.com/page" });
  });

  it.each(["javascript:alert(1)", "JAVASCRIPT:alert(1)", "data:text/html,<b>", "file:///etc/passwd", "vbscript:x"])(
    "refuses %j",
    (text) => {
      expect(urlType.parse(text, {}, context).ok).toBe(false);
    },
  );
});

describe("phone", () => {
  it("keeps E.164 with a country code, digits without, and the extension", () => {
    expect(phoneType.parse("+1 (415) 555-0123", {}, context)).toEqual({ ok: true, value: "+14155550123" });
    expect(phoneType.parse("(415) 555-0123", {}, context)).toEqual({ ok: true, value: "4155550123" });
    expect(phoneType.parse("+44 20 7946 0958 ext. 12", {}, context)).toEqual({ ok: true, value: "+442079460958 ext 12" });
    expect(phoneType.parse("555-01", {}, context)).toEqual({ ok: false, reason: "too few digits for a phone number" });
  });

  it("shows North American numbers grouped, others as stored", () => {
    expect(phoneType.format("+14155550123", {})).toBe("+1 415-555-0123");
    expect(phoneType.format("4155550123 ext 7", {})).toBe("415-555-0123 ext 7");
    expect(phoneType.format("+442079460958", {})).toBe("+442079460958");
  });
});

describe("user", () => {
  const parse = (text: string) => userType.parse(text, {}, context);
  it("matches a member's name or email, and 'me'", () => {
    expect(parse("ann lee")).toEqual({ ok: true, value: "u1" });
    expect(parse("BOB@example.com")).toEqual({ ok: true, value: "u2" });
    expect(parse("Me")).toEqual({ ok: true, value: "u1" });
    expect(parse(" ANN ")).toEqual({ ok: true, value: "u1" }); // one member's first name
    expect(formatUser("u1", members)).toBe("Ann Lee");
    expect(formatUser("gone", members)).toBe("gone");
  });

  it("refuses an ambiguous name or a stranger rather than picking one", () => {
    expect(parse("Bob Smith")).toEqual({ ok: false, reason: "2 members match" });
    expect(parse("Carol")).toEqual({ ok: false, reason: "not a member" });
    expect(parse("bob")).toEqual({ ok: false, reason: "2 members are called that: type the full name" });
    expect(userType.parse("me", {}, { ...context, currentUserId: undefined }).ok).toBe(false);
  });
});
