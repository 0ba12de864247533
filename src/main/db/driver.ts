/**
 * The one seam between the program and the SQLCipher binding. Everything else
 * talks to `RawConnection`; swapping in another SQLCipher binding (for example
 * one that builds on Windows) means rewriting only this file.
 */
import sqlcipher from '@journeyapps/sqlcipher';

export interface RunResult {
  changes: number;
  lastId: number;
}

export interface RawConnection {
  run(sql: string, params?: readonly unknown[]): Promise<RunResult>;
  all<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
}

type Callback<T> = (err: Error | null, value: T) => void;

function promised<T>(fn: (cb: Callback<T>) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    fn((err, value) => (err ? reject(err) : resolve(value)));
  });
}

/** Opens (or creates) a database file. The caller must set the key before any other statement. */
export async function openRaw(file: string): Promise<RawConnection> {
  const db = await new Promise<sqlcipher.Database>((resolve, reject) => {
    const handle: sqlcipher.Database = new sqlcipher.Database(file, (err: Error | null) =>
      err ? reject(err) : resolve(handle),
    );
  });
  return {
    run: (sql, params = []) =>
      new Promise((resolve, reject) => {
        db.run(sql, params as unknown[], function (this: { changes: number; lastID: number }, err: Error | null) {
          if (err) reject(err);
          else resolve({ changes: this.changes, lastId: this.lastID });
        });
      }),
    all: <T>(sql: string, params: readonly unknown[] = []) =>
      promised<T[]>((cb) => db.all(sql, params as unknown[], cb as Callback<unknown[]>)),
    exec: (sql) => promised<void>((cb) => db.exec(sql, (err: Error | null) => cb(err, undefined))),
    close: () => promised<void>((cb) => db.close((err: Error | null) => cb(err, undefined))),
  };
}
