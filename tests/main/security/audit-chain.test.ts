/**
 * The audit chain (DESIGN.md section 4): a change to any hashed column of an entry,
 * to its stored hash, or an entry removed or moved, is found by "Verify the audit
 * chain" at exactly that entry. The triggers that refuse UPDATE and DELETE are lifted
 * only to play the part of someone editing the file behind the program's back, then
 * put back from their own stored definition.
 */
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../../src/main/backend';
import type { Database } from '../../../src/main/db/schema';
import { ORG, call, setUpAndLogIn, tempDir } from '../helpers';

let backend: Backend;
let cleanup: () => void;
let db: Kysely<Database>;
let triggers: string[] = [];

type Entry = Record<string, string | number | null>;
const columns = ['at', 'actor_id', 'actor_role', 'action', 'route', 'outcome', 'subject_type', 'subject_id', 'detail', 'prev_hash', 'hash'] as const;

async function entry(seq: number): Promise<Entry> {
  return (await sql<Entry>`select * from audit_log where seq = ${seq}`.execute(db)).rows[0]!;
}

async function liftTriggers() {
  const rows = await sql<{ name: string; sql: string }>`select name, sql from sqlite_master where type = 'trigger' and tbl_name = 'audit_log'`.execute(db);
  triggers = rows.rows.map((r) => r.sql);
  for (const r of rows.rows) await sql`drop trigger ${sql.id(r.name)}`.execute(db);
}

async function restoreTriggers() {
  for (const text of triggers) await sql.raw(text).execute(db);
}

async function putBack(row: Entry) {
  await sql`delete from audit_log where seq = ${row.seq}`.execute(db);
  const names = Object.keys(row);
  await sql`insert into audit_log (${sql.join(names.map((n) => sql.id(n)))}) values (${sql.join(names.map((n) => row[n]))})`.execute(db);
}

async function verify() {
  return call(backend, 'audit.verify', {});
}

/** A different value of the same kind, so only the hash can tell. */
function changed(column: string, value: string | number | null): string {
  if (column === 'at') return '2020-01-01T00:00:00.000Z';
  if (column === 'detail') return JSON.stringify({ fields: ['something_else'] });
  if (column === 'prev_hash' || column === 'hash') return 'f'.repeat(64);
  return `${String(value ?? '')}x`;
}

let middle: number;

beforeAll(async () => {
  const t = tempDir();
  cleanup = t.cleanup;
  ({ backend } = await setUpAndLogIn(t.dir));
  // Changes with every column filled: actor, route, subject and detail.
  const manager = await call(backend, 'staff.create', { fullName: 'Morgan Manager', username: 'morgan', jobTitle: '', role: 'manager' });
  for (let i = 0; i < 4; i++) {
    await call(backend, 'settings.update', { organisation: { ...ORG, name: `Test Charity ${i}` }, autoLockMinutes: 10 + i });
  }
  await call(backend, 'staff.update', { id: manager.staff.id, fullName: 'Morgan Renamed', username: 'morgan', jobTitle: 'Lead', role: 'manager' });
  await call(backend, 'settings.update', { organisation: ORG, autoLockMinutes: 10 });
  db = backend.requireDb();
  const row = (await sql<{ seq: number }>`select seq from audit_log where action = 'staff.update' order by seq desc limit 1`.execute(db)).rows[0]!;
  middle = row.seq;
  await liftTriggers();
}, 60_000);

afterAll(async () => {
  await restoreTriggers();
  await backend.shutdown();
  cleanup();
});

describe('the audit chain notices', () => {
  it('starts whole, with every column of the chosen entry filled', async () => {
    const count = (await sql<{ n: number }>`select count(*) as n from audit_log`.execute(db)).rows[0]!.n;
    const result = await verify();
    expect(result).toMatchObject({ ok: true, firstBroken: null });
    expect(result.checked).toBe(count);
    const row = await entry(middle);
    for (const column of columns) expect(row[column], column).not.toBeNull();
    expect(row.prev_hash).not.toBe('0'.repeat(64));
  });

  for (const column of columns) {
    it(`a change to ${column}, at that entry`, async () => {
      const original = await entry(middle);
      await sql`update audit_log set ${sql.id(column)} = ${changed(column, original[column]!)} where seq = ${middle}`.execute(db);
      const result = await verify();
      expect(result.ok).toBe(false);
      expect(result.firstBroken).toMatchObject({
        seq: middle,
        reason: column === 'prev_hash' ? expect.stringMatching(/link to the previous entry/) : expect.stringMatching(/changed after it was written/),
      });
      await putBack(original);
      expect(await verify()).toMatchObject({ ok: true });
    });

    it(`${column} changed to nothing at all, at that entry`, async () => {
      const original = await entry(middle);
      if (column === 'at' || column === 'action' || column === 'outcome' || column === 'prev_hash' || column === 'hash') return; // NOT NULL
      await sql`update audit_log set ${sql.id(column)} = null where seq = ${middle}`.execute(db);
      expect((await verify()).firstBroken?.seq).toBe(middle);
      await putBack(original);
    });
  }

  it('the very first entry changed (it links to the start of the chain)', async () => {
    const first = (await sql<Entry>`select * from audit_log order by seq limit 1`.execute(db)).rows[0]!;
    expect(first.prev_hash).toBe('0'.repeat(64));
    await sql`update audit_log set prev_hash = ${'1'.repeat(64)} where seq = ${first.seq}`.execute(db);
    expect((await verify()).firstBroken).toMatchObject({ seq: first.seq, reason: expect.stringMatching(/link/) });
    await putBack(first);
    expect(await verify()).toMatchObject({ ok: true });
  });

  it('an entry deleted: the one after it no longer links', async () => {
    const removed = await entry(middle);
    await sql`delete from audit_log where seq = ${middle}`.execute(db);
    const result = await verify();
    expect(result.ok).toBe(false);
    const next = (await sql<{ seq: number }>`select min(seq) as seq from audit_log where seq > ${middle}`.execute(db)).rows[0]!.seq;
    expect(result.firstBroken).toMatchObject({ seq: next, reason: expect.stringMatching(/link to the previous entry/) });
    await putBack(removed);
    expect(await verify()).toMatchObject({ ok: true });
  });

  it('two entries swapped in order', async () => {
    const a = await entry(middle - 1);
    const b = await entry(middle);
    await putBack({ ...b, seq: a.seq! });
    await putBack({ ...a, seq: b.seq! });
    const result = await verify();
    expect(result.ok).toBe(false);
    expect(result.firstBroken?.seq).toBe(a.seq);
    await putBack(a);
    await putBack(b);
    expect(await verify()).toMatchObject({ ok: true });
  });

  it('an entry copied over its neighbour (same hash twice)', async () => {
    const a = await entry(middle - 1);
    const b = await entry(middle);
    await putBack({ ...a, seq: b.seq! });
    expect((await verify()).firstBroken?.seq).toBe(b.seq);
    await putBack(b);
    expect(await verify()).toMatchObject({ ok: true });
  });

  it('new entries written after verify keep linking (nothing left open by the check)', async () => {
    await restoreTriggers();
    await call(backend, 'settings.update', { organisation: ORG, autoLockMinutes: 11 });
    const last = (await sql<Entry>`select * from audit_log order by seq desc limit 2`.execute(db)).rows;
    expect(last[0]!.prev_hash).toBe(last[1]!.hash);
    expect(last[0]!.outcome).toBe('ok');
    expect(await verify()).toMatchObject({ ok: true });
    await liftTriggers();
  });
});
