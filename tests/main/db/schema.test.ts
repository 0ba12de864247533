import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/main/db/open';
import type { Database } from '../../../src/main/db/schema';
import { tempDir } from '../helpers';

let cleanup: () => void = () => {};
afterEach(() => cleanup());

type Column = { type: 'text' | 'integer' | 'real' | 'blob'; nullable: boolean };
/**
 * The hand-written types, restated as data. The mapped type makes this fail to
 * compile if a table or column is added to or removed from schema.ts without
 * being listed here; the test then compares it with the migrated database.
 */
type Expected = { [T in keyof Database]: { [C in keyof Database[T]]-?: Column } };
const text = (nullable = false): Column => ({ type: 'text', nullable });
const integer = (nullable = false): Column => ({ type: 'integer', nullable });

const expected: Expected = {
  meta: { key: text(), value: text() },
  schema_migrations: { name: text(), applied_at: text() },
  settings: { key: text(), value: text(), updated_at: text(), updated_by: text(true) },
  staff: {
    id: text(),
    username: text(),
    full_name: text(),
    job_title: text(true),
    role: text(),
    active: integer(),
    must_change_password: integer(),
    created_at: text(),
    updated_at: text(),
    last_login_at: text(true),
    deactivated_at: text(true),
  },
  audit_log: {
    seq: integer(),
    at: text(),
    actor_id: text(true),
    actor_role: text(true),
    action: text(),
    route: text(true),
    outcome: text(),
    subject_type: text(true),
    subject_id: text(true),
    detail: text(true),
    prev_hash: text(),
    hash: text(),
  },
};

describe('schema.ts matches the migrated database', () => {
  it('has the same tables and columns, types and nullability', async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const { db } = await openDatabase(join(t.dir, 'case.db'), randomBytes(32), { create: true });
    const tables = await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`.execute(db);
    expect(tables.rows.map((r) => r.name)).toEqual(Object.keys(expected).sort());
    for (const [table, columns] of Object.entries(expected)) {
      const info = await sql<{ name: string; type: string; notnull: number; pk: number }>`select * from pragma_table_info(${table})`.execute(db);
      const actual = Object.fromEntries(
        info.rows.map((c) => [c.name, { type: c.type.toLowerCase(), nullable: c.notnull === 0 && c.pk === 0 }]),
      );
      expect(actual, `table ${table}`).toEqual(columns);
    }
    await db.destroy();
  });
});
