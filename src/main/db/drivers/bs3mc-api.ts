/**
 * The part of better-sqlite3-multiple-ciphers' API this program uses. The
 * package ships its own types, but its "exports" map does not name them, so
 * TypeScript cannot find them; these few lines say what the driver relies on.
 */
export interface Bs3mcStatement {
  readonly reader: boolean;
  all(...params: unknown[]): unknown[];
  /** Rows as arrays of values in column order (readers only). */
  raw(on?: boolean): this;
  columns(): Array<{ name: string }>;
  run(...params: unknown[]): { changes: number; lastInsertRowid: number | bigint };
}

export interface Bs3mcDatabase {
  readonly inTransaction: boolean;
  prepare(sql: string): Bs3mcStatement;
  exec(sql: string): this;
  pragma(sql: string, options?: { simple?: boolean }): unknown;
  unsafeMode(on?: boolean): this;
  close(): this;
}

export type Bs3mcConstructor = new (file: string) => Bs3mcDatabase;
