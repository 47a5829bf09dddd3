// Deep pages without OFFSET's cost: the grid and views order rows totally (creation order
// breaks every tie), so a page past the middle is read from the end in the reverse order,
// skipping the rows after it instead of the rows before it. Page 2,000 of a 100,000-record
// table (its last, where "Add record" lands) then costs what page 1 does.

/** How to read rows [offset, offset + limit) of `total` in order: from the start, skipping
 *  `offset`, or — past the middle — from the end, skipping the rows after the page, so the
 *  last page of 100,000 records costs what the first does. */
export function pageFrom(offset: number, limit: number, total: number): { fromEnd: boolean; skip: number; limit: number } {
  const start = Math.max(0, offset);
  const count = Math.max(0, Math.min(limit, total - start));
  const after = total - start - count;
  return after < start ? { fromEnd: true, skip: Math.max(0, after), limit: count } : { fromEnd: false, skip: start, limit: Math.max(0, limit) };
}

