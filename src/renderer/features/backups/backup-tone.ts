import type { BackupStatus } from '../../../shared/features/backups';

/** No backup at all is as much a warning as an old one: the office has nothing to restore from. */
export function backupTone(
  status: Pick<BackupStatus, 'overdue' | 'lastVerifiedAt'> | undefined,
): 'unknown' | 'warning' | 'ok' {
  if (!status) return 'unknown';
  return status.overdue || !status.lastVerifiedAt ? 'warning' : 'ok';
}
