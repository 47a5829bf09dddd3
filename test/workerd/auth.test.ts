import { describe, expect, it } from "vitest";
import { Browser, ownerApp } from "./helpers";

describe("sign-in and sign-out", () => {
  it("signs out, then signs in again at /t/<name>/", async () => {
    const { browser, sessionUrl } = await ownerApp("quartet");
    const out = await browser.post("/t/quartet/signout", {});
    expect(out.status).toBe(303);
    expect(browser.cookies.size).toBe(0);
    const page = await browser.open("/t/quartet/");
    expect(page.html).toContain("Sign in to quartet");
    // The old session page now asks to sign in, then goes back to where the person was.
    const again = await browser.fetch(sessionUrl);
    expect(again.headers.get("location")).toBe(`/t/quartet/?next=${encodeURIComponent(sessionUrl)}`);
    const signedIn = await browser.signIn("quartet", "owner@quartet.org", "correct horse", sessionUrl);
    expect(signedIn.status).toBe(303);
    expect(signedIn.headers.get("location")).toBe(sessionUrl);
    expect((await browser.open(sessionUrl)).html).toContain("Tables");
  });

  it("a wrong password says so and changes nothing", async () => {
    const browser = new Browser();
    await browser.signUp("trio");
    const stranger = new Browser();
    const response = await stranger.signIn("trio", "owner@trio.org", "wrong password");
    expect(response.status).toBe(401);
    expect(await response.text()).toContain("Wrong email or password.");
    expect(stranger.cookies.size).toBe(0);
    expect((await stranger.signIn("trio", "owner@trio.org", "correct horse")).status).toBe(303);
  });

  it("throttles repeated failures for one account, and says so", async () => {
    await new Browser().signUp("duo");
    const attacker = new Browser();
    for (let i = 0; i < 4; i++) expect((await attacker.signIn("duo", "owner@duo.org", `guess ${i}`)).status).toBe(401);
    const locked = await attacker.signIn("duo", "owner@duo.org", "guess 5");
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await locked.text()).toContain("Too many failed sign-ins");
    // While locked, even the right password is refused without being checked.
    const right = await attacker.signIn("duo", "owner@duo.org", "correct horse");
    expect(right.status).toBe(429);
    expect(attacker.cookies.size).toBe(0);
  });

  it("does not redirect anywhere but this database's places after sign-in", async () => {
    const browser = new Browser();
    await browser.signUp("solo");
    await browser.post("/t/solo/signout", {});
    const response = await browser.signIn("solo", "owner@solo.org", "correct horse", "https://evil.example/");
    expect(response.headers.get("location")).toBe("/t/solo/tables");
  });
});
