// The sample orchestra database a person may start with when they sign up, as the actions
// that build it: four tables (Sections, Musicians, Concerts, Donors) whose records carry the
// text a person would have typed or imported, for the engine to parse. A few percent of the
// Musicians' and Donors' cells are text no field type reads ("TBD", "maria at gmail"), as real
// data has; the engine keeps and flags them. Pure and deterministic: the same seed, clock and
// id generator give the same actions. Word lists are in ./orchestra-data.ts. It ends with a
// published "Join the orchestra" form for Musicians.

import type { Action } from "../actions";
import type { Json } from "../fields/field-type";
import { formatDecimal } from "../fields/decimal";
import type { FieldTypeName } from "../fields/registry";
import type { FormDefinition, FormField } from "../forms/form";
import * as data from "./orchestra-data";
import { Random } from "./random";
import { optionsFor } from "../structure-changes";

export interface OrchestraOptions {
  seed: number;
  /** The moment of sign-up: record timestamps, joining and gift dates, the concert season. */
  now: Date;
  /** The database's time zone, for the date fields. */
  timeZone: string;
  /** Table, field, choice and record ids, drawn in a fixed order. */
  newId: () => string;
}

/** Share of a Musicians or Donors table's filled cells given text no field type reads. */
const JUNK_SHARE = 0.045;

/** A record as typed text by field name; "" is a cell left blank. */
type Row = { [fieldName: string]: string };
type FieldSpec = { name: string; type: FieldTypeName; options?: () => { [key: string]: Json } };
type TableSpec = { name: string; fields: FieldSpec[]; rows: Row[] };

const DAY = 86_400_000;
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const SHORT_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "June", "July", "Aug", "Sept", "Oct", "Nov", "Dec"];
const pad = (n: number) => String(n).padStart(2, "0");

type Day = { y: number; m: number; d: number; weekday: number };
const dayOf = (ms: number): Day => {
  const date = new Date(ms);
  return { y: date.getUTCFullYear(), m: date.getUTCMonth() + 1, d: date.getUTCDate(), weekday: date.getUTCDay() };
};
const iso = ({ y, m, d }: Day) => `${y}-${pad(m)}-${pad(d)}`;

/** A calendar date written the ways people type them. */
function dateText(rng: Random, day: Day): string {
  const { y, m, d } = day;
  const month = MONTHS[m - 1]!;
  return rng.pick([iso(day), iso(day), `${month} ${d}, ${y}`, `${m}/${d}/${y}`, `${d} ${month} ${y}`, `${SHORT_MONTHS[m - 1]} ${d} ${y}`]);
}

/** "7:30pm", "8pm" or "19:30" for minutes after midnight. */
function clock(minutes: number, style: "12h" | "24h"): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (style === "24h") return `${h}:${pad(m)}`;
  return `${h % 12 || 12}${m ? `:${pad(m)}` : ""}${h < 12 ? "am" : "pm"}`;
}

const ASCII: { [ch: string]: string } = { ø: "o", æ: "ae", ß: "ss", ł: "l", đ: "d" };
const fold = (s: string) =>
  s.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().replace(/[øæßłđ]/g, (ch) => ASCII[ch] ?? "").replace(/[^a-z0-9]/g, "");

function emailFor(rng: Random, name: string): string {
  const [first = "", ...rest] = name.split(" ");
  const f = fold(first);
  const l = fold(rest.join(""));
  const local = rng.pick([`${f}.${l}`, `${f}.${l}`, `${f}${l}`, `${f[0]}${l}`, `${f}_${l}${rng.int(1, 99)}`, `${l}.${f}`]);
  return `${local}@${rng.pick(data.EMAIL_DOMAINS)}`;
}

/** `count` full names, none already in `taken` (which they join). */
function names(rng: Random, count: number, taken: Set<string>): string[] {
  const out: string[] = [];
  while (out.length < count) {
    const name = `${rng.pick(data.FIRST_NAMES)} ${rng.pick(data.LAST_NAMES)}`;
    if (taken.has(name)) continue;
    taken.add(name);
    out.push(name);
  }
  return out;
}

function phoneText(rng: Random): string {
  const area = rng.pick(data.PHONE_AREAS);
  const line = `01${pad(rng.int(0, 99))}`;
  return rng.pick([`(${area}) 555-${line}`, `${area}-555-${line}`, `+1 ${area} 555 ${line}`, `${area}.555.${line}`]);
}

function feeText(rng: Random): string {
  const amount = rng.int(6, 48) * 25;
  if (rng.chance(0.05)) return `€${amount}`;
  if (rng.chance(0.05)) return `£${amount}`;
  return rng.pick([`$${formatDecimal(amount)}`, `$${formatDecimal(amount)}`, formatDecimal(amount), `$${amount}.00`, `${amount} USD`, `$ ${amount}`]);
}

function giftText(rng: Random, currency: string): string {
  const n = rng.pick([25, 50, 75, 100, 100, 150, 250, 250, 500, 1000, 2500, 5000]);
  switch (currency) {
    case "CAD":
      return rng.pick([`CA$ ${n}`, `C$${n}`, `${n} CAD`]);
    case "EUR":
      return rng.pick([`€${n}`, `${n} EUR`, `€ ${n}`]);
    case "GBP":
      return rng.pick([`£${n}`, `£${formatDecimal(n)}.00`]);
    case "JPY":
      return rng.pick([`JPY ${n * 100}`, `¥${n * 100}`]);
    case "AUD":
      return `AUD ${n}`;
    default:
      return rng.pick([`$${formatDecimal(n)}`, `$${formatDecimal(n)}`, `${n}.00`, `$ ${n}`, `USD ${n}`]);
  }
}

/** Replaces `share` of the table's filled cells, in the fields `junk` names, with junk text. */
function plantJunk(rng: Random, rows: Row[], junk: { [fieldName: string]: (row: Row) => readonly string[] }, share: number): void {
  const filled = rows.reduce((n, row) => n + Object.values(row).filter((t) => t !== "").length, 0);
  const slots = rows.flatMap((row) => Object.keys(junk).filter((f) => row[f]).map((f) => [row, f] as const));
  for (const [row, f] of rng.shuffle(slots).slice(0, Math.round(filled * share))) {
    row[f] = rng.pick(junk[f]!(row));
  }
}

function musicians(rng: Random, now: Date, taken: Set<string>): Row[] {
  const players = rng.shuffle(data.INSTRUMENTS.flatMap((i) => Array.from({ length: i.players }, () => i)));
  const people = names(rng, players.length, taken);
  const rows = players.map((instrument, i): Row => {
    const name = people[i]!;
    return {
      Name: name,
      Instrument: instrument.label,
      Section: instrument.section,
      Email: emailFor(rng, name),
      Phone: rng.chance(0.9) ? phoneText(rng) : "",
      Joined: dateText(rng, dayOf(now.getTime() - rng.int(30, 22 * 365) * DAY)),
      Fee: feeText(rng),
      Address: rng.chance(0.08) ? rng.pick(data.STREET_ADDRESSES) : rng.pick(data.HOMES),
      Active: rng.chance(0.88) ? rng.pick(["yes", "yes", "yes", "Yes", "y"]) : "no",
    };
  });
  const section = (row: Row) => data.JUNK_INSTRUMENTS[row.Section as data.SectionName];
  const junk = { Instrument: section, Email: () => data.JUNK.email, Phone: () => data.JUNK.phone, Joined: () => data.JUNK.joined, Fee: () => data.JUNK.fee, Address: () => data.JUNK.address, Active: () => data.JUNK.active };
  plantJunk(rng, rows, junk, JUNK_SHARE);
  return rows;
}

/** One row per section, with a seat or two to fill. The principal is the first player listed
 *  of the section's leading instrument (a violinist leads the strings). */
function sections(rng: Random, players: readonly Row[]): Row[] {
  return data.SECTIONS.map((name) => {
    const members = players.filter((p) => p.Section === name);
    const lead = data.INSTRUMENTS.find((i) => i.section === name)?.label;
    const principal = members.find((p) => p.Instrument === lead) ?? members[0];
    return { Name: name, Principal: principal?.Name ?? "", Seats: String(members.length + rng.int(0, 2)) };
  });
}

/** A season of concerts on weekends, from about five months before `now`. */
function concerts(rng: Random, now: Date, players: readonly Row[]): Row[] {
  let ms = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) - 150 * DAY;
  const labels = new Set(data.INSTRUMENTS.map((i) => i.label));
  const soloists = players.filter((p) => labels.has(p.Instrument ?? ""));
  return data.CONCERTS.map(([title, headline]) => {
    ms += rng.int(10, 18) * DAY;
    while (![0, 5, 6].includes(dayOf(ms).weekday)) ms += DAY;
    const day = dayOf(ms);
    const start = day.weekday === 0 ? rng.pick([14, 15, 16]) * 60 : rng.pick([19 * 60, 19 * 60 + 30, 20 * 60]);
    const end = start + rng.pick([120, 135, 150]);
    const twelve = clock(start, "12h");
    const when = rng.pick([
      `${iso(day)} ${twelve} - ${clock(end, "12h")}`,
      `${iso(day)} ${clock(start, "24h")} to ${clock(end, "24h")}`,
      `${MONTHS[day.m - 1]} ${day.d}, ${day.y} ${twelve}-${clock(end, "12h")}`,
      `${day.m}/${day.d}/${day.y} ${twelve} to ${clock(end, "12h")}`,
    ]);
    const works = [...rng.shuffle(data.WORKS).slice(0, rng.int(1, 2)), headline];
    const soloist = rng.pick(soloists);
    if (rng.chance(0.4)) works.push(`Soloist: ${soloist.Name}, ${soloist.Instrument?.toLowerCase()}`);
    return { Title: title, When: when, Venue: rng.pick(data.VENUES), Programme: works.join("\n"), "Ticket price": rng.pick(data.TICKET_PRICES) };
  });
}

function donors(rng: Random, now: Date, taken: Set<string>): Row[] {
  const count = 80;
  const foreign = ["CAD", "CAD", "CAD", "CAD", "CAD", "CAD", "CAD", "EUR", "EUR", "EUR", "EUR", "EUR", "EUR", "GBP", "GBP", "GBP", "GBP", "GBP", "JPY", "JPY", "AUD"];
  const currencies = rng.shuffle([...foreign, ...Array.from({ length: count - foreign.length }, () => "USD")]);
  const rows = names(rng, count, taken).map((name, i): Row => ({
    Name: name,
    Email: rng.chance(0.92) ? emailFor(rng, name) : "",
    Gift: giftText(rng, currencies[i]!),
    "Given on": dateText(rng, dayOf(now.getTime() - rng.int(1, 3 * 365) * DAY)),
    Pledge: rng.chance(0.6) ? rng.pick(["10%", "25%", "33%", "50%", "50 %", "75%", "100%", "100%"]) : "",
    Notes: rng.chance(0.35) ? rng.pick(data.DONOR_NOTES) : "",
  }));
  const junk = { Email: () => data.JUNK.email, Gift: () => data.JUNK.gift, "Given on": () => data.JUNK.givenOn, Pledge: () => data.JUNK.pledge };
  plantJunk(rng, rows, junk, JUNK_SHARE);
  return rows;
}

function tableActions(spec: TableSpec, newId: () => string, at: () => number): { tableId: string; actions: Action[]; fieldIds: Map<string, string> } {
  const tableId = newId();
  const actions: Action[] = [{ kind: "addTable", tableId, name: spec.name, at: at() }];
  const ids = new Map<string, string>();
  spec.fields.forEach((f, index) => {
    const id = newId();
    ids.set(f.name, id);
    actions.push({ kind: "addField", tableId, field: { id, name: f.name, type: f.type, options: optionsFor(f.type, f.options?.() ?? {}) }, index });
  });
  for (const row of spec.rows) {
    const cells: { [fieldId: string]: string } = {};
    for (const [name, text] of Object.entries(row)) {
      const id = ids.get(name);
      if (!id) throw new Error(`no field ${name} in ${spec.name}`);
      if (text !== "") cells[id] = text;
    }
    actions.push({ kind: "addRecord", tableId, recordId: newId(), at: at(), cells });
  }
  return { tableId, actions, fieldIds: ids };
}

/** The published "Join the orchestra" form for Musicians. */
function joinForm(id: string, tableId: string, fieldIds: Map<string, string>): Action {
  const ask = (name: string, more: Partial<FormField> = {}): FormField => {
    const fieldId = fieldIds.get(name);
    if (!fieldId) throw new Error(`no field ${name} in Musicians`);
    return { fieldId, key: name.toLowerCase(), label: name, help: "", required: false, hidden: false, fixedValue: "", defaultValue: "", prefillParam: "", ...more };
  };
  const form: FormDefinition = {
    id, tableId, slug: "join", title: "Join the orchestra",
    intro: "We rehearse on Tuesday evenings in Albany. Tell us about yourself and we will be in touch.",
    fields: [
      ask("Name", { label: "Your name", required: true }),
      ask("Email", { required: true, help: "We write to you here about auditions." }),
      ask("Instrument", { required: true, prefillParam: "instrument" }),
      ask("Phone"),
      ask("Address", { label: "Where you live", help: "A town is enough, e.g. Troy, NY." }),
      ask("Active", { hidden: true, fixedValue: "no" }),
    ],
    successMessage: "Thank you! The orchestra manager will be in touch about an audition.",
    redirectUrl: "", open: true, closedMessage: "Auditions are closed for this season.", dailyCap: 200, allowedOrigins: [],
    embedAnywhere: true, // a published demo: any site may show it in a frame
  };
  return { kind: "addForm", tableId, form };
}

/** The actions that build the sample orchestra database, in the order to apply them. */
export function orchestraSample(options: OrchestraOptions): Action[] {
  const { now, newId, timeZone } = options;
  const rng = new Random(options.seed);
  const taken = new Set<string>();
  const players = musicians(rng, now, taken);
  // Musicians' Section links to Sections, whose id exists once its actions are made.
  let sectionsId = "";
  const tables: TableSpec[] = [
    { name: "Sections", fields: [{ name: "Name", type: "text" }, { name: "Principal", type: "text" }, { name: "Seats", type: "number" }], rows: sections(rng, players) },
    {
      name: "Musicians",
      fields: [
        { name: "Name", type: "text" },
        { name: "Instrument", type: "choice", options: () => ({ choices: data.INSTRUMENTS.map((i) => ({ id: newId(), label: i.label, color: i.color })) }) },
        { name: "Section", type: "link", options: () => ({ tableId: sectionsId, multiple: false }) },
        { name: "Email", type: "email" },
        { name: "Phone", type: "phone" },
        { name: "Joined", type: "date", options: () => ({ timeZone }) },
        { name: "Fee", type: "money", options: () => ({ currency: "USD" }) },
        { name: "Address", type: "location" },
        { name: "Active", type: "checkbox" },
      ],
      rows: players,
    },
    {
      name: "Concerts",
      fields: [
        { name: "Title", type: "text" },
        { name: "When", type: "date", options: () => ({ timeZone }) },
        { name: "Venue", type: "location" },
        { name: "Programme", type: "longText" },
        { name: "Ticket price", type: "money", options: () => ({ currency: "USD" }) },
      ],
      rows: concerts(rng, now, players),
    },
    {
      name: "Donors",
      fields: [
        { name: "Name", type: "text" },
        { name: "Email", type: "email" },
        { name: "Gift", type: "money", options: () => ({ currency: "USD" }) },
        { name: "Given on", type: "date", options: () => ({ timeZone }) },
        { name: "Pledge", type: "percent" },
        { name: "Notes", type: "longText" },
      ],
      rows: donors(rng, now, taken),
    },
  ];
  let tick = now.getTime();
  const at = () => tick++;
  let musiciansTable: { tableId: string; fieldIds: Map<string, string> } | undefined;
  const actions = tables.flatMap((spec) => {
    const built = tableActions(spec, newId, at);
    if (spec.name === "Sections") sectionsId = built.tableId;
    if (spec.name === "Musicians") musiciansTable = built;
    return built.actions;
  });
  if (musiciansTable) actions.push(joinForm(newId(), musiciansTable.tableId, musiciansTable.fieldIds));
  return actions;
}
