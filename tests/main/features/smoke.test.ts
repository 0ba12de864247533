import { afterEach, describe, expect, it } from 'vitest';
import { addStaff, call, callError, setUpAndLogIn, switchTo, tempDir } from '../helpers';

let cleanup: () => void = () => {};
afterEach(() => cleanup());

describe('smoke', () => {
  it('sets up, logs in, adds staff', async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const { backend, recoveryKey } = await setUpAndLogIn(t.dir);
    expect(recoveryKey).toMatch(/^([0-9A-Z]{4}-){12}[0-9A-Z]{4}$/);
    const f = await addStaff(backend, 'fran', 'facilitator');
    await switchTo(backend, 'fran', f.temporaryPassword);
    const err = await callError(backend, 'staff.list', {});
    expect(err.code).toBe('FORBIDDEN');
    const s = await call(backend, 'settings.get', {});
    expect(s.organisation.name).toBe('Test Charity');
    await backend.shutdown();
  });
});
