/**
 * Issue 13, review finding: the keyring refuses key-stretching parameters below the program's
 * minimum when it reads them (someone who can edit the file, checksum and all, must not make the
 * next password change wrap a key cheaply), and absurdly high ones.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MINIMUM_KDF, readKeyring, refuseWeakKdf, type Keyring } from '../../../src/main/vault/keyring';
import { ADMIN, callError, newBackend, setUpAndLogIn, tempDir } from '../helpers';

let cleanup: () => void = () => {};
afterEach(() => cleanup());

/** Rewrites the keyring as an attacker would: changed, with its checksum recomputed so it looks untouched. */
function edit(file: string, change: (k: Keyring) => void) {
  const keyring = JSON.parse(readFileSync(file, 'utf8')) as Keyring;
  change(keyring);
  const { checksum: _c, ...rest } = keyring;
  const checksum = createHash('sha256').update(JSON.stringify(rest)).digest('base64');
  writeFileSync(file, JSON.stringify({ ...rest, checksum }));
}

describe('key-stretching cost in the keyring', () => {
  it('refuses to log in with a keyring whose cost for new passwords was lowered', async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const { backend } = await setUpAndLogIn(t.dir);
    await backend.shutdown();
    const file = join(t.dir, 'keyring.json');
    edit(file, (k) => {
      k.kdf = { N: 16, r: 1, p: 1 };
    });
    const later = await newBackend(t.dir);
    const err = await callError(later, 'auth.login', { username: ADMIN.username, password: ADMIN.password });
    expect(err.code).toBe('VAULT');
    expect(err.message).toMatch(/less password protection than this program allows/);
    await later.shutdown();
  });

  it('refuses a person’s entry with a lowered cost', async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const { backend } = await setUpAndLogIn(t.dir);
    await backend.shutdown();
    const file = join(t.dir, 'keyring.json');
    edit(file, (k) => {
      const staff = k.entries.find((e) => e.kind === 'staff')!;
      if (staff.kdf.alg === 'scrypt') staff.kdf.params = { N: 2, r: 1, p: 1 };
    });
    const later = await newBackend(t.dir);
    expect((await callError(later, 'auth.login', { username: ADMIN.username, password: ADMIN.password })).code).toBe('VAULT');
    await later.shutdown();
  });

  it('holds the program’s own minimum (what calibration writes) and refuses absurd costs', async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const { backend } = await setUpAndLogIn(t.dir);
    await backend.shutdown();
    const keyring = readKeyring(join(t.dir, 'keyring.json'));
    const withCost = (N: number, r = 8, p = 1): Keyring => ({ ...keyring, kdf: { N, r, p }, entries: [] });
    expect(MINIMUM_KDF).toEqual({ N: 2 ** 14, r: 8, p: 1 });
    expect(() => refuseWeakKdf(withCost(2 ** 14))).not.toThrow();
    expect(() => refuseWeakKdf(withCost(2 ** 20))).not.toThrow();
    expect(() => refuseWeakKdf(withCost(2 ** 13))).toThrow(/less password protection/);
    expect(() => refuseWeakKdf(withCost(2 ** 14, 4))).toThrow(/less password protection/);
    expect(() => refuseWeakKdf(withCost(2 ** 30))).toThrow(/less password protection/);
    expect(() => refuseWeakKdf(withCost(3 * 2 ** 14))).toThrow(/less password protection/);
  });
});
