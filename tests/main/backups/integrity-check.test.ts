import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Backend } from '../../../src/main/backend';
import { addStaff, call, callError, setUpAndLogIn, switchTo, tempDir } from '../helpers';

const temp = tempDir();
let backend: Backend;

beforeAll(async () => {
  ({ backend } = await setUpAndLogIn(temp.dir));
});

afterAll(async () => {
  await backend?.shutdown();
  temp.cleanup();
});

it('checks the live database on demand for an administrator, and audits the result', async () => {
  const result = await call(backend, 'backups.checkDatabase', {});
  expect(result).toMatchObject({ ok: true, integrityProblems: [], cipherProblems: [] });
  const entry = await backend
    .requireDb()
    .selectFrom('audit_log')
    .select(['outcome', 'detail', 'subject_type'])
    .where('action', '=', 'backups.checkDatabase')
    .executeTakeFirstOrThrow();
  expect(entry).toEqual({
    outcome: 'ok',
    subject_type: 'database',
    detail: JSON.stringify({ integrityProblems: 0, cipherProblems: 0 }),
  });
});

it('is for administrators only', async () => {
  const created = await addStaff(backend, 'mona', 'manager');
  await call(backend, 'auth.logout', {});
  await switchTo(backend, 'mona', created.temporaryPassword);
  expect((await callError(backend, 'backups.checkDatabase', {})).code).toBe('FORBIDDEN');
});
