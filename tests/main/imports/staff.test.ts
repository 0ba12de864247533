/**
 * Importing staff accounts: an administrator's job (as adding one on the Staff page is),
 * each new account with a temporary password shown once, nobody given partner access by
 * the import, every row checked with staff.create's own rules, nothing saved unless all pass.
 */
import Papa from 'papaparse';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import writeXlsxFile from 'write-excel-file/node';
import { differingTables, tableDigests } from '../../../src/main/db/table-digests';
import { ADMIN, call, callError, tempDir } from '../helpers';
import { world, type World } from '../participants/fixtures';
import { b64, sample } from './fixtures';

let w: World;
let cleanup: () => void;

beforeEach(async () => {
  const t = tempDir();
  cleanup = t.cleanup;
  w = await world(t.dir);
});
afterEach(async () => {
  await w.backend.shutdown();
  cleanup();
});

const digests = async () => Object.fromEntries(Object.entries(await tableDigests(w.backend.requireDb())).filter(([name]) => !name.startsWith('audit')));

describe.each(['xlsx', 'csv'] as const)('importing staff from .%s', (ext) => {
  it('creates each account with its role and a temporary password that logs in once; no partner access until a manager gives it', async () => {
    await w.loginAs('admin');
    const check = await call(w.backend, 'imports.check', { kind: 'staff', base64: sample(`staff.${ext}`) });
    expect(check.problems).toEqual([]);
    expect(check.preview[1]).toMatchObject({ 'Full name': 'Owen Pritchard', 'User name': 'opritchard', Role: 'Facilitator', Gender: 'Man' });
    const result = await call(w.backend, 'imports.run', { kind: 'staff', base64: sample(`staff.${ext}`) });
    expect(result.created).toBe(3);
    expect(result.temporaryPasswords!.map((p) => p.username)).toEqual(['pshah', 'opritchard', 'hlewis']);

    const list = await call(w.backend, 'staff.list', {});
    const hannah = list.find((s) => s.username === 'hlewis')!;
    expect(hannah).toMatchObject({ fullName: 'Hannah Lewis', role: 'partner_worker', jobTitle: 'Women’s support worker', gender: 'woman', mustChangePassword: true, active: true });
    // The audit log has the import's counts and each account's creation, never a password.
    const audit = await call(w.backend, 'audit.list', { action: 'imports.run' });
    const entry = audit.entries.find((e) => e.action === 'imports.run')!;
    expect(JSON.stringify(audit)).not.toContain(result.temporaryPasswords![0]!.temporaryPassword);
    expect(entry.detail).toMatchObject({ kind: 'staff', rows: 3, created: 3 });
    expect((await call(w.backend, 'audit.list', { action: 'staff.create' })).entries.filter((e) => e.subjectId === hannah.id)).toHaveLength(1);

    // She logs in with the password shown once and must change it.
    const hers = result.temporaryPasswords!.find((p) => p.username === 'hlewis')!.temporaryPassword;
    await call(w.backend, 'auth.logout', {});
    await call(w.backend, 'auth.login', { username: 'hlewis', password: hers });
    expect(w.backend.session).toMatchObject({ username: 'hlewis', role: 'partner_worker' });
    await call(w.backend, 'auth.changePassword', { currentPassword: hers, newPassword: 'hannah has a long one' });
    // A partner worker by role, but the partner key is given by a manager, never by the import.
    const refused = await callError(w.backend, 'partners.list', {});
    expect(refused.code).toBe('FORBIDDEN');
    expect(refused.message).toMatch(/manager can give you partner access/);
  });
});

describe('who may import what', () => {
  it('staff by administrators only; case records by managers only', async () => {
    await w.loginAs('manager');
    expect((await callError(w.backend, 'imports.check', { kind: 'staff', base64: sample('staff.xlsx') })).code).toBe('FORBIDDEN');
    expect((await callError(w.backend, 'imports.run', { kind: 'staff', base64: sample('staff.xlsx') })).code).toBe('FORBIDDEN');
    await w.loginAs('admin');
    expect((await callError(w.backend, 'imports.check', { kind: 'participants', base64: sample('participants.xlsx') })).code).toBe('FORBIDDEN');
    expect((await callError(w.backend, 'imports.run', { kind: 'consents', base64: sample('consents.xlsx') })).code).toBe('FORBIDDEN');
    expect((await callError(w.backend, 'imports.run', { kind: 'partners', base64: sample('partners.xlsx') })).code).toBe('FORBIDDEN');
    await w.loginAs('facilitator');
    expect((await callError(w.backend, 'imports.check', { kind: 'staff', base64: sample('staff.xlsx') })).code).toBe('FORBIDDEN');
  });
});

describe('bad staff rows', () => {
  it('names the row and the column of each problem, and saves nothing', async () => {
    await w.loginAs('admin');
    const rows = [
      ['Name', 'Username', 'Role', 'Gender'],
      ['Ada Again', ADMIN.username, 'Manager', ''],
      ['Bea Bright', 'bbright', 'Chief', ''],
      ['Cal Crane', 'ccrane', 'Facilitator', 'Unknown'],
      ['Dee Dunn', 'ccrane', 'Facilitator', ''],
      ['', 'x', 'Manager', ''],
      ['Test manager', 'othermanager', 'Manager', ''],
    ];
    for (const base64 of [b64((await writeXlsxFile(rows).toBuffer()) as Buffer), b64(Papa.unparse(rows))]) {
      const before = await digests();
      const check = await call(w.backend, 'imports.check', { kind: 'staff', base64 });
      const at = (row: number, column: string) => check.problems.find((p) => p.row === row && p.column === column)?.message;
      expect(at(2, 'Username')).toMatch(/already taken/);
      expect(at(3, 'Role')).toMatch(/Not one of the roles.*Facilitator/);
      expect(at(4, 'Gender')).toMatch(/Woman; Man; Non-binary/);
      expect(at(5, 'Username')).toMatch(/same user name is on row 4/);
      expect(at(6, 'Name')).toMatch(/full name/i);
      expect(at(6, 'Username')).toMatch(/at least 3/);
      expect(at(7, 'Name')).toMatch(/already has an account \(user name manager\)/);
      expect((await callError(w.backend, 'imports.run', { kind: 'staff', base64 })).message).toMatch(/Nothing was imported/);
      expect(differingTables(before, await digests())).toEqual([]);
    }
  });
});
