// End-to-end: charts and maps of a view (issue 13). From the sample orchestra database an
// owner charts donations by month (one series per currency), hovers and clicks a bar to the
// view filtered to it, downloads SVG and PNG; maps where musicians live (countries, cities,
// US states) and follows "not placed"; and all of it again with JavaScript off.

import assert from "node:assert/strict";
import { test } from "node:test";
import { connected, newPage, newSharedView, openTableNamed, server, shot, signUp, TEST_TIMEOUT, uniqueName } from "./harness.mjs";

async function newView(page, table, name) {
  await openTableNamed(page, table);
  await newSharedView(page, name);
}

async function groupBy(page, label) {
  await page.getByRole("link", { name: "Group", exact: true }).click();
  await page.getByLabel("Group", { exact: true }).selectOption({ label });
  await page.getByRole("button", { name: "Group records", exact: true }).click();
  await page.locator(".view-chip", { hasText: "grouped by" }).waitFor();
}

const showAs = (page, name) => page.getByRole("navigation", { name: "Show as" }).getByRole("link", { name, exact: true }).click();

test("chart a grouped view: kinds, a measure per currency, hover, click a bar to its records, download", { timeout: TEST_TIMEOUT * 3 }, async () => {
  const db = uniqueName("charts");
  const page = await newPage({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  await signUp(page, db, "Ada Owner", "ada@example.org", { sample: true });
  await connected(page);
  await newView(page, "Donors", "Gifts by month");
  const address = new URL(page.url()).pathname;
  await groupBy(page, "Given on: month");
  await showAs(page, "Chart");
  // A month is a date part: the chart starts as a line.
  await page.locator("svg.chart-svg[data-kind=line] path.line").waitFor();
  await page.getByRole("navigation", { name: "Kind of chart" }).getByRole("link", { name: "Column", exact: true }).click();
  await page.locator("svg.chart-svg[data-kind=column] rect.bar").first().waitFor();
  const bars = await page.locator("svg.chart-svg rect.bar").count();
  const rows = await page.locator("table.numbers tbody tr").count();
  assert.equal(bars, rows, "one bar per group, and the numbers beside it");
  assert.match(await page.locator("svg.chart-svg title").first().textContent(), /^Gifts by month: by Given on \(month\)$/);
  await shot(page, "chart-column-count");

  // Money: one series per currency, never added together.
  await page.getByLabel("Measure", { exact: true }).selectOption({ label: "Sum of Gift" });
  await page.getByRole("button", { name: "Apply", exact: true }).click();
  await page.locator("svg.chart-svg .chart-measure", { hasText: "Sum of Gift" }).waitFor();
  const currencies = await page.locator("svg.chart-svg .panel-title").allTextContents();
  assert.ok(currencies.length >= 2, `a series per currency: ${currencies.join(", ")}`);
  assert.deepEqual(await page.locator("table.numbers thead th.num").allTextContents(), currencies);
  await page.getByRole("navigation", { name: "Kind of chart" }).getByRole("link", { name: "Area", exact: true }).click();
  await page.locator("svg.chart-svg[data-kind=area]").waitFor();
  assert.equal(await page.locator("svg.chart-svg path.area").count(), currencies.length, "an area per currency");
  await shot(page, "chart-area-per-currency");

  // With JavaScript: a hover detail.
  await page.locator("svg.chart-svg circle.point").nth(2).hover({ force: true });
  await page.locator(".picture-tip").waitFor({ state: "visible" });
  assert.match(await page.locator(".picture-tip").textContent(), /^\d{4}-\d{2}: \D*[\d,.]+/);
  await shot(page, "chart-hover");

  // Downloads: SVG from the server, PNG made in the browser.
  const svg = await page.request.get(`${server.url}${await page.getByRole("link", { name: "Download SVG" }).getAttribute("href")}`);
  assert.equal(svg.status(), 200);
  assert.match(svg.headers()["content-type"], /^image\/svg\+xml/);
  const text = await svg.text();
  assert.match(text, /<svg[^>]+role="img"/);
  assert.ok(!text.includes("<a "), "a file has no links into anyone's session");
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download PNG" }).click()]);
  assert.match(download.suggestedFilename(), /\.png$/);
  const png = await download.createReadStream();
  const chunks = [];
  for await (const chunk of png) chunks.push(chunk);
  assert.deepEqual([...Buffer.concat(chunks).subarray(1, 4)], [0x50, 0x4e, 0x47], "a PNG file");

  // A pie of the count, then a click on a slice: the view filtered to that group, as a grid.
  await page.getByLabel("Measure", { exact: true }).selectOption({ label: "Count of records" });
  await page.getByRole("button", { name: "Apply", exact: true }).click();
  await page.getByRole("navigation", { name: "Kind of chart" }).getByRole("link", { name: "Donut", exact: true }).click();
  await page.locator("svg.chart-svg[data-kind=donut] path.slice").first().waitFor();
  await shot(page, "chart-donut");
  await page.getByRole("navigation", { name: "Kind of chart" }).getByRole("link", { name: "Bar", exact: true }).click();
  const first = page.locator("svg.chart-svg rect.bar").first();
  await first.waitFor();
  const tip = await page.locator("svg.chart-svg .mark").first().getAttribute("data-tip");
  const [month, n] = tip.split(": ");
  await first.click();
  await page.locator(".view-chip", { hasText: `Given on (month) is ${month}` }).waitFor();
  await page.locator("table.grid").waitFor();
  assert.match(await page.locator(".page-header .muted").first().textContent(), new RegExp(`^${n} records?$`));
  assert.equal(new URL(page.url()).pathname, address, "the view's own address");
  await shot(page, "chart-drilled-to-grid");
  // Back returns to the chart.
  await page.goBack();
  await page.locator("svg.chart-svg[data-kind=bar]").waitFor();
  await page.context().close();
});

test("map where musicians live: countries, cities and US states, and the records not placed", { timeout: TEST_TIMEOUT * 3 }, async () => {
  const db = uniqueName("maps");
  const page = await newPage({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  await signUp(page, db, "Ada Owner", "ada@example.org", { sample: true });
  await connected(page);
  await newView(page, "Musicians", "Where they live");
  await showAs(page, "Map");
  await page.locator("svg.map-svg[data-kind=countries] path.region.mark").first().waitFor();
  assert.ok((await page.locator("svg.map-svg path.region").count()) > 150, "the world's countries");
  await shot(page, "map-countries");

  // The keyboard reaches every coloured country: Tab shows its detail, Enter opens its records.
  await page.locator("svg.map-svg a").first().focus();
  await page.keyboard.press("Tab");
  const focused = await page.evaluate(() => document.activeElement?.closest("svg.map-svg a")?.querySelector("[data-tip]")?.getAttribute("data-tip") ?? "");
  assert.match(focused, /^[^:]+: \d+$/, "the second country's link has the focus");
  await page.locator(".picture-tip", { hasText: focused }).waitFor({ state: "visible" });
  await shot(page, "map-keyboard-focus");
  await page.keyboard.press("Enter");
  await page.locator(".view-chip", { hasText: `is ${focused.split(":")[0]}` }).waitFor();
  assert.match(await page.locator(".page-header .muted").first().textContent(), new RegExp(`^${focused.split(": ")[1]} records?$`));
  await page.goBack();
  await page.locator("svg.map-svg[data-kind=countries]").waitFor();

  // Downloads: the map as an SVG file (no links) and as a PNG.
  const file = await page.request.get(`${server.url}${await page.getByRole("link", { name: "Download SVG" }).getAttribute("href")}`);
  assert.equal(file.status(), 200);
  const text = await file.text();
  assert.match(text, /<svg[^>]+data-kind="countries"/);
  assert.ok(!text.includes("<a "), "a file has no links into anyone's session");
  const [png] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download PNG" }).click()]);
  assert.match(png.suggestedFilename(), /\.png$/);

  const kinds = page.getByRole("navigation", { name: "Kind of map" });
  await kinds.getByRole("link", { name: "Cities", exact: true }).click();
  await page.locator("svg.map-svg[data-kind=points] circle.point").first().waitFor();
  await shot(page, "map-cities");
  await kinds.getByRole("link", { name: "US states", exact: true }).click();
  await page.locator("svg.map-svg[data-kind=states]").waitFor();
  await shot(page, "map-states");
  // "N not placed" opens the view filtered to those records.
  const notPlaced = page.locator("figcaption a", { hasText: /not placed$/ });
  const n = Number((await notPlaced.textContent()).split(" ")[0].replace(/,/g, ""));
  assert.ok(n > 0, "some musicians live outside the US or have no address understood");
  await notPlaced.click();
  await page.locator(".view-chip", { hasText: "Address not on the map of US states" }).waitFor();
  assert.match(await page.locator(".page-header .muted").first().textContent(), new RegExp(`^${n.toLocaleString("en")} records?$`));
  await shot(page, "map-not-placed-grid");
  await page.context().close();
});

test("charts and maps work without JavaScript: drawn on the server, links to the groups", { timeout: TEST_TIMEOUT * 2 }, async () => {
  const db = uniqueName("charts-nojs");
  const page = await newPage({ viewport: { width: 1280, height: 900 }, javaScriptEnabled: false });
  await signUp(page, db, "Noah Script", "noah@example.org", { sample: true });
  await newView(page, "Musicians", "By instrument");
  await groupBy(page, "Instrument");
  await showAs(page, "Chart");
  await page.locator("svg.chart-svg rect.bar").first().waitFor();
  await page.getByRole("navigation", { name: "Kind of chart" }).getByRole("link", { name: "Pie", exact: true }).click();
  await page.locator("svg.chart-svg[data-kind=pie] path.slice").first().waitFor();
  // PNG needs JavaScript: not offered (waited for, as the style sheet may still be loading).
  await page.locator(".picture-downloads button[data-png]").waitFor({ state: "hidden" });
  await shot(page, "nojs-chart-pie");
  const slice = page.locator("svg.chart-svg a").first();
  const [label, n] = (await slice.locator(".mark").getAttribute("data-tip")).split(/: | \(/);
  await slice.locator("path").click();
  await page.locator(".view-chip", { hasText: `Instrument is ${label}` }).waitFor();
  assert.match(await page.locator(".page-header .muted").first().textContent(), new RegExp(`^${n} records?$`));
  await page.goBack();
  await showAs(page, "Map");
  await page.locator("svg.map-svg path.region.mark").first().waitFor();
  await shot(page, "nojs-map");
  assert.equal(await page.locator("body[data-connected]").count(), 0, "no runtime ran");
  await page.context().close();
});

test("columns stacked by a second grouping: legend, numbers by both, a segment opens its records; Canadian provinces", { timeout: TEST_TIMEOUT * 3 }, async () => {
  const db = uniqueName("stacked");
  const page = await newPage({ viewport: { width: 1280, height: 900 } });
  await signUp(page, db, "Ada Owner", "ada@example.org", { sample: true });
  await connected(page);
  await newView(page, "Musicians", "Instruments by year");
  await groupBy(page, "Instrument");
  await showAs(page, "Chart");
  await page.locator("svg.chart-svg[data-kind=column] rect.bar").first().waitFor();
  // The view has one grouping: the chart's settings offer the second.
  await page.getByLabel("Stack by", { exact: true }).selectOption({ label: "Joined: year" });
  await page.getByRole("button", { name: "Stack", exact: true }).click();
  await page.locator("svg.chart-svg[data-stacked=stacked]").waitFor();
  const years = await page.locator("svg.chart-svg .legend text").allTextContents();
  assert.ok(years.length >= 2 && years.length <= 8, `a legend of the years: ${years.join(", ")}`);
  assert.ok(years.some((y) => /^\d{4}–\d{4}$/.test(y)) && !years.some((y) => y.startsWith("Other")), `the sample's years, in spans: ${years.join(", ")}`);
  assert.deepEqual((await page.locator("table.numbers thead th.num").allTextContents()).map((t) => t.replaceAll("\u2060", "")), [...years, "Total"], "the numbers by both groupings");
  assert.match(await page.locator("svg.chart-svg title").first().textContent(), /by Instrument, by Joined \(year\)$/);
  // Each group's segments add up to its total.
  const firstRow = page.locator("table.numbers tbody tr").first();
  const cells = (await firstRow.locator("td").allTextContents()).map((t) => Number(t.replace(/[^\d]/g, "") || 0));
  assert.equal(cells.slice(0, -1).reduce((a, b) => a + b, 0), cells.at(-1), "the segments add up to the group");
  await shot(page, "chart-stacked-columns");
  await page.getByRole("navigation", { name: "Kind of chart" }).getByRole("link", { name: "Bar", exact: true }).click();
  await page.locator("svg.chart-svg[data-kind=bar][data-stacked=stacked]").waitFor();
  await shot(page, "chart-stacked-bars");

  // A segment: the view filtered by both groups.
  // Twenty-odd years merge into spans of neighbouring years ("2005–2008"), each opening exactly
  // its records. (Not "Other (N)", the values of an unordered grouping beyond the eight drawn:
  // it opens its whole group.)
  const segment = page.locator("svg.chart-svg .bars a").filter({ hasNot: page.locator('.mark[data-tip*=" · Other ("]') }).first();
  const [where, n] = (await segment.locator(".mark").getAttribute("data-tip")).split(": ");
  const [instrument, year] = where.split(" · ");
  await segment.locator("rect").click();
  await page.locator(".view-chip", { hasText: `Instrument is ${instrument}` }).waitFor();
  // A value not understood opens as the field's "not understood" filter.
  await page.locator(".view-chip", { hasText: year === "Not understood" ? "Joined is not understood" : `Joined (year) is ${year}` }).waitFor();
  assert.match(await page.locator(".page-header .muted").first().textContent(), new RegExp(`^${n} records?$`));
  await page.goBack();
  await page.locator("svg.chart-svg[data-kind=bar]").waitFor();

  // Canadian provinces, coloured by where musicians live.
  await showAs(page, "Map");
  await page.getByRole("navigation", { name: "Kind of map" }).getByRole("link", { name: "Canadian provinces", exact: true }).click();
  await page.locator("svg.map-svg[data-kind=provinces]").waitFor();
  assert.equal(await page.locator("svg.map-svg g.provinces path.region").count(), 13, "ten provinces and three territories");
  await shot(page, "map-provinces");
  await page.context().close();
});
