/**
 * SQLCipher's `sqlcipher_export`, in SQL, for SQLite3 Multiple Ciphers (which
 * has no such function): copies every table, index, view, trigger and virtual
 * table of `main` into an attached, empty database, which the attach keyed.
 *
 * As in SQLCipher: tables with data pages are created and filled, then their
 * indexes built (after the rows, which is faster); objects without pages
 * (views, triggers, the FTS5 tables whose data lives in their shadow tables)
 * are written into the target's schema as they are, with `writable_schema`,
 * so each keeps its exact definition; `sqlite_sequence` and the user version
 * are carried over, and so are SQLite's statistics tables (sqlite_stat1).
 * better-sqlite3 runs in SQLite's defensive mode, which forbids writing the
 * schema, so it is lifted for the export only.
 */
import type { Bs3mcDatabase } from './bs3mc-api';
import { quoteName } from './types';

interface SchemaRow {
  type: string;
  name: string;
  tbl_name: string;
  rootpage: number;
  sql: string | null;
}

export function exportDatabaseSql(db: Bs3mcDatabase, schema: string): void {
  const target = quoteName(schema);
  const rows = db
    .prepare('SELECT type, name, tbl_name, rootpage, sql FROM main.sqlite_schema ORDER BY rowid')
    .all() as SchemaRow[];
  const tables = rows.filter((r) => r.type === 'table' && r.rootpage > 0 && r.name !== 'sqlite_sequence' && r.sql);
  const indexes = rows.filter((r) => r.type === 'index' && r.sql);
  const pageless = rows.filter((r) => r.type === 'view' || r.type === 'trigger' || (r.type === 'table' && r.rootpage === 0));

  db.unsafeMode(true);
  try {
    // A savepoint, so the export is one unit whether or not the caller already opened a transaction.
    db.exec('SAVEPOINT sqlcipher_export');
    // Tables are copied in the order they were made, so a child (a task about a partner) can come before its
    // parent: foreign keys are checked once, when the whole copy is in (SQLCipher's own export does not check them).
    db.exec('PRAGMA defer_foreign_keys = ON');
    // Also lets the copy have the tables whose names SQLite reserves (sqlite_stat1 from ANALYZE / PRAGMA optimize).
    db.exec('PRAGMA writable_schema = ON');
    try {
      for (const t of tables) db.exec(qualify(t.sql!, 'TABLE', target));
      for (const t of tables) db.exec(`INSERT INTO ${target}.${quoteName(t.name)} SELECT * FROM main.${quoteName(t.name)}`);
      for (const i of indexes) db.exec(qualify(i.sql!, i.sql!.match(/^\s*CREATE\s+UNIQUE\s+INDEX/i) ? 'UNIQUE INDEX' : 'INDEX', target));
      if (rows.some((r) => r.name === 'sqlite_sequence')) {
        db.exec(`DELETE FROM ${target}.sqlite_sequence; INSERT INTO ${target}.sqlite_sequence SELECT * FROM main.sqlite_sequence;`);
      }
      const insert = db.prepare(`INSERT INTO ${target}.sqlite_schema (type, name, tbl_name, rootpage, sql) VALUES (?, ?, ?, 0, ?)`);
      for (const p of pageless) insert.run(p.type, p.name, p.tbl_name, p.sql);
      const userVersion = db.pragma('main.user_version', { simple: true }) as number;
      db.exec(`PRAGMA ${target}.user_version = ${Number(userVersion) | 0}`);
      db.exec('PRAGMA writable_schema = OFF');
      db.exec('RELEASE sqlcipher_export');
    } catch (err) {
      db.exec('PRAGMA writable_schema = OFF');
      if (db.inTransaction) db.exec('ROLLBACK TO sqlcipher_export; RELEASE sqlcipher_export');
      throw err;
    }
  } finally {
    db.unsafeMode(false);
  }
}

/** `CREATE TABLE x (...)` becomes `CREATE TABLE "backup".x (...)`, keeping the rest of the statement exactly. */
function qualify(sql: string, kind: 'TABLE' | 'INDEX' | 'UNIQUE INDEX', target: string): string {
  const head = new RegExp(`^\\s*CREATE\\s+${kind.replace(' ', '\\s+')}\\s+(IF\\s+NOT\\s+EXISTS\\s+)?`, 'i');
  const match = head.exec(sql);
  if (!match) throw new Error(`Cannot copy a schema entry that does not start with CREATE ${kind}.`);
  return `CREATE ${kind} ${match[1] ?? ''}${target}.${sql.slice(match[0].length)}`;
}
