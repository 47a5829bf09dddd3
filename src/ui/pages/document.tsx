// The HTML document around every page: one stylesheet, the generic runtime for app pages,
// and nothing else. All text goes through hono/jsx, which escapes it.

import type { Child } from "hono/jsx";
import { raw } from "hono/html";
import { toHtml } from "../engine/html";

export function Document(props: { title: string; children: Child; app?: { base: string; key: string; socketUrl: string }; scripts?: string[] }) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{props.title}</title>
        <link rel="stylesheet" href="/trove.css" />
        {props.app && <script src="/client.js" defer />}
        {props.scripts?.map((src) => <script src={src} defer />)}
      </head>
      <body class={props.app ? "app" : "plain"} data-base={props.app?.base} data-key={props.app?.key} data-socket={props.app?.socketUrl}>
        {props.children}
      </body>
    </html>
  );
}

/** The connection indicator: outside the root, so morphs leave the runtime's `hidden` alone. */
export function ConnectionStatus() {
  return <div id="trove-status" class="connection" hidden>Reconnecting…</div>;
}

/** Notices, outside the morphed root so a live update never takes one away: an info notice
 *  dismisses itself, an error stays until closed (the runtime's notices.ts). */
export function Notices(props: { notice: { text: string; kind: "info" | "error" } | undefined }) {
  return (
    <div id="trove-notices" class="notices" aria-live="polite">
      {props.notice && (
        <div class="notice" data-kind={props.notice.kind} role={props.notice.kind === "error" ? "alert" : "status"}>
          <span>{props.notice.text}</span>
          <button type="button" class="notice-close" aria-label="Dismiss">×</button>
        </div>
      )}
    </div>
  );
}

/** The application root: the session's render, the first region of every frame. */
export function AppRoot(props: { html: string }) {
  return (
    <div id="trove-root" data-region>
      {raw(props.html)}
    </div>
  );
}

export async function renderToString(node: Child): Promise<string> {
  return `<!doctype html>${await toHtml(node)}`;
}
