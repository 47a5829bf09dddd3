import { describe, expect, it } from "vitest";
import { escapeXml, writeAtom } from "./atom";
import { parseFeedFile } from "./feed";

describe("Atom writer", () => {
  it("escapes every piece of text, so a record cannot add markup to a reader", () => {
    const xml = writeAtom({
      database: "orchestra", viewId: "v1", title: "New <players>", url: "https://trove.test/t/orchestra/tables/t1/views/v1", updated: Date.UTC(2026, 10, 20),
      entries: [{ recordId: "r1", title: '<script>alert("x")</script> & co', lines: [["Name", "Ada & 'Ben'"]], url: "https://trove.test/r?a=1&b=2", created: Date.UTC(2026, 10, 19) }],
    });
    expect(xml).not.toContain("<script>");
    expect(xml).toContain("<title>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co</title>");
    expect(xml).toContain('href="https://trove.test/r?a=1&amp;b=2"');
    expect(xml).toContain("<content type=\"text\">Name: Ada &amp; &apos;Ben&apos;</content>");
    expect(xml).toContain("<id>urn:trove:orchestra:record:r1</id>");
    expect(escapeXml("a\u0000b\u000bc")).toBe("abc");
  });
});

describe("feed addresses", () => {
  it("reads a token and a known format, and nothing else", () => {
    expect(parseFeedFile("AAAAAAAAAAAAAAAAAAAAAA.ics")).toEqual({ token: "AAAAAAAAAAAAAAAAAAAAAA", format: "ics" });
    for (const bad of ["AAAAAAAAAAAAAAAAAAAAAA.exe", "AAAA.ics", "AAAAAAAAAAAAAAAAAAAAAA", "../AAAAAAAAAAAAAAAAAAA.ics", "AAAAAAAAAAAAAAAAAAAAA!.csv"]) expect(parseFeedFile(bad)).toBeUndefined();
  });
});
