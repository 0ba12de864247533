/**
 * A backup's copy and its check run on a worker thread with their own
 * connection: the window's calls are answered meanwhile, the phases are still
 * reported in order, and a failure inside the worker (this computer's disk
 * filling up under the export) still gets its own plain message. Runs under
 * each driver (vitest projects).
 */
import { readdirSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { Backend } from '../../../src/main/backend';
import { COMPUTER_FULL, describeDriveError, makeBackup } from '../../../src/main/features/backups/backup';
import { call, setUpAndLogIn, tempDir } from '../helpers';
import { makeFolder, PASSPHRASE } from './fixtures';

let backend: Backend | null = null;
let cleanup: () => void = () => {};

afterEach(async () => {
  await backend?.shutdown();
  backend = null;
  cleanup();
});

async function ready() {
  const t = tempDir();
  cleanup = t.cleanup;
  const made = await setUpAndLogIn(makeFolder(t.dir, 'data'));
  backend = made.backend;
  await call(made.backend, 'backups.setPassphrase', { passphrase: PASSPHRASE, confirm: PASSPHRASE });
  return { root: t.dir, backend: made.backend };
}

describe('a backup on its worker thread', () => {
  it("answers the window's calls while it copies, and reports its phases in order", async () => {
    const { root, backend: b } = await ready();
    const order: string[] = [];
    const phases: string[] = [];
    let answered: Promise<void> | null = null;
    const done = makeBackup(b, makeFolder(root, 'stick'), {
      progress: (phase) => {
        if (phases.at(-1) !== phase) phases.push(phase);
        // As soon as the copy starts, a call from the window: it must not wait for the copy to finish.
        if (phase === 'copying' && !answered) {
          answered = b.invoke('settings.get', {}, { verified: true }).then((r) => {
            expect(r.ok).toBe(true);
            order.push('call answered');
          });
        }
      },
    }).then(() => order.push('backup finished'));
    await done;
    await answered;
    expect(order).toEqual(['call answered', 'backup finished']);
    expect(phases).toEqual(['copying', 'checking', 'writing', 'checking', 'finishing']);
  });

  it("this computer's disk filling up inside the worker's export: says so, nothing on the drive, nothing left behind", async () => {
    const { root, backend: b } = await ready();
    const folder = makeFolder(root, 'stick');
    const error = await makeBackup(b, folder, { progress: () => {} }, { hooks: { copyPageLimit: 8 } }).catch(
      (err: unknown) => err,
    );
    expect(describeDriveError(error)).toBe(COMPUTER_FULL);
    expect(readdirSync(folder)).toEqual([]);
    expect(readdirSync(b.options.dataDir)).not.toContain('backup-work');
    // And the next backup, with room, works.
    const result = await makeBackup(b, folder, { progress: () => {} });
    expect(readdirSync(folder)).toEqual([result.file.split('/').pop()]);
  });
});
