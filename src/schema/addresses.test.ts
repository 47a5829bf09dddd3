import { describe, expect, it } from "vitest";
import { addressGroup } from "./addresses";

describe("addressGroup", () => {
  it("keeps IPv4 addresses, and IPv4 mapped into IPv6", () => {
    expect(addressGroup("203.0.113.7")).toBe("203.0.113.7");
    expect(addressGroup("::ffff:203.0.113.7")).toBe("203.0.113.7");
  });

  it("counts an IPv6 address by its /64, however it is written", () => {
    expect(addressGroup("2001:db8:1:2:aaaa::1")).toBe("2001:db8:1:2::/64");
    expect(addressGroup("2001:0DB8:0001:0002:bbbb:cccc:dddd:eeee")).toBe("2001:db8:1:2::/64");
    expect(addressGroup("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(addressGroup("::1")).toBe("0:0:0:0::/64");
  });

  it("reads anything else as one unknown address", () => {
    for (const bad of [null, undefined, "", "not an address", "1:2:3", "1::2::3", "x".repeat(500), "12345::1"]) {
      expect(addressGroup(bad)).toBe("unknown");
    }
  });
});
