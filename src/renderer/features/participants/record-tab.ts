/** What every tab of a participant's record receives. */
import type { ParticipantRecord } from '../../../shared/features/participant-record';

export interface RecordTabProps {
  record: ParticipantRecord;
  /** may change the record (facilitators and managers; partner workers read only) */
  canEdit: boolean;
  /** fetches the record again, after a stale save was refused */
  reload: () => Promise<{ data?: ParticipantRecord | undefined }>;
}

/** Every change to a record may change the list, search, tasks and the audit log. */
export const RECORD_CHANGES = ['participants.', 'tasks.', 'audit.', 'notes.'];

export const recordTabs = [
  'overview',
  'referrals',
  'status',
  'assessment',
  'risk',
  'consent',
  'attendance',
  'notes',
  'goals',
  'tasks',
  'safeguarding',
  'sharing',
  'reports',
  'outcomes',
] as const;
export type RecordTab = (typeof recordTabs)[number];
