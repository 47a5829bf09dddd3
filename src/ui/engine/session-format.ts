// How a session is stored (./session.ts): the head and parts written since issue 17, and the
// whole snapshots of earlier versions, still read from sessions saved before.

import type { Json } from "../../schema/fields/field-type";
import type { ComponentDescriptor } from "./component";
import type { NoticeKind } from "./context";

/** What a save writes: the head (the `ui_sessions` row's text) and the parts that appeared
 *  (`put`: name → text) or went (`drop`) since the last save. Parts are named `s:<render key>`
 *  (a UI state's tree as JSON) and `c:<callback id>` (`[path, handler, arg, kind]`); neither
 *  ever changes once written, so a part is only ever inserted or deleted. */
export interface SessionChanges {
  head: string;
  put: [string, string][];
  drop: string[];
}

export const STATE_PART = "s:";
export const CALLBACK_PART = "c:";

/** The v4 head; states and callbacks are parts. */
export interface Head {
  v: 4;
  user: string;
  epoch: number;
  /** Render keys of the kept UI states, least recently used first. */
  order: string[];
  notices?: [string, Notice][];
}

/** kind: 0 action, 1 input, 2 keyed action, 3 keyed input. */
export type StoredEntry = [id: string, path: string, handler: string, arg: Json, kind: 0 | 1 | 2 | 3, epoch: number];

export interface Notice {
  text: string;
  kind: NoticeKind;
}

export interface Snapshot {
  v: 3;
  user: string;
  epoch: number;
  cbs: StoredEntry[];
  /** UI states as [render key, tree as JSON text], least recently used first: kept as the
   *  text the session holds them in, so saving and restoring never rebuild the trees. */
  states: [string, string][];
  /** Notices for the GET after a plain-HTML POST, by render key. */
  notices?: [string, Notice][];
}

/** The v2 snapshot: states as trees. */
export interface SnapshotV2 extends Omit<Snapshot, "v" | "states"> {
  v: 2;
  states: [string, ComponentDescriptor][];
}

/** The v1 snapshot: one tree per session. */
export interface SnapshotV1 {
  v: 1;
  user: string;
  epoch: number;
  root: ComponentDescriptor;
  cbs: StoredEntry[];
}
