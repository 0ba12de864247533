import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../../src/main/backend';
import type { RouteName } from '../../../src/shared/api';
import { api } from '../../../src/shared/api';
import { can, roles, type Role } from '../../../src/shared/permissions';
import { ADMIN, ORG, addStaff, call, callError, setUpAndLogIn, switchTo, tempDir } from '../helpers';

let backend: Backend;
let cleanup: () => void;
const passwords: Partial<Record<Role, { username: string; password: string }>> = {};

async function loginAs(role: Role) {
  if (backend.session) await call(backend, 'auth.logout', {});
  const who = role === 'admin' ? { username: ADMIN.username, password: ADMIN.password } : passwords[role]!;
  await call(backend, 'auth.login', who);
}

async function lastAudit() {
  const db = backend.requireDb();
  return db.selectFrom('audit_log').selectAll().orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
}

beforeAll(async () => {
  const t = tempDir();
  cleanup = t.cleanup;
  ({ backend } = await setUpAndLogIn(t.dir));
  for (const role of ['manager', 'facilitator', 'partner_worker'] as const) {
    const username = role.replace('_', '');
    const created = await addStaff(backend, username, role);
    await call(backend, 'auth.logout', {});
    const password = await switchTo(backend, username, created.temporaryPassword, `long password for ${role.length} ${username.length}`);
    passwords[role] = { username, password };
    await call(backend, 'auth.logout', {});
    await loginAs('admin');
  }
});
afterAll(async () => {
  await backend.shutdown();
  cleanup();
});

describe('router, step by step', () => {
  it('1. refuses a call that did not come from the app’s own window, and audits it', async () => {
    await loginAs('admin');
    const result = await backend.invoke('staff.list', {}, { verified: false });
    expect(result).toMatchObject({ ok: false, error: { code: 'BAD_SENDER' } });
    expect(await lastAudit()).toMatchObject({ action: 'staff.list', outcome: 'refused' });
  });

  it('refuses an unknown route', async () => {
    expect((await callError(backend, 'nothing.here' as RouteName, {})).code).toBe('UNKNOWN_ROUTE');
    expect(await lastAudit()).toMatchObject({ action: 'unknown-route', outcome: 'refused' });
  });

  it('2. refuses every non-public route while locked; the refusal is audited at the next unlock', async () => {
    await loginAs('admin');
    await call(backend, 'auth.lock', {});
    expect(await call(backend, 'auth.status', {})).toMatchObject({ state: 'locked', lockedUser: { username: 'ada' } });
    for (const route of Object.keys(api) as RouteName[]) {
      if (api[route].access === 'public') continue;
      expect((await callError(backend, route, {})).code, route).toBe('LOCKED');
    }
    await loginAs('admin');
    const refused = await call(backend, 'audit.list', { outcome: 'refused', action: 'settings.get' });
    expect(refused.total).toBeGreaterThanOrEqual(1);
    expect(refused.entries[0]!.actorId).toBeNull();
  });

  it('3. names the fields at fault in invalid input and changes nothing', async () => {
    await loginAs('admin');
    const before = await call(backend, 'staff.list', {});
    const err = await callError(backend, 'staff.create', { fullName: '', username: 'x', role: 'pilot' });
    expect(err.code).toBe('VALIDATION');
    expect(Object.keys(err.fields ?? {}).sort()).toEqual(['fullName', 'role', 'username']);
    expect(err.fields!.username).toMatch(/at least 3/);
    expect(await call(backend, 'staff.list', {})).toEqual(before);
    expect(await lastAudit()).toMatchObject({ action: 'staff.create', outcome: 'refused' });
  });

  it('4. follows the permission matrix for every role on every permission-guarded route', async () => {
    const sample: Array<[RouteName, unknown]> = [
      ['staff.list', {}],
      ['audit.list', {}],
      ['audit.verify', {}],
      ['settings.update', { organisation: ORG, autoLockMinutes: 10 }],
      ['staff.create', { fullName: 'New Person', username: 'newperson', role: 'facilitator' }],
      ['staff.deactivate', { id: '00000000-0000-4000-8000-000000000000' }],
      ['auth.replaceRecoveryKey', { password: 'not the password' }],
    ];
    for (const role of roles) {
      await loginAs(role);
      for (const [route, input] of sample) {
        const access = api[route].access;
        const result = await backend.invoke(route, input, { verified: true });
        const allowed = access === 'session' || (access !== 'public' && can(role, access));
        if (allowed) {
          expect(result.ok || result.error.code !== 'FORBIDDEN', `${role} ${route}`).toBe(true);
        } else {
          expect(result, `${role} ${route}`).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
          expect(await lastAudit()).toMatchObject({ action: route, outcome: 'refused', actor_role: role });
        }
      }
    }
  });

  it('5-6. a write and its audit entry commit together, with the fields changed', async () => {
    await loginAs('admin');
    const staff = (await call(backend, 'staff.list', {})).find((s) => s.username === 'manager')!;
    await call(backend, 'staff.update', { ...staff, fullName: 'Morgan Renamed', jobTitle: 'Team lead' });
    const entry = await lastAudit();
    expect(entry).toMatchObject({ action: 'staff.update', outcome: 'ok', subject_id: staff.id, actor_id: backend.session!.staffId });
    expect(JSON.parse(entry.detail!)).toEqual({ fields: ['full_name', 'job_title'] });
    // The audit entry holds field names, never the values.
    expect(entry.detail).not.toContain('Morgan Renamed');
  });

  it('5-7. when the audit entry cannot be written, the change rolls back with it', async () => {
    await loginAs('admin');
    const db = backend.requireDb();
    await sql`create temp trigger fail_audit before insert on audit_log when new.action = 'staff.update' and new.outcome = 'ok'
      begin select raise(abort, 'audit write failed'); end`.execute(db);
    const staff = (await call(backend, 'staff.list', {})).find((s) => s.username === 'manager')!;
    const err = await callError(backend, 'staff.update', { ...staff, fullName: 'Should Not Stick' });
    expect(err.code).toBe('INTERNAL');
    expect(err.message).not.toMatch(/audit write failed/);
    expect(err.reference).toMatch(/^[0-9A-F]{8}$/);
    await sql`drop trigger fail_audit`.execute(db);
    const after = (await call(backend, 'staff.list', {})).find((s) => s.id === staff.id)!;
    expect(after.fullName).toBe(staff.fullName);
    expect(await lastAudit()).toMatchObject({ action: 'staff.update', outcome: 'failed' });
  });

  it('keeps at least one active administrator', async () => {
    await loginAs('admin');
    const me = backend.session!.staffId;
    const staff = (await call(backend, 'staff.list', {})).find((s) => s.id === me)!;
    expect((await callError(backend, 'staff.update', { ...staff, role: 'manager' })).code).toBe('CONFLICT');
    expect((await callError(backend, 'staff.deactivate', { id: me })).code).toBe('CONFLICT');
  });
});
