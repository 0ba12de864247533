/**
 * From a report record to its content: gathers the data for its type (the
 * participant side only), runs the type's pure builder, and fingerprints the
 * data so a later change can be detected.
 */
import { createHash } from 'node:crypto';
import {
  reportTypes,
  type EditableWording,
  type Recipient,
  type ReportContent,
  type ReportType,
} from '../../../shared/features/reports';
import type { ReportsTable } from '../../db/schema';
import type { Db, Session } from '../../ipc/context';
import type { BuildContext } from './content-helpers';
import { fundersFigures } from './figures';
import { accreditationPack, partnerReach } from './accreditation-pack';
import { outcomesSummary } from '../outcomes/summary';
import { can } from '../../../shared/permissions';
import { gatherParticipant, gatherSession, type ParticipantReportData, type SessionReportData } from './gather';
import {
  appointmentLetter,
  endLetter,
  missedSession,
  missedSessionLetter,
  progressReport,
  recordReport,
  suitabilityReport,
} from './participant-reports';
import { concernWording } from './safeguarding-section';
import { objectiveWording } from './court-sections';
import { checkContradictions } from './contradictions';
import { blankRegister, fundersReport, filledRegister, sessionPlan } from './other-reports';

export interface Built {
  content: ReportContent;
  fingerprint: string;
  /** what must be put right before it can be signed off or produced */
  blockers: string[];
  /** wording the facilitators may change before sign-off (safeguarding concerns in agency reports) */
  editable: EditableWording[];
}

const hash = (data: unknown) => createHash('sha256').update(JSON.stringify(data)).digest('hex');

type People = { author: BuildContext['author']; approver: BuildContext['approver'] };

export function contextOf(
  row: ReportsTable,
  asOf: string,
  organisation: { name: string; contact: string },
  people: People,
): BuildContext {
  return {
    type: row.type as ReportType,
    periodFrom: row.period_from,
    periodTo: row.period_to,
    recipient: row.recipient as Recipient | null,
    recipientName: row.recipient_name,
    sections: JSON.parse(row.sections) as Record<string, string>,
    asOf,
    organisationName: organisation.name,
    organisationContact: organisation.contact,
    ...people,
  };
}

function participantBlockers(type: ReportType, d: ParticipantReportData, c: BuildContext): string[] {
  const out: string[] = [];
  const needsText = (key: string, label: string) => {
    // A letter is not signed off: it is the Word document that waits for the text.
    if (!c.sections[key]?.trim())
      out.push(`Write the ${label} before it is ${reportTypes[type].needsSignOff ? 'signed off' : 'produced'}.`);
  };
  if (
    type === 'court_mid' ||
    type === 'court_end' ||
    type === 'probation_update' ||
    type === 'childrens_services_update'
  ) {
    needsText('observations', 'facilitators’ observations');
    needsText('recommendations', 'recommendations');
  }
  if (type === 'suitability' && !d.assessments.some((a) => a.completedOn))
    out.push('His suitability assessment is not complete yet.');
  if (type === 'letter_appointment') needsText('appointment', 'details of the appointment');
  if (type === 'letter_missed_session' && !missedSession(d, c))
    out.push('He missed no session in this period: choose another period.');
  if (type === 'letter_end' && d.status.current !== 'completed' && d.status.current !== 'exited')
    out.push('He has neither completed nor left the programme: record that on his status first.');
  if (type.startsWith('letter_') && !d.person.address.trim())
    out.push('There is no address on his record: add it under Details first.');
  return out;
}

function sessionBlockers(type: ReportType, d: SessionReportData): string[] {
  if (type === 'session_plan' && !d.plan)
    return ['There is no plan for this session yet: write it on the session page first.'];
  if (type === 'register_filled' && !d.register.takenAt)
    return ['The register for this session has not been taken yet.'];
  return [];
}

/** The reports that go to an agency about him and so carry the safeguarding section. */
export const AGENCY_REPORTS = new Set<ReportType>([
  'court_mid',
  'court_end',
  'probation_update',
  'childrens_services_update',
  'suitability',
]);

/**
 * `today` (London's date on the back end's clock) is the day his record is gathered on: the sessions held by then,
 * his next one after it, his consents and tasks. It is not `c.asOf`, the date printed (a sign-off's or a file's).
 */
export async function buildReport(db: Db, user: Session, row: ReportsTable, today: string, c: BuildContext): Promise<Built> {
  const type = row.type as ReportType;
  const def = reportTypes[type];
  if (def.subject === 'participant') {
    const data = await gatherParticipant(db, user, row.participant_id!, today);
    const builder = {
      court_mid: progressReport,
      court_end: progressReport,
      probation_update: progressReport,
      childrens_services_update: progressReport,
      suitability: suitabilityReport,
      participant_record: recordReport,
      letter_appointment: appointmentLetter,
      letter_missed_session: missedSessionLetter,
      letter_end: endLetter,
    }[type as 'court_mid'];
    const content = builder(data, c);
    const found = checkContradictions(type, data, c, content);
    return {
      content: { ...content, warnings: [...content.warnings, ...found.warnings] },
      fingerprint: hash(data),
      blockers: [...participantBlockers(type, data, c), ...found.blockers],
      editable: AGENCY_REPORTS.has(type)
        ? [...concernWording(data, c), ...(type === 'suitability' ? [] : objectiveWording(data))]
        : [],
    };
  }
  if (def.subject === 'session') {
    const data = await gatherSession(db, user, row.session_id!);
    const builder = { register_blank: blankRegister, register_filled: filledRegister, session_plan: sessionPlan }[
      type as 'register_blank'
    ];
    return { content: builder(data, c), fingerprint: hash(data), blockers: sessionBlockers(type, data), editable: [] };
  }
  const figures = await fundersFigures(db, { from: row.period_from, to: row.period_to });
  // Outcomes: suppressed aggregates only; hers only for a session with the partner side open (features/outcomes/summary.ts).
  const scope = { from: row.period_from, to: row.period_to, programmeTypeId: null, groupId: null };
  const outcomes = await outcomesSummary(db, scope, can(user.role, 'partners.view'));
  if (type === 'accreditation_pack') {
    const reach = await partnerReach(db, row.period_from, row.period_to);
    return { content: accreditationPack(figures, reach, outcomes, c), fingerprint: hash({ figures, reach, outcomes }), blockers: [], editable: [] };
  }
  return { content: fundersReport(figures, c, outcomes), fingerprint: hash({ figures, outcomes }), blockers: [], editable: [] };
}
