// A test client with no browser: it reads rendered HTML, finds links and buttons by their
// visible label, fills inputs by their label, and sends what a browser would (input values
// in document order, then the action) through whatever transport it is given.

import { parseHTML } from "linkedom";
import { ACTION_FIELD, CALLBACK_PARAM } from "../protocol";

/** Sends one event and resolves to the HTML rendered after it. `address` is the address the
 *  event came from (the link's href or the form's action: the place and the render key). */
export type Send = (fields: [string, string][], action: string | null, address: string | null) => Promise<string>;

type El = Element & { value?: string };

export class TestClient {
  private doc!: Document;
  private typed = new Map<Element, string>();

  constructor(private readonly send: Send, html: string) {
    this.load(html);
  }

  load(html: string): void {
    this.doc = parseHTML(`<!doctype html><html><body>${html}</body></html>`).document;
    this.typed.clear();
  }

  get html(): string {
    return this.doc.body.innerHTML;
  }

  /** The visible text, with runs of white space folded. */
  get text(): string {
    return (this.doc.body.textContent ?? "").replace(/\s+/g, " ").trim();
  }

  query(selector: string): Element | null {
    return this.doc.querySelector(selector);
  }

  queryAll(selector: string): Element[] {
    return [...this.doc.querySelectorAll(selector)];
  }

  /** Clicks the link or button whose label (text, aria-label or title) is `label`. */
  async click(label: string, within?: string): Promise<void> {
    const scope = within ? this.doc.querySelector(within) : this.doc;
    if (!scope) throw new Error(`nothing matches ${within}`);
    // What sits under a dialog is inert: a person cannot click it.
    const candidates = [...scope.querySelectorAll("a, button")].filter((el) => !el.closest("[inert]"));
    const target = candidates.find((el) => labelOf(el) === label);
    if (!target) {
      throw new Error(`no link or button labelled “${label}”; there are: ${candidates.map(labelOf).join(" | ")}`);
    }
    if (target.tagName === "A") {
      const href = target.getAttribute("href") ?? "";
      const cb = new URL(href, "http://x").searchParams.get(CALLBACK_PARAM);
      if (!cb) throw new Error(`link “${label}” runs no callback: ${href}`);
      this.load(await this.send([], cb, href));
      return;
    }
    // A button may belong to a form elsewhere on the page (its form attribute), as in browsers.
    const owner = target.getAttribute("form");
    const form = owner ? this.doc.getElementById(owner) : target.closest("form");
    const fields = form ? this.fieldsOf(form) : [];
    const action = target.getAttribute("name") === ACTION_FIELD ? target.getAttribute("value") : null;
    this.load(await this.send(fields, action, form?.getAttribute("action") ?? null));
  }

  /** Sends raw fields with the action of a link or button, as a forged request would. */
  async clickWith(fields: Record<string, string>, label: string): Promise<void> {
    const target = [...this.doc.querySelectorAll("a, button")].find((el) => labelOf(el) === label && !el.closest("[inert]"));
    if (!target) throw new Error(`no link or button labelled “${label}”`);
    const href = target.getAttribute("href");
    const action = href ? new URL(href, "http://x").searchParams.get(CALLBACK_PARAM) : target.getAttribute("value");
    this.load(await this.send(Object.entries(fields), action, href ?? target.closest("form")?.getAttribute("action") ?? null));
  }

  /** Drags the element labelled `label` (marked `data-drag`) onto the one marked
   *  `data-drop="<value>"`, as the runtime sends it: the value to the drag's input callback. */
  async drag(label: string, dropValue: string): Promise<void> {
    const source = [...this.doc.querySelectorAll("[data-drag]")].find((el) => labelOf(el) === label && !el.closest("[inert]"));
    if (!source) throw new Error(`nothing draggable labelled “${label}”`);
    if (!this.doc.querySelector(`[data-drop="${dropValue}"]`)) throw new Error(`nowhere to drop ${dropValue}`);
    this.load(await this.send([[source.getAttribute("data-drag") ?? "", dropValue]], null, source.getAttribute("href")));
  }

  /** Types into the input, textarea or select whose label is `label`. */
  fill(label: string, value: string): void {
    const control = this.control(label);
    if (control.tagName === "SELECT") {
      const options = [...control.querySelectorAll("option")];
      const option = options.find((o) => o.getAttribute("value") === value || fold(o.textContent) === value);
      if (!option) throw new Error(`“${label}” has no option ${value}; it has ${options.map((o) => o.getAttribute("value")).join(", ")}`);
      this.typed.set(control, option.getAttribute("value") ?? fold(option.textContent));
      return;
    }
    this.typed.set(control, value);
  }

  /** Ticks or clears a checkbox by its label. */
  check(label: string, on = true): void {
    this.typed.set(this.control(label), on ? "on" : "");
  }

  private control(label: string): Element {
    for (const el of this.doc.querySelectorAll("label")) {
      if (el.closest("[inert]")) continue;
      if (fold(el.textContent) !== label) continue;
      const id = el.getAttribute("for");
      const control = id ? this.doc.getElementById(id) : el.querySelector("input, textarea, select");
      if (control) return control;
    }
    const byAria = [...this.doc.querySelectorAll("input, textarea, select")].find(
      (el) => el.getAttribute("aria-label") === label || el.getAttribute("placeholder") === label,
    );
    if (byAria) return byAria;
    throw new Error(`no input labelled “${label}”`);
  }

  private fieldsOf(form: Element): [string, string][] {
    const fields: [string, string][] = [];
    for (const el of form.querySelectorAll("input, textarea, select") as Iterable<El>) {
      const name = el.getAttribute("name");
      if (!name || name === ACTION_FIELD || el.hasAttribute("disabled")) continue;
      const type = el.getAttribute("type");
      if (type === "submit" || type === "button") continue;
      const typed = this.typed.get(el);
      if (type === "checkbox" || type === "radio") {
        const on = typed !== undefined ? typed !== "" : el.hasAttribute("checked");
        if (on) fields.push([name, el.getAttribute("value") ?? "on"]);
        continue;
      }
      fields.push([name, typed ?? initialValue(el)]);
    }
    return fields;
  }
}

function initialValue(el: Element): string {
  if (el.tagName === "TEXTAREA") return el.textContent ?? "";
  if (el.tagName === "SELECT") {
    const option = el.querySelector("option[selected]") ?? el.querySelector("option");
    return option?.getAttribute("value") ?? option?.textContent ?? "";
  }
  return el.getAttribute("value") ?? "";
}

function fold(text: string | null): string {
  return (text ?? "").replace(/\s+/g, " ").trim();
}

function labelOf(el: Element): string {
  return el.getAttribute("aria-label") ?? (fold(el.textContent) || el.getAttribute("title") || "");
}
