import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { migrations } from '../../../migrations';
import { migrate } from '../../../src/main/db/migrator';
import { openDatabase } from '../../../src/main/db/open';
import { tempDir } from '../helpers';

let cleanup: () => void = () => {};
afterEach(() => cleanup());

describe('migrator', () => {
  it('refuses a database written by a newer version, and changes nothing', async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const file = join(t.dir, 'case.db');
    const key = randomBytes(32);
    const { db } = await openDatabase(file, key, { create: true });
    await db.insertInto('schema_migrations').values({ name: '9999_from_the_future', applied_at: '2026-03-02T10:00:00.000Z' }).execute();
    await db.destroy();
    await expect(openDatabase(file, key)).rejects.toMatchObject({ code: 'NEWER_DATABASE', message: expect.stringMatching(/newer version/) });
    const raw = await openDatabase(file, key, { migrate: false });
    const rows = await raw.db.selectFrom('schema_migrations').select('name').execute();
    expect(rows.map((r) => r.name)).toContain('9999_from_the_future');
    await raw.db.destroy();
  });

  it('runs each migration in its own transaction: a failing one leaves the earlier ones and nothing of itself', async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const { db } = await openDatabase(join(t.dir, 'case.db'), randomBytes(32), { create: true });
    const failing = [
      ...migrations,
      [
        '9000_half_done',
        {
          async up(d: Kysely<unknown>) {
            await sql`create table half_done (x text)`.execute(d);
            throw new Error('migration fails half-way');
          },
        },
      ] as const,
    ];
    await expect(migrate(db, failing)).rejects.toThrow('half-way');
    const tables = await sql<{ name: string }>`select name from sqlite_master where type = 'table'`.execute(db);
    expect(tables.rows.map((r) => r.name)).not.toContain('half_done');
    const applied = await db.selectFrom('schema_migrations').select('name').execute();
    expect(applied.map((r) => r.name)).toEqual(migrations.map(([n]) => n));
    await db.destroy();
  });
});
