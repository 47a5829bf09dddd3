// A saved view's private feeds, for those who may change the view: publish them, copy each
// address (calendar, Atom, JSON, CSV), make new addresses (the old ones stop) or stop them.
// The address is the only credential, so the panel says so plainly.

import { FEED_FORMATS, FEED_LABELS } from "../../schema/feeds/feed";
import type { Table } from "../../schema/model";
import { calendarFields } from "../../schema/views/calendar-fields";
import type { ViewDefinition } from "../../schema/views/view";
import type { TroveApp } from "../app";
import type { Renderer } from "../engine/renderer";
import type { TablePage } from "./table-page";

export function feedsPanel(r: Renderer<TroveApp>, page: TablePage, table: Table, view: ViewDefinition) {
  const token = r.app.feedToken(view);
  const hasDate = calendarFields(table, view).date !== undefined;
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
