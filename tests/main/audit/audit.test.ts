import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { appendAuditEntries } from '../../../src/main/audit/audit';
import { call, setUpAndLogIn, tempDir } from '../helpers';
import { nowIso } from '../../../src/main/clock';

let cleanup: () => void = () => {};
afterEach(() => cleanup());

describe('audit log', () => {
  it('chains many entries written together in order, over several INSERTs, and verify accepts them', async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const { backend } = await setUpAndLogIn(t.dir);
    const db = backend.requireDb();
    const before = Number((await db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const entries = Array.from({ length: 1203 }, (_, i) => ({ action: `bench.entry${i}`, detail: { fields: ['x'] } }));
    await db.transaction().execute((trx) => appendAuditEntries(trx, entries));
    const written = await db.selectFrom('audit_log').select(['seq', 'action']).where('action', 'like', 'bench.entry%').orderBy('seq').execute();
    expect(written.map((r) => r.action)).toEqual(entries.map((e) => e.action));
    expect(written[0]!.seq).toBe(before + 1);
    expect(await call(backend, 'audit.verify', {})).toMatchObject({ ok: true, firstBroken: null });
    await backend.shutdown();
  });

  it('refuses UPDATE and DELETE, and verify finds an entry tampered with behind the triggers', async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const { backend } = await setUpAndLogIn(t.dir);
    for (let i = 0; i < 5; i++) {
      await call(backend, 'settings.update', {
        organisation: { name: `Test Charity ${i}`, shortName: 'TestCharity', address: '1 High Street, Testtown', charityNumber: '', phone: '' },
        autoLockMinutes: 10 + i,
      });
    }
    expect(await call(backend, 'audit.verify', {})).toMatchObject({ ok: true, firstBroken: null });

    const db = backend.requireDb();
    await expect(sql`update audit_log set action = 'x' where seq = 3`.execute(db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_log where seq = 3`.execute(db)).rejects.toThrow(/append-only/);

    await sql`drop trigger audit_log_no_update`.execute(db);
    await sql`update audit_log set actor_id = null where seq = 4`.execute(db);
    const result = await call(backend, 'audit.verify', {});
    expect(result.ok).toBe(false);
    expect(result.firstBroken).toMatchObject({ seq: 4, reason: expect.stringMatching(/changed/) });

    await sql`drop trigger audit_log_no_delete`.execute(db);
    // Restore entry 4 is impossible without the hash; remove entry 2 instead on a fresh view of the chain.
    await sql`delete from audit_log where seq = 2`.execute(db);
    const afterDelete = await call(backend, 'audit.verify', {});
    expect(afterDelete.firstBroken?.seq).toBe(3);
    await backend.shutdown();
  });

  it('lists entries filtered by member of staff, action, outcome and date', async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const { backend } = await setUpAndLogIn(t.dir);
    const today = nowIso({ backend }).slice(0, 10);
    const page = await call(backend, 'audit.list', { staffId: backend.session!.staffId, from: today, to: today });
    expect(page.entries.map((e) => e.action)).toEqual(expect.arrayContaining(['auth.login', 'auth.setup']));
    expect(page.entries[0]!.actorName).toBe('Ada Admin');
    expect((await call(backend, 'audit.list', { action: 'auth.setup' })).total).toBe(1);
    expect((await call(backend, 'audit.list', { from: '2000-01-01', to: '2000-01-02' })).total).toBe(0);
    const bad = await backend.invoke('audit.list', { from: '2026-02-01', to: '2026-01-01' }, { verified: true });
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION', fields: { to: expect.any(String) } } });
    await backend.shutdown();
  });
});

describe('audit export', () => {
  it('exports the filtered entries as CSV with formulas defused, and records the export', async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const { backend } = await setUpAndLogIn(t.dir);
    await call(backend, 'staff.create', { fullName: '=HYPERLINK("x")', username: 'formula', jobTitle: '', role: 'facilitator' });
    const all = await call(backend, 'audit.export', {});
    const lines = all.csv.trim().split('\r\n');
    expect(lines[0]).toBe('No.,Time (UTC),Member of staff,Role,Action,Outcome,Record type,Record,Detail');
    expect(lines.length).toBe(all.rows + 1);
    expect(all.fileName).toMatch(/^audit-log-\d{4}-\d{2}-\d{2}-\d+-entries\.csv$/);
    const only = await call(backend, 'audit.export', { action: 'staff.create' });
    expect(only.rows).toBe(1);
    expect(only.csv).toContain('staff.create');
    const exported = await call(backend, 'audit.list', { action: 'audit.export' });
    expect(exported.total).toBe(2);
    expect(exported.entries[0]!.detail).toEqual({ rows: 1, filters: ['action'] });
    await backend.shutdown();
  });
});
