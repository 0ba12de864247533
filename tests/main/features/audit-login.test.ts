import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN, ORG, call, callError, setUpAndLogIn, tempDir } from '../helpers';

let cleanup: () => void = () => {};
afterEach(() => cleanup());

describe('audit entries for log-ins and settings', () => {
  it('records each failed log-in once, and the new organisation name shows at once', async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const { backend } = await setUpAndLogIn(t.dir);
    await call(backend, 'auth.logout', {});
    await callError(backend, 'auth.login', { username: 'ada', password: 'not the password' });
    await call(backend, 'auth.login', { username: ADMIN.username, password: ADMIN.password });
    const failed = await call(backend, 'audit.list', { action: 'auth.login', outcome: 'refused' });
    expect(failed.total).toBe(1);
    await call(backend, 'settings.update', { organisation: { ...ORG, name: 'Renamed Charity' }, autoLockMinutes: 5 });
    expect(await call(backend, 'auth.status', {})).toMatchObject({ session: { organisationName: 'Renamed Charity', autoLockMinutes: 5 } });
    await backend.shutdown();
  });
});
