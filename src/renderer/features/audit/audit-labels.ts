/** Plain words for what the audit log records. Unknown actions show as they are stored. */
import type { AuditEntry } from '../../../shared/features/audit';
import { roleLabels, roles, type Role } from '../../../shared/permissions';
import { describeDetail, describeEvent, routeDoing } from '../../../shared/features/audit-wording';

const actionLabels: Record<string, string> = {
  'auth.setup': 'Set up the program',
  'auth.login': 'Logged in',
  'auth.unlock': 'Unlocked',
  'auth.recover': 'Logged in with the recovery key',
  'auth.recoveryKeyUsed': 'Used the recovery key',
  'auth.logout': 'Logged out',
  'auth.lock': 'Locked',
  'auth.autoLock': 'Locked after no use',
  'auth.shutdown': 'Logged out as the program closed',
  'auth.changePassword': 'Changed own password',
  'auth.replaceRecoveryKey': 'Replaced the recovery key',
  'auth.status': 'Checked whether logged in',
  'auth.touch': 'Kept the session open',
  'staff.list': 'Opened the staff list',
  'staff.create': 'Added a member of staff',
  'staff.update': 'Changed a member of staff',
  'staff.resetPassword': 'Reset a password',
  'staff.deactivate': 'Deactivated an account',
  'staff.reactivate': 'Reactivated an account',
  'staff.grantPartnerAccess': 'Gave partner access',
  'vault.partnerRekey': 'Changed the partner key',
  'settings.get': 'Read the settings',
  'settings.update': 'Changed the settings',
  'audit.list': 'Opened the audit log',
  'audit.verify': 'Checked the audit chain',
  'audit.overflow': 'Entries lost while locked',
  'vault.rekey': 'Changed the database key',
  'backups.create': 'Made a backup',
  'backups.restore': 'Restored a backup',
  'backups.inspect': 'Opened a backup to restore',
  'backups.checkDatabase': 'Checked the database for damage',
  'backups.setPassphrase': 'Set the backup passphrase',
  'backups.updateSettings': 'Changed the backup settings',
  'updates.check': 'Checked an update on a drive',
  'updates.prepare': 'Copied, checked and backed up for an update',
  'updates.install': 'Closed the program to install an update',
  'updates.installed': 'Updated the program',
  'unknown-route': 'Unknown request',
};

export function actionLabel(action: string): string {
  return actionLabels[action] ?? routeDoing(action).did;
}

/** The entry as one plain sentence ("Tried to add a case note with a missing date"). */
export function eventText(e: Pick<AuditEntry, 'action' | 'outcome' | 'detail'>): string {
  return describeEvent(e, actionLabels[e.action]);
}

export const outcomeLabels: Record<AuditEntry['outcome'], string> = { ok: 'Done', refused: 'Refused', failed: 'Failed' };
export const outcomeColours: Record<AuditEntry['outcome'], string> = { ok: 'green', refused: 'orange', failed: 'red' };

export function roleLabel(role: string | null): string {
  if (!role) return '';
  return (roles as readonly string[]).includes(role) ? roleLabels[role as Role] : role;
}

/** The rest of an entry's detail in plain words (never an error code). */
export function summariseDetail(e: Pick<AuditEntry, 'action' | 'outcome' | 'detail'>): string {
  return describeDetail(e);
}
