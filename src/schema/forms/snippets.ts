// The two copy-paste snippets the builder offers: an iframe of the public page, and a plain
// HTML form that posts cross-origin to it (no script; the page answers with its own thank-you
// page or the form's redirect). Every label is escaped: they are the builder's text.

import { findField, type Table } from "../model";
import { type FormDefinition, HONEYPOT_FIELD } from "./form";

const esc = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

export function iframeSnippet(form: FormDefinition, url: string): string {
  return `<iframe src="${esc(url)}" title="${esc(form.title)}" width="100%" height="800" style="border:0; max-width:640px"></iframe>`;
}

export function htmlSnippet(form: FormDefinition, table: Table, url: string): string {
  const lines = [`<form action="${esc(url)}" method="post">`];
  for (const q of form.fields) {
    const field = findField(table, q.fieldId);
    if (!field || field.deletedAt !== undefined || q.hidden) continue;
    const id = `trove-${q.key}`;
    const required = q.required ? " required" : "";
    const label = `  <label for="${id}">${esc(q.label)}</label>`;
    if (field.type === "longText") lines.push(label, `  <textarea id="${id}" name="${q.key}"${required}>${esc(q.defaultValue)}</textarea>`);
    else if (field.type === "checkbox") lines.push(`  <label><input type="checkbox" name="${q.key}" value="yes"${required}> ${esc(q.label)}</label>`);
    else {
      const type = field.type === "email" ? "email" : field.type === "url" ? "url" : field.type === "phone" ? "tel" : "text";
      lines.push(label, `  <input id="${id}" name="${q.key}" type="${type}" value="${esc(q.defaultValue)}"${required}>`);
    }
  }
  lines.push(`  <input name="${HONEYPOT_FIELD}" value="" tabindex="-1" autocomplete="off" style="position:absolute;left:-9999px" aria-hidden="true">`);
  lines.push(`  <button type="submit">Send</button>`, "</form>");
  return lines.join("\n");
}
