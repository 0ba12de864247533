/** Everything the first screen of a participant's record shows, in one answer. */
import type { Assessment } from './assessments';
import type { Consent } from './consents';
import type { Goal } from './notes';
import type { ParticipantDetails, ParticipantHeader, Referral, StatusChange } from './participants';
import type { RiskAssessment } from './risk';
import type { Task } from './tasks';
import type { ContactStatus } from './partners';

export interface ParticipantRecord {
  header: ParticipantHeader;
  /** send back with any change to the details or status; a stale version is refused */
  version: number;
  details: ParticipantDetails;
  restricted: boolean;
  /** who may open it while restricted (shown to managers) */
  accessStaffIds: string[];
  referrals: Referral[];
  statusHistory: StatusChange[];
  assessments: Assessment[];
  /** newest first */
  risk: RiskAssessment[];
  consents: Consent[];
  goals: Goal[];
  openTasks: Task[];
  /** whether this person may read and write case notes */
  canReadNotes: boolean;
  /** the one thing about his partners the programme side sees: how contact with them stands (null: none on record) */
  partnerContactStatus: ContactStatus | null;
}
