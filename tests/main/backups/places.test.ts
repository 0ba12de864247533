/**
 * Issue 13, review finding: backup routes never resolve a relative path against the program's
 * working folder; in the desktop program (native dialogs) they take only a place chosen in the
 * dialog or on a removable drive.
 */
import { existsSync, readdirSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { createBackend } from '../../../src/main/backend';
import { TEST_KDF } from '../../../src/main/vault/vault';
import { ADMIN, call, callError, ORG, tempDir } from '../helpers';
import { makeFolder, PASSPHRASE, runJob } from './fixtures';

let cleanup: () => void = () => {};
afterEach(() => cleanup());

async function setUp(withPickers: boolean) {
  const t = tempDir();
  cleanup = t.cleanup;
  const picked = { folder: null as string | null };
  const backend = await createBackend({
    dataDir: makeFolder(t.dir, 'data'),
    kdf: TEST_KDF,
    ...(withPickers ? { pickers: { folder: async () => picked.folder, file: async () => null } } : {}),
  });
  await call(backend, 'auth.setup', { organisation: ORG, admin: ADMIN });
  await call(backend, 'auth.login', { username: ADMIN.username, password: ADMIN.password });
  await call(backend, 'backups.setPassphrase', { passphrase: PASSPHRASE, confirm: PASSPHRASE });
  return { backend, root: t.dir, picked };
}

describe('where backups go', () => {
  it('refuses a relative path or one with .. in it, naming the field, and writes nothing in the working folder', async () => {
    const { backend, root } = await setUp(false);
    const before = readdirSync(process.cwd());
    for (const folder of ['backups', './backups', `${root}/data/../elsewhere`]) {
      const err = await callError(backend, 'backups.start', { folder });
      expect(err.code).toBe('VALIDATION');
      expect(err.fields?.folder).toMatch(/full path/);
    }
    expect((await callError(backend, 'backups.list', { folder: 'backups' })).fields?.folder).toMatch(/full path/);
    expect((await callError(backend, 'backups.inspect', { file: 'x.dvppbak', passphrase: PASSPHRASE })).fields?.file).toMatch(/full path/);
    expect(readdirSync(process.cwd())).toEqual(before);
    // A full path still works in the browser host, which has no dialog.
    const status = await runJob(backend, call(backend, 'backups.start', { folder: makeFolder(root, 'stick') }));
    expect({ error: status.error, phase: status.phase }).toEqual({ error: null, phase: 'done' });
    await backend.shutdown();
  });

  it('in the desktop program, takes only the folder chosen in the dialog (or a removable drive)', async () => {
    const { backend, root, picked } = await setUp(true);
    const typed = makeFolder(root, 'typed');
    const err = await callError(backend, 'backups.start', { folder: typed });
    expect(err.code).toBe('VALIDATION');
    expect(err.fields?.folder).toMatch(/Choose the folder with the button/);
    expect(readdirSync(typed)).toEqual([]);
    expect((await callError(backend, 'backups.list', { folder: typed })).fields?.folder).toMatch(/Choose the folder/);

    picked.folder = makeFolder(root, 'chosen');
    expect(await call(backend, 'backups.pickFolder', {})).toEqual({ path: picked.folder });
    const status = await runJob(backend, call(backend, 'backups.start', { folder: picked.folder }));
    expect({ error: status.error, phase: status.phase }).toEqual({ error: null, phase: 'done' });
    const listed = await call(backend, 'backups.list', { folder: picked.folder });
    expect(listed).toHaveLength(1);
    // A file inside the chosen folder can be opened; the typed one still cannot be used.
    expect(existsSync(listed[0]!.file)).toBe(true);
    expect((await call(backend, 'backups.inspect', { file: listed[0]!.file, passphrase: PASSPHRASE })).createdAt).toBeTruthy();
    expect((await callError(backend, 'backups.start', { folder: typed })).code).toBe('VALIDATION');
    await backend.shutdown();
  });
});
