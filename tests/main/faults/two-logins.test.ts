import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN, addStaff, call, setUpAndLogIn, switchTo, tempDir } from '../helpers';

let cleanup: () => void = () => {};
afterEach(() => cleanup());

describe('two log-ins at once (issue 14, item 1)', () => {
  it('lets exactly one through; the other gets a plain message and no handle is left open', async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const { backend } = await setUpAndLogIn(t.dir);
    const temp = await addStaff(backend, 'priya', 'partner_worker');
    const priyaPassword = await switchTo(backend, 'priya', temp.temporaryPassword);
    await call(backend, 'auth.logout', {});
    expect(backend.opened).toBeNull();

    // Two windows press "Log in" together: both arrive before either has stretched its key.
    const results = await Promise.all([
      backend.invoke('auth.login', { username: ADMIN.username, password: ADMIN.password }, { verified: true }),
      backend.invoke('auth.login', { username: 'priya', password: priyaPassword }, { verified: true }),
    ]);
    const won = results.filter((r) => r.ok);
    const lost = results.filter((r) => !r.ok);
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0]!.ok === false && lost[0]!.error).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('Someone else is logging in'),
    });
    // The session belongs to the first caller, and stays theirs.
    expect(backend.session?.username).toBe(ADMIN.username);
    expect(backend.opened).not.toBeNull();

    // After a failed log-in nothing is open with nobody logged in.
    await call(backend, 'auth.logout', {});
    const bad = await backend.invoke('auth.login', { username: 'priya', password: 'wrong password here' }, { verified: true });
    expect(bad.ok).toBe(false);
    expect(backend.session).toBeNull();
    expect(backend.opened).toBeNull();
    expect(backend.loggingIn).toBe(false);
    await backend.shutdown();
  });
});
