/**
 * Issue 16, item 8 (back end): the organisation's name before log-in, kept
 * outside the encrypted database; passwords that contain the user name are
 * refused; temporary passwords have no letter case to get wrong; a refusal in
 * the audit log records which fields were left empty (never what was typed).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, callError, addStaff, ADMIN, ORG, newBackend, setUpAndLogIn, tempDir } from '../helpers';
import type { Backend } from '../../../src/main/backend';

let dir: string;
let cleanup: () => void;
let backend: Backend;
let recoveryKey: string;

beforeEach(async () => {
  const t = tempDir();
  dir = t.dir;
  cleanup = t.cleanup;
  ({ backend, recoveryKey } = await setUpAndLogIn(dir));
});
afterEach(async () => {
  await backend.shutdown();
  cleanup();
});

describe('the log-in screen names the organisation', () => {
  it('from a small plain file holding the name only, kept in step with the settings', async () => {
    const file = join(dir, 'organisation.json');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ name: ORG.name });
    const settings = await call(backend, 'settings.update', {
      organisation: { ...ORG, name: 'Safer Futures Newtown' },
      autoLockMinutes: 10,
      protectiveMarking: 'OFFICIAL-SENSITIVE',
    });
    expect(settings.organisation.name).toBe('Safer Futures Newtown');
    // Nothing else from the settings: no address, telephone or charity number outside the database.
    expect(readFileSync(file, 'utf8')).toBe(JSON.stringify({ name: 'Safer Futures Newtown' }));
    await call(backend, 'auth.logout', {});
    // A fresh start of the program, nobody logged in, database closed: the name is there.
    await backend.shutdown();
    backend = await newBackend(dir);
    expect(await call(backend, 'auth.status', {})).toMatchObject({ state: 'locked', organisationName: 'Safer Futures Newtown' });
  });
});

describe('passwords', () => {
  it('refuses a new password that contains the user name, in any case', async () => {
    const e = await callError(backend, 'auth.changePassword', { currentPassword: ADMIN.password, newPassword: 'my ADA password 2026' });
    expect(e.fields?.newPassword).toBe('Password must not contain the user name');
    const made = await addStaff(backend, 'morgan', 'manager');
    await call(backend, 'auth.logout', {});
    await call(backend, 'auth.login', { username: 'morgan', password: made.temporaryPassword });
    const own = await callError(backend, 'auth.changePassword', { currentPassword: made.temporaryPassword, newPassword: 'Morgan1234567' });
    expect(own.fields?.newPassword).toMatch(/must not contain the user name/);
    await call(backend, 'auth.changePassword', { currentPassword: made.temporaryPassword, newPassword: 'lantern meadow copper' });
    await call(backend, 'auth.logout', {});
    const rec = await callError(backend, 'auth.recover', { recoveryKey, username: 'ada', newPassword: 'ada is back again' });
    expect(rec.fields?.newPassword).toMatch(/must not contain the user name/);
  });

  it('gives temporary passwords in digits only, so letter case cannot be got wrong', async () => {
    const made = await addStaff(backend, 'priya', 'facilitator');
    expect(made.temporaryPassword).toMatch(/^\d{3}(-\d{3}){5}$/);
    expect(made.temporaryPassword.toLowerCase()).toBe(made.temporaryPassword.toUpperCase());
    await call(backend, 'auth.logout', {});
    const session = await call(backend, 'auth.login', { username: 'priya', password: made.temporaryPassword });
    expect(session.mustChangePassword).toBe(true);
  });
});

describe('refusals in the audit log', () => {
  it('record which refused fields were empty, and no values', async () => {
    const e = await callError(backend, 'staff.create', { fullName: '', username: 'x y', jobTitle: '', role: 'manager' });
    expect(e.code).toBe('VALIDATION');
    const row = await backend
      .requireDb()
      .selectFrom('audit_log')
      .select(['detail', 'outcome'])
      .where('action', '=', 'staff.create')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    const detail = JSON.parse(row.detail!) as { fields: string[]; missing?: string[] };
    expect(row.outcome).toBe('refused');
    expect(detail.fields).toEqual(expect.arrayContaining(['fullName', 'username']));
    expect(detail.missing).toEqual(['fullName']);
    expect(row.detail).not.toContain('x y');
  });
});
