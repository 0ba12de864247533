import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeBackup } from '../../../src/main/features/backups/backup';
import type { SwapStep } from '../../../src/main/features/backups/swap';
import { ADMIN, ORG, addStaff, call, newBackend, setUpAndLogIn, tempDir } from '../helpers';
import { makeFolder, PASSPHRASE } from './fixtures';

let cleanup: () => void = () => {};
afterEach(() => cleanup());

describe('the program killed (SIGKILL) in the middle of a restore', () => {
  for (const step of ['moved-old', 'moved-new'] as SwapStep[]) {
    it(`after "${step}": the next start opens the old database as it was`, async () => {
      const t = tempDir();
      cleanup = t.cleanup;
      const dir = makeFolder(t.dir, 'data');
      const { backend } = await setUpAndLogIn(dir);
      await call(backend, 'backups.setPassphrase', { passphrase: PASSPHRASE, confirm: PASSPHRASE });
      const { file } = await makeBackup(backend, makeFolder(t.dir, 'stick'), { progress: () => {} });
      // Work done after the backup: it is in the old database only.
      await addStaff(backend, 'afterwards', 'facilitator');
      await backend.shutdown();

      const root = resolve(__dirname, '../../..');
      // Node itself with tsx's loader (not the tsx wrapper), so the kill reaches the process doing the restore.
      const child = spawn(
        process.execPath,
        [
          '--import',
          'tsx',
          join(__dirname, 'restore-crash-child.ts'),
          dir,
          file,
          PASSPHRASE,
          ADMIN.username,
          ADMIN.password,
          step,
        ],
        { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
      );
      await new Promise<void>((done, fail) => {
        child.stdout.on('data', (chunk: Buffer) => {
          if (chunk.toString().includes('MID-SWAP')) done();
        });
        child.on('exit', (code) => fail(new Error(`child exited early with ${code}`)));
      });
      const exited = new Promise((done) => child.once('exit', done));
      child.kill('SIGKILL');
      await exited;
      expect(readdirSync(dir)).toContain('restore-old');

      const restarted = await newBackend(dir);
      await call(restarted, 'auth.login', { username: ADMIN.username, password: ADMIN.password });
      expect((await call(restarted, 'settings.get', {})).organisation.name).toBe(ORG.name);
      expect((await call(restarted, 'staff.list', {})).map((s) => s.username)).toContain('afterwards');
      expect(readdirSync(dir).filter((n) => n.startsWith('restore'))).toEqual([]);
      await restarted.shutdown();
    });
  }
});
