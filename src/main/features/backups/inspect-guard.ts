/**
 * Opening a backup is guarded like a log-in: a wrong passphrase or recovery key
 * is audited and each further guess waits longer (the backup throttle, kept
 * apart from the log-in one). Audit entries name the backup only by its dates
 * and versions, never its file name, organisation or contents.
 */
import type { RestorePreview } from '../../../shared/features/backups';
import { AppError } from '../../app-error';
import type { RouteParsed } from '../../../shared/api';
import type { ServiceContext } from '../../ipc/context';
import { inspectBackup, WRONG_PASSPHRASE, WRONG_RECOVERY_KEY } from './restore';

function actor(ctx: ServiceContext) {
  return { actorId: ctx.session?.staffId ?? null, actorRole: ctx.session?.role ?? null };
}

export async function inspectGuarded(
  ctx: ServiceContext,
  input: RouteParsed<'backups.inspect'>,
): Promise<RestorePreview> {
  const { backend } = ctx;
  backend.backupThrottle.begin(null);
  const withRecoveryKey = input.passphrase.length === 0;
  let preview: RestorePreview;
  try {
    preview = await inspectBackup(backend, input);
  } catch (err) {
    const wrong = err instanceof AppError && (err.message === WRONG_PASSPHRASE || err.message === WRONG_RECOVERY_KEY);
    if (wrong) {
      const delay = backend.backupThrottle.failed(null, null);
      await backend.recordAudit({
        ...actor(ctx),
        action: 'backups.inspect',
        route: 'backups.inspect',
        outcome: 'refused',
        subjectType: 'backup',
        detail: { reason: withRecoveryKey ? 'wrong recovery key' : 'wrong passphrase', delaySeconds: delay },
      });
    } else {
      backend.backupThrottle.forgive(null);
    }
    throw err;
  }
  backend.backupThrottle.succeeded(null);
  await backend.recordAudit({
    ...actor(ctx),
    action: 'backups.inspect',
    route: 'backups.inspect',
    subjectType: 'backup',
    detail: {
      createdAt: preview.createdAt,
      appVersion: preview.appVersion,
      schemaVersion: preview.schemaVersion,
      with: withRecoveryKey ? 'recovery key' : 'passphrase',
      otherOrganisation: preview.otherOrganisation !== null,
    },
  });
  return preview;
}

/** A restore job that failed: the entry goes into the database that is still live (or waits for the next log-in). */
export async function auditRestoreFailed(ctx: ServiceContext, err: unknown): Promise<void> {
  await ctx.backend.recordAudit({
    ...actor(ctx),
    action: 'backups.restore',
    route: 'backups.restore',
    outcome: 'failed',
    subjectType: 'backup',
    detail: { code: err instanceof AppError ? err.code : 'error' },
  });
}
