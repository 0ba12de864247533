/**
 * Backup and restore figures for `npm run bench`, on the data set the
 * benchmark generated: backup with its read-back check, against a plain copy
 * of the same database file (the disk's own limit), and a restore into a
 * fresh data folder.
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { closeSync, copyFileSync, fsyncSync, mkdirSync, openSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { createBackend } from '../src/main/backend';
import { openDatabase } from '../src/main/db/open';
import { differingTables, tableDigests } from '../src/main/db/table-digests';
import { makeBackup } from '../src/main/features/backups/backup';
import { inspectBackup, restorePrepared } from '../src/main/features/backups/restore';
import { TEST_KDF } from '../src/main/vault/vault';
import { longestStall } from './stall';

type Report = (name: string, value: number, unit: string, note?: string) => void;

const PASSPHRASE = 'bench backup passphrase four words';
const quiet = { progress: () => {} };

async function seconds<T>(fn: () => Promise<T> | T): Promise<[number, T]> {
  const start = performance.now();
  const value = await fn();
  return [(performance.now() - start) / 1000, value];
}

/**
 * The least any encrypted backup that is checked must do, in Node's OpenSSL (the library SQLCipher
 * uses here), at SQLCipher 4's settings: read every page (HMAC-SHA512 checked, AES-256-CBC
 * decrypted), write it under the backup key (encrypted, HMAC), and check the copy once (HMAC,
 * decrypt). Timed over the whole file at once, so no per-page overhead is counted: a generous floor.
 * No SQLite, no disk: only the cryptography.
 */
function cryptographicFloorSeconds(file: string): number {
  const whole = readFileSync(file);
  const bytes = whole.subarray(0, whole.length - (whole.length % 16));
  const [key, macKey, iv] = [randomBytes(32), randomBytes(64), randomBytes(16)];
  const timed = (work: () => unknown) => {
    const start = performance.now();
    work();
    return (performance.now() - start) / 1000;
  };
  const mac = timed(() => createHmac('sha512', macKey).update(bytes).digest());
  const decrypt = timed(() => createDecipheriv('aes-256-cbc', key, iv).setAutoPadding(false).update(bytes));
  const encrypt = timed(() => createCipheriv('aes-256-cbc', key, iv).setAutoPadding(false).update(bytes));
  return 3 * mac + 2 * decrypt + encrypt;
}

export async function benchBackups(
  dir: string,
  admin: { username: string; password: string },
  report: Report,
  driver = process.env.DVPP_DB_DRIVER ?? 'journeyapps',
): Promise<void> {
  const work = join(dir, '..', `${dir.split('/').pop()}-backups-${driver}`);
  const stick = join(work, 'stick');
  mkdirSync(stick, { recursive: true });
  try {
    const backend = await createBackend({ dataDir: dir, kdf: TEST_KDF });
    const login = await backend.invoke('auth.login', admin, { verified: true });
    if (!login.ok) throw new Error(login.error.message);
    const set = await backend.invoke(
      'backups.setPassphrase',
      { passphrase: PASSPHRASE, confirm: PASSPHRASE },
      { verified: true },
    );
    if (!set.ok) throw new Error(set.error.message);
    // Everything in the database file itself, so the plain copy copies all of it.
    await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(backend.requireDb());
    const sizeMb = statSync(backend.databaseFile).size / 1e6;
    // What the restored copy must equal, table by table (taken before the backup adds its own audit entry).
    const [digestSeconds, live] = await seconds(() => tableDigests(backend.requireDb()));

    const plainCopy = () => {
      const target = join(work, 'plain-copy.db');
      copyFileSync(backend.databaseFile, target);
      const fd = openSync(target, 'r');
      fsyncSync(fd);
      closeSync(fd);
      rmSync(target);
    };
    plainCopy(); // warm the cache, as the backup finds it warm
    const [copySeconds] = await seconds(plainCopy);
    // Seconds in each phase, to show where the time goes.
    const phases = new Map<string, number>();
    let phase = '';
    let since = performance.now();
    // The backup reports "checking" twice: the copy in the data folder, then the file read back from the drive.
    const phaseName = (name: string, percent: number) =>
      name === 'copying'
        ? 'sqlcipher_export under the backup key (with the live row counts)'
        : name === 'checking'
          ? percent < 85
            ? 'checking the copy (quick_check, cipher_integrity_check, row counts)'
            : 'reading the file back from the drive against its checksum'
          : name === 'writing'
            ? 'writing to the drive, with fsync'
            : name;
    const timed = {
      progress: (name: string, percent: number) => {
        const next = phaseName(name, percent);
        if (next === phase) return;
        const now = performance.now();
        if (phase) phases.set(phase, (phases.get(phase) ?? 0) + (now - since) / 1000);
        phase = next;
        since = now;
      },
    };
    const [backupStall, [backupSeconds, result]] = await longestStall(() => seconds(() => makeBackup(backend, stick, timed)));
    timed.progress('end', 100);
    report('longest main-thread stall during a backup', backupStall, 'ms', 'target under 100 ms');
    report('database file size', sizeMb, 'MB');
    report('backup and verify', backupSeconds, 's', 'target under 10 s');
    report('backup and verify throughput', sizeMb / backupSeconds, 'MB/s');
    report('plain copy of the database file (the disk limit)', copySeconds, 's');
    report('backup and verify, ratio to a plain copy', backupSeconds / copySeconds, 'x', 'target within 5x');
    const floorSeconds = cryptographicFloorSeconds(backend.databaseFile);
    report(
      'cryptographic floor of an encrypted, checked copy, ratio to a plain copy',
      floorSeconds / copySeconds,
      'x',
      `${Math.round(floorSeconds * 100) / 100} s: every page's HMAC checked and decrypted, re-encrypted under the backup key with its HMAC, and checked once more; no SQLite, no disk`,
    );
    const exportSeconds = phases.get(phaseName('copying', 0)) ?? 0;
    report(
      'sqlcipher_export alone, ratio to a plain copy',
      exportSeconds / copySeconds,
      'x',
      'the floor DESIGN section 6 sets: every page decrypted and re-encrypted under the backup key, before any check',
    );
    report('backup file size', result.sizeBytes / 1e6, 'MB');
    for (const [name, value] of phases) report(`backup phase: ${name}`, value, 's');
    await backend.shutdown();

    mkdirSync(join(work, 'fresh'));
    const fresh = await createBackend({ dataDir: join(work, 'fresh'), kdf: TEST_KDF });
    const [openSeconds, preview] = await seconds(() =>
      inspectBackup(fresh, { file: result.file, passphrase: PASSPHRASE, recoveryKey: '' }),
    );
    const [restoreStall, [swapSeconds]] = await longestStall(() =>
      seconds(() => restorePrepared(fresh, { token: preview.token, acceptOtherOrganisation: false }, quiet)),
    );
    report('longest main-thread stall during a restore (copy, check, swap)', restoreStall, 'ms', 'migrations excepted: none here');
    report('restore: open and check the backup', openSeconds, 's');
    report('restore: total (open, check, copy, swap)', openSeconds + swapSeconds, 's', 'target under 15 s');

    // The round trip: every table of the restored file equal to the live database's, before any log-in writes to it.
    const unlocked = await fresh.vault.unlockWithPassword(admin.username, admin.password);
    if (!unlocked?.candidates[0]) throw new Error('round trip: the restored keyring does not open with the administrator');
    const restored = await openDatabase(fresh.databaseFile, unlocked.candidates[0].key, { migrate: false });
    const back = await tableDigests(restored.db);
    await restored.db.destroy();
    const differing = differingTables(live, back);
    report('round trip: tables compared', Object.keys(live).length, 'tables', `hashing every table took ${Math.round(digestSeconds * 10) / 10} s`);
    if (differing.length > 0) {
      const detail = differing.map((t) => `${t} (${live[t]?.rows ?? 0} rows live, ${back[t]?.rows ?? 0} restored)`);
      console.error(`ROUND TRIP FAILED: ${differing.length} table(s) differ after backup and restore: ${detail.join(', ')}`);
      throw new Error('backup and restore round trip: tables differ');
    }
    report('round trip: tables that differ after backup and restore', 0, 'tables');
    await fresh.shutdown();
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
