/**
 * Run by restore-crash.test.ts as a separate process: restores a backup and,
 * at the given step of the swap, says so and freezes until it is killed.
 */
import { createBackend } from '../../../src/main/backend';
import { inspectBackup, restorePrepared } from '../../../src/main/features/backups/restore';
import type { SwapStep } from '../../../src/main/features/backups/swap';
import { TEST_KDF } from '../../../src/main/vault/vault';

async function main() {
  const [dataDir, file, passphrase, username, password, step] = process.argv.slice(2) as [
    string,
    string,
    string,
    string,
    string,
    SwapStep,
  ];
  const backend = await createBackend({ dataDir, kdf: TEST_KDF });
  const login = await backend.invoke('auth.login', { username, password }, { verified: true });
  if (!login.ok) throw new Error(login.error.message);
  const preview = await inspectBackup(backend, { file, passphrase, recoveryKey: '' });
  await restorePrepared(
    backend,
    { token: preview.token, acceptOtherOrganisation: false },
    { progress: () => {} },
    {
      swapHooks: {
        after: (s) => {
          if (s !== step) return;
          process.stdout.write('MID-SWAP\n');
          // Freeze right here, in the middle of the swap, until the parent kills the process.
          Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
        },
      },
    },
  );
}
void main();
