// The confirmation after sending a public form: its summary lines, escaped, with a value that
// cannot be computed shown as "not available" and an empty one as a dash.

import { expect, it } from "vitest";
import { PublicFormMessage } from "./public-form";

it("shows each summary line; values are escaped; cannot compute reads as not available", async () => {
  const html = String(await (
    <PublicFormMessage
      title="Buy tickets"
      message="Thanks!"
      summary={[
        { key: "total", label: "Total", value: "$30.00" },
        { key: "note", label: "<b>Note</b>", value: `<script>alert("x")</script>` },
        { key: "late", label: "Days late", value: null },
        { key: "empty", label: "Discount", value: "" },
      ]}
    />
  ));
  expect(html).toContain("<dt>Total</dt><dd>$30.00</dd>");
  expect(html).toContain("&lt;script&gt;");
  expect(html).not.toContain("<script>");
  expect(html).toContain("<dt>&lt;b&gt;Note&lt;/b&gt;</dt>");
  expect(html).toContain('<dt>Days late</dt><dd class="muted">not available</dd>');
  expect(html).toContain("<dt>Discount</dt><dd>—</dd>");
  // Without summary lines, the message alone.
  expect(String(await <PublicFormMessage title="Buy" message="Thanks!" />)).not.toContain("form-summary");
});
