// A signed-in page: the document with the application root, and the root alone for frames.

import { toHtml } from "../engine/html";
import { AppRoot, ConnectionStatus, Document, renderToString } from "./document";

export interface RenderedRoot {
  html: string;
  notice: string | undefined;
  epoch: number;
}

export function appPage(database: string, sessionUrl: string, rendered: RenderedRoot): Promise<string> {
  return renderToString(
    <Document title={`${database} · Trove`} app={{ sessionUrl, socketUrl: `/t/${database}/ws`, epoch: rendered.epoch }} scripts={["/copy.js"]}>
      <ConnectionStatus />
      <AppRoot html={rendered.html} notice={rendered.notice} />
    </Document>,
  );
}

export async function appRootHtml(rendered: RenderedRoot): Promise<string> {
  return toHtml(AppRoot({ html: rendered.html, notice: rendered.notice }));
}
