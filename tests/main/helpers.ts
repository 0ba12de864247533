import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RouteInput, RouteName, RouteOutput } from '../../src/shared/api';
import type { ApiError } from '../../src/shared/errors';
import { createBackend, type Backend } from '../../src/main/backend';
import { TEST_KDF } from '../../src/main/vault/vault';
import { testNow } from './test-clock';

export const ADMIN = { fullName: 'Ada Admin', username: 'ada', password: 'correct horse battery' };
export const ORG = {
  name: 'Test Charity',
  shortName: 'TestCharity',
  address: '1 High Street, Testtown, TE1 1ST',
  charityNumber: '1234567',
  phone: '',
};

export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'dvpp-test-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export async function newBackend(dir: string): Promise<Backend> {
  return createBackend({ dataDir: dir, kdf: TEST_KDF, now: testNow });
}

export async function call<R extends RouteName>(backend: Backend, route: R, input: RouteInput<R>): Promise<RouteOutput<R>> {
  const result = await backend.invoke(route, input, { verified: true });
  if (!result.ok) throw Object.assign(new Error(`${route}: ${result.error.code} ${result.error.message}`), { api: result.error });
  return result.value as RouteOutput<R>;
}

export async function callError<R extends RouteName>(backend: Backend, route: R, input: unknown): Promise<ApiError> {
  const result = await backend.invoke(route, input, { verified: true });
  if (result.ok) throw new Error(`${route} was expected to fail`);
  return result.error;
}

/** A set-up installation with the administrator logged in. */
export async function setUpAndLogIn(dir: string) {
  const backend = await newBackend(dir);
  const { recoveryKey } = await call(backend, 'auth.setup', { organisation: ORG, admin: ADMIN });
  await call(backend, 'auth.login', { username: ADMIN.username, password: ADMIN.password });
  return { backend, recoveryKey };
}

/** Adds a member of staff and returns their temporary password. */
export async function addStaff(backend: Backend, username: string, role: 'admin' | 'manager' | 'facilitator' | 'partner_worker') {
  const created = await call(backend, 'staff.create', { fullName: `Test ${username}`, username, jobTitle: '', role });
  return created;
}

/** Logs out, logs in as someone with a temporary password and sets a permanent one. */
export async function switchTo(backend: Backend, username: string, temporaryPassword: string, newPassword = 'a new long password') {
  if (backend.session) await call(backend, 'auth.logout', {});
  await call(backend, 'auth.login', { username, password: temporaryPassword });
  await call(backend, 'auth.changePassword', { currentPassword: temporaryPassword, newPassword });
  return newPassword;
}
