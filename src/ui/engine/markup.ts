// The one place Trove writes HTML text by hand (docs/architecture.md). Everything else is
// hono/jsx, which escapes every text and attribute value. This module exists for the grid's
// rows, a page's hottest loop (50 rows × every field): as JSX each cell was a tree of a
// dozen objects, built and then walked again to write it, which was most of a grid page's
// render (issue 17). It writes the bytes hono/jsx writes for the same elements, and
// components/grid-rows.test.tsx checks the rows against the JSX they replaced.
//
// The rules, all kept here:
// - text and attribute values are escaped by `escapeHtml` (the five characters hono/jsx
//   escapes: & < > " ');
// - tag and attribute names are checked against a plain pattern (they are literals in code);
// - an attribute that is null or undefined is left out; a boolean one is written as hono/jsx
//   writes it (HTML's boolean attributes: `name=""` when true, nothing when false);
// - markup is a branded string: a plain string passed where markup goes fails to compile, so
//   text cannot reach the page unescaped by mistake.

import { raw } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";

declare const MARKUP: unique symbol;
/** HTML this module wrote: escaped text, or elements. */
export type Markup = string & { readonly [MARKUP]: true };

/** A child of an element: markup, or nothing (as `{cond && <x/>}` in JSX). */
export type Child = Markup | false | null | undefined;

export type AttributeValue = string | number | boolean | null | undefined;

/** Text as HTML: `&`, `<`, `>`, `"` and `'` escaped (in text and attribute values alike). */
export function escapeHtml(text: string): Markup {
  if (!SPECIAL.test(text)) return text as Markup;
  let out = "";
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const entity = ENTITY[text.charCodeAt(i)];
    if (entity === undefined) continue;
    out += text.slice(from, i) + entity;
    from = i + 1;
  }
  return (out + text.slice(from)) as Markup;
}

/** `<tag attributes>children</tag>`, or `<tag attributes/>` for a void element (which takes
 *  no children). Attributes are written in the order of the object's keys. */
export function element(tag: string, attributes: Readonly<Record<string, AttributeValue>>, ...children: Child[]): Markup {
  checkName(tag);
  let out = `<${tag}`;
  for (const name in attributes) {
    const value = attributes[name];
    if (value === null || value === undefined) continue;
    checkName(name);
    if (typeof value === "boolean" && BOOLEAN.has(name)) {
      if (value) out += ` ${name}=""`;
    } else if (typeof value === "string") {
      out += ` ${name}="${escapeHtml(value)}"`;
    } else {
      out += ` ${name}="${value}"`; // a number, or a boolean of another attribute: "true"
    }
  }
  if (VOID.has(tag)) {
    if (children.length > 0) throw new Error(`<${tag}> takes no children`);
    return `${out}/>` as Markup;
  }
  return `${out}>${join(children)}</${tag}>` as Markup;
}

/** Children one after another (a JSX fragment). */
export function join(children: readonly Child[]): Markup {
  let out = "";
  for (const child of children) if (child) out += child;
  return out as Markup;
}

/** Markup as a JSX child (hono/jsx writes it as it is). */
export function toJsx(markup: Markup): HtmlEscapedString {
  return raw(markup);
}

const SPECIAL = /[&<>"']/;
const ENTITY: Record<number, string> = { 34: "&quot;", 38: "&amp;", 39: "&#39;", 60: "&lt;", 62: "&gt;" };
/** Tag and attribute names this module writes: letters, then letters, digits and dashes. */
const NAME = /^[a-z][a-z0-9-]*$/;
const checked = new Set<string>();

function checkName(name: string): void {
  if (checked.has(name)) return;
  if (!NAME.test(name)) throw new Error(`not a tag or attribute name: ${name}`);
  checked.add(name);
}

/** Elements written `<tag/>` (hono/jsx's list). */
const VOID = new Set(["area", "base", "br", "col", "embed", "hr", "img", "input", "keygen", "link", "meta", "param", "source", "track", "wbr"]);

/** HTML's boolean attributes (hono/jsx's list): `name=""` when true, left out when false. */
const BOOLEAN = new Set([
  "allowfullscreen", "async", "autofocus", "autoplay", "checked", "controls", "default", "defer", "disabled", "download", "formnovalidate", "hidden", "inert",
  "ismap", "itemscope", "loop", "multiple", "muted", "nomodule", "novalidate", "open", "playsinline", "readonly", "required", "reversed", "selected",
  "shadowrootclonable", "shadowrootdelegatesfocus", "shadowrootserializable",
]);
