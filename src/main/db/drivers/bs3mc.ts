/**
 * `better-sqlite3-multiple-ciphers`: SQLite3 Multiple Ciphers, synchronous,
 * in SQLCipher 4 mode. Every setting that decides the file format is set
 * explicitly, because this library's defaults are not SQLCipher's: without
 * `legacy = 4` it writes files that real SQLCipher cannot open.
 *
 * Its calls are synchronous: each holds its thread for as long as SQLite works.
 * So on the main thread a connection lives on a thread of its own
 * (bs3mc-thread.ts) and every call is a message to it: the main thread, which
 * answers the window, never waits on SQLite, whether for a query of a few
 * microseconds or a re-key of the whole file. Inside a worker thread (a
 * backup's copy) the connection is used directly.
 */
import type { Bs3mcConstructor, Bs3mcDatabase, Bs3mcStatement } from './bs3mc-api';
import { exportDatabaseSql } from './export-sql';
import { checkPageHmacs } from './page-hmac';
import { isMainThread } from 'node:worker_threads';
import { openOnItsOwnThread, startSpareThread } from './bs3mc-proxy';
import { requireNative } from './native';
import { quoteName, quoteText, rawKeyLiteral, type DriverModule, type RawConnection } from './types';

/** SQLCipher 4's format, in SQLite3 Multiple Ciphers' words. */
export const SQLCIPHER4_PRAGMAS = [
  "PRAGMA cipher = 'sqlcipher';",
  'PRAGMA legacy = 4;',
  'PRAGMA legacy_page_size = 4096;',
  'PRAGMA kdf_iter = 256000;',
  'PRAGMA fast_kdf_iter = 2;',
  'PRAGMA hmac_use = 1;',
  'PRAGMA hmac_pgno = 1;',
  'PRAGMA hmac_salt_mask = 58;',
  'PRAGMA kdf_algorithm = 2;',
  'PRAGMA hmac_algorithm = 2;',
  'PRAGMA plaintext_header_size = 0;',
];

export function bs3mcDriver(): DriverModule {
  const Database = requireNative<Bs3mcConstructor>('better-sqlite3-multiple-ciphers');
  // The addon itself loads at the first open: do it now, so a wrongly built one is found at start.
  new Database(':memory:').close();
  // The first log-in's connection thread starts now, while the log-in screen waits for a password.
  if (isMainThread) startSpareThread();
  return {
    name: 'bs3mc',
    open: async (file) => (isMainThread ? openOnItsOwnThread(file) : directConnection(file)),
  };
}

/** Rows as arrays, with the column names once: what the connection's thread sends back (see bs3mc-proxy.ts). */
export interface RowArrays {
  names: string[];
  rows: unknown[][];
}

/** A connection used on the calling thread: inside a worker, or as the connection's own thread. */
export interface DirectConnection extends RawConnection {
  /** `all`, with the rows as arrays: smaller and cheaper to copy between threads than one object per row. */
  allArrays(sql: string, params?: readonly unknown[]): Promise<RowArrays>;
}

export function directConnection(file: string): DirectConnection {
  const Database = requireNative<Bs3mcConstructor>('better-sqlite3-multiple-ciphers');
  return connection(new Database(file), file);
}

/**
 * How many prepared statements a connection keeps, by their SQL text. The routes send the same
 * few hundred statements again and again; preparing one (parse and plan) often costs more than
 * running it, and a statement thrown away holds its memory until the garbage collector runs.
 * SQLite prepares a kept statement again by itself when the schema changes.
 */
const STATEMENTS_KEPT = 250;

function statementCache(db: Bs3mcDatabase): (sql: string) => Bs3mcStatement {
  const kept = new Map<string, Bs3mcStatement>();
  return (sql) => {
    let statement = kept.get(sql);
    if (statement) {
      // Most recently used last, so the oldest is the first to go.
      kept.delete(sql);
    } else {
      statement = db.prepare(sql);
      if (kept.size >= STATEMENTS_KEPT) kept.delete(kept.keys().next().value!);
    }
    kept.set(sql, statement);
    return statement;
  };
}

/** node-sqlite3 binds booleans as 1/0 and dates as milliseconds; better-sqlite3 refuses them. Bind the same way. */
function bindable(params: readonly unknown[]): unknown[] {
  return params.map((p) => (typeof p === 'boolean' ? (p ? 1 : 0) : p instanceof Date ? p.getTime() : p === undefined ? null : p));
}

function connection(db: Bs3mcDatabase, file: string): DirectConnection {
  // Runs synchronously, but inside a promise so a thrown error becomes a rejection, as with the other driver.
  const later = <T>(fn: () => T): Promise<T> => new Promise((resolve) => resolve(fn()));
  const prepared = statementCache(db);
  const all = <T>(sql: string, params: readonly unknown[] = []) =>
    later(() => {
      const statement = prepared(sql);
      if (statement.reader) return statement.raw(false).all(...bindable(params)) as T[];
      statement.run(...bindable(params));
      return [] as T[];
    });
  const allArrays = (sql: string, params: readonly unknown[] = []) =>
    later((): RowArrays => {
      const statement = prepared(sql);
      if (!statement.reader) {
        statement.run(...bindable(params));
        return { names: [], rows: [] };
      }
      const rows = statement.raw(true).all(...bindable(params)) as unknown[][];
      // Asked after running: a kept statement may have been prepared again for a changed schema.
      return { names: statement.columns().map((c) => c.name), rows };
    });
  const exec = (sql: string) => later(() => void db.exec(sql));
  const keyed: { key: Buffer | null } = { key: null };
  return {
    driver: 'bs3mc',
    run: (sql, params = []) =>
      later(() => {
        const result = prepared(sql).run(...bindable(params));
        return { changes: result.changes, lastId: Number(result.lastInsertRowid) };
      }),
    all,
    allArrays,
    exec,
    close: () =>
      later(() => {
        keyed.key?.fill(0);
        keyed.key = null;
        db.close();
      }),
    key: (key) =>
      later(() => {
        for (const pragma of SQLCIPHER4_PRAGMAS) db.exec(pragma);
        db.exec(`PRAGMA key = ${rawKeyLiteral(key)};`);
        // This build turns foreign keys on by default; SQLCipher leaves them off until asked. Start the same.
        db.exec('PRAGMA foreign_keys = OFF;');
        keyed.key = Buffer.from(key);
      }),
    rekey: (key) =>
      later(() => {
        db.exec(`PRAGMA rekey = ${rawKeyLiteral(key)};`);
        keyed.key?.fill(0);
        keyed.key = Buffer.from(key);
      }),
    // The cipher settings set at `key` are this connection's defaults, so an attached file is SQLCipher 4 too.
    attach: (file, schema, key) => exec(`ATTACH DATABASE ${quoteText(file)} AS ${quoteName(schema)} KEY ${rawKeyLiteral(key)};`),
    exportInto: (schema) => later(() => exportDatabaseSql(db, schema)),
    cipherIntegrityCheck: async () => {
      if (!keyed.key) throw new Error('The database is not keyed.');
      // The main file holds every page once checkpointed; a page still in the WAL is checked when it is read.
      return checkPageHmacs(file, keyed.key);
    },
  };
}
