/**
 * Locking (by hand or by the idle timer) while a backup or restore runs: the
 * window locks at once, the database stays open under the job until it ends,
 * then closes; the next log-in waits for that.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Backend } from '../../../src/main/backend';
import { jobFinished, jobRunning } from '../../../src/main/features/backups/jobs';
import { ADMIN, call, callError, setUpAndLogIn, tempDir } from '../helpers';
import { makeFolder, PASSPHRASE } from './fixtures';

const temp = tempDir();
let backend: Backend;

beforeAll(async () => {
  ({ backend } = await setUpAndLogIn(makeFolder(temp.dir, 'data')));
  await call(backend, 'backups.setPassphrase', { passphrase: PASSPHRASE, confirm: PASSPHRASE });
});

afterAll(async () => {
  await backend?.shutdown();
  temp.cleanup();
});

it('a lock during a backup locks the window at once and lets the backup finish', async () => {
  const { jobId } = await call(backend, 'backups.start', { folder: makeFolder(temp.dir, 'stick') });
  expect(jobRunning(backend)).toBe(true);
  await call(backend, 'auth.lock', {});
  expect((await call(backend, 'auth.status', {})).state).toBe('locked');
  expect((await callError(backend, 'backups.status', {})).code).toBe('LOCKED');
  await jobFinished(backend);
  await backend.settled();
  const job = await call(backend, 'backups.job', { jobId });
  expect(job.error).toBeNull();
  expect(job.phase).toBe('done');
  expect(backend.opened).toBeNull();

  await call(backend, 'auth.login', { username: ADMIN.username, password: ADMIN.password });
  expect((await call(backend, 'backups.status', {})).lastFileName).toBe(job.result!.file.split('/').pop());
  const actions = (await backend.requireDb().selectFrom('audit_log').select('action').orderBy('seq').execute()).map(
    (r) => r.action,
  );
  expect(actions).toContain('backups.create');
  expect(actions.indexOf('auth.lock')).toBeLessThan(actions.lastIndexOf('auth.unlock'));
});

it('the idle timer during a backup, then a log-in straight away: the log-in waits and works', async () => {
  await call(backend, 'backups.start', { folder: makeFolder(temp.dir, 'stick2') });
  expect(jobRunning(backend)).toBe(true);
  await backend.closeSession('lock', 'auth.autoLock');
  // No waiting by the test: the log-in itself waits for the backup to end and the old connection to close.
  await call(backend, 'auth.login', { username: ADMIN.username, password: ADMIN.password });
  expect(jobRunning(backend)).toBe(false);
  const status = await call(backend, 'backups.status', {});
  expect(status.lastFileName).not.toBeNull();
  expect((await call(backend, 'backups.list', { folder: join(temp.dir, 'stick2') })).length).toBe(1);
});
