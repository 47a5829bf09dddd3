// The slice of Durable Object storage Trove uses, typed by shape so a test can stand in.
// Every query passes values as bound parameters; names never go into SQL text.

export type SqlValue = string | number | null | ArrayBuffer;

interface SqlCursor<T> extends Iterable<T> {
  toArray(): T[];
  one(): T;
  /** The rows as arrays of their columns' values, in the SELECT's order (no object per row). */
  raw<U extends SqlValue[] = SqlValue[]>(): IterableIterator<U>;
  readonly rowsWritten: number;
}

interface Sql {
  exec<T extends Record<string, SqlValue>>(query: string, ...bindings: SqlValue[]): SqlCursor<T>;
}

export interface Storage {
  sql: Sql;
  transactionSync<T>(fn: () => T): T;
}

export function first<T>(cursor: SqlCursor<T>): T | undefined {
  for (const row of cursor) return row;
  return undefined;
}

/** Runs a writing statement to completion and returns how many rows it wrote. */
export function run(storage: Storage, query: string, ...bindings: SqlValue[]): number {
  const cursor = storage.sql.exec(query, ...bindings);
  cursor.toArray();
  return cursor.rowsWritten;
}
