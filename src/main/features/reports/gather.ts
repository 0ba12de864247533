/**
 * The data a report is built from, gathered on the participant side only.
 * The partner wall: nothing is read from the partner tables except whether
 * the partner service is in contact (partner_contact_status, the one thing the
 * programme side may know) and the summaries a partner worker has marked safe
 * to share in his reports (dates and summaries only, never her notes, name or
 * contact details). Attendance and completion come from
 * attendanceSummary, the same function the screens use.
 */
import type { AttendanceSummary } from '../../../shared/features/registers';
import type { Assessment } from '../../../shared/features/assessments';
import type { Goal } from '../../../shared/features/notes';
import type { ParticipantDetails, Referral, StatusChange } from '../../../shared/features/participants';
import type { RiskAssessment } from '../../../shared/features/risk';
import type { SessionPlan } from '../../../shared/features/plans';
import type { Register } from '../../../shared/features/registers';
import type { Session } from '../../../shared/features/groups';
import type { Db, Session as UserSession } from '../../ipc/context';
import { assertCanOpen } from '../participants/access';
import { getRecord } from '../participants/service';
import { attendanceSummary, getRegister } from '../registers/service';
import { getSession } from '../groups/service';
import { getPlan } from '../plans/service';
import { sharedForReports } from '../partners/safe-to-share';

export interface ParticipantReportData {
  person: Pick<
    ParticipantDetails,
    | 'firstName'
    | 'lastName'
    | 'preferredName'
    | 'dateOfBirth'
    | 'address'
    | 'language'
    | 'interpreterNeeded'
    | 'safeToContact'
  > & { reference: string; keyWorkerName: string | null };
  status: {
    current: string;
    outcome: string | null;
    exitReason: string | null;
    history: Array<Pick<StatusChange, 'status' | 'outcome' | 'exitReason' | 'reason' | 'effectiveOn'>>;
  };
  referrals: Array<Omit<Referral, 'version' | 'createdAt' | 'createdByName' | 'participantId' | 'contactDetails'>>;
  assessments: Array<Omit<Assessment, 'version' | 'createdAt' | 'updatedAt' | 'assessorId' | 'participantId'>>;
  /** oldest first */
  risk: Array<Omit<RiskAssessment, 'createdAt' | 'assessorId' | 'participantId'>>;
  goals: Array<Pick<Goal, 'kind' | 'text' | 'setOn' | 'achievedOn'>>;
  attendance: AttendanceSummary | null;
  /** his participation rating (1 to 5) in each session log, by session */
  participation: Record<string, number | null>;
  /** minutes late and minutes he left early, as the register records them, by session */
  minutes: Record<string, { late: number | null; leftEarly: number | null }>;
  /** the objectives of the programme(s) he has been registered on, in the programme's order */
  objectives: Array<{ id: string; text: string }>;
  /** each session he attended (oldest first): its date, theme and the objectives its plan's aims served */
  served: Array<{ date: string; theme: string | null; objectiveIds: string[] }>;
  /** his children's dates of birth only (their names stay on the record) */
  childrenBorn: string[];
  /** the next session booked for him after today (a group he is enrolled in, or his own), for letters */
  nextSession: { date: string; startTime: string; venue: string } | null;
  /** the only partner-side fact: is the partner service in contact with a partner or ex-partner of his */
  partnerServiceInContact: boolean;
  /** summaries a partner worker marked safe to share in his reports, oldest first */
  partnerShared: Array<{ on: string; summary: string }>;
  /** programme-side safeguarding concerns about him (never the partner side), oldest first */
  safeguarding: ReportConcern[];
}

/** A programme-side safeguarding concern as a report needs it. */
export interface ReportConcern {
  id: string;
  kind: string;
  raisedOn: string;
  status: 'open' | 'closed';
  /** the day it was last changed, so a concern closed during the period still shows */
  updatedOn: string;
  what: string;
  childrenCount: number;
  actions: {
    discussedWithManager: boolean;
    childrensServicesReferral: boolean;
    childrensServicesReference: string;
    policeInformed: boolean;
    policeReference: string;
  };
  outcome: string;
}

/** One query: the partner side is excluded by side and by participant_id. */
async function concernsAbout(db: Db, participantId: string): Promise<ReportConcern[]> {
  const rows = await db
    .selectFrom('safeguarding_concerns')
    .select(['id', 'kind', 'raised_on', 'status', 'updated_at', 'data'])
    .where('side', '=', 'participant')
    .where('participant_id', '=', participantId)
    .orderBy('raised_on')
    .orderBy('created_at')
    .execute();
  return rows.map((r) => {
    const data = JSON.parse(r.data) as Partial<{
      what: string;
      children: string[];
      actions: Partial<ReportConcern['actions']>;
      outcome: string;
    }>;
    const a = data.actions ?? {};
    return {
      id: r.id,
      kind: r.kind,
      raisedOn: r.raised_on,
      status: r.status === 'closed' ? 'closed' : 'open',
      updatedOn: r.updated_at.slice(0, 10),
      what: data.what ?? '',
      childrenCount: data.children?.length ?? 0,
      actions: {
        discussedWithManager: Boolean(a.discussedWithManager),
        childrensServicesReferral: Boolean(a.childrensServicesReferral),
        childrensServicesReference: a.childrensServicesReference ?? '',
        policeInformed: Boolean(a.policeInformed),
        policeReference: a.policeReference ?? '',
      },
      outcome: data.outcome ?? '',
    };
  });
}

/** `today`: London's date on the back end's clock (src/main/clock.ts), from the route that builds the report. */
export async function gatherParticipant(
  db: Db,
  user: UserSession,
  participantId: string,
  today: string,
): Promise<ParticipantReportData> {
  await assertCanOpen(db, user, participantId);
  const record = await getRecord(db, user, participantId, today);
  const d = record.details;
  const attendance = await attendanceSummary(db, participantId, today);
  // One query for every register entry of his: participation, minutes late or left early, and (through the
  // session's plan and his programme) which objectives each session he attended served.
  const logs = await db
    .selectFrom('register_entries')
    .innerJoin('sessions', 'sessions.id', 'register_entries.session_id')
    .innerJoin('groups', 'groups.id', 'sessions.group_id')
    .innerJoin('programme_types', 'programme_types.id', 'groups.programme_type_id')
    .leftJoin('session_plans', 'session_plans.session_id', 'sessions.id')
    .leftJoin('curriculum_themes', 'curriculum_themes.id', 'sessions.theme_id')
    .select([
      'register_entries.session_id',
      'register_entries.data',
      'register_entries.attendance',
      'sessions.date',
      'curriculum_themes.name as theme',
      'programme_types.id as programme_id',
      'programme_types.data as programme',
      'session_plans.data as plan',
    ])
    .where('register_entries.participant_id', '=', participantId)
    .orderBy('sessions.date')
    .execute();
  const participation: Record<string, number | null> = {};
  const minutes: ParticipantReportData['minutes'] = {};
  const objectives = new Map<string, { id: string; text: string }>();
  const seenProgrammes = new Set<string>();
  const served: ParticipantReportData['served'] = [];
  for (const l of logs) {
    const e = JSON.parse(l.data) as {
      participation?: number | null;
      lateMinutes?: number | null;
      leftEarlyMinutes?: number | null;
    };
    participation[l.session_id] = e.participation ?? null;
    minutes[l.session_id] = { late: e.lateMinutes ?? null, leftEarly: e.leftEarlyMinutes ?? null };
    if (!seenProgrammes.has(l.programme_id)) {
      seenProgrammes.add(l.programme_id);
      const prog = JSON.parse(l.programme) as { objectives?: Array<{ id?: string | null; text?: string }> };
      for (const o of prog.objectives ?? []) if (o.id && o.text) objectives.set(o.id, { id: o.id, text: o.text });
    }
    if (l.attendance === 'present' || l.attendance === 'late' || l.attendance === 'left_early') {
      const plan = l.plan ? (JSON.parse(l.plan) as { objectiveIds?: Array<string | null> }) : {};
      served.push({
        date: l.date,
        theme: l.theme ?? null,
        objectiveIds: [...new Set((plan.objectiveIds ?? []).filter((x): x is string => Boolean(x)))],
      });
    }
  }
  const next = await db
    .selectFrom('sessions')
    .innerJoin('groups', 'groups.id', 'sessions.group_id')
    .select(['sessions.date', 'sessions.start_time', 'sessions.venue'])
    .where('sessions.status', '=', 'scheduled')
    .where('sessions.date', '>', today)
    .where((eb) =>
      eb.or([
        eb('sessions.participant_id', '=', participantId),
        eb.and([
          eb('sessions.participant_id', 'is', null),
          eb(
            'sessions.group_id',
            'in',
            eb
              .selectFrom('enrolments')
              .select('group_id')
              .where('participant_id', '=', participantId)
              .where('status', '=', 'active'),
          ),
        ]),
      ]),
    )
    .orderBy('sessions.date')
    .orderBy('sessions.start_time')
    .limit(1)
    .executeTakeFirst();
  return {
    person: {
      firstName: d.firstName,
      lastName: d.lastName,
      preferredName: d.preferredName,
      dateOfBirth: d.dateOfBirth,
      address: d.address,
      language: d.language,
      interpreterNeeded: d.interpreterNeeded,
      safeToContact: d.safeToContact,
      reference: record.header.reference,
      keyWorkerName: record.header.keyWorkerName,
    },
    status: {
      current: record.header.status,
      outcome: record.header.outcome,
      exitReason: record.header.exitReason,
      history: [...record.statusHistory].reverse().map(({ status, outcome, exitReason, reason, effectiveOn }) => ({
        status,
        outcome,
        exitReason,
        reason,
        effectiveOn,
      })),
    },
    referrals: record.referrals.map(
      ({ id, source, agency, contactName, receivedOn, reason, route, courtReference, hearingDate, reportDueDate }) => ({
        id,
        source,
        agency,
        contactName,
        receivedOn,
        reason,
        route,
        courtReference,
        hearingDate,
        reportDueDate,
      }),
    ),
    assessments: record.assessments.map(
      ({
        id,
        formVersion,
        ratings,
        exclusionFactors,
        exclusionNotes,
        consentObtained,
        decision,
        decisionReason,
        assessorName,
        meetingDates,
        completedOn,
      }) => ({
        id,
        formVersion,
        ratings,
        exclusionFactors,
        exclusionNotes,
        consentObtained,
        decision,
        decisionReason,
        assessorName,
        meetingDates,
        completedOn,
      }),
    ),
    risk: [...record.risk]
      .reverse()
      .map(({ id, level, reasons, redFlags, assessorName, assessedOn, nextReviewOn }) => ({
        id,
        level,
        reasons,
        redFlags,
        assessorName,
        assessedOn,
        nextReviewOn,
      })),
    goals: record.goals.map(({ kind, text, setOn, achievedOn }) => ({ kind, text, setOn, achievedOn })),
    attendance,
    participation,
    minutes,
    objectives: [...objectives.values()],
    served,
    childrenBorn: d.children.map((ch) => ch.dateOfBirth),
    nextSession: next ? { date: next.date, startTime: next.start_time, venue: next.venue } : null,
    partnerServiceInContact: record.partnerContactStatus === 'in_contact',
    partnerShared: await sharedForReports(db, participantId),
    safeguarding: await concernsAbout(db, participantId),
  };
}

export interface SessionReportData {
  session: Pick<
    Session,
    | 'id'
    | 'groupName'
    | 'kind'
    | 'number'
    | 'themeName'
    | 'date'
    | 'startTime'
    | 'minutes'
    | 'venue'
    | 'facilitatorNames'
    | 'status'
    | 'interpreterPresent'
    | 'interpreterName'
  >;
  register: Pick<Register, 'entries' | 'expected' | 'debrief' | 'takenAt' | 'takenByName'>;
  plan: Omit<SessionPlan, 'updatedAt' | 'updatedByName' | 'version' | 'warnings'> | null;
  staffNames: Record<string, string>;
}

export async function gatherSession(db: Db, user: UserSession, sessionId: string): Promise<SessionReportData> {
  const s = await getSession(db, sessionId);
  const register = await getRegister(db, user, sessionId);
  const plan = await getPlan(db, sessionId);
  const leads = plan ? plan.activities.map((a) => a.leadId).filter((x): x is string => Boolean(x)) : [];
  const staff = leads.length
    ? await db.selectFrom('staff').select(['id', 'full_name']).where('id', 'in', leads).execute()
    : [];
  return {
    session: {
      id: s.id,
      groupName: s.groupName,
      kind: s.kind,
      number: s.number,
      themeName: s.themeName,
      date: s.date,
      startTime: s.startTime,
      minutes: s.minutes,
      venue: s.venue,
      facilitatorNames: s.facilitatorNames,
      status: s.status,
      interpreterPresent: s.interpreterPresent,
      interpreterName: s.interpreterName,
    },
    register: {
      entries: register.entries,
      expected: register.expected,
      debrief: register.debrief,
      takenAt: register.takenAt,
      takenByName: register.takenByName,
    },
    plan: plan ? (({ updatedAt: _u, updatedByName: _n, version: _v, warnings: _w, ...rest }) => rest)(plan) : null,
    staffNames: Object.fromEntries(staff.map((s) => [s.id, s.full_name])),
  };
}
