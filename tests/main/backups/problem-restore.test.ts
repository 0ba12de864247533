/** The problem screen's restore: offered when the records cannot be opened, and the unopened files are kept, never lost. */
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Backend } from '../../../src/main/backend';
import { KEPT_PREFIX } from '../../../src/main/features/backups/swap';
import { ADMIN, ORG, call, newBackend, setUpAndLogIn, tempDir } from '../helpers';
import { makeFolder, PASSPHRASE, runJob } from './fixtures';

const temp = tempDir();
let backupFile: string;
const open: Backend[] = [];

beforeAll(async () => {
  const { backend } = await setUpAndLogIn(makeFolder(temp.dir, 'source'));
  open.push(backend);
  await call(backend, 'backups.setPassphrase', { passphrase: PASSPHRASE, confirm: PASSPHRASE });
  const job = await runJob(backend, call(backend, 'backups.start', { folder: makeFolder(temp.dir, 'stick') }));
  backupFile = job.result!.file;
}, 60_000);

afterAll(async () => {
  for (const b of open) await b.shutdown();
  temp.cleanup();
});

it('restores over a damaged keyring, keeping the files that could not be opened', async () => {
  const dir = makeFolder(temp.dir, 'damaged');
  const { backend: before } = await setUpAndLogIn(dir);
  await before.shutdown();
  writeFileSync(join(dir, 'keyring.json'), '{"edited by hand": true');
  const oldDatabase = readFileSync(join(dir, 'case.db'));

  const backend = await newBackend(dir);
  open.push(backend);
  expect((await call(backend, 'auth.status', {})).state).toBe('problem');
  const preview = await call(backend, 'backups.inspect', { file: backupFile, passphrase: PASSPHRASE });
  expect(preview.otherOrganisation).toBeNull();
  const job = await runJob(backend, call(backend, 'backups.restore', { token: preview.token }));
  expect(job.error).toBeNull();

  const kept = readdirSync(dir).filter((n) => n.startsWith(KEPT_PREFIX));
  expect(kept).toHaveLength(1);
  expect(readFileSync(join(dir, kept[0]!, 'keyring.json'), 'utf8')).toBe('{"edited by hand": true');
  expect(readFileSync(join(dir, kept[0]!, 'case.db')).equals(oldDatabase)).toBe(true);
  expect((await call(backend, 'auth.status', {})).state).toBe('locked');
  await call(backend, 'auth.login', { username: ADMIN.username, password: ADMIN.password });
  expect((await call(backend, 'settings.get', {})).organisation.name).toBe(ORG.name);
});

it('restores when the database file is missing, and a set-up computer with readable records still needs an administrator', async () => {
  const dir = makeFolder(temp.dir, 'missing');
  const { backend: before } = await setUpAndLogIn(dir);
  await before.shutdown();
  const backend = await newBackend(dir);
  open.push(backend);
  expect((await call(backend, 'auth.status', {})).state).toBe('locked');
  const refused = await backend.invoke(
    'backups.inspect',
    { file: backupFile, passphrase: PASSPHRASE },
    { verified: true },
  );
  expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

  await backend.shutdown();
  rmSync(join(dir, 'case.db'));
  const again = await newBackend(dir);
  open.push(again);
  expect((await call(again, 'auth.status', {})).state).toBe('problem');
  const preview = await call(again, 'backups.inspect', { file: backupFile, passphrase: PASSPHRASE });
  // Its keyring is another installation's, so the usual warning applies and is accepted.
  expect(preview.otherOrganisation).not.toBeNull();
  const job = await runJob(
    again,
    call(again, 'backups.restore', { token: preview.token, acceptOtherOrganisation: true }),
  );
  expect(job.error).toBeNull();
  expect(readdirSync(dir).filter((n) => n.startsWith(KEPT_PREFIX))).toHaveLength(1);
  expect(existsSync(join(dir, 'case.db'))).toBe(true);
  await call(again, 'auth.login', { username: ADMIN.username, password: ADMIN.password });
});
