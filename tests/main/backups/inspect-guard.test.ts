import { afterAll, beforeAll, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../../src/main/backend';
import { WRONG_PASSPHRASE } from '../../../src/main/features/backups/restore';
import { TEST_KDF } from '../../../src/main/vault/vault';
import { ADMIN, ORG, call, callError, setUpAndLogIn, tempDir } from '../helpers';
import { makeFolder, PASSPHRASE, runJob } from './fixtures';

const temp = tempDir();
let source: Backend;
let other: Backend;
let backupFile: string;
let clock = Date.parse('2026-03-02T10:00:00Z');

beforeAll(async () => {
  ({ backend: source } = await setUpAndLogIn(makeFolder(temp.dir, 'source')));
  await call(source, 'backups.setPassphrase', { passphrase: PASSPHRASE, confirm: PASSPHRASE });
  const job = await runJob(source, call(source, 'backups.start', { folder: makeFolder(temp.dir, 'stick') }));
  expect(job.error).toBeNull();
  backupFile = job.result!.file;
  // Another installation, with a clock the test moves, so the waits between guesses can be checked.
  other = await createBackend({ dataDir: makeFolder(temp.dir, 'other'), kdf: TEST_KDF, now: () => clock });
  await call(other, 'auth.setup', {
    organisation: { ...ORG, name: 'Other Charity', shortName: 'Other' },
    admin: ADMIN,
  });
  await call(other, 'auth.login', { username: ADMIN.username, password: ADMIN.password });
}, 60_000);

afterAll(async () => {
  await source?.shutdown();
  await other?.shutdown();
  temp.cleanup();
});

async function entries(action: string) {
  return other
    .requireDb()
    .selectFrom('audit_log')
    .select(['outcome', 'subject_type', 'detail'])
    .where('action', '=', action)
    .orderBy('seq')
    .execute();
}

it('audits wrong passphrases without the file or what was typed, and slows further guesses', async () => {
  for (let i = 0; i < 3; i++) {
    const error = await callError(other, 'backups.inspect', {
      file: backupFile,
      passphrase: `wrong guess number ${i}`,
    });
    expect(error.message).toBe(WRONG_PASSPHRASE);
  }
  // The fourth guess straight away must wait, as a fourth wrong log-in would.
  const slowed = await callError(other, 'backups.inspect', { file: backupFile, passphrase: PASSPHRASE });
  expect(slowed.code).toBe('RATE_LIMITED');
  const refused = await entries('backups.inspect');
  expect(refused.filter((e) => e.outcome === 'refused' && e.detail?.includes('wrong passphrase'))).toHaveLength(3);
  for (const e of refused) {
    expect(e.detail ?? '').not.toContain(backupFile.split('/').pop()!);
    expect(e.detail ?? '').not.toContain('wrong guess');
  }
  // Log-ins are not held up by backup guesses.
  expect(other.throttle.failures()).toBe(0);
});

it('audits a successful inspect, and a restore job that failed', async () => {
  clock += 60_000;
  const preview = await call(other, 'backups.inspect', { file: backupFile, passphrase: PASSPHRASE });
  expect(other.backupThrottle.failures()).toBe(0);
  const ok = (await entries('backups.inspect')).filter((e) => e.outcome === 'ok');
  expect(ok).toHaveLength(1);
  expect(JSON.parse(ok[0]!.detail!)).toMatchObject({ createdAt: preview.createdAt, otherOrganisation: true });
  expect(ok[0]!.detail).not.toContain('Test Charity');

  // Another organisation's backup, not accepted: the job fails and says so, and the log keeps it.
  const job = await runJob(other, call(other, 'backups.restore', { token: preview.token }));
  expect(job.phase).toBe('failed');
  const failed = await entries('backups.restore');
  expect(failed).toEqual([{ outcome: 'failed', subject_type: 'backup', detail: JSON.stringify({ code: 'CONFLICT' }) }]);
});
