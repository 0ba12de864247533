import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/main/db/open';
import { formatRecoveryKey, parseRecoveryKey } from '../../../src/main/vault/recovery-key';
import { calibrateKdf, TEST_KDF, Vault } from '../../../src/main/vault/vault';
import { randomBytes } from 'node:crypto';
import { ADMIN, addStaff, call, callError, newBackend, setUpAndLogIn, switchTo, tempDir } from '../helpers';

let cleanup: () => void = () => {};
afterEach(() => cleanup());
const folder = () => {
  const t = tempDir();
  cleanup = t.cleanup;
  return t.dir;
};

describe('vault: wrapping', () => {
  it('wraps the data key and unwraps it with the right password only', async () => {
    const dir = folder();
    const vault = new Vault(dir, TEST_KDF);
    const dataKey = randomBytes(32);
    await vault.create({ databaseId: 'db-1', dataKey, admin: { id: 'a1', username: 'Ada', password: 'right password here' } });
    const ok = await vault.unlockWithPassword('ada', 'right password here');
    expect(ok?.entryId).toBe('a1');
    expect(ok?.candidates[0]?.key.equals(dataKey)).toBe(true);
    expect(await vault.unlockWithPassword('ada', 'wrong password here')).toBeNull();
    expect(await vault.unlockWithPassword('nobody', 'right password here')).toBeNull();
  });

  it('keeps no key, password or user name in the clear in the keyring file', async () => {
    const dir = folder();
    const vault = new Vault(dir, TEST_KDF);
    const dataKey = randomBytes(32);
    await vault.create({ databaseId: 'db-1', dataKey, admin: { id: 'a1', username: 'distinctname', password: 'distinct password' } });
    const text = readFileSync(vault.keyringFile, 'utf8');
    expect(text).not.toContain('distinctname');
    expect(text).not.toContain('distinct password');
    expect(text).not.toContain(dataKey.toString('base64'));
    expect(text).not.toContain(dataKey.toString('hex'));
  });

  it('formats and parses the recovery key, forgiving case, dashes and look-alike letters', () => {
    const bytes = randomBytes(32);
    const text = formatRecoveryKey(bytes);
    expect(text).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){12}[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(parseRecoveryKey(text)!.equals(bytes)).toBe(true);
    expect(parseRecoveryKey(text.toLowerCase().replace(/-/g, ' '))!.equals(bytes)).toBe(true);
    expect(parseRecoveryKey(text.replace(/0/g, 'O'))!.equals(bytes)).toBe(true);
    expect(parseRecoveryKey('not a key')).toBeNull();
    expect(parseRecoveryKey(text.slice(0, -2))).toBeNull();
  });

  it('calibrates scrypt to a cost of roughly half a second', async () => {
    const params = await calibrateKdf(500);
    expect(params.N).toBeGreaterThanOrEqual(2 ** 14);
    expect(params.r).toBe(8);
  }, 60_000);
});

describe('vault: through the back end', () => {
  it('unlocks with the recovery key when no administrator can log in', async () => {
    const dir = folder();
    const { backend, recoveryKey } = await setUpAndLogIn(dir);
    await call(backend, 'auth.logout', {});
    const wrong = await callError(backend, 'auth.recover', {
      recoveryKey: formatRecoveryKey(randomBytes(32)),
      username: 'ada',
      newPassword: 'brand new password',
    });
    expect(wrong.fields?.recoveryKey).toMatch(/does not open/);
    const session = await call(backend, 'auth.recover', { recoveryKey, username: 'ada', newPassword: 'brand new password' });
    expect(session.role).toBe('admin');
    await call(backend, 'auth.logout', {});
    const old = await callError(backend, 'auth.login', { username: 'ada', password: ADMIN.password });
    expect(old.code).toBe('VALIDATION');
    await call(backend, 'auth.login', { username: 'ada', password: 'brand new password' });
    await backend.shutdown();
  });

  it('changes a password: the old one stops working, the new one works', async () => {
    const dir = folder();
    const { backend } = await setUpAndLogIn(dir);
    const bad = await callError(backend, 'auth.changePassword', { currentPassword: 'not my password', newPassword: 'another long password' });
    expect(bad.fields?.currentPassword).toBeDefined();
    await call(backend, 'auth.changePassword', { currentPassword: ADMIN.password, newPassword: 'another long password' });
    await call(backend, 'auth.logout', {});
    expect((await callError(backend, 'auth.login', { username: 'ada', password: ADMIN.password })).code).toBe('VALIDATION');
    await call(backend, 'auth.login', { username: 'ada', password: 'another long password' });
    await backend.shutdown();
  });

  it('a reset password is temporary and must be changed at the next log-in', async () => {
    const dir = folder();
    const { backend } = await setUpAndLogIn(dir);
    const { staff } = await addStaff(backend, 'morgan', 'manager');
    const reset = await call(backend, 'staff.resetPassword', { id: staff.id });
    await call(backend, 'auth.logout', {});
    const session = await call(backend, 'auth.login', { username: 'morgan', password: reset.temporaryPassword });
    expect(session.mustChangePassword).toBe(true);
    expect((await callError(backend, 'staff.list', {})).code).toBe('MUST_CHANGE_PASSWORD');
    await call(backend, 'auth.changePassword', { currentPassword: reset.temporaryPassword, newPassword: 'mo has a new password' });
    expect((await call(backend, 'staff.list', {})).length).toBe(2);
    await backend.shutdown();
  });

  it('deactivating a person re-keys the database: the old key no longer opens it', async () => {
    const dir = folder();
    const { backend } = await setUpAndLogIn(dir);
    const created = await addStaff(backend, 'fran', 'facilitator');
    const franPassword = await switchTo(backend, 'fran', created.temporaryPassword);
    // What Fran could have kept: the database key she unlocked with.
    const franKey = Buffer.from(backend.opened!.key);
    await call(backend, 'auth.logout', {});
    await call(backend, 'auth.login', { username: 'ada', password: ADMIN.password });
    await call(backend, 'staff.deactivate', { id: created.staff.id });
    expect(backend.opened!.key.equals(franKey)).toBe(false);
    await call(backend, 'auth.logout', {});

    await expect(openDatabase(backend.databaseFile, franKey)).rejects.toMatchObject({ code: 'VAULT' });
    expect((await callError(backend, 'auth.login', { username: 'fran', password: franPassword })).code).toBe('VALIDATION');
    expect(backend.vault.hasEntry(created.staff.id)).toBe(false);
    // Everyone else still gets in, with the new key.
    await call(backend, 'auth.login', { username: 'ada', password: ADMIN.password });
    expect(backend.opened!.key.equals(franKey)).toBe(false);
    await backend.shutdown();
  });

  it('finishes a re-key that was interrupted after the database changed', async () => {
    const dir = folder();
    const { backend } = await setUpAndLogIn(dir);
    const { staff } = await addStaff(backend, 'fran', 'facilitator');
    const before = readFileSync(backend.vault.keyringFile, 'utf8');
    // Simulate a crash between re-keying the database and renaming the new keyring.
    const promote = backend.vault.promotePending.bind(backend.vault);
    backend.vault.promotePending = () => {
      throw new Error('power cut');
    };
    await callError(backend, 'staff.deactivate', { id: staff.id });
    backend.vault.promotePending = promote;
    expect(readFileSync(backend.vault.keyringFile, 'utf8')).toBe(before);
    expect(existsSync(backend.vault.pendingKeyringFile)).toBe(true);
    await backend.closeDatabase();
    backend.session = null;
    const fresh = await newBackend(dir);
    await call(fresh, 'auth.login', { username: 'ada', password: ADMIN.password });
    expect(existsSync(fresh.vault.pendingKeyringFile)).toBe(false);
    expect(fresh.vault.hasEntry(staff.id)).toBe(false);
    await fresh.shutdown();
  });

  it('slows down failed log-ins progressively, and the delay survives a restart', async () => {
    const dir = folder();
    const { backend } = await setUpAndLogIn(dir);
    await call(backend, 'auth.logout', {});
    const messages: string[] = [];
    for (let i = 0; i < 3; i++) {
      const err = await callError(backend, 'auth.login', { username: i === 0 ? 'nobody' : 'ada', password: 'wrong password!' });
      messages.push(err.message);
    }
    // The same message whether or not the user name exists.
    expect(new Set(messages).size).toBe(1);
    const limited = await callError(backend, 'auth.login', { username: 'ada', password: ADMIN.password });
    expect(limited.code).toBe('RATE_LIMITED');
    expect(limited.retryAfter).toBeGreaterThan(0);
    await backend.shutdown();
    const restarted = await newBackend(dir);
    expect((await callError(restarted, 'auth.login', { username: 'ada', password: ADMIN.password })).code).toBe('RATE_LIMITED');
    expect(restarted.throttle.failures()).toBe(3);
    await restarted.shutdown();
    // The refused attempts are in the audit log once someone gets in.
    const later = await createLaterBackend(dir);
    await call(later, 'auth.login', { username: 'ada', password: ADMIN.password });
    const audit = await call(later, 'audit.list', { outcome: 'refused', action: 'auth.login' });
    expect(audit.total).toBeGreaterThanOrEqual(1);
    await later.shutdown();
  });
});

/** A back end whose clock is ten minutes ahead, past any log-in delay. */
async function createLaterBackend(dir: string) {
  const { createBackend } = await import('../../../src/main/backend');
  return createBackend({ dataDir: dir, kdf: TEST_KDF, now: () => Date.now() + 10 * 60_000 });
}

describe('vault: damaged or missing files', () => {
  it('reports a missing keyring, and never replaces the existing database', async () => {
    const dir = folder();
    const { backend } = await setUpAndLogIn(dir);
    await backend.shutdown();
    const keyring = readFileSync(join(dir, 'keyring.json'));
    const { rmSync } = await import('node:fs');
    rmSync(join(dir, 'keyring.json'));
    const b = await newBackend(dir);
    const status = await call(b, 'auth.status', {});
    expect(status).toMatchObject({ state: 'problem' });
    expect((status as { message: string }).message).toMatch(/key file .* missing/);
    const setup = await callError(b, 'auth.setup', {
      organisation: { name: 'New', shortName: 'New', address: '2 Street, Town' },
      admin: { fullName: 'X', username: 'xavier', password: 'some long password' },
    });
    expect(setup.code).toBe('CONFLICT');
    writeFileSync(join(dir, 'keyring.json'), keyring);
    await call(b, 'auth.login', { username: 'ada', password: ADMIN.password });
    await b.shutdown();
  });

  it('reports a truncated or hand-edited keyring without changing it', async () => {
    const dir = folder();
    const { backend } = await setUpAndLogIn(dir);
    await backend.shutdown();
    const file = join(dir, 'keyring.json');
    const original = readFileSync(file, 'utf8');
    writeFileSync(file, original.slice(0, original.length / 2));
    const b = await newBackend(dir);
    expect(await call(b, 'auth.status', {})).toMatchObject({ state: 'problem', message: expect.stringMatching(/damaged/) });
    expect((await callError(b, 'auth.login', { username: 'ada', password: ADMIN.password })).code).toBe('VAULT');
    expect(readFileSync(file, 'utf8')).toBe(original.slice(0, original.length / 2));

    // Edited by hand: a wrapped key changed by one character still parses, but will not unwrap.
    const edited = JSON.parse(original) as { entries: Array<{ kind: string; privateKey: { data: string } }> };
    const staffEntry = edited.entries.find((e) => e.kind === 'staff')!;
    staffEntry.privateKey.data = (staffEntry.privateKey.data[0] === 'A' ? 'B' : 'A') + staffEntry.privateKey.data.slice(1);
    writeFileSync(file, JSON.stringify(edited));
    // The file no longer matches its checksum: the key file is blamed (issue 14), not the password.
    const login = await callError(b, 'auth.login', { username: 'ada', password: ADMIN.password });
    expect(login.code).toBe('CONFLICT');
    expect(login.message).toMatch(/key file \(keyring.json\) .* has been changed or damaged/);
    expect(b.throttle.failures()).toBe(0);
    await b.shutdown();
  });

  it('refuses a database that is not ours, with a clear message', async () => {
    const dir = folder();
    const { backend } = await setUpAndLogIn(dir);
    await backend.shutdown();
    writeFileSync(join(dir, 'case.db'), randomBytes(8192));
    const { rmSync } = await import('node:fs');
    rmSync(join(dir, 'case.db-wal'), { force: true });
    rmSync(join(dir, 'case.db-shm'), { force: true });
    const b = await newBackend(dir);
    const err = await callError(b, 'auth.login', { username: 'ada', password: ADMIN.password });
    expect(err.code).toBe('VAULT');
    expect(err.message).toMatch(/is damaged, or is not this installation’s/);
    await b.shutdown();
  });
});
