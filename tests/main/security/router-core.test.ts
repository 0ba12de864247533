/**
 * The router's own steps (DESIGN.md section 2), each with the answer written here:
 * error messages naming the fields, refusals audited against the record they were
 * about, reads of a named man or partner audited, the fields of a write audited,
 * a temporary password first, internal errors hidden behind a reference, the full
 * disk said as such, the audit anchor kept up with every entry.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { zodToApiError } from '../../../src/main/ipc/router';
import { DISK_FULL_MESSAGE } from '../../../src/main/disk-full';
import type { RouteName } from '../../../src/shared/api';
import { call, callError } from '../helpers';
import { referralInput, worldForFile } from '../participants/fixtures';

const w = worldForFile('manager');
let man: string;
const NIL = '00000000-0000-4000-8000-000000000000';

/** The newest entry; `chain` 'partner': in the partner side's own chain (issue 13 part 6), open to a holder's session. */
async function last(action?: string, chain: 'programme' | 'partner' = 'programme') {
  const db = w.backend.requireDb();
  let q = (chain === 'partner' ? db.withSchema('partner') : db).selectFrom('audit_log').selectAll().orderBy('seq', 'desc').limit(1);
  if (action) q = q.where('action', '=', action);
  return q.executeTakeFirstOrThrow();
}

beforeAll(async () => {
  man = (await call(w.backend, 'participants.create', referralInput({ firstName: 'Router', lastName: 'Case', aliases: [] }))).id;
});

describe('validation messages', () => {
  it('one field: its own message as a sentence, never with two full stops', () => {
    const schema = z.object({ name: z.string().min(1, 'Enter the name') });
    expect(zodToApiError(schema.safeParse({ name: '' }).error!)).toEqual({ code: 'VALIDATION', message: 'Enter the name.', fields: { name: 'Enter the name' } });
    const dotted = z.object({ name: z.string().min(1, 'Enter the name.') });
    expect(zodToApiError(dotted.safeParse({ name: '' }).error!).message).toBe('Enter the name.');
  });

  it('several fields: how many and which, nested paths with dots; the first message for each field is kept', () => {
    const schema = z.object({
      a: z.string().min(3, 'Too short').regex(/^x/, 'Start with x'),
      b: z.object({ c: z.number('A number') }),
    });
    const error = zodToApiError(schema.safeParse({ a: 'y', b: { c: 'no' } }).error!);
    expect(error).toEqual({ code: 'VALIDATION', message: '2 fields need attention: a, b.c.', fields: { a: 'Too short', 'b.c': 'A number' } });
  });

  it('a field’s name longer than 100 characters (a key the caller chose) is cut with an ellipsis; one of exactly 100 is kept whole', () => {
    const schema = z.record(z.string(), z.number('A number'));
    const long = `${'k'.repeat(100)}z`;
    const edge = 'e'.repeat(100);
    const error = zodToApiError(schema.safeParse({ [long]: 'x', [edge]: 'y' }).error!);
    expect(error).toEqual({
      code: 'VALIDATION',
      message: `2 fields need attention: ${'k'.repeat(100)}…, ${edge}.`,
      fields: { [`${'k'.repeat(100)}…`]: 'A number', [edge]: 'A number' },
    });
  });

  it('at most 20 fields are named, the rest counted as "and N more"; exactly 20 are all named', () => {
    const names = (n: number) => Array.from({ length: n }, (_, i) => `f${i}`);
    const schemaOf = (n: number) => z.object(Object.fromEntries(names(n).map((name) => [name, z.string('Enter it')])));
    const of22 = zodToApiError(schemaOf(22).safeParse({}).error!);
    expect(of22.message).toBe(`22 fields need attention: ${names(20).join(', ')} and 2 more.`);
    expect(of22.fields).toEqual(Object.fromEntries(names(20).map((name) => [name, 'Enter it'])));
    const of20 = zodToApiError(schemaOf(20).safeParse({}).error!);
    expect(of20.message).toBe(`20 fields need attention: ${names(20).join(', ')}.`);
    expect(Object.keys(of20.fields!)).toEqual(names(20));
  });

  it('a field’s message is cut at 300 characters', () => {
    const schema = z.object({ name: z.string().min(1, 'm'.repeat(400)) });
    expect(zodToApiError(schema.safeParse({ name: '' }).error!)).toEqual({ code: 'VALIDATION', message: `${'m'.repeat(300)}.`, fields: { name: 'm'.repeat(300) } });
  });

  it('two dots inside a message are left as they were written; only a doubled full stop at the end is made one', () => {
    const schema = z.object({ rating: z.number().min(1, 'Give a number in 1..10') });
    expect(zodToApiError(schema.safeParse({ rating: 0 }).error!).message).toBe('Give a number in 1..10.');
  });

  it('a problem with the whole input is named "_"', () => {
    const schema = z.string('Not text');
    expect(zodToApiError(schema.safeParse(5).error!)).toEqual({ code: 'VALIDATION', message: 'Not text.', fields: { _: 'Not text' } });
  });
});

describe('refusals', () => {
  it('an unknown route, whatever it is called, is refused and audited as such', async () => {
    for (const name of ['x'.repeat(500), 42, null]) {
      const result = await w.backend.invoke(name, {}, { verified: true });
      expect(result).toEqual({ ok: false, error: { code: 'UNKNOWN_ROUTE', message: 'The program does not know this request.' } });
      expect(await last()).toMatchObject({ action: 'unknown-route', route: null, outcome: 'refused', actor_role: 'manager' });
    }
  });

  it('a call from outside the window is refused before anything else, with nobody named', async () => {
    const result = await w.backend.invoke('participants.get', { id: man }, { verified: false });
    expect(result).toEqual({ ok: false, error: { code: 'BAD_SENDER', message: 'This request did not come from the program’s own window.' } });
    expect(await last()).toMatchObject({ action: 'participants.get', route: 'participants.get', outcome: 'refused', actor_id: null, actor_role: null, subject_id: null });
  });

  it('a forbidden call is audited against the partner, the man or the record it asked for', async () => {
    await w.loginAs('admin');
    const cases: Array<[RouteName, object, string, string]> = [
      ['sharing.list', { participantId: man, partnerId: NIL }, 'partner', NIL],
      ['attendance.summary', { participantId: man }, 'participant', man],
      ['participants.get', { id: man }, 'record', man],
    ];
    for (const [route, input, type, id] of cases) {
      const result = await w.backend.invoke(route, input, { verified: true });
      expect(result).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: 'Your role does not allow this. Ask a manager or administrator if you need it.' } });
      const entry = await last(route);
      // An administrator's attempt at the partner side stays in the programme's chain, without her id (issue 13 part 6).
      expect(entry).toMatchObject({ outcome: 'refused', subject_type: type, subject_id: type === 'partner' ? null : id, actor_role: 'admin' });
      expect(JSON.parse(entry.detail!)).toEqual({ code: 'FORBIDDEN' });
    }
    await w.loginAs('manager');
  });

  it('invalid input is refused with the fields named in the audit entry, never the values', async () => {
    const error = await callError(w.backend, 'participants.get', { id: 'Mr Smith' });
    expect(error.code).toBe('VALIDATION');
    const entry = await last('participants.get');
    expect(entry.outcome).toBe('refused');
    expect(JSON.parse(entry.detail!)).toEqual({ code: 'VALIDATION', fields: ['id'] });
    expect(entry.detail).not.toContain('Smith');
  });

  it('a record that is not there is refused against the record asked for', async () => {
    const error = await callError(w.backend, 'partners.get', { partnerId: NIL });
    expect(error.code).toBe('NOT_FOUND');
    const entry = await last('partners.get', 'partner');
    expect(entry).toMatchObject({ outcome: 'refused', subject_type: 'partner', subject_id: NIL });
    expect(JSON.parse(entry.detail!)).toEqual({ code: 'NOT_FOUND' });
  });

  it('while locked, every call but the public ones is refused; the public ones still answer', async () => {
    await call(w.backend, 'auth.lock', {});
    expect(await callError(w.backend, 'tasks.list', {})).toEqual({ code: 'LOCKED', message: 'The program is locked. Please log in again.' });
    expect((await callError(w.backend, 'staff.list', {})).code).toBe('LOCKED');
    expect((await call(w.backend, 'auth.status', {})).state).toBe('locked');
    await call(w.backend, 'auth.login', { username: w.accounts.manager.username, password: w.accounts.manager.password });
    const refused = await call(w.backend, 'audit.list', { action: 'tasks.list', outcome: 'refused' });
    expect(refused.entries[0]).toMatchObject({ actorId: null });
  });
});

describe('a temporary password comes first', () => {
  it('refuses everything but changing it, logging out and staying awake; then lets the person in', async () => {
    await w.loginAs('admin');
    const created = await call(w.backend, 'staff.create', { fullName: 'Temp Person', username: 'tempperson', jobTitle: '', role: 'facilitator' });
    await call(w.backend, 'auth.logout', {});
    await call(w.backend, 'auth.login', { username: 'tempperson', password: created.temporaryPassword });
    expect(await callError(w.backend, 'staff.directory', {})).toEqual({ code: 'MUST_CHANGE_PASSWORD', message: 'Please choose a new password before you continue.' });
    expect(await last('staff.directory')).toMatchObject({ outcome: 'refused', actor_role: 'facilitator' });
    expect(await call(w.backend, 'auth.touch', {})).toBeNull();
    await call(w.backend, 'auth.changePassword', { currentPassword: created.temporaryPassword, newPassword: 'temp person long password' });
    expect((await call(w.backend, 'staff.directory', {})).length).toBeGreaterThan(0);
    await call(w.backend, 'auth.logout', {});
    await w.loginAs('manager');
  });

  it('a wrong password is kept once for the audit log (by the slow-down), not twice', async () => {
    await call(w.backend, 'auth.logout', {});
    const error = await callError(w.backend, 'auth.login', { username: 'manager', password: 'not the password at all' });
    expect(error.code).toBe('VALIDATION');
    await w.loginAs('manager');
    const failed = (await call(w.backend, 'audit.list', { pageSize: 200 })).entries.filter((e) => e.action.startsWith('auth.login') && e.outcome !== 'ok');
    expect(failed).toHaveLength(1);
  });
});

describe('audit entries for reads and writes', () => {
  it('a read about a named man is an opening of his record, written before the data is returned', async () => {
    await w.loginAs('manager');
    const before = await last();
    await call(w.backend, 'attendance.summary', { participantId: man });
    const entry = await last();
    expect(entry.seq).toBe(before.seq + 1);
    expect(entry).toMatchObject({ action: 'attendance.summary', route: 'attendance.summary', outcome: 'ok', subject_type: 'participant', subject_id: man, actor_role: 'manager' });
  });

  it('a read of no one in particular writes nothing', async () => {
    const before = await last();
    await call(w.backend, 'programmes.list', {});
    await call(w.backend, 'groups.list', {});
    expect((await last()).seq).toBe(before.seq);
  });

  it('a write is audited with the names of the fields it was sent, never their values', async () => {
    await call(w.backend, 'closures.add', { date: '2027-12-27', name: 'Boxing Day (moved)' });
    const entry = await last('closures.add');
    expect(entry).toMatchObject({ outcome: 'ok', route: 'closures.add', actor_id: w.backend.session!.staffId });
    expect(JSON.parse(entry.detail!)).toEqual({ fields: ['date', 'name'] });
    expect(entry.detail).not.toContain('Boxing');
  });

  it('the anchor beside the keyring keeps up with the newest entry after reads and writes', async () => {
    const anchoredSeq = () => Math.max(...[...readFileSync(join(w.dir, 'audit-anchor.json'), 'utf8').matchAll(/"seq":(\d+)/g)].map((m) => Number(m[1])));
    await call(w.backend, 'closures.add', { date: '2027-12-28', name: 'Another day' });
    expect(anchoredSeq()).toBe((await last()).seq);
    await call(w.backend, 'attendance.summary', { participantId: man });
    expect(anchoredSeq()).toBe((await last()).seq);
  });
});

describe('errors inside a service', () => {
  it('an internal error: nothing saved, a reference to quote, the details only in the log; audited as failed', async () => {
    const db = w.backend.requireDb();
    await sql`create temp trigger boom before insert on closure_dates begin select raise(abort, 'secret internal detail'); end`.execute(db);
    try {
      const error = await callError(w.backend, 'closures.add', { date: '2027-12-29', name: 'Will fail' });
      expect(error.code).toBe('INTERNAL');
      expect(error.reference).toMatch(/^[0-9A-F]{8}$/);
      expect(error.message).toBe(`Something went wrong and nothing was saved. If it happens again, tell your administrator the reference ${error.reference}.`);
      const entry = await last('closures.add');
      expect(entry).toMatchObject({ outcome: 'failed', route: 'closures.add', actor_role: 'manager' });
      expect(JSON.parse(entry.detail!)).toEqual({ code: 'INTERNAL' });
    } finally {
      await sql`drop trigger boom`.execute(db);
    }
    expect((await call(w.backend, 'closures.list', {})).some((c) => c.name === 'Will fail')).toBe(false);
  });

  it('a full disk is said as such', async () => {
    const db = w.backend.requireDb();
    await sql`create temp trigger full before insert on closure_dates begin select raise(abort, 'database or disk is full'); end`.execute(db);
    try {
      const error = await callError(w.backend, 'closures.add', { date: '2027-12-30', name: 'No room' });
      expect(error).toMatchObject({ code: 'INTERNAL', message: DISK_FULL_MESSAGE });
    } finally {
      await sql`drop trigger full`.execute(db);
    }
  });

  it('a service’s own refusal of a value is audited as refused with the field', async () => {
    const r = await call(w.backend, 'participants.get', { id: man });
    const error = await callError(w.backend, 'participants.setStatus', { id: man, version: r.version, status: 'active', effectiveOn: '1900-01-01' });
    expect(error.code).toBe('VALIDATION');
    const entry = await last('participants.setStatus');
    expect(entry.outcome).toBe('refused');
    expect(JSON.parse(entry.detail!).fields).toEqual(['effectiveOn']);
  });
});
