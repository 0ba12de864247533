/** Encrypted backups to removable media, restore, and the reminder when the last backup is old. */
import { z } from 'zod';

export const DEFAULT_BACKUP_KEEP = 5;
export const DEFAULT_BACKUP_REMINDER_DAYS = 7;
/** The file name ending every backup carries. */
export const BACKUP_EXTENSION = '.dvppbak';

export const backupPassphraseSchema = z
  .string()
  .min(12, 'The backup passphrase must be at least 12 characters (four random words work well)')
  .max(200, 'The backup passphrase must be at most 200 characters')
  .refine(
    (v) => new Set(v.toLowerCase()).size >= 6,
    'The backup passphrase is too easy to guess: use more different letters or words',
  );

export const setPassphraseInput = z
  .object({ passphrase: backupPassphraseSchema, confirm: z.string().max(200) })
  .refine((v) => v.passphrase === v.confirm, { message: 'The two passphrases are not the same', path: ['confirm'] });

export const backupSettingsInput = z.object({
  keep: z
    .number('Enter a number')
    .int('Enter a whole number')
    .min(1, 'Keep at least 1 backup')
    .max(50, 'Keep at most 50 backups'),
  reminderDays: z
    .number('Enter a number of days')
    .int('Enter a whole number of days')
    .min(1, 'At least 1 day')
    .max(90, 'At most 90 days'),
});
export type BackupSettingsInput = z.infer<typeof backupSettingsInput>;

const folderPath = z.string().trim().min(1, 'Choose or type a folder').max(1000, 'The folder path is too long');
const filePath = z.string().trim().min(1, 'Choose or type the backup file').max(1000, 'The file path is too long');

export const startBackupInput = z.object({ folder: folderPath });
export const folderInput = z.object({ folder: folderPath });
export const jobInput = z.object({ jobId: z.uuid() });

export const inspectInput = z
  .object({
    file: filePath,
    passphrase: z.string().max(200).default(''),
    recoveryKey: z.string().max(200).default(''),
  })
  .refine((v) => v.passphrase.length > 0 || v.recoveryKey.trim().length > 0, {
    message: 'Enter the backup passphrase (or the recovery key)',
    path: ['passphrase'],
  });

export const restoreInput = z.object({
  token: z.uuid(),
  /** the person read the warning that this backup belongs to another organisation */
  acceptOtherOrganisation: z.boolean().default(false),
});

/** The on-demand check of the live database (SQLite's structure and SQLCipher's page checksums). */
export interface IntegrityResult {
  ok: boolean;
  checkedAt: string;
  /** what `PRAGMA integrity_check` found: empty when sound */
  integrityProblems: string[];
  /** what `PRAGMA cipher_integrity_check` found: empty when sound */
  cipherProblems: string[];
}

export interface BackupStatus {
  passphraseSet: boolean;
  passphraseSetAt: string | null;
  keep: number;
  reminderDays: number;
  lastVerifiedAt: string | null;
  lastFileName: string | null;
  /** no verified backup for longer than the reminder allows */
  overdue: boolean;
}

export interface Drive {
  path: string;
  label: string;
  /** bytes free, when the system says */
  freeBytes: number | null;
}

export interface BackupTargets {
  drives: Drive[];
  /** Electron offers its own folder and file picker; the browser host does not */
  nativePicker: boolean;
}

export interface BackupFileEntry {
  file: string;
  name: string;
  sizeBytes: number;
  modifiedAt: string;
}

export type JobPhase =
  | 'preparing'
  | 'update-checking'
  | 'update-copying'
  | 'copying'
  | 'writing'
  | 'checking'
  | 'finishing'
  | 'done'
  | 'failed';

export const jobPhaseLabels: Record<JobPhase, string> = {
  preparing: 'Getting ready',
  'update-checking': 'Checking the update',
  'update-copying': 'Copying the update from the drive and checking it',
  copying: 'Making an encrypted copy of the database',
  writing: 'Writing the backup',
  checking: 'Checking the backup',
  finishing: 'Finishing',
  done: 'Done',
  failed: 'Stopped',
};

export interface JobStatus {
  jobId: string;
  kind: 'backup' | 'restore' | 'update';
  phase: JobPhase;
  /** 0 to 100 */
  percent: number;
  /** set when the job failed: what went wrong, in plain words */
  error: string | null;
  /** set when a backup finished */
  result: { fileName: string; file: string; sizeBytes: number; deleted: string[] } | null;
}

export interface BackupCounts {
  participants: number;
  partners: number;
  sessions: number;
  staff: number;
}

export interface RestorePreview {
  token: string;
  createdAt: string;
  appVersion: string;
  schemaVersion: string;
  organisation: { name: string; shortName: string };
  counts: BackupCounts;
  /** the backup needs updating to this version of the program as part of the restore */
  olderVersion: boolean;
  /** set when this installation already holds another organisation's records */
  otherOrganisation: { current: string; backup: string } | null;
  /** the backup brings back the passwords in use when it was made (a computer never set up) */
  passwordsFromBackup: boolean;
  /**
   * the partner service's records travel in their own file, still under the partner key, which the
   * person restoring may not hold: they cannot be counted here (`counts.partners` is then not theirs)
   */
  partnerFile?: boolean;
}
