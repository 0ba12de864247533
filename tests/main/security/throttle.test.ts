/**
 * The log-in slow-down (README "Security"): after the third failure each attempt
 * waits 1 s, 2 s, 4 s ... up to 5 minutes, the count survives a restart, and a
 * damaged counter is never more lenient than a fresh one. The clock is injected:
 * no real seconds pass.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createBackend } from '../../../src/main/backend';
import { delayAfter, LoginThrottle } from '../../../src/main/vault/throttle';
import { TEST_KDF } from '../../../src/main/vault/vault';
import { ADMIN, ORG, call, callError, tempDir } from '../helpers';

let cleanup: () => void = () => {};
afterEach(() => cleanup());

function throttleAt(start = Date.parse('2026-03-02T10:00:00Z')) {
  const t = tempDir();
  cleanup = t.cleanup;
  const clock = { now: start };
  const file = join(t.dir, 'login-throttle.json');
  return { file, clock, throttle: new LoginThrottle(file, () => clock.now) };
}

describe('the log-in slow-down', () => {
  it('waits nothing for three failures, then 1, 2, 4 ... seconds, capped at five minutes', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 10, 11, 12, 13, 40].map(delayAfter)).toEqual([0, 0, 0, 1, 2, 4, 8, 128, 256, 300, 300, 300]);
  });

  it('refuses an attempt until the wait has passed by the injected clock, saying how long is left', () => {
    const { throttle, clock } = throttleAt();
    for (let i = 0; i < 2; i++) {
      expect(throttle.recordFailure('password')).toBe(0);
      expect(() => throttle.check()).not.toThrow();
    }
    // the third failure: from now on each attempt waits
    expect(throttle.recordFailure('password')).toBe(1);
    expect(() => throttle.check()).toThrow(/Please wait 1 second and try again/);
    clock.now += 999;
    expect(() => throttle.check()).toThrow(/wait 1 second\b/);
    clock.now += 1;
    expect(() => throttle.check()).not.toThrow();
    expect(throttle.recordFailure('password')).toBe(2);
    try {
      throttle.check();
      expect.unreachable();
    } catch (e) {
      expect(e).toMatchObject({ code: 'RATE_LIMITED' });
      expect(String((e as Error).message)).toMatch(/wait 2 seconds/);
    }
  });

  it('keeps the count and the attempts across a restart, and forgets them after a success', () => {
    const { file, throttle, clock } = throttleAt();
    throttle.recordFailure('password');
    throttle.recordFailure('recovery-key');
    throttle.recordFailure(null);
    const again = new LoginThrottle(file, () => clock.now);
    expect(again.failures()).toBe(3);
    expect(again.takeAttempts()).toEqual([
      { at: '2026-03-02T10:00:00.000Z', kind: 'password' },
      { at: '2026-03-02T10:00:00.000Z', kind: 'recovery-key' },
    ]);
    expect(again.takeAttempts()).toEqual([]);
    again.recordSuccess();
    expect(again.failures()).toBe(0);
    expect(() => again.check()).not.toThrow();
  });

  it('treats a damaged counter as three failures already, never as none', () => {
    const { file, throttle } = throttleAt();
    writeFileSync(file, '{ not json');
    expect(throttle.failures()).toBe(3);
    expect(throttle.recordFailure('password')).toBe(2);
    writeFileSync(file, JSON.stringify({ failures: 'many', nextAttemptAt: 'soon', attempts: [{ at: 5 }, { at: 'x', kind: 'password' }] }));
    expect(throttle.failures()).toBe(0);
    expect(throttle.takeAttempts()).toEqual([{ at: 'x', kind: 'password' }]);
  });

  it('writes nothing while there is nothing to remember, and starts with nothing to report', () => {
    const { file, throttle } = throttleAt();
    expect(throttle.takeAttempts()).toEqual([]);
    throttle.recordSuccess();
    expect(existsSync(file)).toBe(false);
    expect(throttle.failures()).toBe(0);
  });

  it('a success forgets the count but keeps the attempts still to be written to the audit log; taking them keeps the count', () => {
    const { throttle } = throttleAt();
    for (let i = 0; i < 4; i++) throttle.recordFailure('password');
    expect(throttle.takeAttempts()).toHaveLength(4);
    expect(throttle.failures()).toBe(4);
    expect(() => throttle.check()).toThrow(/wait 2 seconds/);
    throttle.recordFailure('recovery-key');
    throttle.recordSuccess();
    expect(throttle.failures()).toBe(0);
    expect(() => throttle.check()).not.toThrow();
    expect(throttle.takeAttempts()).toEqual([{ at: '2026-03-02T10:00:00.000Z', kind: 'recovery-key' }]);
  });

  it('reads a damaged or hand-edited file safely: no attempts invented, at most 200 kept', () => {
    const { file, throttle } = throttleAt();
    writeFileSync(file, '{ not json');
    expect(throttle.takeAttempts()).toEqual([]);
    writeFileSync(file, JSON.stringify({ failures: 1, nextAttemptAt: 0, attempts: 'not a list' }));
    expect(throttle.takeAttempts()).toEqual([]);
    writeFileSync(file, JSON.stringify({ failures: 1, nextAttemptAt: 0, attempts: [null, 7, { at: 'a', kind: 'password' }] }));
    expect(throttle.takeAttempts()).toEqual([{ at: 'a', kind: 'password' }]);
    const many = Array.from({ length: 250 }, (_, i) => ({ at: `t${i}`, kind: 'password' }));
    writeFileSync(file, JSON.stringify({ failures: 1, nextAttemptAt: 0, attempts: many }));
    const kept = throttle.takeAttempts();
    expect(kept).toHaveLength(200);
    expect(kept[0]).toEqual({ at: 't50', kind: 'password' });
  });

  it('keeps at most the last 200 attempts for the audit log', () => {
    const { file, throttle } = throttleAt();
    for (let i = 0; i < 205; i++) throttle.recordFailure('password');
    expect(JSON.parse(readFileSync(file, 'utf8')).attempts).toHaveLength(200);
    expect(throttle.failures()).toBe(205);
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
