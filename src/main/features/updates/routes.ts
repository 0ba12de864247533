import { AppError } from '../../app-error';
import type { Handlers } from '../../ipc/context';
import { checkFolder } from '../backups/backup';
import { startJob } from '../backups/jobs';
import { readPassphraseKey } from '../backups/store';
import { describeUpdateError, installPrepared, prepareUpdate, previewUpdate, updateContext, updateStatus } from './service';

type UpdateRoutes = 'updates.status' | 'updates.check' | 'updates.start';

export const updateHandlers: Handlers<UpdateRoutes> = {
  'updates.status': async (ctx) => updateStatus(ctx.backend),

  'updates.check': async (ctx, input) => {
    const preview = previewUpdate(updateContext(ctx.backend), input.folder);
    ctx.audit({
      action: 'updates.check',
      subjectType: 'program',
      outcome: preview.mayInstall ? 'ok' : 'refused',
      detail: { version: preview.version, refusal: preview.refusal?.code ?? null },
    });
    return preview;
  },

  'updates.start': async (ctx, input) => {
    const { backend, user } = ctx;
    // Answered now, before any copying: a missing passphrase or backup folder is not a failed job.
    if (!(await readPassphraseKey(ctx.db)))
      throw new AppError('VALIDATION', 'Set a backup passphrase first (in Backups): a checked backup is made before every update.', {
        fields: { backupFolder: 'Set a backup passphrase first' },
      });
    if (input.backupFolder) {
      try {
        checkFolder(input.backupFolder);
      } catch (err) {
        if (err instanceof AppError) throw new AppError('VALIDATION', err.message, { fields: { backupFolder: err.message } });
        throw err;
      }
    }
    const preview = previewUpdate(updateContext(backend), input.folder);
    if (preview.refusal) throw new AppError('VALIDATION', preview.refusal.message, { fields: { folder: preview.refusal.message } });

    const staff = { staffId: user.staffId, role: user.role };
    const options = { backupFolder: input.backupFolder, staff };
    const jobId = startJob(
      backend,
      'update',
      async (control) => {
        try {
          const ready = await prepareUpdate(backend, input.folder, control, options);
          await backend.recordAudit({
            actorId: staff.staffId,
            actorRole: staff.role,
            action: 'updates.prepare',
            route: 'updates.start',
            subjectType: 'program',
            detail: { fromVersion: preview.runningVersion, toVersion: ready.checked.manifest.version, keyId: ready.checked.key.id },
          });
          // The install runs once this job has ended, so the database can be closed under nobody.
          if (backend.options.updateInstaller) void installPrepared(backend, ready, options);
        } catch (err) {
          await backend.recordAudit({
            actorId: staff.staffId,
            actorRole: staff.role,
            action: 'updates.prepare',
            route: 'updates.start',
            outcome: err instanceof AppError ? 'refused' : 'failed',
            subjectType: 'program',
            detail: { code: (err as { refusal?: unknown; code?: unknown }).refusal ?? (err as { code?: unknown }).code ?? 'error' },
          });
          throw err;
        }
        return null;
      },
      describeUpdateError,
    );
    return { jobId };
  },
};
