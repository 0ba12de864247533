import { afterEach, describe, expect, it, vi } from 'vitest';
import { createBackend } from '../../../src/main/backend';
import { TEST_KDF } from '../../../src/main/vault/vault';
import { ADMIN, ORG, call, callError, tempDir } from '../helpers';

let cleanup: () => void = () => {};
afterEach(() => {
  vi.useRealTimers();
  cleanup();
});

/**
 * The machine's clock and the idle watch's timer under the test's control (mid-morning, far from
 * midnight): no real waiting, and the same answer whenever the test runs.
 */
function fakeClock(start = '2026-03-02T10:00:00Z') {
  vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'] });
  vi.setSystemTime(new Date(start));
}

/** Waits for a condition, yielding to I/O between looks (never a fixed time). */
async function until(condition: () => boolean | Promise<boolean>, what: string) {
  // Up to 20 s by the real clock (performance.now is not faked): a count of turns ran out first on a busy machine.
  const start = performance.now();
  while (performance.now() - start < 20_000) {
    if (await condition()) return;
    await new Promise((r) => setImmediate(r));
  }
  throw new Error(`still waiting for ${what}`);
}

describe('sessions', () => {
  it('locks by itself when no call has come for the auto-lock time (the back-stop behind the window’s timer)', async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    fakeClock();
    let clock = Date.now();
    const backend = await createBackend({ dataDir: t.dir, kdf: TEST_KDF, now: () => clock });
    await call(backend, 'auth.setup', { organisation: ORG, admin: ADMIN });
    await call(backend, 'auth.login', { username: ADMIN.username, password: ADMIN.password });
    await call(backend, 'settings.update', { organisation: ORG, autoLockMinutes: 2 });
    expect((await call(backend, 'auth.status', {})).state).toBe('unlocked');

    backend.startIdleWatch(5);
    clock += 2.5 * 60_000; // within auto-lock plus the minute's grace
    vi.advanceTimersByTime(50); // the watch runs ten times
    expect(backend.session).not.toBeNull();
    clock += 1 * 60_000;
    vi.advanceTimersByTime(5); // once more: past the grace
    // Closing writes its audit entry first, so wait for the lock rather than a fixed time.
    await until(() => backend.session === null && backend.opened === null, 'the lock');
    expect(await call(backend, 'auth.status', {})).toMatchObject({ state: 'locked', lockedUser: { username: 'ada' } });
    expect((await callError(backend, 'settings.get', {})).code).toBe('LOCKED');

    await call(backend, 'auth.login', { username: ADMIN.username, password: ADMIN.password });
    const audit = await call(backend, 'audit.list', { action: 'auth.autoLock' });
    expect(audit.total).toBe(1);
    expect((await call(backend, 'audit.list', { action: 'auth.unlock' })).total).toBe(1);
    await backend.shutdown();
  });

  it('raises the new day’s tasks under a session left open past midnight (the backup reminder among them)', async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    fakeClock();
    let clock = Date.now();
    const backend = await createBackend({ dataDir: t.dir, kdf: TEST_KDF, now: () => clock });
    await call(backend, 'auth.setup', { organisation: ORG, admin: ADMIN });
    await call(backend, 'auth.login', { username: ADMIN.username, password: ADMIN.password });
    await call(backend, 'settings.update', { organisation: ORG, autoLockMinutes: 60 });
    const reminders = async () => (await call(backend, 'tasks.list', { scope: 'mine' })).tasks.filter((r) => r.kind === 'backup_due');
    expect(await reminders()).toHaveLength(0); // set up today: nothing is overdue yet

    backend.startIdleWatch(5);
    // Eight days on, still logged in and in use: no log-in or unlock has happened to raise it.
    clock += 8 * 24 * 60 * 60_000;
    vi.setSystemTime(clock);
    backend.touch();
    vi.advanceTimersByTime(5);
    await until(async () => (await reminders()).length > 0, 'the reminder');
    expect(backend.session).not.toBeNull();
    const raised = await reminders();
    expect(raised).toHaveLength(1);
    expect(raised[0]!.title).toBe('Make the first backup');
    // The watch runs again and again on the same day: still one reminder.
    vi.advanceTimersByTime(50);
    await until(() => true, 'a turn of the event loop');
    expect(await reminders()).toHaveLength(1);
    backend.stopIdleWatch();
    await backend.shutdown();
  });

  it('refuses set-up on a folder that is already set up, and log-in while someone is logged in', async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const backend = await createBackend({ dataDir: t.dir, kdf: TEST_KDF });
    expect(await call(backend, 'auth.status', {})).toEqual({ state: 'needs-setup' });
    await call(backend, 'auth.setup', { organisation: ORG, admin: ADMIN });
    expect(await call(backend, 'auth.status', {})).toEqual({ state: 'locked', lockedUser: null, organisationName: ORG.name });
    expect((await callError(backend, 'auth.setup', { organisation: ORG, admin: ADMIN })).code).toBe('CONFLICT');
    await call(backend, 'auth.login', { username: 'ADA', password: ADMIN.password });
    expect((await callError(backend, 'auth.login', { username: 'ada', password: ADMIN.password })).code).toBe('CONFLICT');
    const badSetup = await callError(backend, 'auth.setup', { organisation: { name: '' }, admin: { username: 'a', password: 'short' } });
    expect(badSetup.code).toBe('VALIDATION');
    expect(Object.keys(badSetup.fields!)).toEqual(expect.arrayContaining(['organisation.name', 'admin.username', 'admin.password', 'admin.fullName']));
    await backend.shutdown();
  });
});
