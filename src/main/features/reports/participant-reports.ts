/**
 * Reports about one man, each a pure function from his (participant-side)
 * data to content: court / Cafcass (mid and end), probation and children's
 * services updates, the suitability assessment report, his record, letters.
 */
import { assessmentForms } from '../../../shared/features/assessments';
import { attendanceLabels, participationScale } from '../../../shared/features/registers';
import {
  assessmentOutcomeLabels,
  exitReasonLabels,
  referralRouteLabels,
  referralSourceLabels,
  statusLabels,
  type AssessmentOutcome,
  type ExitReason,
  type Status,
} from '../../../shared/features/participants';
import { reportTypes, type ReportBlock, type ReportContent } from '../../../shared/features/reports';
import {
  confidentiality,
  freeText,
  inPeriod,
  introduction,
  period,
  plural,
  recipientText,
  signOff,
  standard,
  ukDate,
  type BuildContext,
} from './content-helpers';
import type { ParticipantReportData } from './gather';
import { safeguardingBlocks } from './safeguarding-section';
import { riskBlocks } from './risk-section';
import { courtQuestionBlocks, orderBlocks, unwrittenWarnings } from './court-sections';

/** The attendance table: one row for every session in the period. */
const ATTENDANCE_COLUMNS = [
  { label: 'Date', width: 14 },
  { label: 'Session', width: 26 },
  { label: 'Theme', width: 22 },
  { label: 'Attendance', width: 16 },
  { label: 'Absence: the reason he gave', width: 22 },
];

const nameOf = (d: ParticipantReportData) => `${d.person.firstName} ${d.person.lastName}`;
const latestReferral = (d: ParticipantReportData) => d.referrals[0] ?? null;
const latestAssessment = (d: ParticipantReportData) => d.assessments.find((a) => a.completedOn) ?? null;

function detailsBlock(d: ParticipantReportData, c: BuildContext): ReportBlock {
  const r = latestReferral(d);
  const rows: Array<[string, string]> = [
    ['Name', nameOf(d)],
    ['Date of birth', ukDate(d.person.dateOfBirth)],
    ['Our reference', d.person.reference],
  ];
  const court = c.type === 'court_mid' || c.type === 'court_end';
  if (r) {
    rows.push(['Referred by', [r.agency, referralSourceLabels[r.source]].filter(Boolean).join(' — ')]);
    rows.push(['Date referred', ukDate(r.receivedOn)]);
    if (court && r.source === 'family_court_cafcass' && r.agency) rows.push(['Court', r.agency]);
    if (r.courtReference) rows.push([court ? 'Court case number' : 'Court or order reference', r.courtReference]);
    if (r.hearingDate) rows.push(['Hearing date', ukDate(r.hearingDate)]);
    if (r.reportDueDate) rows.push(['Report due by', ukDate(r.reportDueDate)]);
  }
  if (court && c.sections.parties?.trim()) rows.push(['Parties', c.sections.parties.trim()]);
  if (reportTypes[c.type].period) rows.push(['Period covered', period(c)]);
  if (c.recipient) rows.push(['Prepared for', recipientText(c)]);
  rows.push(['Date of report', ukDate(c.asOf)]);
  rows.push(['Status on the programme', statusLabels[d.status.current as Status] ?? d.status.current]);
  if (d.person.interpreterNeeded) rows.push(['Language', `${d.person.language} (interpreter needed)`]);
  return { kind: 'facts', rows };
}

function referralBlocks(d: ParticipantReportData): ReportBlock[] {
  const r = latestReferral(d);
  if (!r)
    return [
      { kind: 'heading', text: 'Referral', level: 2 },
      { kind: 'paragraph', text: 'There is no referral on record.', numbered: true },
    ];
  const order = [
    r.courtReference ? `The court or order reference is ${r.courtReference}.` : '',
    r.hearingDate ? `The next hearing is on ${ukDate(r.hearingDate)}.` : '',
  ]
    .filter(Boolean)
    .join(' ');
  return [
    { kind: 'heading', text: 'Referral and order', level: 2 },
    {
      kind: 'paragraph',
      numbered: true,
      text: `He was referred on ${ukDate(r.receivedOn)} by ${r.agency ? `${r.agency} (${referralSourceLabels[r.source].toLowerCase()}, ${referralRouteLabels[r.route].toLowerCase()} route)` : `${referralSourceLabels[r.source].toLowerCase()} (${referralRouteLabels[r.route].toLowerCase()} route)`}. ${order}`.trim(),
    },
    { kind: 'paragraph', numbered: true, text: `Reason for referral: ${r.reason}` },
  ];
}

function assessmentSummary(d: ParticipantReportData): ReportBlock[] {
  const a = latestAssessment(d);
  const out: ReportBlock[] = [{ kind: 'heading', text: 'Assessment', level: 2 }];
  if (!a)
    return [...out, { kind: 'paragraph', numbered: true, text: 'His suitability assessment has not been completed.' }];
  out.push({
    kind: 'paragraph',
    numbered: true,
    text: `He was assessed for suitability on ${a.meetingDates.map(ukDate).join(', ')}${a.assessorName ? ` by ${a.assessorName}` : ''}. The decision was: ${a.decision ? assessmentOutcomeLabels[a.decision] : 'not recorded'}.${a.decisionReason ? ` ${a.decisionReason}` : ''}`,
  });
  return out;
}

export interface AttendanceFigures {
  rows: string[][];
  possible: number;
  attended: number;
  withReason: number;
  withoutReason: number;
  late: number;
  lateMinutes: number;
  leftEarly: number;
  leftEarlyMinutes: number;
}

/** The sessions in the period, from the screens' attendance summary. */
/**
 * The register records whether he gave a reason for an absence and what it
 * was, never whether the programme accepted it, so the report says exactly
 * that rather than calling an absence acceptable or unacceptable.
 */
const ABSENCE_NOTE =
  'The register records whether he gave a reason for an absence, and the reason; it does not record whether the programme accepted the reason.';

/**
 * His absences in words a court reads at once: none said as none, not as "0 times". The note on
 * reasons stays either way: the tables below (and the whole programme's figures) name absences
 * with and without a reason.
 */
export function absencesText(f: AttendanceFigures): string {
  const absent = f.withReason + f.withoutReason;
  if (absent === 0) return `He was not absent from any of them. ${ABSENCE_NOTE}`;
  return `He was absent ${plural(absent, 'time')}: ${f.withReason} with a reason given and ${f.withoutReason} without. ${ABSENCE_NOTE}`;
}

/** Lateness and leaving early, with the minutes when there were any. */
export function lateText(f: AttendanceFigures): string {
  if (f.late === 0 && f.leftEarly === 0) return 'He was never late and never left early.';
  const late = f.late ? `late ${plural(f.late, 'time')} (${plural(f.lateMinutes, 'minute')} in all)` : 'never late';
  const early = f.leftEarly ? `left early ${plural(f.leftEarly, 'time')} (${plural(f.leftEarlyMinutes, 'minute')} in all)` : 'never left early';
  return `He was ${late} and ${early}.`;
}

export function attendanceInPeriod(d: ParticipantReportData, c: BuildContext): AttendanceFigures {
  const sessions = (d.attendance?.sessions ?? []).filter((s) => inPeriod(c, s.date));
  const rows = sessions.map((s) => {
    const m = d.minutes[s.sessionId];
    const minutes =
      s.attendance === 'late' && m?.late
        ? ` (${plural(m.late, 'minute')} late)`
        : s.attendance === 'left_early' && m?.leftEarly
          ? ` (left ${plural(m.leftEarly, 'minute')} early)`
          : '';
    return [
      ukDate(s.date),
      `${s.groupName}, session ${s.number}`,
      s.themeName ?? '',
      (s.attendance ? attendanceLabels[s.attendance] : 'Not recorded') + minutes,
      s.attendance === 'absent_reason'
        ? `Reason given: ${s.reason}`
        : s.attendance === 'absent_no_reason'
          ? 'No reason given'
          : s.reason,
    ];
  });
  const minutesOf = (key: 'late' | 'leftEarly') =>
    sessions.reduce((n, s) => n + (d.minutes[s.sessionId]?.[key] ?? 0), 0);
  const group = sessions.filter((s) => !s.groupName.endsWith('(catch-up)'));
  const came = (a: string | null) => a === 'present' || a === 'late' || a === 'left_early';
  return {
    rows,
    possible: group.length,
    attended: group.filter((s) => came(s.attendance)).length,
    withReason: sessions.filter((s) => s.attendance === 'absent_reason').length,
    withoutReason: sessions.filter((s) => s.attendance === 'absent_no_reason').length,
    late: sessions.filter((s) => s.attendance === 'late').length,
    lateMinutes: minutesOf('late'),
    leftEarly: sessions.filter((s) => s.attendance === 'left_early').length,
    leftEarlyMinutes: minutesOf('leftEarly'),
  };
}

/** A share as a percentage to one decimal place, never rounded up (4 of 6 is 66.6%, not 66.7%). */
export function floorPercent1(n: number, of: number): string {
  if (of === 0) return '0%';
  const tenths = Math.floor((n * 1000) / of);
  return `${Math.floor(tenths / 10)}.${tenths % 10}%`;
}

/** The screens' completion wording, in words a probation officer or a court reads without our jargon. */
const COMPLETION_WORDS: Array<[string, string]> = [
  [
    'On track for the completion rule, not yet complete:',
    'He is attending often enough to complete the programme, but has not finished it yet:',
  ],
  [
    'Behind the completion rule, not yet complete:',
    'He has so far missed more sessions than the programme allows, but can still complete it if he attends:',
  ],
  [
    'Cannot now meet the completion rule:',
    'He can no longer complete the programme, however many sessions he attends:',
  ],
  ['Does not meet the completion rule:', 'He did not attend enough of the programme to complete it:'],
  ['Meets the completion rule:', 'He attended enough of the programme to complete it:'],
];
export function plainCompletion(reason: string): string {
  for (const [from, to] of COMPLETION_WORDS) if (reason.startsWith(from)) return to + reason.slice(from.length);
  return reason;
}

function attendanceBlocks(d: ParticipantReportData, c: BuildContext): ReportBlock[] {
  const f = attendanceInPeriod(d, c);
  const out: ReportBlock[] = [{ kind: 'heading', text: 'Attendance', level: 2 }];
  if (f.rows.length === 0) {
    out.push({
      kind: 'paragraph',
      numbered: true,
      text: `No sessions were held for him in the period from ${period(c)}, so there is no attendance to report for it.`,
    });
  } else {
    out.push({
      kind: 'paragraph',
      numbered: true,
      text: `In the period from ${period(c)} he was expected at ${plural(f.possible, 'group session')} and attended ${f.attended} of ${f.possible} (${floorPercent1(f.attended, f.possible)}). ${absencesText(f)} ${lateText(f)} Every session in the period is listed below.`,
      keepWithNext: true,
    });
    out.push({
      kind: 'table',
      columns: ATTENDANCE_COLUMNS,
      rows: f.rows,
      emptyText: '',
    });
  }
  if (d.attendance) {
    const a = d.attendance;
    out.push({
      kind: 'paragraph',
      numbered: true,
      keepWithNext: true,
      text: `Over the whole programme so far he has attended ${a.attended} of ${a.possible} group sessions (${floorPercent1(a.attended, a.possible)}). The period and the whole programme side by side (percentages are never rounded up):`,
    });
    out.push({
      kind: 'table',
      columns: [
        { label: '', width: 28 },
        { label: 'Attended', width: 18 },
        { label: 'Share', width: 14 },
        { label: 'Absent, reason given', width: 20 },
        { label: 'Absent, no reason given', width: 20 },
      ],
      rows: [
        [
          'This period',
          `${f.attended} of ${f.possible}`,
          floorPercent1(f.attended, f.possible),
          String(f.withReason),
          String(f.withoutReason),
        ],
        [
          'Whole programme so far',
          `${a.attended} of ${a.possible}`,
          floorPercent1(a.attended, a.possible),
          String(a.absentWithReason),
          String(a.absentWithoutReason),
        ],
      ],
      emptyText: '',
    });
  } else {
    out.push({
      kind: 'paragraph',
      numbered: true,
      text: 'He has not yet been placed in a group or one-to-one programme.',
    });
  }
  return out;
}

function participationBlocks(d: ParticipantReportData, c: BuildContext): ReportBlock[] {
  const sessions = (d.attendance?.sessions ?? []).filter((s) => inPeriod(c, s.date));
  const byTheme = new Map<string, { attended: number; possible: number; ratings: number[] }>();
  for (const s of sessions) {
    const key = s.themeName ?? 'No theme';
    const t = byTheme.get(key) ?? { attended: 0, possible: 0, ratings: [] };
    t.possible += 1;
    if (s.attendance === 'present' || s.attendance === 'late' || s.attendance === 'left_early') t.attended += 1;
    const r = d.participation[s.sessionId];
    if (r) t.ratings.push(r);
    byTheme.set(key, t);
  }
  const out: ReportBlock[] = [{ kind: 'heading', text: 'Participation and engagement', level: 2 }];
  if (byTheme.size === 0)
    return [...out, { kind: 'paragraph', numbered: true, text: 'There are no session logs for him in this period.' }];
  const label = (avg: number) => participationScale.find((p) => p.value === Math.round(avg))?.label ?? '';
  out.push({
    kind: 'paragraph',
    numbered: true,
    text: 'After each session the facilitators rate how he engaged, from 1 (did not engage) to 5 (fully engaged). By theme:',
  });
  out.push({
    kind: 'table',
    columns: [
      { label: 'Theme', width: 36 },
      { label: 'Sessions attended', width: 20 },
      { label: 'Average engagement', width: 44 },
    ],
    rows: [...byTheme.entries()].map(([theme, t]) => {
      const avg = t.ratings.length ? t.ratings.reduce((s, r) => s + r, 0) / t.ratings.length : 0;
      return [
        theme,
        `${t.attended} of ${t.possible}`,
        t.ratings.length ? `${avg.toFixed(1)} of 5: ${label(avg)}` : 'Not rated',
      ];
    }),
    emptyText: '',
  });
  return out;
}

function partnerServiceBlock(d: ParticipantReportData, c?: BuildContext): ReportBlock[] {
  // Only what a partner worker marked safe to share, within the report's period if it has one.
  const shared = d.partnerShared.filter(
    (s) => (!c?.periodFrom || s.on >= c.periodFrom) && (!c?.periodTo || s.on <= c.periodTo),
  );
  const blocks: ReportBlock[] = [
    { kind: 'heading', text: 'Partner support service', level: 2 },
    {
      kind: 'paragraph',
      numbered: true,
      text: `${d.partnerServiceInContact ? 'The partner support service is in contact with a partner or ex-partner of his.' : 'The partner support service is not currently in contact with a partner or ex-partner of his.'} ${shared.length ? 'Nothing a partner or ex-partner has told the partner support service is included in this report, except the points below, which a partner support worker has judged safe to share.' : 'Nothing a partner or ex-partner has told the partner support service is included in this report.'}`,
    },
  ];
  if (shared.length) {
    blocks.push({ kind: 'paragraph', bold: true, text: 'From the partner support service' });
    for (const s of shared) blocks.push({ kind: 'paragraph', numbered: true, text: `${ukDate(s.on)}: ${s.summary}` });
  }
  return blocks;
}

function lastChange(d: ParticipantReportData, status: string) {
  return [...d.status.history].reverse().find((h) => h.status === status) ?? null;
}

function completionBlocks(d: ParticipantReportData, end: boolean): ReportBlock[] {
  const out: ReportBlock[] = [{ kind: 'heading', text: end ? 'Completion' : 'Progress', level: 2 }];
  const s = d.status.current as Status;
  if (s === 'completed') {
    const h = lastChange(d, 'completed');
    out.push({
      kind: 'paragraph',
      numbered: true,
      text: `He completed the programme${h ? ` on ${ukDate(h.effectiveOn)}` : ''}.`,
    });
  } else if (s === 'exited') {
    const h = lastChange(d, 'exited');
    const reason = d.status.exitReason ? exitReasonLabels[d.status.exitReason as ExitReason] : 'reason not recorded';
    out.push({
      kind: 'paragraph',
      numbered: true,
      text: `He left the programme without completing it${h ? ` on ${ukDate(h.effectiveOn)}` : ''}. Reason: ${reason.toLowerCase()}.${h?.reason ? ` ${h.reason}` : ''}`,
    });
  } else {
    out.push({
      kind: 'paragraph',
      numbered: true,
      text: `He has not finished the programme: his status is ${(statusLabels[s] ?? s).toLowerCase()}.`,
    });
  }
  // After he left, "on track" or "behind" (with sessions still to come) would contradict the paragraph above.
  const c = d.attendance?.completion;
  if (c && !(s === 'exited' && (c.state === 'on_track' || c.state === 'behind')))
    out.push({ kind: 'paragraph', numbered: true, text: plainCompletion(c.reason) });
  return out;
}

/** His name, reference, date of birth and order number, for the header of every page. */
export function identityLine(d: ParticipantReportData): string {
  const r = latestReferral(d);
  return [
    nameOf(d),
    `Ref ${d.person.reference}`,
    d.person.dateOfBirth ? `Born ${ukDate(d.person.dateOfBirth)}` : '',
    r?.courtReference ? `Case/order ${r.courtReference}` : '',
  ]
    .filter(Boolean)
    .join(' · ');
}

/** Court / Cafcass (mid and end), probation and children's services. */
export function progressReport(d: ParticipantReportData, c: BuildContext): ReportContent {
  const end = c.type === 'court_end';
  const courtLike = c.type === 'court_mid' || c.type === 'court_end';
  const title =
    {
      court_mid: 'Report to the family court / Cafcass: mid-programme',
      court_end: 'Report to the family court / Cafcass: end of programme',
      probation_update: 'Update for probation',
      childrens_services_update: 'Update for children’s services',
    }[c.type as 'court_mid'] ?? reportTypes[c.type].label;
  return {
    title,
    subtitle: `${nameOf(d)} (${d.person.reference}) · ${period(c)}`,
    landscape: false,
    warnings: unwrittenWarnings(d, c),
    runningHeader: identityLine(d),
    blocks: [
      detailsBlock(d, c),
      ...introduction(c),
      ...(courtLike ? referralBlocks(d) : []),
      ...(c.type === 'probation_update' ? orderBlocks(d, c) : []),
      ...(courtLike ? assessmentSummary(d) : []),
      ...attendanceBlocks(d, c),
      ...participationBlocks(d, c),
      ...courtQuestionBlocks(d, c),
      ...riskBlocks(d, c),
      ...safeguardingBlocks(d, c),
      ...partnerServiceBlock(d, c),
      ...completionBlocks(d, end),
      { kind: 'heading', text: 'Facilitators’ observations', level: 2 },
      ...freeText(c.sections.observations, true, 'No observations were added.'),
      { kind: 'heading', text: 'Recommendations', level: 2 },
      ...freeText(c.sections.recommendations, true, 'No recommendations were added.'),
      ...signOff(c),
      confidentiality(c),
    ],
  };
}

export function suitabilityReport(d: ParticipantReportData, c: BuildContext): ReportContent {
  const a = latestAssessment(d);
  const blocks: ReportBlock[] = [
    detailsBlock(d, c),
    ...introduction(c),
    ...referralBlocks(d),
    { kind: 'heading', text: 'Suitability assessment', level: 2 },
  ];
  if (!a) {
    blocks.push({ kind: 'paragraph', numbered: true, text: 'His suitability assessment has not been completed.' });
  } else {
    const form = assessmentForms[a.formVersion];
    blocks.push({
      kind: 'paragraph',
      numbered: true,
      text: `He was seen on ${a.meetingDates.map(ukDate).join(', ')}${a.assessorName ? ` by ${a.assessorName}` : ''}. The assessment was completed on ${ukDate(a.completedOn)}. ${a.consentObtained ? 'He gave his consent to the assessment and to information sharing.' : ''}`.trim(),
    });
    for (const q of form?.rated ?? []) {
      const r = a.ratings[q.key];
      const rating = form?.ratingScale.find((s) => s.value === r?.rating)?.label ?? 'Not rated';
      blocks.push({
        kind: 'paragraph',
        numbered: true,
        text: `${q.label}: ${rating.toLowerCase()}. ${r?.evidence ?? ''}`.trim(),
      });
    }
    const factors = a.exclusionFactors.map((k) => form?.exclusionFactors.find((f) => f.key === k)?.label ?? k);
    blocks.push({
      kind: 'paragraph',
      numbered: true,
      text: factors.length
        ? `Exclusion factors found: ${factors.join('; ')}.${a.exclusionNotes ? ` ${a.exclusionNotes}` : ''}`
        : 'No exclusion factors were found.',
    });
    blocks.push({ kind: 'heading', text: 'Decision', level: 2 });
    blocks.push({
      kind: 'paragraph',
      numbered: true,
      bold: true,
      text: a.decision ? assessmentOutcomeLabels[a.decision as AssessmentOutcome] : 'No decision recorded',
    });
    if (a.decisionReason) blocks.push({ kind: 'paragraph', numbered: true, text: a.decisionReason });
  }
  blocks.push(...riskBlocks(d, { ...c, periodFrom: '', periodTo: '' }, { table: false }));
  blocks.push(...safeguardingBlocks(d, { ...c, periodFrom: '', periodTo: '' }));
  blocks.push(...partnerServiceBlock(d));
  if (c.sections.comments?.trim())
    blocks.push({ kind: 'heading', text: 'Further comments', level: 2 }, ...freeText(c.sections.comments, true, ''));
  blocks.push(...signOff(c), confidentiality(c));
  return {
    title: 'Suitability assessment report',
    subtitle: `${nameOf(d)} (${d.person.reference})`,
    landscape: false,
    warnings: [],
    runningHeader: identityLine(d),
    blocks,
  };
}

export function recordReport(d: ParticipantReportData, c: BuildContext): ReportContent {
  const goals = d.goals.filter((g) => g.kind === 'goal');
  const achievements = d.goals.filter((g) => g.kind === 'achievement');
  const f = attendanceInPeriod(d, c);
  return {
    title: 'Participant record',
    subtitle: `${nameOf(d)} (${d.person.reference}) · ${period(c)}`,
    landscape: false,
    warnings: [],
    runningHeader: identityLine(d),
    blocks: [
      detailsBlock(d, c),
      { kind: 'heading', text: 'Goals', level: 2 },
      {
        kind: 'table',
        columns: [
          { label: 'Set on', width: 16 },
          { label: 'Goal', width: 64 },
          { label: 'Achieved on', width: 20 },
        ],
        rows: goals.map((g) => [ukDate(g.setOn), g.text, g.achievedOn ? ukDate(g.achievedOn) : 'Not yet']),
        emptyText: 'No goals have been recorded.',
      },
      { kind: 'heading', text: 'Achievements', level: 2 },
      {
        kind: 'table',
        columns: [
          { label: 'Date', width: 16 },
          { label: 'Achievement', width: 84 },
        ],
        rows: achievements.map((g) => [ukDate(g.achievedOn || g.setOn), g.text]),
        emptyText: 'No achievements have been recorded.',
      },
      { kind: 'heading', text: 'Attendance by theme (whole programme)', level: 2 },
      {
        kind: 'table',
        columns: [
          { label: 'Theme', width: 60 },
          { label: 'Attended', width: 20 },
          { label: 'Sessions', width: 20 },
        ],
        rows: (d.attendance?.byTheme ?? []).map((t) => [t.themeName, String(t.attended), String(t.possible)]),
        emptyText: 'He has not yet been expected at any session.',
      },
      ...(d.attendance?.completion
        ? [{ kind: 'paragraph', text: plainCompletion(d.attendance.completion.reason) } as ReportBlock]
        : []),
      { kind: 'heading', text: 'Sessions in the period', level: 2 },
      {
        kind: 'table',
        columns: ATTENDANCE_COLUMNS,
        rows: f.rows,
        emptyText: `No sessions were held for him in the period from ${period(c)}.`,
      },
      ...participationBlocks(d, c),
      ...(c.sections.comments?.trim()
        ? [{ kind: 'heading', text: 'Comments', level: 2 } as ReportBlock, ...freeText(c.sections.comments, false, '')]
        : []),
      ...signOff(c),
    ],
  };
}

function letter(d: ParticipantReportData, c: BuildContext, title: string, body: ReportBlock[]): ReportContent {
  const warnings: string[] = [];
  if (!d.person.address.trim())
    warnings.push('There is no address on his record: add it under Details before sending a letter.');
  if (d.person.safeToContact === 'no')
    warnings.push(
      'His record says it is not safe to contact him directly. Check the contact note before sending this letter.',
    );
  if (d.person.safeToContact === 'check_first')
    warnings.push('His record says to check the contact note before contacting him.');
  const salutation = d.person.preferredName || d.person.firstName;
  return {
    title,
    subtitle: '',
    landscape: false,
    warnings,
    // The address shows through the envelope window; the title comes under it, as in any letter.
    titleInBody: true,
    markingPlacement: c.letterMarking ?? 'not_first_page',
    blocks: [
      {
        kind: 'address',
        lines: [
          nameOf(d),
          ...d.person.address
            .split(/\n|,\s*/)
            .map((l) => l.trim())
            .filter(Boolean),
        ],
      },
      { kind: 'paragraph', text: `Date: ${ukDate(c.asOf)}` },
      { kind: 'paragraph', text: `Our reference: ${d.person.reference}` },
      { kind: 'heading', text: title, level: 1 },
      { kind: 'paragraph', text: `Dear ${salutation},` },
      ...body,
      { kind: 'paragraph', text: standard(c, 'signOff') },
      { kind: 'paragraph', text: `\n\n${c.author?.name ?? ''}\n${c.organisationName}` },
    ],
  };
}

export function appointmentLetter(d: ParticipantReportData, c: BuildContext): ReportContent {
  return letter(d, c, 'Your appointment', [
    { kind: 'paragraph', text: standard(c, 'opening') },
    ...freeText(c.sections.appointment, false, 'The details of the appointment will follow.'),
    { kind: 'paragraph', text: standard(c, 'closing') },
  ]);
}

/** The latest session he missed in the period, from the same attendance summary the screens use. */
export function missedSession(d: ParticipantReportData, c: BuildContext) {
  return (
    (d.attendance?.sessions ?? [])
      .filter((s) => inPeriod(c, s.date) && (s.attendance === 'absent_no_reason' || s.attendance === 'absent_reason'))
      .at(-1) ?? null
  );
}

export function missedSessionLetter(d: ParticipantReportData, c: BuildContext): ReportContent {
  const s = missedSession(d, c);
  const content = letter(d, c, 'You missed a session', [
    {
      kind: 'paragraph',
      text: s
        ? `Our records show that you did not attend the session on ${ukDate(s.date)}${s.themeName ? ` (${s.themeName})` : ''}.`
        : `Our records show no missed session between ${period(c)}.`,
    },
    {
      kind: 'paragraph',
      text: d.nextSession
        ? `Your next session is on ${weekday(d.nextSession.date)} ${ukDate(d.nextSession.date)} at ${d.nextSession.startTime}${d.nextSession.venue ? `, at ${d.nextSession.venue}` : ''}.`
        : 'No further session is booked for you yet.',
    },
    { kind: 'paragraph', text: standard(c, 'closing') },
    ...freeText(c.sections.message, false, '').filter((b) => b.kind !== 'paragraph' || b.text),
  ]);
  if (!s) content.warnings.push('He missed no session in this period: choose another period.');
  if (!d.nextSession) content.warnings.push('No next session is booked for him: the letter says so.');
  return content;
}

/** The day of the week, in words, for a letter. */
const weekday = (iso: string) =>
  ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'][
    new Date(`${iso}T12:00:00Z`).getUTCDay()
  ]!;

/** Someone other than himself referred him: only then is a referrer told. */
const hasReferrer = (d: ParticipantReportData) => {
  const r = latestReferral(d);
  return Boolean(r && r.source !== 'self');
};

/** His attendance over the whole programme, the same figures as his record. */
function attendanceLine(d: ParticipantReportData): ReportBlock[] {
  const a = d.attendance;
  return a && a.possible
    ? [{ kind: 'paragraph', text: `Our records show you attended ${a.attended} of ${a.possible} group sessions.` }]
    : [];
}

export function endLetter(d: ParticipantReportData, c: BuildContext): ReportContent {
  const s = d.status.current;
  const h = lastChange(d, s);
  const body: ReportBlock[] =
    s === 'completed'
      ? [
          {
            kind: 'paragraph',
            text: `We are writing to confirm that you completed the programme${h ? ` on ${ukDate(h.effectiveOn)}` : ''}.`,
          },
          ...attendanceLine(d),
          ...(hasReferrer(d)
            ? [
                {
                  kind: 'paragraph',
                  text: 'Your referrer will receive a report about your time on the programme.',
                } as ReportBlock,
              ]
            : []),
          { kind: 'paragraph', text: standard(c, 'completed') },
        ]
      : s === 'exited'
        ? [
            {
              kind: 'paragraph',
              text: `We are writing to tell you that your place on the programme ended${h ? ` on ${ukDate(h.effectiveOn)}` : ''}. The reason is: ${d.status.exitReason ? exitReasonLabels[d.status.exitReason as ExitReason].toLowerCase() : 'not recorded'}.`,
            },
            ...attendanceLine(d),
            ...(hasReferrer(d)
              ? [{ kind: 'paragraph', text: 'Your referrer will be told that you did not complete the programme.' } as ReportBlock]
              : []),
            { kind: 'paragraph', text: standard(c, 'exited') },
          ]
        : [{ kind: 'paragraph', text: 'You are still on the programme.' }];
  const content = letter(d, c, 'The end of your programme', [
    ...body,
    ...freeText(c.sections.message, false, '').filter((b) => b.kind !== 'paragraph' || b.text),
  ]);
  if (s !== 'completed' && s !== 'exited')
    content.warnings.push('He has neither completed nor left the programme: record that on his status first.');
  return content;
}
