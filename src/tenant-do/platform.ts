// What the Durable Object shell (./index.ts) gives the engine (./tenant.ts), by shape: the
// platform's storage, clock, open sockets and alarm, and its settings; and what the engine's
// parts receive in turn. Nothing here imports cloudflare:*, so the engine runs without it.

import type { AlarmPort } from "./alarm-schedule";
import type { FrameBudget } from "./socket-limits";
import type { Storage } from "./sql";

/** An open socket as the engine sees it. */
export interface OpenSocket {
  readonly sessionId: string;
  /** The member whose session it is: presence needs nothing else. */
  readonly userId: string;
  /** The render key and place of the state its tab shows (kept in the socket's attachment). */
  readonly key: string;
  readonly place: string;
  /** The region hashes it was last sent (memory only: after hibernation, all regions). */
  readonly known: ReadonlyMap<string, number> | undefined;
  /** How many more frames it may send (see socket-limits.ts). */
  readonly budget: FrameBudget;
  /** Notes what the tab shows now. */
  show(key: string, place: string, known: Map<string, number>): void;
  send(text: string): void;
  close(code: number, reason: string): void;
}

/** What the shell passes in: the platform's storage, clock, sockets and alarm, and settings. */
export interface TenantPlatform {
  storage: Storage;
  now: () => number;
  /** The sockets open on this object right now. */
  sockets: () => OpenSocket[];
  alarm: AlarmPort;
  defaultSessionTtlDays: number;
  /** The origin links are built from when one is configured (wrangler.toml's
   *  PUBLIC_ORIGIN); otherwise the one fixed at sign-up. Never a request's. */
  publicOrigin?: string;
}

/** What the engine's parts get: the platform with the alarm asked for by time. */
export interface TenantEnvironment extends Omit<TenantPlatform, "alarm"> {
  /** Asks for the alarm to run at `at` (ms) unless one is already set earlier. */
  scheduleAlarm: (at: number) => void;
}
