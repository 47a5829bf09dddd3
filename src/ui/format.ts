// Words shared by the screens.

import { grouped } from "../schema/text";

/** "record" or "records", by how many. */
export function noun(n: number, word: string, plural = `${word}s`): string {
  return n === 1 ? word : plural;
}

/** "1 record", "2 records", "1,250 records". */
export function count(n: number, word: string, plural = `${word}s`): string {
  return `${grouped(n)} ${noun(n, word, plural)}`;
}
