// The one hand-written HTML writer (./markup.ts): its escaping, and its elements next to what
// hono/jsx writes for the same ones.

import { describe, expect, it } from "vitest";
import { toHtml } from "./html";
import { element, escapeHtml, join, toJsx } from "./markup";

describe("markup: the one place HTML text is written by hand", () => {
  it("escapes the five characters hono/jsx escapes, and nothing else", () => {
    expect(escapeHtml(`<script>alert("1 & 2")</script> it's`)).toBe("&lt;script&gt;alert(&quot;1 &amp; 2&quot;)&lt;/script&gt; it&#39;s");
    expect(escapeHtml("&amp; stays text: &amp;amp;")).toBe("&amp;amp; stays text: &amp;amp;amp;");
    expect(escapeHtml("Zoë ⏎ ▾ = / ` \n")).toBe("Zoë ⏎ ▾ = / ` \n");
    expect(escapeHtml("")).toBe("");
    expect(escapeHtml("<<>>")).toBe("&lt;&lt;&gt;&gt;");
  });

  it("writes elements as hono/jsx writes them: attributes in order, boolean and void elements, escaped values", async () => {
    const value = `"><img src=x onerror=alert(1)> & '`;
    const cases: [string, string][] = [
      [element("input", { type: "checkbox", name: value, value: "yes", checked: true, disabled: false, readonly: undefined, placeholder: null, "data-commit": "", "aria-label": value }), await toHtml(<input type="checkbox" name={value} value="yes" checked disabled={false} readonly={undefined} placeholder={undefined} data-commit="" aria-label={value} />)],
      [element("tr", { id: "rec-1", class: undefined, "data-region": true, "data-record": "1" }), await toHtml(<tr id="rec-1" class={undefined} data-region data-record="1" />)],
      [element("td", { class: "add-column" }), await toHtml(<td class="add-column" />)],
      [element("td", { title: value, colspan: 3, hidden: true, "data-x": false }, escapeHtml(value), element("br", {})), await toHtml(<td title={value} colspan={3} hidden data-x={false}>{value}<br /></td>)],
      [element("span", {}, false, null, undefined, escapeHtml("a"), join([escapeHtml("<b>"), element("i", {})])), await toHtml(<span>{false}{null}{undefined}a{"<b>"}<i /></span>)],
    ];
    for (const [mine, jsx] of cases) expect(mine).toBe(jsx);
  });

  it("refuses names that are not plain tag or attribute names, and children of void elements", () => {
    expect(() => element("td onclick", {})).toThrow(/not a tag/);
    expect(() => element("td", { "x onclick": "1" })).toThrow(/attribute name/);
    expect(() => element("td", { 'a"': "1" })).toThrow(/attribute name/);
    expect(() => element("input", {}, escapeHtml("text"))).toThrow(/no children/);
  });

  it("goes into JSX as it is, not escaped again", async () => {
    expect(await toHtml(<p>{toJsx(element("b", {}, escapeHtml("<&>")))}</p>)).toBe("<p><b>&lt;&amp;&gt;</b></p>");
  });
});
