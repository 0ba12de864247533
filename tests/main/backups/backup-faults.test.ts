import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Backend } from '../../../src/main/backend';
import { addDays } from '../../../src/shared/dates';
import { COMPUTER_FULL, READ_BACK_FAILED, describeDriveError, makeBackup } from '../../../src/main/features/backups/backup';
import { cipherIntegrityCheck } from '../../../src/main/db/open';
import { refreshBackupReminder } from '../../../src/main/features/backups/store';
import { ADMIN, ORG, addStaff, call, callError, setUpAndLogIn, switchTo, tempDir } from '../helpers';
import { makeFolder, PASSPHRASE, runJob } from './fixtures';
import { testToday } from '../test-clock';

let cleanup: () => void = () => {};
let backend: Backend | null = null;
afterEach(async () => {
  await backend?.shutdown();
  backend = null;
  cleanup();
});

async function installation() {
  const t = tempDir();
  cleanup = t.cleanup;
  const made = await setUpAndLogIn(makeFolder(t.dir, 'data'));
  backend = made.backend;
  for (let i = 0; i < 5; i++) await addStaff(made.backend, `worker${i}`, 'facilitator');
  return { root: t.dir, backend: made.backend };
}

const noProgress = { progress: () => {} };

async function liveState(b: Backend) {
  const db = b.requireDb();
  const staff = await db.selectFrom('staff').select('id').execute();
  return { staff: staff.length, cipher: await cipherIntegrityCheck(b.opened!) };
}

describe('the backup passphrase', () => {
  it('is checked for strength, must differ from the log-in password, and is kept only as a wrapped key', async () => {
    const { backend: b } = await installation();
    expect(
      (await callError(b, 'backups.setPassphrase', { passphrase: 'short', confirm: 'short' })).fields?.passphrase,
    ).toContain('at least 12');
    expect(
      (await callError(b, 'backups.setPassphrase', { passphrase: 'aaaaaaaaaaaaaaaa', confirm: 'aaaaaaaaaaaaaaaa' }))
        .fields?.passphrase,
    ).toContain('too easy');
    expect(
      (await callError(b, 'backups.setPassphrase', { passphrase: PASSPHRASE, confirm: 'something else' })).fields
        ?.confirm,
    ).toBeDefined();
    expect(
      (await callError(b, 'backups.setPassphrase', { passphrase: ADMIN.password, confirm: ADMIN.password })).fields
        ?.passphrase,
    ).toContain('different from your log-in password');
    const status = await call(b, 'backups.setPassphrase', { passphrase: PASSPHRASE, confirm: PASSPHRASE });
    expect(status.passphraseSet).toBe(true);
    const row = await b
      .requireDb()
      .selectFrom('settings')
      .select('value')
      .where('key', '=', 'backup.passphraseKey')
      .executeTakeFirstOrThrow();
    expect(row.value).not.toContain(PASSPHRASE);
  });

  it('must be set before a backup, and only an administrator may back up', async () => {
    const { root, backend: b } = await installation();
    const folder = makeFolder(root, 'stick');
    expect((await callError(b, 'backups.start', { folder })).message).toContain('Set a backup passphrase first');
    expect((await callError(b, 'backups.start', { folder: join(root, 'no-such-drive') })).fields?.folder).toBeDefined();
    const { temporaryPassword } = await addStaff(b, 'mona', 'manager');
    await switchTo(b, 'mona', temporaryPassword);
    expect((await callError(b, 'backups.start', { folder })).code).toBe('FORBIDDEN');
  });
});

describe('the drive full or removed during a backup', () => {
  it('full: a clear message, no partial file, the live database untouched', async () => {
    const { root, backend: b } = await installation();
    await call(b, 'backups.setPassphrase', { passphrase: PASSPHRASE, confirm: PASSPHRASE });
    const folder = makeFolder(root, 'stick');
    const before = await liveState(b);
    const hash = createHash('sha256').update(readFileSync(b.databaseFile)).digest('hex');
    const error = await makeBackup(b, folder, noProgress, {
      hooks: {
        beforeChunk: (written) => {
          if (written > 0) throw Object.assign(new Error('no space'), { code: 'ENOSPC' });
        },
      },
    }).catch((err: unknown) => err);
    expect(describeDriveError(error)).toContain('The drive is full');
    expect(describeDriveError(error)).toContain('partial backup file has been removed');
    expect(readdirSync(folder)).toEqual([]);
    expect(await liveState(b)).toEqual(before);
    expect(createHash('sha256').update(readFileSync(b.databaseFile)).digest('hex')).toBe(hash);
    expect((await call(b, 'backups.status', {})).lastVerifiedAt).toBeNull();
    expect(readdirSync(b.options.dataDir)).not.toContain('backup-work');
  });

  it("this computer's disk full, not the drive's: says so, and leaves nothing on the drive", async () => {
    const { root, backend: b } = await installation();
    await call(b, 'backups.setPassphrase', { passphrase: PASSPHRASE, confirm: PASSPHRASE });
    const folder = makeFolder(root, 'stick');
    const before = await liveState(b);
    const error = await makeBackup(b, folder, noProgress, {
      hooks: {
        duringCopy: () => {
          throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
        },
      },
    }).catch((err: unknown) => err);
    expect(describeDriveError(error)).toBe(COMPUTER_FULL);
    expect(describeDriveError(error)).not.toContain('The drive is full');
    expect(readdirSync(folder)).toEqual([]);
    expect(await liveState(b)).toEqual(before);
    expect(readdirSync(b.options.dataDir)).not.toContain('backup-work');
  });

  it('a drive that does not give back what was written: refused, removed, not counted as a backup', async () => {
    const { root, backend: b } = await installation();
    await call(b, 'backups.setPassphrase', { passphrase: PASSPHRASE, confirm: PASSPHRASE });
    const folder = makeFolder(root, 'stick');
    const error = await makeBackup(b, folder, noProgress, {
      hooks: {
        afterWrite: (file) => {
          // One byte in the middle of the database part changes on the stick.
          const bytes = readFileSync(file);
          const at = Math.floor(bytes.length / 2);
          bytes[at] = bytes[at]! ^ 0x01;
          writeFileSync(file, bytes);
        },
      },
    }).catch((err: unknown) => err);
    expect(describeDriveError(error)).toBe(READ_BACK_FAILED);
    expect(readdirSync(folder)).toEqual([]);
    expect((await call(b, 'backups.status', {})).lastVerifiedAt).toBeNull();
  });

  it('killed mid-backup: the partial file it left on the drive is removed by the next backup', async () => {
    const { root, backend: b } = await installation();
    await call(b, 'backups.setPassphrase', { passphrase: PASSPHRASE, confirm: PASSPHRASE });
    const folder = makeFolder(root, 'stick');
    // What a backup killed while writing leaves behind, beside another charity's and someone's own files.
    const leftover = `${ORG.shortName}-2026-01-05-0930.dvppbak.partial`;
    const others = [`Other-2026-01-05-0930.dvppbak.partial`, 'holiday photos.partial', 'notes.txt'];
    for (const name of [leftover, ...others]) writeFileSync(join(folder, name), 'half a backup');
    const made = await makeBackup(b, folder, noProgress);
    expect(readdirSync(folder).sort()).toEqual([made.fileName, ...others].sort());
  });

  it('removed: a clear message, nothing left behind, the live database untouched', async () => {
    const { root, backend: b } = await installation();
    await call(b, 'backups.setPassphrase', { passphrase: PASSPHRASE, confirm: PASSPHRASE });
    const folder = makeFolder(root, 'stick');
    const before = await liveState(b);
    const error = await makeBackup(b, folder, noProgress, {
      hooks: { beforeChunk: (written) => written > 0 && rmSync(folder, { recursive: true, force: true }) },
    }).catch((err: unknown) => err);
    expect(describeDriveError(error)).toContain('The drive was removed');
    expect(await liveState(b)).toEqual(before);
    expect((await call(b, 'backups.status', {})).lastVerifiedAt).toBeNull();
  });

  it('through the window: the job says it failed and why', async () => {
    const { root, backend: b } = await installation();
    await call(b, 'backups.setPassphrase', { passphrase: PASSPHRASE, confirm: PASSPHRASE });
    const folder = makeFolder(root, 'stick');
    const started = call(b, 'backups.start', { folder }).then((r) => {
      rmSync(folder, { recursive: true, force: true }); // pulled out straight after "Back up"
      return r;
    });
    const job = await runJob(b, started);
    expect(job.phase).toBe('failed');
    expect(job.error).toMatch(/drive was removed|could not be found/);
    const audit = await b
      .requireDb()
      .selectFrom('audit_log')
      .select(['action', 'outcome'])
      .where('action', '=', 'backups.create')
      .execute();
    expect(audit).toEqual([{ action: 'backups.create', outcome: 'failed' }]);
  });
});

describe('keeping the last backups on a drive', () => {
  it('deletes the oldest of this organisation only after the new one is verified', async () => {
    const { root, backend: b } = await installation();
    await call(b, 'backups.setPassphrase', { passphrase: PASSPHRASE, confirm: PASSPHRASE });
    await call(b, 'backups.updateSettings', { keep: 2, reminderDays: 7 });
    const folder = makeFolder(root, 'stick');
    const names: string[] = [];
    for (const day of ['2026-01-01', '2026-01-02', '2026-01-03']) {
      names.push((await makeBackup(b, folder, noProgress, { now: new Date(`${day}T10:00:00Z`) })).fileName);
    }
    expect(names[0]).toBe(`${ORG.shortName}-2026-01-01-1000.dvppbak`);
    expect(readdirSync(folder).sort()).toEqual(names.slice(1));

    // A failed backup deletes nothing.
    await makeBackup(b, folder, noProgress, {
      now: new Date('2026-01-04T10:00:00Z'),
      hooks: {
        beforeChunk: () => {
          throw Object.assign(new Error('full'), { code: 'ENOSPC' });
        },
      },
    }).catch(() => undefined);
    expect(readdirSync(folder).sort()).toEqual(names.slice(1));
  });
});

describe('the backup reminder', () => {
  it('raises a task for administrators when the last backup is too old, and closes it after a backup', async () => {
    const { root, backend: b } = await installation();
    await call(b, 'backups.setPassphrase', { passphrase: PASSPHRASE, confirm: PASSPHRASE });
    const db = b.requireDb();
    const today = testToday;
    await refreshBackupReminder(db, today);
    const open = () =>
      db
        .selectFrom('tasks')
        .select(['title', 'assignee_role', 'status'])
        .where('kind', '=', 'backup_due')
        .where('status', '=', 'open')
        .execute();
    expect(await open()).toEqual([]);
    await refreshBackupReminder(db, addDays(today, 7)); // 7 days is not yet older than 7 days
    expect(await open()).toEqual([]);
    await refreshBackupReminder(db, addDays(today, 8));
    expect(await open()).toEqual([{ title: 'Make the first backup', assignee_role: 'admin', status: 'open' }]);
    await refreshBackupReminder(db, addDays(today, 9));
    expect(await open()).toHaveLength(1); // one reminder, not one a day

    await makeBackup(b, makeFolder(root, 'stick'), noProgress);
    expect(await open()).toEqual([]);
    expect((await call(b, 'backups.status', {})).overdue).toBe(false);
    await call(b, 'backups.updateSettings', { keep: 5, reminderDays: 3 });
    await refreshBackupReminder(db, addDays(today, 4));
    const [task] = await open();
    expect(task?.title).toContain('more than 3 days old');
    const mine = await call(b, 'tasks.list', { scope: 'mine', status: 'open' });
    expect(mine.tasks.some((t) => t.kind === 'backup_due')).toBe(true);
  });
});

describe('restoring on the same installation', () => {
  it("keeps today's passwords, and does not give a key back to someone deactivated since the backup", async () => {
    const { root, backend: b } = await installation();
    const { staff, temporaryPassword } = await addStaff(b, 'leaver', 'manager');
    const leaverPassword = await switchTo(b, 'leaver', temporaryPassword);
    await call(b, 'auth.logout', {});
    await call(b, 'auth.login', { username: ADMIN.username, password: ADMIN.password });
    await call(b, 'backups.setPassphrase', { passphrase: PASSPHRASE, confirm: PASSPHRASE });
    const { file } = await makeBackup(b, makeFolder(root, 'stick'), noProgress);

    await call(b, 'staff.deactivate', { id: staff.id });
    await call(b, 'auth.changePassword', {
      currentPassword: ADMIN.password,
      newPassword: 'a brand new admin password',
    });
    const preview = await call(b, 'backups.inspect', { file, passphrase: PASSPHRASE });
    expect(preview.otherOrganisation).toBeNull();
    expect(preview.passwordsFromBackup).toBe(false);
    expect((await runJob(b, call(b, 'backups.restore', { token: preview.token }))).error).toBeNull();

    expect((await callError(b, 'auth.login', { username: ADMIN.username, password: ADMIN.password })).code).toBe(
      'VALIDATION',
    );
    await call(b, 'auth.login', { username: ADMIN.username, password: 'a brand new admin password' });
    expect((await call(b, 'staff.list', {})).find((s) => s.username === 'leaver')?.active).toBe(true);
    await call(b, 'auth.logout', {});
    // Three failed log-ins would start the throttle; one is enough to show the key is gone.
    expect((await callError(b, 'auth.login', { username: 'leaver', password: leaverPassword })).code).toBe(
      'VALIDATION',
    );
  });
});
