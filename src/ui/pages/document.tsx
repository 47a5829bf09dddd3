// The HTML document around every page: one stylesheet, the generic runtime for app pages,
// and nothing else. All text goes through hono/jsx, which escapes it.

import type { Child } from "hono/jsx";
import { raw } from "hono/html";
import { toHtml } from "../engine/html";

export function Document(props: { title: string; children: Child; app?: { sessionUrl: string; socketUrl: string; epoch: number }; scripts?: string[] }) {
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
      <body
        class={props.app ? "app" : "plain"}
        data-session={props.app?.sessionUrl}
        data-socket={props.app?.socketUrl}
        data-epoch={props.app ? String(props.app.epoch) : undefined}
      >
        {props.children}
      </body>
    </html>
  );
}

/** The connection indicator: outside the root, so morphs leave the runtime's `hidden` alone. */
export function ConnectionStatus() {
  return <div id="trove-status" class="connection" hidden>Reconnecting…</div>;
}

/** The application root: the notice (if any) and the session's render. Morphed in place. */
export function AppRoot(props: { html: string; notice: string | undefined }) {
  return (
    <div id="trove-root">
      {props.notice && (
        <div class="notice" role="status">
          {props.notice}
        </div>
      )}
      {raw(props.html)}
    </div>
  );
}

export async function renderToString(node: Child): Promise<string> {
  return `<!doctype html>${await toHtml(node)}`;
}
