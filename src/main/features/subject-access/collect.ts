/**
 * Everything the program holds about one man, gathered for a subject access
 * pack. Each entry is what goes in the Word document (labelled fields) and the
 * JSON (its data). Entries that would tell him about someone else carry an
 * item: they are left out unless a manager releases that item. Partner-side
 * records appear only as items, and even released give only what is said in
 * the item's label (never her contact details or what she told the service).
 */
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { assessmentForms } from '../../../shared/features/assessments';
import { recipientLabels, reportStatusLabels, reportTypes } from '../../../shared/features/reports';
import { consentRecipientLabels } from '../../../shared/features/consents';
import { noteTypeLabels } from '../../../shared/features/notes';
import { relationshipLabels } from '../../../shared/features/partners';
import {
  assessmentOutcomeLabels,
  exitReasonLabels,
  referralRouteLabels,
  referralSourceLabels,
  safeToContactLabels,
  statusLabels,
  type AssessmentOutcome,
  type ExitReason,
  type ReferralRoute,
  type ReferralSource,
  type Status,
} from '../../../shared/features/participants';
import { concernKindLabels } from '../../../shared/features/safeguarding';
import { attendanceLabels, concernLabels } from '../../../shared/features/registers';
import { redFlagLabels, riskLevelLabels } from '../../../shared/features/risk';
import type { SarItem } from '../../../shared/features/subject-access';
import { taskKindLabels, partnerTaskKinds, type TaskKind } from '../../../shared/features/tasks';
import { ukDate } from '../../export/csv';
import type { Db } from '../../ipc/context';
import { listAssessments } from '../assessments/service';
import { listConsents } from '../consents/service';
import { listGoals } from '../notes/service';
import { detailsOf, staffNames, toReferral } from '../participants/service';
import { listRisk } from '../risk/service';
import { readPolicy } from '../retention/policy';
import { mentionFinder } from '../retention/scrub';
import { foldForSearch } from '../../../shared/text';

export interface PackEntry {
  title: string;
  fields: Array<[string, string]>;
  data: Record<string, unknown>;
  /** set when the entry is left out unless released */
  item?: SarItem;
  /** set by applyDecisions on an entry left out: the exemption it was withheld under (its fields are then empty) */
  withheld?: string;
}

export interface PackSection {
  key: string;
  title: string;
  entries: PackEntry[];
}

/** What UK GDPR article 15 asks a pack to say besides the data: where it came from, who had it, how long it is kept. */
export interface Disclosure {
  /** where information not collected from him came from (agencies, never a private person's name) */
  sources: string[];
  /** the agencies his information was given to or that he agreed may have it */
  recipients: string[];
  /** years after his case ends that his record is kept, and why that many */
  retentionYears: number;
  retentionWhy: string;
  /** years a referral that did not go ahead is kept */
  referralYears: number;
}

export interface SubjectData {
  participantId: string;
  reference: string;
  name: string;
  sections: PackSection[];
  disclosure: Disclosure;
}

/** The exemption every withheld item is held back under. */
export const THIRD_PARTY_EXEMPTION =
  'Withheld because it is information about other people, or could put someone at risk (Data Protection Act 2018, schedule 2, part 3, paragraph 16: protection of the rights of others).';

const yesNo = (v: boolean) => (v ? 'Yes' : 'No');
const label = <K extends string>(labels: Record<K, string>, v: string | null | undefined) =>
  v ? (labels[v as K] ?? v) : '';
const field = (name: string, value: string | null | undefined): Array<[string, string]> =>
  value ? [[name, value]] : [];

/** A child's full name and first name: notes usually call a child by the first name alone. */
function childNames(children: unknown): string[] {
  if (!Array.isArray(children)) return [];
  return children.flatMap((c: { name?: unknown }) => {
    const name = typeof c?.name === 'string' ? c.name.trim() : '';
    return name ? [name, name.split(/\s+/)[0]!] : [];
  });
}

/**
 * Names of other people the program knows, to spot them in his notes: other men
 * (full names and aliases), his partners, his children and the children on his
 * partners' records. A note naming a child waits for the manager's decision.
 */
async function otherNames(
  db: Db,
  participantId: string,
  partners: Array<{ id: string; first_name: string; last_name: string }>,
  ownChildren: unknown,
) {
  const others = await db
    .selectFrom('participants')
    .select(['first_name', 'last_name', 'details'])
    .where('id', '!=', participantId)
    .where('anonymised_at', 'is', null)
    .execute();
  const names: string[] = [];
  for (const o of others) {
    names.push(`${o.first_name} ${o.last_name}`);
    try {
      names.push(...((JSON.parse(o.details) as { aliases?: string[] }).aliases ?? []));
    } catch {
      // a record that does not parse has no aliases to look for
    }
  }
  for (const p of partners) names.push(p.first_name, p.last_name, `${p.first_name} ${p.last_name}`);
  names.push(...childNames(ownChildren));
  if (partners.length > 0) {
    const records = await db
      .selectFrom('partners')
      .select('details')
      .where(
        'id',
        'in',
        partners.map((p) => p.id),
      )
      .execute();
    for (const r of records) {
      try {
        names.push(...childNames((JSON.parse(r.details) as { children?: unknown }).children));
      } catch {
        // a record that does not parse has no children's names to look for
      }
    }
  }
  return names;
}

/** `today` is the back end's day (todayOf(ctx)): his consents' states are judged on it. */
export async function collectSubjectData(db: Db, participantId: string, today: string): Promise<SubjectData> {
  const row = await db.selectFrom('participants').selectAll().where('id', '=', participantId).executeTakeFirstOrThrow();
  const d = detailsOf(row);
  const partners = await db
    .selectFrom('partner_links')
    .innerJoin('partners', 'partners.id', 'partner_links.partner_id')
    .select([
      'partners.id',
      'partners.reference',
      'partners.first_name',
      'partners.last_name',
      'partner_links.relationship',
      'partner_links.from_date',
      'partner_links.to_date',
    ])
    .where('partner_links.participant_id', '=', participantId)
    .execute();
  // Another man with his own name is not "someone else" in his own record.
  const own = new Set(
    [d.firstName, d.lastName, `${d.firstName} ${d.lastName}`, d.preferredName, ...d.aliases]
      .map(foldForSearch)
      .filter(Boolean),
  );
  const names = (await otherNames(db, participantId, partners, d.children)).filter((n) => !own.has(foldForSearch(n)));
  const namesSomeone = mentionFinder(names);
  const someoneElse = (text: string) => Boolean(text) && namesSomeone(text);
  const sections: PackSection[] = [];

  // His details. Children are his family, but where they live can tell him where his ex-partner lives: a manager decides.
  const keyWorker = (await staffNames(db, [d.keyWorkerId])).get(d.keyWorkerId ?? '') ?? '';
  const { children, ...ownDetails } = d;
  sections.push({
    key: 'details',
    title: 'Your details',
    entries: [
      {
        title: 'Personal details',
        data: { reference: row.reference, status: row.status, ...ownDetails, keyWorker },
        fields: [
          ['Reference', row.reference],
          ['Name', `${d.firstName} ${d.lastName}`],
          ...field('Preferred name', d.preferredName),
          ...field('Other names', d.aliases.join(', ')),
          ['Date of birth', ukDate(d.dateOfBirth)],
          ...field('Gender', d.gender),
          ...field('Pronouns', d.pronouns),
          ...field('Phone', d.phone),
          ...field('Email', d.email),
          ...field('Address', d.address),
          ['Safe to contact', safeToContactLabels[d.safeToContact]],
          ...field('Contact note', d.contactNote),
          ['Language', d.language],
          ['Interpreter needed', yesNo(d.interpreterNeeded)],
          ...field('GP', [d.gpName, d.gpPractice, d.gpPhone].filter(Boolean).join(', ')),
          ...field(
            'Agencies involved',
            d.agencies
              .map((a) => [a.agency, a.contactName, a.role, a.phone, a.email].filter(Boolean).join(', '))
              .join('\n'),
          ),
          ...field('Ethnicity', d.equality.ethnicity),
          ...field('Disability', d.equality.disability),
          ...field('Religion or belief', d.equality.religion),
          ...field('Sexual orientation', d.equality.sexualOrientation),
          ['Current status', statusLabels[row.status as Status] ?? row.status],
          ...field('Key worker', keyWorker),
        ],
      },
      ...(children.length
        ? [
            {
              title: 'Children',
              data: { children },
              fields: children.map((c, i): [string, string] => [
                `Child ${i + 1}`,
                [
                  c.name,
                  c.dateOfBirth ? `born ${ukDate(c.dateOfBirth)}` : '',
                  c.livesWith ? `lives with ${c.livesWith}` : '',
                ]
                  .filter(Boolean)
                  .join(', '),
              ]),
              item: {
                id: 'children',
                kind: 'children' as const,
                label: `The ${children.length} ${children.length === 1 ? 'child' : 'children'} on his record: names, dates of birth and who they live with`,
                why: 'Who the children live with can show where his partner or ex-partner lives.',
              },
            },
          ]
        : []),
    ],
  });

  // Referrals: professionals' details are given; a referral by his partner, family or a friend names them.
  const referrals = await db
    .selectFrom('referrals')
    .selectAll()
    .where('participant_id', '=', participantId)
    .orderBy('received_on')
    .execute();
  const referralEntries: PackEntry[] = [];
  for (const r of referrals) {
    const ref = toReferral(r, null);
    const personal = ref.source === 'partner' || ref.source === 'family_friend';
    referralEntries.push({
      title: `Referral received ${ukDate(ref.receivedOn)}`,
      data: {
        receivedOn: ref.receivedOn,
        source: ref.source,
        route: ref.route,
        courtReference: ref.courtReference,
        hearingDate: ref.hearingDate,
        reportDueDate: ref.reportDueDate,
        ...(personal
          ? {}
          : {
              agency: ref.agency,
              contactName: ref.contactName,
              contactDetails: ref.contactDetails,
              reason: ref.reason,
            }),
      },
      fields: [
        ['Referred by', label(referralSourceLabels, ref.source as ReferralSource)],
        ['Route', label(referralRouteLabels, ref.route as ReferralRoute)],
        ...(personal
          ? []
          : [
              ...field('Agency', ref.agency),
              ...field('Contact', [ref.contactName, ref.contactDetails].filter(Boolean).join(', ')),
              ['Reason for referral', ref.reason] as [string, string],
            ]),
        ...field('Court or order reference', ref.courtReference),
        ...field('Hearing date', ukDate(ref.hearingDate)),
        ...field('Report due', ukDate(ref.reportDueDate)),
      ],
    });
    if (personal) {
      referralEntries.push({
        title: `Who referred him and why (${ukDate(ref.receivedOn)})`,
        data: {
          referralReceivedOn: ref.receivedOn,
          agency: ref.agency,
          contactName: ref.contactName,
          contactDetails: ref.contactDetails,
          reason: ref.reason,
        },
        fields: [
          ...field('Referrer', [ref.agency, ref.contactName, ref.contactDetails].filter(Boolean).join(', ')),
          ['Reason for referral', ref.reason],
        ],
        item: {
          id: `referrer:${r.id}`,
          kind: 'referrer',
          label: `Referral of ${ukDate(ref.receivedOn)} by ${label(referralSourceLabels, ref.source).toLowerCase()}: who referred him and what they said`,
          why: 'The referrer is a private person (his partner, family or a friend), not a professional.',
        },
      });
    }
  }
  sections.push({ key: 'referrals', title: 'Referrals', entries: referralEntries });

  const history = await db
    .selectFrom('status_history')
    .selectAll()
    .where('participant_id', '=', participantId)
    .orderBy('effective_on')
    .orderBy('changed_at')
    .execute();
  sections.push({
    key: 'status',
    title: 'Your progress through the programme',
    entries: history.map((h) => ({
      title: `${label(statusLabels, h.status as Status)} from ${ukDate(h.effective_on)}`,
      data: {
        status: h.status,
        outcome: h.outcome,
        exitReason: h.exit_reason,
        reason: h.reason,
        effectiveOn: h.effective_on,
      },
      fields: [
        ...field('Outcome', label(assessmentOutcomeLabels, h.outcome as AssessmentOutcome)),
        ...field('Reason for leaving', label(exitReasonLabels, h.exit_reason as ExitReason)),
        ...field('Reason', h.reason),
      ],
    })),
  });

  const assessments = await listAssessments(db, participantId);
  sections.push({
    key: 'assessments',
    title: 'Suitability assessments',
    entries: assessments.map((a) => {
      const form = assessmentForms[a.formVersion];
      const entry: PackEntry = {
        title: `Assessment${a.completedOn ? ` completed ${ukDate(a.completedOn)}` : ' (not completed)'}`,
        data: {
          formVersion: a.formVersion,
          ratings: a.ratings,
          exclusionFactors: a.exclusionFactors,
          exclusionNotes: a.exclusionNotes,
          decision: a.decision,
          decisionReason: a.decisionReason,
          assessor: a.assessorName,
          meetingDates: a.meetingDates,
          completedOn: a.completedOn,
        },
        fields: [
          ...field('Assessor', a.assessorName),
          ...field('Meetings', a.meetingDates.map(ukDate).join(', ')),
          ...(form?.rated ?? []).map((q): [string, string] => {
            const r = a.ratings[q.key];
            const scale = form?.ratingScale.find((s) => s.value === r?.rating)?.label ?? 'Not rated';
            return [q.label, [scale, r?.evidence].filter(Boolean).join(': ')];
          }),
          ...field(
            'Exclusion factors',
            a.exclusionFactors.map((k) => form?.exclusionFactors.find((f) => f.key === k)?.label ?? k).join('; '),
          ),
          ...field('Notes on exclusion factors', a.exclusionNotes),
          ...field('Decision', label(assessmentOutcomeLabels, a.decision)),
          ...field('Reason for the decision', a.decisionReason),
        ],
      };
      const text = [a.exclusionNotes, a.decisionReason, ...Object.values(a.ratings).map((r) => r.evidence)].join(' ');
      if (someoneElse(text))
        entry.item = {
          id: `assessment:${a.id}`,
          kind: 'mentions_someone',
          label: `${entry.title}: its notes name someone else`,
          why: 'The text names another person the program knows.',
        };
      return entry;
    }),
  });

  // Risk: the level is his; the reasons and red flags often come from what his partner told the service.
  const risk = await listRisk(db, participantId);
  const riskEntries: PackEntry[] = [];
  for (const r of [...risk].sort((a, b) => a.assessedOn.localeCompare(b.assessedOn))) {
    riskEntries.push({
      title: `Risk assessment ${ukDate(r.assessedOn)}`,
      data: { level: r.level, assessedOn: r.assessedOn, nextReviewOn: r.nextReviewOn, assessor: r.assessorName },
      fields: [
        ['Level', riskLevelLabels[r.level]],
        ...field('Assessed by', r.assessorName),
        ['Next review', ukDate(r.nextReviewOn)],
      ],
    });
    if (r.reasons || r.redFlags.length) {
      riskEntries.push({
        title: `Reasons for the risk assessment of ${ukDate(r.assessedOn)}`,
        data: { assessedOn: r.assessedOn, reasons: r.reasons, redFlags: r.redFlags },
        fields: [
          ...field('Reasons', r.reasons),
          ...field('Red flags', r.redFlags.map((f) => redFlagLabels[f] ?? f).join('; ')),
        ],
        item: {
          id: `risk:${r.id}`,
          kind: 'risk',
          label: `Reasons and red flags of the risk assessment of ${ukDate(r.assessedOn)}`,
          why: 'Risk reasons often rest on what his partner or others told the service.',
        },
      });
    }
  }
  sections.push({ key: 'risk', title: 'Risk assessments', entries: riskEntries });

  const consents = await listConsents(db, participantId, today);
  sections.push({
    key: 'consents',
    title: 'Your consents to sharing information',
    entries: consents.map((c) => ({
      title: `Consent for ${c.recipient === 'other' ? c.recipientName : label(consentRecipientLabels, c.recipient)}`,
      data: {
        recipient: c.recipient,
        recipientName: c.recipientName,
        purpose: c.purpose,
        howGiven: c.howGiven,
        givenOn: c.givenOn,
        reviewOn: c.reviewOn,
        withdrawnOn: c.withdrawnOn,
        withdrawnReason: c.withdrawnReason,
      },
      fields: [
        ['Purpose', c.purpose],
        ['How given', c.howGiven === 'signed' ? 'Signed' : 'Verbally'],
        ['Given on', ukDate(c.givenOn)],
        ['Review on', ukDate(c.reviewOn)],
        ...field('Withdrawn on', ukDate(c.withdrawnOn)),
        ...field('Reason for withdrawal', c.withdrawnReason),
      ],
    })),
  });

  const notes = await db
    .selectFrom('case_notes')
    .leftJoin('staff', 'staff.id', 'case_notes.author_id')
    .select(['case_notes.id', 'note_type', 'occurred_on', 'body', 'staff.full_name'])
    .where('participant_id', '=', participantId)
    .orderBy('occurred_on')
    .orderBy('case_notes.created_at')
    .execute();
  sections.push({
    key: 'notes',
    title: 'Case notes',
    entries: notes.map((n) => {
      const entry: PackEntry = {
        title: `${label(noteTypeLabels, n.note_type)} on ${ukDate(n.occurred_on)}`,
        data: { type: n.note_type, occurredOn: n.occurred_on, author: n.full_name, text: n.body },
        fields: [
          ...field('Written by', n.full_name),
          [`${label(noteTypeLabels, n.note_type)} note (written by staff)`, n.body],
        ],
      };
      if (someoneElse(n.body))
        entry.item = {
          id: `note:${n.id}`,
          kind: 'mentions_someone',
          label: `${entry.title}${n.full_name ? ` by ${n.full_name}` : ''}: names someone else`,
          why: 'The note names another person the program knows (another participant or a partner).',
        };
      return entry;
    }),
  });

  const goals = await listGoals(db, participantId);
  sections.push({
    key: 'goals',
    title: 'Goals and achievements',
    entries: goals.map((g) => ({
      title: `${g.kind === 'goal' ? 'Goal' : 'Achievement'} set ${ukDate(g.setOn)}`,
      data: { kind: g.kind, text: g.text, setOn: g.setOn, achievedOn: g.achievedOn },
      fields: [['Text', g.text], ...field('Achieved on', ukDate(g.achievedOn))],
    })),
  });

  // Groups: the group's name, dates and his own register entries; never the other men.
  const enrolments = await db
    .selectFrom('enrolments')
    .innerJoin('groups', 'groups.id', 'enrolments.group_id')
    .select(['groups.name', 'enrolments.status', 'enrolments.joined_on', 'enrolments.left_on', 'enrolments.reason'])
    .where('enrolments.participant_id', '=', participantId)
    .orderBy('joined_on')
    .execute();
  const entries = await db
    .selectFrom('register_entries')
    .innerJoin('sessions', 'sessions.id', 'register_entries.session_id')
    .innerJoin('groups', 'groups.id', 'sessions.group_id')
    .leftJoin('curriculum_themes', 'curriculum_themes.id', 'sessions.theme_id')
    .select([
      'sessions.id as session_id',
      'sessions.date',
      'sessions.number',
      'groups.name as group_name',
      'curriculum_themes.name as theme',
      'register_entries.attendance',
      'register_entries.data',
    ])
    .where('register_entries.participant_id', '=', participantId)
    .orderBy('sessions.date')
    .execute();
  const attendanceEntries: PackEntry[] = enrolments.map((e) => ({
    title: `Group: ${e.name}`,
    data: { group: e.name, status: e.status, joinedOn: e.joined_on, leftOn: e.left_on, reason: e.reason },
    fields: [['Joined', ukDate(e.joined_on)], ...field('Left', ukDate(e.left_on)), ...field('Reason', e.reason)],
  }));
  for (const s of entries) {
    const data = JSON.parse(s.data) as {
      absenceReason?: string;
      participation?: number | null;
      note?: string;
      concern?: string;
      concernNote?: string;
      lateMinutes?: number | null;
    };
    const entry: PackEntry = {
      title: `${s.group_name}, session ${s.number} on ${ukDate(s.date)}`,
      data: {
        date: s.date,
        group: s.group_name,
        session: s.number,
        theme: s.theme,
        attendance: s.attendance,
        absenceReason: data.absenceReason ?? '',
        participation: data.participation ?? null,
        note: data.note ?? '',
      },
      fields: [
        ...field('Theme', s.theme),
        ['Attendance', label(attendanceLabels, s.attendance)],
        ...field('Minutes late', data.lateMinutes ? String(data.lateMinutes) : ''),
        ...field('Reason given', data.absenceReason),
        ...field('Participation (1 to 5)', data.participation ? String(data.participation) : ''),
        ...field('Facilitators’ note on the session (written by staff)', data.note),
      ],
    };
    if (someoneElse(data.note ?? ''))
      entry.item = {
        id: `register:${s.session_id}`,
        kind: 'mentions_someone',
        label: `${entry.title}: the session note names someone else`,
        why: 'The note names another person the program knows.',
      };
    attendanceEntries.push(entry);
    if (data.concern && data.concern !== 'none') {
      attendanceEntries.push({
        title: `Concern noted at ${s.group_name}, session ${s.number} on ${ukDate(s.date)}`,
        data: { date: s.date, concern: data.concern, concernNote: data.concernNote ?? '' },
        fields: [
          ['Concern', label(concernLabels, data.concern)],
          ...field('Facilitators’ note on the concern (written by staff)', data.concernNote),
        ],
        item: {
          id: `register-concern:${s.session_id}`,
          kind: 'concern',
          label: `${label(concernLabels, data.concern)} noted on ${ukDate(s.date)}`,
          why: 'A concern may rest on what others told the service, and telling him could put them at risk.',
        },
      });
    }
  }
  sections.push({ key: 'attendance', title: 'Groups and attendance', entries: attendanceEntries });

  // Safeguarding concerns about him: what was seen or heard often comes from his partner or the children.
  const concerns = await db
    .selectFrom('safeguarding_concerns')
    .selectAll()
    .where('participant_id', '=', participantId)
    .orderBy('raised_on')
    .execute();
  sections.push({
    key: 'safeguarding',
    title: 'Safeguarding concerns',
    entries: concerns.map((c) => {
      const data = JSON.parse(c.data) as { what?: string; outcome?: string; children?: string[] };
      const partnerSide = c.side === 'partner';
      return {
        title: `${label(concernKindLabels, c.kind)} concern raised ${ukDate(c.raised_on)}`,
        data: partnerSide
          ? { kind: c.kind, raisedOn: c.raised_on, status: c.status }
          : {
              kind: c.kind,
              raisedOn: c.raised_on,
              status: c.status,
              what: data.what ?? '',
              outcome: data.outcome ?? '',
            },
        fields: partnerSide
          ? [['Status', c.status === 'open' ? 'Open' : 'Closed']]
          : [
              ['What was seen or heard', data.what ?? ''],
              ...field('Outcome', data.outcome),
              ['Status', c.status === 'open' ? 'Open' : 'Closed'],
            ],
        item: partnerSide
          ? {
              id: `partner_concern:${c.id}`,
              kind: 'partner_concern' as const,
              label: `Partner-side ${label(concernKindLabels, c.kind).toLowerCase()} concern of ${ukDate(c.raised_on)} (if released: only its kind, date and status)`,
              why: 'It was raised by the partner service, behind the partner wall.',
            }
          : {
              id: `concern:${c.id}`,
              kind: 'concern' as const,
              label: `${label(concernKindLabels, c.kind)} concern raised ${ukDate(c.raised_on)}`,
              why: 'What was seen or heard may come from his partner or the children, and telling him could put them at risk.',
            },
      };
    }),
  });

  // Disclosures about him to other agencies (his side of the log only).
  const shared = await db
    .selectFrom('sharing_log')
    .selectAll()
    .where('participant_id', '=', participantId)
    .where('side', '=', 'participant')
    .orderBy('shared_on')
    .execute();
  sections.push({
    key: 'sharing',
    title: 'Information shared about you',
    entries: shared.map((s) => {
      const data = JSON.parse(s.data) as { what?: string; agency?: string; person?: string; why?: string };
      return {
        title: `Shared with ${data.agency ?? 'an agency'} on ${ukDate(s.shared_on)}`,
        data: {
          sharedOn: s.shared_on,
          agency: data.agency,
          person: data.person,
          what: data.what,
          why: data.why,
          basis: s.basis,
        },
        fields: [
          ...field('Named person', data.person),
          ['What was shared', data.what ?? ''],
          ['Why', data.why ?? ''],
          [
            'Lawful basis',
            s.basis === 'consent'
              ? 'Your consent'
              : s.basis === 'subject_access'
                ? 'Your own request'
                : s.basis === 'child_protection'
                  ? 'Child protection: the exception to confidentiality you were told about'
                  : 'Shared without consent, where the law allows',
          ],
        ],
      };
    }),
  });

  const tasks = await db
    .selectFrom('tasks')
    .select(['kind', 'title', 'due_on', 'status', 'partner_id'])
    .where('participant_id', '=', participantId)
    .orderBy('due_on')
    .execute();
  sections.push({
    key: 'tasks',
    title: 'Work planned about you',
    entries: tasks
      .filter((t) => !t.partner_id && !partnerTaskKinds.includes(t.kind as TaskKind))
      .map((t) => ({
        title: `${label(taskKindLabels, t.kind)}: ${t.title}`,
        data: { kind: t.kind, title: t.title, dueOn: t.due_on, status: t.status },
        fields: [
          ['Due', ukDate(t.due_on)],
          ['Status', t.status === 'open' ? 'To do' : 'Done'],
        ],
      })),
  });

  // Reports and letters about him (migration 0005): what they were, to whom, and the words the staff wrote in them.
  const hasReports = Number(
    (
      await sql<{
        n: number;
      }>`select count(*) as n from sqlite_master where type = 'table' and name = 'reports'`.execute(db)
    ).rows[0]?.n,
  );
  if (hasReports) {
    const reports = await sql<{
      id: string;
      type: string;
      status: string;
      period_from: string;
      period_to: string;
      recipient: string | null;
      recipient_name: string;
      sections: string;
      sent_at: string | null;
    }>`
      select id, type, status, period_from, period_to, recipient, recipient_name, sections, sent_at from reports where participant_id = ${participantId} order by created_at`.execute(
      db,
    );
    sections.push({
      key: 'reports',
      title: 'Reports and letters about you',
      entries: reports.rows.map((r) => {
        const written = Object.entries(JSON.parse(r.sections || '{}') as Record<string, string>).filter(([, t]) => t);
        const texts = written.map(([, t]) => t);
        const def = (reportTypes as Record<string, { label: string; sections: Array<{ key: string; label: string }> }>)[
          r.type
        ];
        const typeLabel = def?.label ?? r.type;
        // Each piece the staff wrote is named by the kind of entry it is (the section's own heading).
        const kindOf = (key: string) =>
          key.startsWith('sg:')
            ? 'Safeguarding concern, in the facilitators’ words'
            : (def?.sections.find((x) => x.key === key)?.label ?? 'Other text written by staff');
        const entry: PackEntry = {
          title: `${typeLabel}${r.sent_at ? `, sent ${ukDate(r.sent_at.slice(0, 10))}` : ''}`,
          data: {
            type: r.type,
            status: r.status,
            periodFrom: r.period_from,
            periodTo: r.period_to,
            recipient: r.recipient,
            recipientName: r.recipient_name,
            sentAt: r.sent_at,
            text: texts,
          },
          fields: [
            ['Status', label(reportStatusLabels, r.status)],
            ...field('Period', r.period_from ? `${ukDate(r.period_from)} to ${ukDate(r.period_to)}` : ''),
            ...field(
              'For',
              r.recipient === 'other'
                ? r.recipient_name
                : label(recipientLabels as Record<string, string>, r.recipient),
            ),
            ...written.map(([k, t]): [string, string] => [`${kindOf(k)} (written by staff)`, t]),
          ],
        };
        if (someoneElse(texts.join(' ')))
          entry.item = {
            id: `report:${r.id}`,
            kind: 'mentions_someone',
            label: `${entry.title}: its text names someone else`,
            why: 'The text names another person the program knows.',
          };
        return entry;
      }),
    });
  }

  // The partner service: listed so the manager knows it exists; released, only her name and the relationship's dates.
  sections.push({
    key: 'partners',
    title: 'Partner service',
    entries: partners.map((p) => ({
      title: `${label(relationshipLabels, p.relationship)}`,
      data: { name: `${p.first_name} ${p.last_name}`, relationship: p.relationship, from: p.from_date, to: p.to_date },
      fields: [
        ['Name', `${p.first_name} ${p.last_name}`],
        ...field('From', ukDate(p.from_date)),
        ...field('To', ukDate(p.to_date)),
      ],
      item: {
        id: `partner:${p.id}`,
        kind: 'partner' as const,
        label: `${p.first_name} ${p.last_name} (${p.reference}), ${label(relationshipLabels, p.relationship).toLowerCase()} (if released: only her name and the dates of the relationship; never her contact details or what she told the service)`,
        why: 'The partner wall: her record is hers, not his.',
      },
    })),
  });

  // Anything else that names another person the program knows (a disclosure, a reason, a goal) is held back too.
  for (const section of sections) {
    if (section.key === 'details' || section.key === 'partners') continue;
    section.entries.forEach((entry) => {
      if (entry.item || !someoneElse(entry.fields.map(([, v]) => v).join(' \n '))) return;
      const stable = createHash('sha256')
        .update(JSON.stringify([entry.title, entry.fields]))
        .digest('hex')
        .slice(0, 16);
      entry.item = {
        id: `${section.key}:${stable}`,
        kind: 'mentions_someone',
        label: `${section.title}: ${entry.title} names someone else`,
        why: 'The text names another person the program knows.',
      };
    });
  }
  const disclosure = await disclosureOf(db, {
    referrals: referrals.map((r) => toReferral(r, null)),
    agencies: d.agencies.map((a) => a.agency),
    shared: shared.map((s) => (JSON.parse(s.data) as { agency?: string }).agency ?? ''),
    // Written to him: "to contact his partner" reads "to contact your partner".
    consents: consents.map((c) =>
      c.recipient === 'other'
        ? c.recipientName
        : label(consentRecipientLabels, c.recipient).replace(/\bhis\b/g, 'your'),
    ),
    children: children.length > 0,
    concerns: concerns.length > 0,
  });
  // Agency names are typed by staff: one that names a person the program knows is withheld like any other text.
  const safe = (xs: string[]) =>
    xs.map((x) => (someoneElse(x) ? 'One further entry, withheld because it names someone else' : x));
  disclosure.sources = safe(disclosure.sources);
  disclosure.recipients = safe(disclosure.recipients);
  return { participantId, reference: row.reference, name: `${d.firstName} ${d.lastName}`, sections, disclosure };
}

const unique = (xs: string[]) => [...new Set(xs.map((x) => x.trim()).filter(Boolean))];

async function disclosureOf(
  db: Db,
  his: {
    referrals: Array<ReturnType<typeof toReferral>>;
    agencies: string[];
    shared: string[];
    consents: string[];
    children: boolean;
    concerns: boolean;
  },
): Promise<Disclosure> {
  const policy = await readPolicy(db);
  const sources = unique(
    his.referrals.map((r) =>
      r.source === 'partner' || r.source === 'family_friend' || r.source === 'self'
        ? r.source === 'self'
          ? ''
          : 'A private person who referred you (who they are is withheld: see “Information withheld”)'
        : `Your referral: ${[label(referralSourceLabels, r.source as ReferralSource), r.agency].filter(Boolean).join(', ')}`,
    ),
  );
  sources.push(...unique(his.agencies).map((a) => `An agency working with you: ${a}`));
  const retention = his.concerns
    ? { years: policy.participantCase.yearsWithSafeguarding, why: 'because a safeguarding concern was raised' }
    : his.children
      ? { years: policy.participantCase.yearsWithChildren, why: 'because children are named on your record' }
      : { years: policy.participantCase.years, why: 'the usual period' };
  return {
    sources,
    recipients: unique([...his.shared, ...his.consents]),
    retentionYears: retention.years,
    retentionWhy: retention.why,
    referralYears: policy.participantReferral.years,
  };
}

/**
 * The pack as released: an entry with an item only when the manager released
 * it. Any other withheld entry stays in its place as "withheld" with the
 * exemption (never as if there were nothing). A partner-side entry is left out
 * without a trace: whether the partner service holds anything is hers to know,
 * and the pack says so in the same words whether or not it does.
 */
export function applyDecisions(
  data: SubjectData,
  release: ReadonlySet<string>,
): { sections: PackSection[]; released: number; withheld: number } {
  let released = 0;
  let withheld = 0;
  const sections = data.sections.map((s) => ({
    ...s,
    entries: s.entries.flatMap((e): PackEntry[] => {
      if (!e.item) return [e];
      if (release.has(e.item.id)) {
        released += 1;
        return [e];
      }
      withheld += 1;
      if (e.item.kind === 'partner' || e.item.kind === 'partner_concern') return [];
      return [
        {
          title: e.title,
          fields: [],
          data: { title: e.title, withheld: true, exemption: THIRD_PARTY_EXEMPTION },
          item: e.item,
          withheld: THIRD_PARTY_EXEMPTION,
        },
      ];
    }),
  }));
  return { sections, released, withheld };
}
