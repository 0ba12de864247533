/** `@journeyapps/sqlcipher`: SQLCipher itself, asynchronous (its work runs on libuv's thread pool). */
import type sqlcipherModule from '@journeyapps/sqlcipher';
import { requireNative } from './native';
import { quoteName, quoteText, rawKeyLiteral, type DriverModule, type RawConnection } from './types';

type Sqlcipher = typeof sqlcipherModule;
type Callback<T> = (err: Error | null, value: T) => void;

function promised<T>(fn: (cb: Callback<T>) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    fn((err, value) => (err ? reject(err) : resolve(value)));
  });
}

export function journeyappsDriver(): DriverModule {
  const sqlcipher = requireNative<Sqlcipher>('@journeyapps/sqlcipher');
  return {
    name: 'journeyapps',
    open: async (file) => {
      const db = await new Promise<sqlcipherModule.Database>((resolve, reject) => {
        const handle: sqlcipherModule.Database = new sqlcipher.Database(file, (err: Error | null) =>
          err ? reject(err) : resolve(handle),
        );
      });
      return connection(db);
    },
  };
}

function connection(db: sqlcipherModule.Database): RawConnection {
  const run: RawConnection['run'] = (sql, params = []) =>
    new Promise((resolve, reject) => {
      db.run(sql, params as unknown[], function (this: { changes: number; lastID: number }, err: Error | null) {
        if (err) reject(err);
        else resolve({ changes: this.changes, lastId: this.lastID });
      });
    });
  const all = <T>(sql: string, params: readonly unknown[] = []) =>
    promised<T[]>((cb) => db.all(sql, params as unknown[], cb as Callback<unknown[]>));
  const exec = (sql: string) => promised<void>((cb) => db.exec(sql, (err: Error | null) => cb(err, undefined)));
  return {
    driver: 'journeyapps',
    run,
    all,
    exec,
    close: () => promised<void>((cb) => db.close((err: Error | null) => cb(err, undefined))),
    key: async (key) => {
      // SQLCipher writes its own errors to stderr; the program reports them itself.
      await exec('PRAGMA cipher_log_level = NONE;');
      await exec(`PRAGMA key = ${rawKeyLiteral(key)};`);
      // SQLCipher 4's defaults, said out loud so a changed default cannot change the file format.
      await exec('PRAGMA cipher_compatibility = 4;');
    },
    rekey: (key) => exec(`PRAGMA rekey = ${rawKeyLiteral(key)};`),
    attach: (file, schema, key) => exec(`ATTACH DATABASE ${quoteText(file)} AS ${quoteName(schema)} KEY ${rawKeyLiteral(key)};`),
    exportInto: async (schema) => {
      await all(`SELECT sqlcipher_export(${quoteText(schema)})`);
    },
    cipherIntegrityCheck: async () => {
      const rows = await all<Record<string, unknown>>('PRAGMA cipher_integrity_check');
      return rows.map((row) => Object.values(row).join(' '));
    },
  };
}
