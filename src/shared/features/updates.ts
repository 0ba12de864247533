/** Updates from a USB stick (or any folder an administrator points at), signed by the program's makers. */
import { z } from 'zod';

/** The names the release step writes into the update folder. */
export const MANIFEST_FILE = 'update.json';
export const SIGNATURE_FILE = 'update.json.sig';

const folderPath = z.string().trim().min(1, 'Choose or type the folder that holds the update').max(1000, 'The folder path is too long');
const backupFolderPath = z.string().trim().max(1000, 'The backup folder path is too long');

export const updateCheckInput = z.object({ folder: folderPath });
export const updateStartInput = z.object({
  folder: folderPath,
  /** where the backup before installing goes; empty: a safety copy in the program's own data folder */
  backupFolder: backupFolderPath.default(''),
});

/** Why an update was refused: each has its own message (see src/main/features/updates/messages.ts). */
export type UpdateRefusal =
  | 'NO_UPDATE'
  | 'NO_SIGNATURE'
  | 'UNKNOWN_KEY'
  | 'BAD_SIGNATURE'
  | 'BAD_MANIFEST'
  | 'WRONG_APP'
  | 'WRONG_CHANNEL'
  | 'WRONG_PLATFORM'
  | 'NOT_NEWER'
  | 'ROLLBACK'
  | 'TOO_OLD'
  | 'INSTALLER_MISSING'
  | 'SIZE_MISMATCH'
  | 'HASH_MISMATCH'
  | 'STICK_REMOVED'
  | 'DISK_FULL';

/** What the Updates screen shows about the update in a folder, before anything is copied. */
export interface UpdatePreview {
  /** the version running now */
  runningVersion: string;
  /** the highest version this data folder has ever run */
  highestVersion: string;
  /** null when even the signature could not be checked */
  version: string | null;
  minVersion: string | null;
  releasedOn: string | null;
  notes: string | null;
  /** which built-in key signed it ('current' or 'next') */
  signedWith: 'current' | 'next' | null;
  installerName: string | null;
  installerBytes: number | null;
  /** every check that can be made without copying the installer passed */
  mayInstall: boolean;
  refusal: { code: UpdateRefusal; message: string } | null;
}

export interface UpdateStatus {
  runningVersion: string;
  highestVersion: string;
  /** Electron can install; the browser host runs every check but stops before installing */
  canInstall: boolean;
  /** set after the program restarted into an update it installed */
  lastInstalled: {
    fromVersion: string;
    toVersion: string;
    installedAt: string;
    notes: string;
    verified: boolean;
  } | null;
  /** set when the last install did not happen (the installer failed or was cancelled); cleared by the next install */
  lastFailed: { toVersion: string; failedAt: string } | null;
  /** set when an update has been copied and checked and is waiting to be installed (browser host) */
  prepared: { version: string; installerName: string; backupFile: string } | null;
}
