/**
 * Backup settings, kept as rows of the settings table: the passphrase's
 * wrapped key pair, how many backups to keep on a drive, the reminder period,
 * and the last verified backup. Also the reminder task for administrators.
 */
import { addDays, daysBetween, todayInLondon } from '../../../shared/dates';
import { DEFAULT_BACKUP_KEEP, DEFAULT_BACKUP_REMINDER_DAYS, type BackupStatus } from '../../../shared/features/backups';
import type { Db } from '../../ipc/context';
import { createSystemTask } from '../tasks/service';
import { passphraseKeySchema, type PassphraseKey } from './keys';
import { fileFor } from '../partners/shared-rows';

const KEYS = {
  passphraseKey: 'backup.passphraseKey',
  keep: 'backup.keep',
  reminderDays: 'backup.reminderDays',
  last: 'backup.last',
} as const;

interface LastBackup {
  verifiedAt: string;
  fileName: string;
}

async function readRow(db: Db, key: string): Promise<unknown> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
  if (!row) return undefined;
  try {
    return JSON.parse(row.value) as unknown;
  } catch {
    return undefined;
  }
}

/** `now` is the back end's clock (nowIso(ctx) from a route), stamped on the row. */
async function writeRow(db: Db, key: string, value: unknown, staffId: string | null, now: string): Promise<void> {
  const text = JSON.stringify(value);
  await db
    .insertInto('settings')
    .values({ key, value: text, updated_at: now, updated_by: staffId })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: text, updated_at: now, updated_by: staffId }))
    .execute();
}

export async function readPassphraseKey(db: Db): Promise<PassphraseKey | null> {
  const parsed = passphraseKeySchema.safeParse(await readRow(db, KEYS.passphraseKey));
  return parsed.success ? parsed.data : null;
}

export const writePassphraseKey = (db: Db, key: PassphraseKey, staffId: string, now: string) =>
  writeRow(db, KEYS.passphraseKey, key, staffId, now);

export async function readBackupSettings(
  db: Db,
): Promise<{ keep: number; reminderDays: number; last: LastBackup | null }> {
  const keep = Number((await readRow(db, KEYS.keep)) ?? DEFAULT_BACKUP_KEEP);
  const reminderDays = Number((await readRow(db, KEYS.reminderDays)) ?? DEFAULT_BACKUP_REMINDER_DAYS);
  const last = (await readRow(db, KEYS.last)) as LastBackup | undefined;
  return {
    keep: Number.isInteger(keep) && keep > 0 ? keep : DEFAULT_BACKUP_KEEP,
    reminderDays: Number.isInteger(reminderDays) && reminderDays > 0 ? reminderDays : DEFAULT_BACKUP_REMINDER_DAYS,
    last: last && typeof last.verifiedAt === 'string' ? last : null,
  };
}

export async function writeBackupSettings(
  db: Db,
  values: { keep: number; reminderDays: number },
  staffId: string,
  now: string,
): Promise<void> {
  await writeRow(db, KEYS.keep, values.keep, staffId, now);
  await writeRow(db, KEYS.reminderDays, values.reminderDays, staffId, now);
}

/** `last.verifiedAt` is the back end's clock when the backup was checked; the row is stamped with it too. */
export async function recordVerifiedBackup(db: Db, last: LastBackup, staffId: string | null): Promise<void> {
  await writeRow(db, KEYS.last, last, staffId, last.verifiedAt);
}

/** `today` is the back end's day (todayOf(ctx)): whether the last backup is too old is judged on it. */
export async function backupStatus(db: Db, today: string): Promise<BackupStatus> {
  const key = await readPassphraseKey(db);
  const settings = await readBackupSettings(db);
  return {
    passphraseSet: key !== null,
    passphraseSetAt: key?.setAt ?? null,
    keep: settings.keep,
    reminderDays: settings.reminderDays,
    lastVerifiedAt: settings.last?.verifiedAt ?? null,
    lastFileName: settings.last?.fileName ?? null,
    overdue: await isOverdue(db, settings.last, settings.reminderDays, today),
  };
}

async function isOverdue(db: Db, last: LastBackup | null, reminderDays: number, today: string): Promise<boolean> {
  let since = last ? todayInLondon(new Date(last.verifiedAt)) : null;
  if (!since) {
    // Never backed up: count from the day the installation was set up.
    const created = await db.selectFrom('meta').select('value').where('key', '=', 'created_at').executeTakeFirst();
    since = created ? todayInLondon(new Date(created.value)) : today;
  }
  return daysBetween(since, today) > reminderDays;
}

/**
 * Raises one task for administrators when the last verified backup is older
 * than the reminder allows, and closes it once a backup is verified. `today` and `now` are the back end's
 * clock (its day judges the reminder; `now` stamps the task raised or closed). Every caller in the program
 * passes both; a test that only judges the day may leave `now` to the computer's clock.
 */
export async function refreshBackupReminder(db: Db, today: string, now = new Date().toISOString()): Promise<void> {
  const settings = await readBackupSettings(db);
  const overdue = await isOverdue(db, settings.last, settings.reminderDays, today);
  const sourceKey = `backup-due:${settings.last?.verifiedAt ?? 'never'}`;
  if (overdue) {
    const lastDay = settings.last ? todayInLondon(new Date(settings.last.verifiedAt)) : null;
    await createSystemTask(db, {
      sourceKey,
      kind: 'backup_due',
      participantId: null,
      title: lastDay
        ? 'Make a backup: the last one is more than ' + settings.reminderDays + ' days old'
        : 'Make the first backup',
      detail: 'Plug in the backup drive, open Settings, then Backups, and choose "Back up now".',
      assigneeRole: 'admin',
      dueOn: lastDay ? addDays(lastDay, settings.reminderDays) : today,
    }, now);
  }
  // A reminder about an older backup (or any, once a backup is fresh) is no longer needed.
  let stale = (await fileFor(db, false))
    .updateTable('tasks')
    .set({
      status: 'done',
      done_at: now,
      done_note: 'Closed by the program: a backup was made and checked.',
    })
    .where('kind', '=', 'backup_due')
    .where('status', '=', 'open');
  if (overdue) stale = stale.where('source_key', '!=', sourceKey);
  await stale.execute();
}
