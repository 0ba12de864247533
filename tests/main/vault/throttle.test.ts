/**
 * Issue 13, review finding: the log-in throttle counts an attempt before the key stretching
 * (so attempts in parallel cannot all slip past the check), and guesses at one user name do not
 * keep everybody else out for long. The clock is injected: no real waiting.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createBackend } from '../../../src/main/backend';
import { TEST_KDF } from '../../../src/main/vault/vault';
import { LoginThrottle } from '../../../src/main/vault/throttle';
import { ADMIN, addStaff, call, callError, ORG, switchTo, tempDir } from '../helpers';

let cleanup: () => void = () => {};
afterEach(() => cleanup());

async function setUp() {
  const t = tempDir();
  cleanup = t.cleanup;
  const clock = { now: Date.parse('2026-03-02T10:00:00Z') };
  const backend = await createBackend({ dataDir: t.dir, kdf: TEST_KDF, now: () => clock.now });
  await call(backend, 'auth.setup', { organisation: ORG, admin: ADMIN });
  await call(backend, 'auth.login', { username: ADMIN.username, password: ADMIN.password });
  return { backend, clock, dir: t.dir };
}

describe('log-in throttle', () => {
  it('counts each attempt before the key stretching, so parallel wrong guesses are refused after the free ones', async () => {
    const { backend } = await setUp();
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        backend.invoke('auth.changePassword', { currentPassword: `wrong guess ${i}`, newPassword: 'another long password' }, { verified: true }),
      ),
    );
    const codes = results.map((r) => (r.ok ? 'OK' : r.error.code));
    expect(codes.filter((c) => c === 'VALIDATION')).toHaveLength(3);
    expect(codes.filter((c) => c === 'RATE_LIMITED')).toHaveLength(7);
    await backend.shutdown();
  });

  it('counts an attempt at once: a second attempt begun before the first ends already sees it', () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const clock = { now: 1_000_000 };
    const throttle = new LoginThrottle(join(t.dir, 'login-throttle.json'), () => clock.now, 30);
    for (let i = 0; i < 3; i++) throttle.begin('ada');
    expect(() => throttle.begin('ada')).toThrow(/wait 1 second/);
    expect(throttle.failures()).toBe(3);
    // An edited key file is not a guess: taken back.
    throttle.forgive('ada');
    expect(throttle.failures()).toBe(2);
  });

  it('many wrong guesses at one user name keep that name waiting, but everybody else for at most 30 seconds', async () => {
    const { backend, clock } = await setUp();
    const bea = await addStaff(backend, 'bea', 'manager');
    const beaPassword = await switchTo(backend, 'bea', bea.temporaryPassword);
    await call(backend, 'auth.logout', {});

    let wrong = 0;
    while (wrong < 12) {
      const err = await callError(backend, 'auth.login', { username: ADMIN.username, password: 'a wrong guess' });
      if (err.code === 'RATE_LIMITED') {
        // Someone guessing waits out the shared wait only; the name's own wait is far longer.
        clock.now += (err.retryAfter ?? 1) * 1000;
        continue;
      }
      expect(err.code).toBe('VALIDATION');
      wrong++;
    }
    // Straight after the last guess: Bea may have to wait, but never more than 30 seconds.
    const first = await backend.invoke('auth.login', { username: 'bea', password: beaPassword }, { verified: true });
    if (!first.ok) {
      expect(first.error.code).toBe('RATE_LIMITED');
      expect(first.error.retryAfter).toBeLessThanOrEqual(30);
      clock.now += (first.error.retryAfter ?? 0) * 1000;
      await call(backend, 'auth.login', { username: 'bea', password: beaPassword });
    }
    expect(backend.session?.username).toBe('bea');
    await call(backend, 'auth.logout', {});

    // The name guessed at is still held back, for longer than the shared wait.
    const ada = await callError(backend, 'auth.login', { username: ADMIN.username, password: ADMIN.password });
    expect(ada.code).toBe('RATE_LIMITED');
    expect(ada.retryAfter).toBeGreaterThan(30);
    clock.now += (ada.retryAfter ?? 0) * 1000;
    await call(backend, 'auth.login', { username: ADMIN.username, password: ADMIN.password });
    await backend.shutdown();
  });
});
