/**
 * The log-in slow-down (README "Security"): after the third failure each attempt
 * waits 1 s, 2 s, 4 s ... up to 5 minutes, through log-in itself. The clock is
 * injected: no real seconds pass. The throttle's own rules (counting before key
 * stretching, one user name not locking out the others, the file read safely)
 * are in tests/main/vault/throttle.test.ts.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createBackend } from '../../../src/main/backend';
import { delayAfter } from '../../../src/main/vault/throttle';
import { TEST_KDF } from '../../../src/main/vault/vault';
import { ADMIN, ORG, call, callError, tempDir } from '../helpers';

let cleanup: () => void = () => {};
afterEach(() => cleanup());

describe('the log-in slow-down', () => {
  it('waits nothing for three failures, then 1, 2, 4 ... seconds, capped at five minutes', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 10, 11, 12, 13, 40].map(delayAfter)).toEqual([0, 0, 0, 1, 2, 4, 8, 128, 256, 300, 300, 300]);
  });

  it('through log-in itself: the wait doubles to its five-minute cap, by an injected clock', async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    let clock = Date.parse('2026-03-02T10:00:00Z');
    const backend = await createBackend({ dataDir: t.dir, kdf: TEST_KDF, now: () => clock });
    await call(backend, 'auth.setup', { organisation: ORG, admin: ADMIN });
    const waits: number[] = [];
    for (let failures = 1; failures <= 14; failures++) {
      // the first two wrong passwords are answered at once: the next attempt is not held
      const wrong = await callError(backend, 'auth.login', { username: ADMIN.username, password: `not the password ${failures}` });
      expect(wrong.code).toBe('VALIDATION');
      if (failures < 3) continue;
      // from the third: even the right password must wait, does not count, and is not let in
      const held = await callError(backend, 'auth.login', { username: ADMIN.username, password: ADMIN.password });
      expect(held.code).toBe('RATE_LIMITED');
      expect(held.message).toContain(`wait ${held.retryAfter} second`);
      expect(backend.session).toBeNull();
      waits.push(held.retryAfter!);
      clock += held.retryAfter! * 1000;
    }
    expect(waits).toEqual([1, 2, 4, 8, 16, 32, 64, 128, 256, 300, 300, 300]);
    expect(backend.throttle.failures()).toBe(14);
    await call(backend, 'auth.login', { username: ADMIN.username, password: ADMIN.password });
    expect(backend.throttle.failures()).toBe(0);
    await backend.shutdown();
  }, 60_000);
});
