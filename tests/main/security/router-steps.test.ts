/**
 * The router's contract with the services (DESIGN.md section 2), checked with
 * the real router, the real back end and a real database, and with a chosen
 * route's handler replaced by one written here so that each step can be seen
 * on its own: a write with no audit entry of its own still gets one (the names
 * of the fields it was sent); a service's own entries replace it; work kept for
 * after the commit runs once, after the commit, and never for a failed call; a
 * service reaching the database or the person while locked is told LOCKED; a
 * read is an opening of the man's or partner's record unless the service said
 * otherwise; a wrong password or key from the vault is not audited twice; every
 * call from a logged-in person counts as activity for the idle lock.
 */
import { chainDb, type AuditChain } from '../../../src/main/audit/audit';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { AppError } from '../../../src/main/app-error';
import { handlers } from '../../../src/main/features/handlers';
import { Router, type Handlers } from '../../../src/main/ipc/router';
import { call } from '../helpers';
import { referralInput, worldForFile } from '../participants/fixtures';

const w = worldForFile('manager');
let man: string;
const NIL = '00000000-0000-4000-8000-000000000000';
const LOCKED = { code: 'LOCKED', message: 'The program is locked. Please log in again.' };
const window = { verified: true };

beforeAll(async () => {
  man = (await call(w.backend, 'participants.create', referralInput({ firstName: 'Steps', lastName: 'Case', aliases: [] }))).id;
});

/** The real router over the real back end, with some handlers replaced. */
const routerWith = (replaced: Partial<Handlers>) => new Router(w.backend, { ...handlers, ...replaced } as Handlers);

/** Entries of one chain: the programme's, or (for her side's work, issue 13) the partner file's. */
async function entriesAfter(seq: number, chain: AuditChain = 'programme') {
  return chainDb(w.backend.requireDb(), chain).selectFrom('audit_log').selectAll().where('seq', '>', seq).orderBy('seq').execute();
}
async function lastSeq(chain: AuditChain = 'programme') {
  const row = await chainDb(w.backend.requireDb(), chain).selectFrom('audit_log').select('seq').orderBy('seq', 'desc').limit(1).executeTakeFirst();
  return row?.seq ?? 0;
}

describe('a write and its audit entries', () => {
  it('a write whose service records nothing is audited under its route with the names of the fields sent', async () => {
    const router = routerWith({ 'closures.add': async () => [] });
    const before = await lastSeq();
    expect(await router.invoke('closures.add', { date: '2028-01-03', name: 'Quiet write' }, window)).toEqual({ ok: true, value: [] });
    const entries = await entriesAfter(before);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ action: 'closures.add', route: 'closures.add', outcome: 'ok', actor_role: 'manager', actor_id: w.backend.session!.staffId, subject_type: null, subject_id: null });
    expect(JSON.parse(entries[0]!.detail!)).toEqual({ fields: ['date', 'name'] });
  });

  it('a service’s own entries are written instead, in order, each under the route and the person', async () => {
    const router = routerWith({
      'closures.add': async (ctx) => {
        ctx.audit({ action: 'closures.first', detail: { n: 1 } });
        ctx.audit({ action: 'closures.second', subjectType: 'participant', subjectId: man });
        return [];
      },
    });
    const before = await lastSeq();
    await router.invoke('closures.add', { date: '2028-01-04', name: 'Own entries' }, window);
    const entries = await entriesAfter(before);
    expect(entries.map((e) => [e.action, e.route, e.actor_role, e.subject_id])).toEqual([
      ['closures.first', 'closures.add', 'manager', null],
      ['closures.second', 'closures.add', 'manager', man],
    ]);
    expect(JSON.parse(entries[0]!.detail!)).toEqual({ n: 1 });
  });

  it('work kept for after the commit runs once, when the change and its entry can be seen outside the transaction', async () => {
    const seen: Array<{ saved: boolean; audited: boolean }> = [];
    const router = routerWith({
      'closures.add': async (ctx, input) => {
        await ctx.db.insertInto('closure_dates').values({ date: input.date, name: input.name }).execute();
        ctx.afterCommit(async () => {
          const db = w.backend.requireDb();
          const saved = await db.selectFrom('closure_dates').select('date').where('date', '=', input.date).executeTakeFirst();
          const audited = await db.selectFrom('audit_log').select('seq').where('action', '=', 'closures.add').where('detail', 'like', '%date%').orderBy('seq', 'desc').executeTakeFirst();
          seen.push({ saved: Boolean(saved), audited: Boolean(audited) });
        });
        return [];
      },
    });
    expect((await router.invoke('closures.add', { date: '2028-01-05', name: 'After commit' }, window)).ok).toBe(true);
    expect(seen).toEqual([{ saved: true, audited: true }]);
  });

  it('a write that fails keeps nothing and runs none of its after-commit work', async () => {
    let ran = 0;
    const router = routerWith({
      'closures.add': async (ctx, input) => {
        await ctx.db.insertInto('closure_dates').values({ date: input.date, name: input.name }).execute();
        ctx.afterCommit(async () => {
          ran += 1;
        });
        throw new AppError('CONFLICT', 'Someone else changed this.');
      },
    });
    const result = await router.invoke('closures.add', { date: '2028-01-06', name: 'Rolled back' }, window);
    expect(result).toEqual({ ok: false, error: { code: 'CONFLICT', message: 'Someone else changed this.' } });
    expect(ran).toBe(0);
    expect((await call(w.backend, 'closures.list', {})).some((c) => c.name === 'Rolled back')).toBe(false);
  });
});

describe('reads and the record they open', () => {
  it('a read about a partner, with no entry of its own, is audited against her, in her side’s chain', async () => {
    const router = routerWith({ 'partners.get': async () => null as never });
    const before = await lastSeq('partner');
    const programmeBefore = await lastSeq();
    await router.invoke('partners.get', { partnerId: NIL }, window);
    expect(await entriesAfter(programmeBefore)).toEqual([]);
    const entries = await entriesAfter(before, 'partner');
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ action: 'partners.get', route: 'partners.get', outcome: 'ok', subject_type: 'partner', subject_id: NIL, actor_role: 'manager' });
  });

  it('a read that records its own entry is not audited a second time', async () => {
    const router = routerWith({
      'attendance.summary': async (ctx) => {
        ctx.audit({ action: 'attendance.looked', subjectType: 'participant', subjectId: man });
        return null;
      },
    });
    const before = await lastSeq();
    await router.invoke('attendance.summary', { participantId: man }, window);
    expect((await entriesAfter(before)).map((e) => [e.action, e.route, e.subject_id])).toEqual([['attendance.looked', 'attendance.summary', man]]);
  });

  it('a read of a record by its id alone writes nothing unless the service says whose it is', async () => {
    const router = routerWith({ 'participants.get': async () => null as never });
    const before = await lastSeq();
    expect((await router.invoke('participants.get', { id: man }, window)).ok).toBe(true);
    expect(await entriesAfter(before)).toEqual([]);
  });
});

describe('the context a service is given', () => {
  it('reaching the database or the person while locked is refused as LOCKED, never a crash', async () => {
    await call(w.backend, 'auth.lock', {});
    try {
      const byDb = routerWith({ 'auth.status': async (ctx) => (await ctx.db.selectFrom('staff').select('id').execute()) as never });
      expect(await byDb.invoke('auth.status', {}, window)).toEqual({ ok: false, error: LOCKED });
      const byUser = routerWith({ 'auth.status': async (ctx) => ctx.user.role as never });
      expect(await byUser.invoke('auth.status', {}, window)).toEqual({ ok: false, error: LOCKED });
      const bySession = routerWith({ 'auth.status': async (ctx) => ({ session: ctx.session }) as never });
      expect(await bySession.invoke('auth.status', {}, window)).toEqual({ ok: true, value: { session: null } });
    } finally {
      await w.loginAs('manager');
    }
  });

  it('the logged-in person and the database are there for a service when unlocked', async () => {
    const router = routerWith({ 'auth.status': async (ctx) => ({ role: ctx.user.role, staff: (await ctx.db.selectFrom('staff').select('id').execute()).length > 0 }) as never });
    expect(await router.invoke('auth.status', {}, window)).toEqual({ ok: true, value: { role: 'manager', staff: true } });
  });

  it('a wrong password or key refused by the vault is answered but not audited by the router (the slow-down keeps it)', async () => {
    const router = routerWith({ 'auth.status': async () => Promise.reject(new AppError('VALIDATION', 'That password is not right.', { fields: { password: 'That password is not right.' } })) });
    const before = await lastSeq();
    const result = await router.invoke('auth.status', {}, window);
    expect(result).toEqual({ ok: false, error: { code: 'VALIDATION', message: 'That password is not right.', fields: { password: 'That password is not right.' } } });
    expect(await entriesAfter(before)).toEqual([]);
  });

  it('the same refusal from any other service is audited as refused, with the field', async () => {
    const router = routerWith({ 'closures.add': async () => Promise.reject(new AppError('VALIDATION', 'Not that day.', { fields: { date: 'Not that day.' } })) });
    const before = await lastSeq();
    await router.invoke('closures.add', { date: '2028-01-07', name: 'Refused' }, window);
    const entries = await entriesAfter(before);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ action: 'closures.add', route: 'closures.add', outcome: 'refused', actor_role: 'manager' });
    expect(JSON.parse(entries[0]!.detail!)).toEqual({ code: 'VALIDATION', fields: ['date'] });
  });

  it('an internal error is logged with its route and reference only', async () => {
    const spy = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const router = routerWith({ 'closures.add': async () => Promise.reject(new Error('Mr Secret Name')) });
      const result = await router.invoke('closures.add', { date: '2028-01-08', name: 'Boom' }, window);
      expect(result.ok).toBe(false);
      const reference = !result.ok ? result.error.reference : undefined;
      expect(spy).toHaveBeenCalledTimes(1);
      const line = String(spy.mock.calls[0]![0]);
      expect(line.startsWith(`[case-manager] [${reference}] internal error in closures.add\nError`)).toBe(true);
      expect(line).not.toContain('Secret');
    } finally {
      spy.mockRestore();
    }
  });
});

describe('activity for the idle lock', () => {
  const activity = () => (w.backend as unknown as { lastActivity: number }).lastActivity;
  const setActivity = (value: number) => {
    (w.backend as unknown as { lastActivity: number }).lastActivity = value;
  };

  it('every call from the logged-in person counts, even one refused for its input', async () => {
    setActivity(0);
    await w.backend.invoke('tasks.list', {}, window);
    expect(activity()).toBeGreaterThan(0);
    setActivity(0);
    await w.backend.invoke('participants.get', { id: 'not an id' }, window);
    expect(activity()).toBeGreaterThan(0);
  });

  it('a call that did not come from the window does not', async () => {
    setActivity(0);
    await w.backend.invoke('tasks.list', {}, { verified: false });
    expect(activity()).toBe(0);
    setActivity(w.backend.now());
  });
});

describe('what a refused call’s audit entry says was empty', () => {
  it('names the fields left empty (missing, null, blank text), apart from those given a wrong value', async () => {
    const before = await lastSeq();
    await w.backend.invoke('closures.add', { date: null, name: '   ' }, window);
    await w.backend.invoke('closures.add', { name: 'A name' }, window);
    await w.backend.invoke('closures.add', { date: 'yesterday', name: 'A name' }, window);
    await w.backend.invoke('closures.add', 'not an object', window);
    const details = (await entriesAfter(before)).map((e) => JSON.parse(e.detail!) as unknown);
    expect(details).toEqual([
      { code: 'VALIDATION', fields: ['date', 'name'], missing: ['date', 'name'] },
      { code: 'VALIDATION', fields: ['date'], missing: ['date'] },
      { code: 'VALIDATION', fields: ['date'] },
      { code: 'VALIDATION', fields: ['_'], missing: ['_'] },
    ]);
  });
});

describe('what a refused call’s audit entry says was empty: every kind of value', () => {
  const uuid = (n: number) => `00000000-0000-4000-8000-00000000000${n}`;
  const group = { programmeTypeId: NIL, name: 'Tuesday group', venue: 'Hall', weekday: 2, startTime: '18:00', startDate: '2028-01-04', capacity: 10, intake: 'closed' };

  it('an empty list is empty; a list with too many in it, or a number where text belongs, was given', async () => {
    const before = await lastSeq();
    await w.backend.invoke('groups.create', { ...group, facilitatorIds: [] }, window);
    await w.backend.invoke('groups.create', { ...group, facilitatorIds: [uuid(1), uuid(2), uuid(3)] }, window);
    await w.backend.invoke('groups.create', { ...group, name: 5, facilitatorIds: [uuid(1)] }, window);
    const details = (await entriesAfter(before)).map((e) => JSON.parse(e.detail!) as unknown);
    expect(details).toEqual([
      { code: 'VALIDATION', fields: ['facilitatorIds'], missing: ['facilitatorIds'] },
      { code: 'VALIDATION', fields: ['facilitatorIds'] },
      { code: 'VALIDATION', fields: ['name'] },
    ]);
  });

  it('no input at all (undefined or null): every field it needs is empty', async () => {
    const before = await lastSeq();
    expect((await w.backend.invoke('closures.add', undefined, window)).ok).toBe(false);
    expect((await w.backend.invoke('closures.add', null, window)).ok).toBe(false);
    const details = (await entriesAfter(before)).map((e) => JSON.parse(e.detail!) as unknown);
    expect(details).toEqual([
      { code: 'VALIDATION', fields: ['date', 'name'], missing: ['date', 'name'] },
      { code: 'VALIDATION', fields: ['date', 'name'], missing: ['date', 'name'] },
    ]);
  });

  it('a service’s refusal naming more than 20 fields keeps 20 names, long ones cut; a path through text is not read into', async () => {
    const fields: Record<string, string> = { [`${'x'.repeat(100)}tail`]: 'Too long', 'name.0': 'Not that letter', 'name.length': 'Not that length' };
    for (let i = 0; i < 22; i += 1) fields[`row${i}`] = 'Check this row';
    const router = routerWith({ 'closures.add': async () => Promise.reject(new AppError('VALIDATION', 'Check the rows.', { fields })) });
    const before = await lastSeq();
    const result = await router.invoke('closures.add', { date: '2028-01-09', name: 'Quiet' }, window);
    expect(result).toEqual({ ok: false, error: { code: 'VALIDATION', message: 'Check the rows.', fields } });
    const entries = await entriesAfter(before);
    expect(entries).toHaveLength(1);
    const twenty = [`${'x'.repeat(100)}…`, 'name.0', 'name.length', ...Array.from({ length: 17 }, (_, i) => `row${i}`)];
    expect(JSON.parse(entries[0]!.detail!)).toEqual({ code: 'VALIDATION', fields: twenty, missing: twenty });
  });
});

describe('errors from inside a service that the router explains', () => {
  it('a check the service makes itself with zod is answered as a refusal naming the field, and audited as refused', async () => {
    const router = routerWith({
      'closures.add': async () => {
        z.object({ when: z.string('Enter the day') }).parse({});
        return [];
      },
    });
    const before = await lastSeq();
    const result = await router.invoke('closures.add', { date: '2028-01-10', name: 'Checked inside' }, window);
    expect(result).toEqual({ ok: false, error: { code: 'VALIDATION', message: 'Enter the day.', fields: { when: 'Enter the day' } } });
    const entries = await entriesAfter(before);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ action: 'closures.add', outcome: 'refused' });
    expect(JSON.parse(entries[0]!.detail!)).toEqual({ code: 'VALIDATION', fields: ['when'], missing: ['when'] });
  });

  it('a partner-side table that is not open to the session (no partner key) is a plain refusal, never a database error', async () => {
    const FORBIDDEN = {
      code: 'FORBIDDEN',
      message: 'The partner side is not open for you: your account does not hold the partner key. A manager can give you partner access.',
    };
    await w.loginAs('admin');
    try {
      for (const table of ['partners', 'partner.partner_links', 'main.safety_plans']) {
        const router = routerWith({ 'staff.list': async (ctx) => (await sql.raw(`select * from ${table}`).execute(ctx.db)) as never });
        const before = await lastSeq();
        expect(await router.invoke('staff.list', {}, window)).toEqual({ ok: false, error: FORBIDDEN });
        const entries = await entriesAfter(before);
        expect(entries.map((e) => [e.action, e.outcome, e.actor_role])).toEqual([['staff.list', 'refused', 'admin']]);
        expect(JSON.parse(entries[0]!.detail!)).toEqual({ code: 'FORBIDDEN' });
      }
    } finally {
      await w.loginAs('manager');
    }
  });
});
