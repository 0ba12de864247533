import { readFileSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { APP_VERSION } from '../../../src/main/app-version';
import { makeBackup } from '../../../src/main/features/backups/backup';
import { MAGIC } from '../../../src/main/features/backups/format';
import { call, callError, setUpAndLogIn, tempDir } from '../helpers';
import { makeFolder, PASSPHRASE } from '../backups/fixtures';

let cleanup: () => void = () => {};
afterEach(() => cleanup());

/** Rewrites a backup's header as a later program would have written it (the rest of the file as it was). */
function madeBy(file: string, change: (header: Record<string, unknown>) => void): void {
  const bytes = readFileSync(file);
  const length = bytes.readUInt32BE(MAGIC.length);
  const start = MAGIC.length + 4;
  const header = JSON.parse(bytes.subarray(start, start + length).toString('utf8')) as Record<string, unknown>;
  change(header);
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const len = Buffer.alloc(4);
  len.writeUInt32BE(json.length);
  writeFileSync(file, Buffer.concat([MAGIC, len, json, bytes.subarray(start + length)]));
}

describe('newer backups and folders given as files (issue 14, item 7)', () => {
  it('names the version that made a newer backup, never the running one', async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const { backend } = await setUpAndLogIn(makeFolder(t.dir, 'data'));
    await call(backend, 'backups.setPassphrase', { passphrase: PASSPHRASE, confirm: PASSPHRASE });
    const folder = makeFolder(t.dir, 'stick');
    const cases: Array<[string, (h: Record<string, unknown>) => void]> = [
      ['a newer program', (h) => void (h.appVersion = '9.4.2')],
      ['a newer schema', (h) => Object.assign(h, { appVersion: '9.4.2', schemaVersion: '9999_later' })],
      ['a newer file format', (h) => Object.assign(h, { appVersion: '9.4.2', format: 7, somethingNew: true })],
    ];
    for (const [what, change] of cases) {
      const { file } = await makeBackup(backend, folder, { progress: () => {} });
      madeBy(file, change);
      const error = await callError(backend, 'backups.inspect', { file, passphrase: PASSPHRASE, recoveryKey: '' });
      expect(error.message, what).toContain('made by a newer version of the program (version 9.4.2)');
      expect(error.message, what).not.toContain(APP_VERSION);
    }
    await backend.shutdown();
  });

  it('a folder given where the backup file is expected gets a plain message', async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const { backend } = await setUpAndLogIn(makeFolder(t.dir, 'data'));
    const folder = makeFolder(t.dir, 'stick');
    const error = await callError(backend, 'backups.inspect', { file: folder, passphrase: PASSPHRASE, recoveryKey: '' });
    expect(error.message).toBe('That is a folder. Choose the backup file inside it.');
    expect(error.fields).toHaveProperty('file');
    await backend.shutdown();
  });
});
