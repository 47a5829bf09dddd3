// A saved view's private feeds, for those who may change the view: publish them, copy each
// address (calendar, Atom, JSON, CSV), make new addresses (the old ones stop) or stop them.
// The address is the only credential, so the panel says so plainly. A feed is one bounded
// file per fetch (calendar apps read a whole .ics and do not page), so the panel states the
// bound, and how many records this view holds beyond it.

import { FEED_FORMATS, FEED_LABELS, FEED_LIMITS } from "../../schema/feeds/feed";
import type { Table } from "../../schema/model";
import { calendarFields } from "../../schema/views/calendar-fields";
import type { ViewDefinition } from "../../schema/views/view";
import type { TroveApp } from "../app";
import type { Renderer } from "../engine/renderer";
import type { TablePage } from "./table-page";

export function feedsPanel(r: Renderer<TroveApp>, page: TablePage, table: Table, view: ViewDefinition) {
  const token = r.app.feedToken(view);
  const hasDate = calendarFields(table, view).date !== undefined;
  const total = token === undefined ? 0 : r.app.runView({ ...view, group: null, summaries: [] }, { offset: 0, limit: 0 }).total;
  return (
    <section class="card feeds-panel" aria-labelledby="feeds-title">
      <h2 id="feeds-title">Private feeds of “{view.name}”</h2>
      <p class="muted">
        Anyone with one of these addresses can read this view — its records as its filters choose them when the feed is fetched, and nothing else — without signing in. Share them like a password.
      </p>
      {token === undefined ? (
        <form {...r.form}>
          <button class="button primary" {...r.submit(page, page.publishFeeds)}>Publish feeds</button>
          <button class="button" {...r.submit(page, page.toggleViewForm, null)}>Close</button>
        </form>
      ) : (
        <form {...r.form}>
          <ul class="feed-list">
            {FEED_FORMATS.filter((format) => format !== "ics" || hasDate).map((format) => (
              <li>
                <label for={`feed-${format}`}>{FEED_LABELS[format]}</label>
                <input id={`feed-${format}`} class="feed-url" readonly value={r.app.feedUrl(token, format)} data-select-on-focus />
                <button type="button" class="button small copy-button" data-copy={`feed-${format}`}>Copy</button>
              </li>
            ))}
          </ul>
          {!hasDate && <p class="muted">A calendar feed needs a date field in this table.</p>}
          <p class="muted feed-bound">
            Each fetch holds at most {FEED_LIMITS.records.toLocaleString("en")} records: the calendar its {FEED_LIMITS.records.toLocaleString("en")} latest-dated events (so the future and the recent past), JSON and CSV the first {FEED_LIMITS.records.toLocaleString("en")} records of the view in its order, Atom the {FEED_LIMITS.atomEntries} newest.
            {total > FEED_LIMITS.records && <strong> This view has {total.toLocaleString("en")} records: the feeds leave out {(total - FEED_LIMITS.records).toLocaleString("en")}. Filter the view, or use Export for everything.</strong>}
          </p>
          <p class="feed-actions">
            <button class="button" {...r.submit(page, page.publishFeeds)}>New addresses</button>
            <span class="muted">the current ones stop working</span>
            <span class="spacer" />
            <button class="button danger" {...r.submit(page, page.revokeFeeds)}>Stop feeds</button>
            <button class="button" {...r.submit(page, page.toggleViewForm, null)}>Close</button>
          </p>
        </form>
      )}
    </section>
  );
}
