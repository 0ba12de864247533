import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN, call, callError, setUpAndLogIn, tempDir } from '../helpers';

let cleanup: () => void = () => {};
afterEach(() => cleanup());

interface Entry {
  id: string;
  kind: string;
  kdf: { salt: string };
  sealedKey: { data: string };
}
interface KeyringJson {
  databaseId: string;
  lookupSalt: string;
  entries: Entry[];
}

const flip = (b64: string) => (b64[0] === 'A' ? 'B' : 'A') + b64.slice(1);
const staffEntry = (k: KeyringJson) => k.entries.find((e) => e.kind === 'staff')!;

/** Edits that leave the file well-formed JSON the schema accepts. */
const edits: Array<[string, (k: KeyringJson) => void, boolean]> = [
  ['the database id changed', (k) => void (k.databaseId = '00000000-0000-4000-8000-000000000000'), false],
  ['a sealed key altered', (k) => void (staffEntry(k).sealedKey.data = flip(staffEntry(k).sealedKey.data)), true],
  ['a person’s entry removed', (k) => void (k.entries = k.entries.filter((e) => e.kind !== 'staff')), true],
  ['a password salt changed', (k) => void (staffEntry(k).kdf.salt = flip(staffEntry(k).kdf.salt)), true],
  ['the user-name salt changed', (k) => void (k.lookupSalt = flip(k.lookupSalt)), true],
];

describe('a keyring edited by hand (issue 14, item 5)', () => {
  for (const [what, edit, recoveryWorks] of edits) {
    it(`${what}: says the key file is damaged, offers the recovery key, and does not slow log-ins down`, async () => {
      const t = tempDir();
      cleanup = t.cleanup;
      const { backend, recoveryKey } = await setUpAndLogIn(t.dir);
      await call(backend, 'auth.logout', {});
      const file = join(t.dir, 'keyring.json');
      const keyring = JSON.parse(readFileSync(file, 'utf8')) as KeyringJson;
      edit(keyring);
      writeFileSync(file, JSON.stringify(keyring, null, 2));

      for (let i = 0; i < 5; i++) {
        const error = await callError(backend, 'auth.login', { username: ADMIN.username, password: ADMIN.password });
        expect(error.message).toContain('The key file (keyring.json) in the data folder has been changed or damaged');
        expect(error.message).toContain('Use the recovery key');
        expect(error.message).toContain('not counted as a failed log-in');
      }
      expect(backend.throttle.failures()).toBe(0);
      expect(backend.opened).toBeNull();

      const recovered = await backend.invoke(
        'auth.recover',
        { recoveryKey, username: ADMIN.username, newPassword: 'a brand new password' },
        { verified: true },
      );
      if (recoveryWorks) {
        expect(recovered.ok).toBe(true);
        await call(backend, 'auth.logout', {});
        // The recovery wrote the key file afresh: the new password now works as usual.
        await call(backend, 'auth.login', { username: ADMIN.username, password: 'a brand new password' });
      } else {
        expect(recovered.ok).toBe(false);
        expect(!recovered.ok && recovered.error.message).toContain('restore the newest backup');
      }
      expect(backend.throttle.failures()).toBe(0);
      await backend.shutdown();
    });
  }

  it('a wrong password on a key file as the program wrote it still counts', async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const { backend } = await setUpAndLogIn(t.dir);
    await call(backend, 'auth.logout', {});
    const error = await callError(backend, 'auth.login', { username: ADMIN.username, password: 'not the password' });
    expect(error.message).toBe('The user name or password is not right. Check them and try again.');
    expect(backend.throttle.failures()).toBe(1);
    await backend.shutdown();
  });
});
