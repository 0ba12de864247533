/**
 * The back end's clock (`createBackend({ now })`) is the one services read for
 * "now" and "today" where a test depends on it (issue 20, item 6): with the
 * clock fixed, the audit entries written by the router, the date in an export's
 * file name and the day an attendance summary is judged on all follow it, not
 * the computer's clock. (The file name's date is the UTC date, as it always was.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../../src/main/backend';
import { TEST_KDF } from '../../../src/main/vault/vault';
import { ADMIN, ORG, addStaff, call, switchTo, tempDir } from '../helpers';

const FIXED = Date.parse('2031-07-15T23:30:00Z'); // 00:30 on 16/07/2031 in London (summer time)
let backend: Backend;
let cleanup: () => void;

beforeAll(async () => {
  const t = tempDir();
  cleanup = t.cleanup;
  backend = await createBackend({ dataDir: t.dir, kdf: TEST_KDF, now: () => FIXED });
  await call(backend, 'auth.setup', { organisation: ORG, admin: ADMIN });
  await call(backend, 'auth.login', { username: ADMIN.username, password: ADMIN.password });
});
afterAll(async () => {
  await backend.shutdown();
  cleanup();
});

describe('a fixed clock', () => {
  it('stamps the audit entry of a write with its time', async () => {
    await call(backend, 'settings.update', { organisation: ORG, autoLockMinutes: 10 });
    const entry = await backend.requireDb().selectFrom('audit_log').select(['action', 'at']).where('action', '=', 'settings.update').orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
    expect(entry.at).toBe('2031-07-15T23:30:00.000Z');
  });

  it('dates an export by it, so a run across midnight names the same day', async () => {
    const mo = await addStaff(backend, 'morag', 'manager');
    await switchTo(backend, 'morag', mo.temporaryPassword);
    const file = await call(backend, 'exports.waitingList', {});
    expect(file.fileName).toBe('waiting-list-2031-07-15-0-rows.csv');
  });
});
