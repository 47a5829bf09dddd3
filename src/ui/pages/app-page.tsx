// A signed-in page: the document with the application root, and the root alone for frames.

import { raw } from "hono/html";
import { toHtml } from "../engine/html";
import { AppRoot, ConnectionStatus, Document, Notices, renderToString } from "./document";

export interface PageNotice {
  text: string;
  kind: "info" | "error";
}

/** The whole document of a render (`html`: the root from appRootHtml) at `url`. */
export function appPage(database: string, page: { url: string; key: string; title: string; html: string; notice: PageNotice | undefined }): Promise<string> {
  return renderToString(
    <Document title={page.title} app={{ base: `/t/${database}/`, key: page.key, socketUrl: `/t/${database}/ws` }} scripts={["/copy.js", "/chart.js"]}>
      <ConnectionStatus />
      <Notices notice={page.notice} />
      {raw(page.html)}
    </Document>,
  );
}

/** The application root around a session's render: the region every frame starts from. */
export async function appRootHtml(html: string): Promise<string> {
  return toHtml(AppRoot({ html }));
}
