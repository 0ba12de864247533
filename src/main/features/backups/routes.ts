import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { BACKUP_EXTENSION, type BackupFileEntry } from '../../../shared/features/backups';
import { can } from '../../../shared/permissions';
import { AppError, invalidField } from '../../app-error';
import { nowIso, todayOf } from '../../clock';
import type { Handlers, ServiceContext } from '../../ipc/context';
import { vaultState } from '../auth/service';
import { checkFolder, describeDriveError, makeBackup } from './backup';
import { removableDrives } from './drives';
import { jobStatus, startJob } from './jobs';
import { newPassphraseKey } from './keys';
import { inspectGuarded, auditRestoreFailed } from './inspect-guard';
import { dropPrepared, restorePrepared } from './restore';
import { keepUnopenedFiles } from './swap';
import { checkPlace, rememberChosen } from './places';
import { checkLiveDatabase } from './integrity';
import {
  backupStatus,
  readBackupSettings,
  readPassphraseKey,
  refreshBackupReminder,
  writeBackupSettings,
  writePassphraseKey,
} from './store';

type BackupRoutes =
  | 'backups.status'
  | 'backups.setPassphrase'
  | 'backups.updateSettings'
  | 'backups.targets'
  | 'backups.pickFolder'
  | 'backups.pickFile'
  | 'backups.list'
  | 'backups.start'
  | 'backups.checkDatabase'
  | 'backups.job'
  | 'backups.inspect'
  | 'backups.restore'
  | 'backups.cancelRestore';

/**
 * Restoring is for an administrator, or for anyone on a computer where the program has never been set up
 * or cannot open its records (the problem screen: there is nobody who can log in to ask).
 */
function assertMayRestore(ctx: ServiceContext): void {
  if (ctx.session && can(ctx.session.role, 'backups.manage')) return;
  if (!ctx.session && ['needs-setup', 'problem'].includes(vaultState(ctx.backend).state)) return;
  throw new AppError('FORBIDDEN', 'Only an administrator can restore a backup once the program has been set up.');
}

function listBackups(folder: string): BackupFileEntry[] {
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    throw invalidField(
      'folder',
      'That folder could not be opened. Check that the drive is plugged in and the folder exists.',
    );
  }
  return names
    .filter((name) => name.endsWith(BACKUP_EXTENSION))
    .flatMap((name) => {
      try {
        const s = statSync(join(folder, name));
        return s.isFile()
          ? [{ file: join(folder, name), name, sizeBytes: s.size, modifiedAt: s.mtime.toISOString() }]
          : [];
      } catch {
        return [];
      }
    })
    .sort((a, b) => b.modifiedAt.localeCompare(a.modifiedAt));
}

export const backupHandlers: Handlers<BackupRoutes> = {
  'backups.status': (ctx) => backupStatus(ctx.db, todayOf(ctx)),

  'backups.setPassphrase': async (ctx, input) => {
    const { backend, user } = ctx;
    // Kept apart from log-in passwords: one overheard or guessed must not open the other.
    if (await backend.vault.unlockWithPassword(user.username, input.passphrase)) {
      throw invalidField('passphrase', 'Choose a backup passphrase that is different from your log-in password.');
    }
    const key = await newPassphraseKey(input.passphrase, backend.vault.read().kdf, nowIso(ctx));
    await writePassphraseKey(ctx.db, key, user.staffId, nowIso(ctx));
    ctx.audit({ action: 'backups.setPassphrase', subjectType: 'backup', detail: { fields: ['passphrase'] } });
    return backupStatus(ctx.db, todayOf(ctx));
  },

  'backups.updateSettings': async (ctx, input) => {
    const before = await readBackupSettings(ctx.db);
    await writeBackupSettings(ctx.db, input, ctx.user.staffId, nowIso(ctx));
    await refreshBackupReminder(ctx.db, todayOf(ctx), nowIso(ctx));
    const fields = (['keep', 'reminderDays'] as const).filter((k) => before[k] !== input[k]);
    ctx.audit({ action: 'backups.updateSettings', subjectType: 'settings', detail: { fields } });
    return backupStatus(ctx.db, todayOf(ctx));
  },

  'backups.targets': async (ctx) => {
    assertMayRestore(ctx);
    return { drives: await removableDrives(), nativePicker: Boolean(ctx.backend.options.pickers) };
  },

  'backups.pickFolder': async (ctx) => ({ path: rememberChosen(ctx.backend, (await ctx.backend.options.pickers?.folder()) ?? null) }),

  'backups.pickFile': async (ctx) => {
    assertMayRestore(ctx);
    return { path: rememberChosen(ctx.backend, (await ctx.backend.options.pickers?.file()) ?? null) };
  },

  'backups.list': async (ctx, input) => {
    assertMayRestore(ctx);
    return listBackups(await checkPlace(ctx.backend, input.folder, 'folder'));
  },

  'backups.start': async (ctx, input) => {
    const { backend, user } = ctx;
    // Checked now, so a missing passphrase or folder is an answer to this request, not a failed job.
    const folder = await checkPlace(backend, input.folder, 'folder');
    checkFolder(folder);
    if (!(await readPassphraseKey(ctx.db))) throw invalidField('passphrase', 'Set a backup passphrase first.');
    const jobId = startJob(
      backend,
      'backup',
      async (control) => {
        try {
          return await makeBackup(backend, folder, control);
        } catch (err) {
          await backend.recordAudit({
            actorId: user.staffId,
            actorRole: user.role,
            action: 'backups.create',
            route: 'backups.start',
            outcome: 'failed',
            subjectType: 'backup',
            detail: { code: (err as { code?: unknown }).code ?? 'error' },
          });
          throw err;
        }
      },
      describeDriveError,
    );
    return { jobId };
  },

  'backups.job': async (ctx, input) => jobStatus(ctx.backend, input.jobId),

  'backups.checkDatabase': async (ctx) => {
    const result = await checkLiveDatabase(ctx.db, ctx.backend.opened!, nowIso(ctx));
    // Written apart from the answer: on a damaged file the entry may not be writable, and the finding must still be shown.
    await ctx.backend.recordAudit({
      actorId: ctx.user.staffId,
      actorRole: ctx.user.role,
      route: 'backups.checkDatabase',
      action: 'backups.checkDatabase',
      subjectType: 'database',
      outcome: result.ok ? 'ok' : 'failed',
      detail: { integrityProblems: result.integrityProblems.length, cipherProblems: result.cipherProblems.length },
    });
    return result;
  },

  'backups.inspect': async (ctx, input) => {
    assertMayRestore(ctx);
    return inspectGuarded(ctx, { ...input, file: await checkPlace(ctx.backend, input.file, 'file') });
  },

  'backups.restore': async (ctx, input) => {
    assertMayRestore(ctx);
    const jobId = startJob(
      ctx.backend,
      'restore',
      async (control) => {
        try {
          // From the problem screen the files that could not be opened are kept, never replaced outright.
          if (!ctx.session && vaultState(ctx.backend).state === 'problem')
            keepUnopenedFiles(ctx.backend.options.dataDir, new Date(ctx.backend.now()));
          await restorePrepared(ctx.backend, input, control);
        } catch (err) {
          await auditRestoreFailed(ctx, err);
          throw err;
        }
        return null;
      },
      (err) =>
        err instanceof AppError
          ? err.message
          : 'The restore could not be finished. The database is as it was before; nothing has been changed. Try again, or try another backup.',
    );
    return { jobId };
  },

  'backups.cancelRestore': async (ctx) => {
    assertMayRestore(ctx);
    dropPrepared(ctx.backend);
    return null;
  },
};
