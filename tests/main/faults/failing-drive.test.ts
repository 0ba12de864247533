/**
 * A drive that turns read-only part-way through a backup. Tests run as root here, where permissions do
 * not stop a removal, so the fault is played at the write hook: the write fails with EROFS (as a drive
 * that turns read-only reports it), and the partial file is made impossible to remove by turning its
 * name into a non-empty folder (a plain file removal then fails, as it would on the read-only drive).
 */
import { mkdirSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { describeDriveError, makeBackup } from '../../../src/main/features/backups/backup';
import { call, setUpAndLogIn, tempDir } from '../helpers';
import { makeFolder, PASSPHRASE } from '../backups/fixtures';

let cleanup: () => void = () => {};
afterEach(() => cleanup());

const erofs = () => Object.assign(new Error('EROFS: read-only file system, write'), { code: 'EROFS' });

describe('a failing drive (issue 14, item 6)', () => {
  it('says the partial file could not be removed, and the original error is still the one reported', async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const { backend } = await setUpAndLogIn(makeFolder(t.dir, 'data'));
    await call(backend, 'backups.setPassphrase', { passphrase: PASSPHRASE, confirm: PASSPHRASE });
    const folder = makeFolder(t.dir, 'stick');
    const error = await makeBackup(backend, folder, { progress: () => {} }, {
      hooks: {
        afterWrite: (file) => {
          renameSync(file, join(t.dir, 'moved-away'));
          mkdirSync(file);
          writeFileSync(join(file, 'stuck'), 'x');
          throw erofs();
        },
      },
    }).catch((err: unknown) => err);
    expect((error as { code?: string }).code).toBe('EROFS');
    const message = describeDriveError(error);
    expect(message).toContain('not allowed to write to that folder (the drive may be locked or read-only)');
    expect(message).toMatch(/The unfinished file \(.*\.dvppbak\.partial\) could not be removed from the drive/);
    expect(message).not.toContain('has been removed');
    expect(readdirSync(folder).some((n) => n.endsWith('.partial'))).toBe(true);
    await backend.shutdown();
  });

  it('still says the partial file was removed when it was', async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const { backend } = await setUpAndLogIn(makeFolder(t.dir, 'data'));
    await call(backend, 'backups.setPassphrase', { passphrase: PASSPHRASE, confirm: PASSPHRASE });
    const folder = makeFolder(t.dir, 'stick');
    const error = await makeBackup(backend, folder, { progress: () => {} }, {
      hooks: {
        afterWrite: () => {
          throw erofs();
        },
      },
    }).catch((err: unknown) => err);
    expect(describeDriveError(error)).toContain('The partial backup file has been removed');
    expect(readdirSync(folder)).toEqual([]);
    await backend.shutdown();
  });
});
