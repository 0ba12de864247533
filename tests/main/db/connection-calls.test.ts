import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openRaw } from '../../../src/main/db/driver';
import { tempDir } from '../helpers';

let cleanup: () => void = () => {};
afterEach(() => cleanup());

/**
 * What every statement sent through the seam must give, whichever driver runs (under bs3mc the
 * connection's thread keeps prepared statements by their SQL and sends rows back as arrays).
 */
describe('statements through the driver seam', () => {
  async function opened() {
    const t = tempDir();
    cleanup = t.cleanup;
    const raw = await openRaw(join(t.dir, 'calls.db'));
    await raw.key(randomBytes(32));
    await raw.exec('PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON;');
    return raw;
  }

  it('gives rows as objects with every column in order, BLOBs as Buffers and NULLs as null', async () => {
    const raw = await opened();
    await raw.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT, score REAL, photo BLOB, note TEXT)');
    await raw.run('INSERT INTO t (id, name, score, photo, note) VALUES (?, ?, ?, ?, ?)', [1, 'Ann', 2.5, Buffer.from([0, 1, 255]), null]);
    await raw.run('INSERT INTO t (id, name, score, photo, note) VALUES (?, ?, ?, ?, ?)', [2, 'Bob', 3, null, 'x']);
    const rows = await raw.all<Record<string, unknown>>('SELECT * FROM t ORDER BY id');
    expect(rows.map((r) => Object.keys(r))).toEqual([
      ['id', 'name', 'score', 'photo', 'note'],
      ['id', 'name', 'score', 'photo', 'note'],
    ]);
    expect(rows[0]).toEqual({ id: 1, name: 'Ann', score: 2.5, photo: Buffer.from([0, 1, 255]), note: null });
    expect(Buffer.isBuffer(rows[0]!.photo)).toBe(true);
    expect(rows[1]).toEqual({ id: 2, name: 'Bob', score: 3, photo: null, note: 'x' });
    expect(await raw.all('SELECT * FROM t WHERE id = ?', [99])).toEqual([]);
    // A statement that returns no rows, sent as a read, runs and gives none.
    expect(await raw.all('UPDATE t SET note = ? WHERE id = ?', ['y', 1])).toEqual([]);
    expect((await raw.all<{ note: string }>('SELECT note FROM t WHERE id = ?', [1]))[0]!.note).toBe('y');
    await raw.close();
  });

  it('answers the same SQL sent again after the schema changed with the new shape, or the same error', async () => {
    const raw = await opened();
    await raw.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT)');
    await raw.run('INSERT INTO t (id, name) VALUES (?, ?)', [1, 'Ann']);
    expect(await raw.all('SELECT * FROM t')).toEqual([{ id: 1, name: 'Ann' }]);
    await raw.exec("ALTER TABLE t ADD COLUMN team TEXT NOT NULL DEFAULT 'blue'");
    expect(await raw.all('SELECT * FROM t')).toEqual([{ id: 1, name: 'Ann', team: 'blue' }]);
    await raw.exec('ALTER TABLE t RENAME COLUMN name TO full_name');
    expect(await raw.all('SELECT * FROM t')).toEqual([{ id: 1, full_name: 'Ann', team: 'blue' }]);
    await raw.exec('DROP TABLE t');
    await expect(raw.all('SELECT * FROM t')).rejects.toThrow(/no such table: t/);
    await expect(raw.run('INSERT INTO t (id, name) VALUES (?, ?)', [2, 'Bob'])).rejects.toThrow(/no such table: t/);
    await raw.close();
  });

  it('rolls back every statement of a transaction when one fails, with the failing statement’s own error', async () => {
    const raw = await opened();
    await raw.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL)');
    await raw.run('BEGIN IMMEDIATE');
    await raw.run('INSERT INTO t (id, name) VALUES (?, ?)', [1, 'Ann']);
    await raw.run('INSERT INTO t (id, name) VALUES (?, ?)', [2, 'Bob']);
    const failure = await raw.run('INSERT INTO t (id, name) VALUES (?, ?)', [3, null]).catch((err: Error & { code?: string }) => err);
    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error).message).toMatch(/NOT NULL constraint failed: t\.name/);
    expect((failure as { code?: string }).code).toBe(raw.driver === 'bs3mc' ? 'SQLITE_CONSTRAINT_NOTNULL' : 'SQLITE_CONSTRAINT');
    await raw.run('ROLLBACK');
    expect(await raw.all('SELECT count(*) AS n FROM t')).toEqual([{ n: 0 }]);
    await raw.close();
  });

  it('keeps answering correctly with many more different statements than it keeps prepared', async () => {
    const raw = await opened();
    await raw.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v INTEGER)');
    for (let i = 0; i < 600; i++) await raw.run(`INSERT INTO t (id, v) VALUES (${i}, ?)`, [i * 2]);
    for (let i = 599; i >= 0; i -= 7) expect(await raw.all(`SELECT v FROM t WHERE id = ${i}`)).toEqual([{ v: i * 2 }]);
    expect(await raw.all('SELECT count(*) AS n, sum(v) AS s FROM t')).toEqual([{ n: 600, s: 599 * 600 }]);
    await raw.close();
  });
});
