import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/main/db/open';
import { tempDir } from '../helpers';

let cleanup: () => void = () => {};
afterEach(() => cleanup());

describe('encrypted database', () => {
  it('holds no plaintext of what was written, in the file or its WAL, and opens only with the right key', async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const file = join(t.dir, 'case.db');
    const key = randomBytes(32);
    const marker = 'ZEBRA-PLAINTEXT-MARKER-7319';
    const { db } = await openDatabase(file, key, { create: true });
    await db.insertInto('meta').values({ key: 'marker', value: marker }).execute();
    // Read the files while the WAL still holds the write (before any checkpoint on close).
    expect(existsSync(`${file}-wal`)).toBe(true);
    for (const f of [file, `${file}-wal`]) {
      const bytes = readFileSync(f);
      expect(bytes.includes(Buffer.from(marker))).toBe(false);
      expect(bytes.includes(Buffer.from('SQLite format 3'))).toBe(false);
      expect(bytes.includes(Buffer.from('audit_log'))).toBe(false);
    }
    const mode = await sql<{ journal_mode: string }>`PRAGMA journal_mode`.execute(db);
    expect(mode.rows[0]!.journal_mode).toBe('wal');
    const secure = await sql<{ secure_delete: number }>`PRAGMA secure_delete`.execute(db);
    expect(secure.rows[0]!.secure_delete).toBe(1);
    const fk = await sql<{ foreign_keys: number }>`PRAGMA foreign_keys`.execute(db);
    expect(fk.rows[0]!.foreign_keys).toBe(1);
    await db.destroy();

    const again = await openDatabase(file, key);
    const row = await again.db.selectFrom('meta').select('value').where('key', '=', 'marker').executeTakeFirst();
    expect(row?.value).toBe(marker);
    await again.db.destroy();

    await expect(openDatabase(file, randomBytes(32))).rejects.toMatchObject({ code: 'VAULT' });
  });

  it('never creates an empty database in place of a missing one', async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const file = join(t.dir, 'case.db');
    await expect(openDatabase(file, randomBytes(32))).rejects.toMatchObject({ code: 'VAULT' });
    expect(existsSync(file)).toBe(false);
  });
});
