/**
 * Issue 13, review finding: key material lives in Buffers that are zeroed when the program locks
 * (the database key, the person's drafts key, every key the unlock produced). What cannot be
 * wiped (JavaScript strings, the drivers' own copies) is listed in the README.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { call, ADMIN, setUpAndLogIn, tempDir } from '../helpers';

let cleanup: () => void = () => {};
afterEach(() => cleanup());

const zeroed = (b: Buffer) => b.length > 0 && b.every((x) => x === 0);

describe('key material on lock', () => {
  it('zeroes the database key, the drafts key and every unlocked candidate key', async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const { backend } = await setUpAndLogIn(t.dir);
    await call(backend, 'auth.logout', {});
    // Watch what the real vault hands out (it still does all the work).
    const handedOut: Buffer[] = [];
    const unlock = backend.vault.unlockWithPassword.bind(backend.vault);
    backend.vault.unlockWithPassword = async (username, password) => {
      const result = await unlock(username, password);
      if (result) handedOut.push(...result.candidates.map((c) => c.key), ...(result.personalKey ? [result.personalKey] : []));
      return result;
    };
    await call(backend, 'auth.login', { username: ADMIN.username, password: ADMIN.password });
    const databaseKey = backend.opened!.key;
    const draftsKey = backend.personalKey!;
    expect(zeroed(databaseKey)).toBe(false);
    expect(zeroed(draftsKey)).toBe(false);
    expect(handedOut.length).toBeGreaterThanOrEqual(2);
    await call(backend, 'auth.lock', {});
    expect(backend.opened).toBeNull();
    expect(zeroed(databaseKey)).toBe(true);
    expect(zeroed(draftsKey)).toBe(true);
    expect(handedOut.every(zeroed)).toBe(true);
    await backend.shutdown();
  });
});
