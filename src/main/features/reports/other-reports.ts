/** Reports not about one man: the group register (blank and filled), the session plan, and figures for funders. */
import { attendanceLabels, participationScale } from '../../../shared/features/registers';
import { assessmentOutcomeLabels, exitReasonLabels, referralSourceLabels } from '../../../shared/features/participants';
import { riskLevelLabels } from '../../../shared/features/risk';
import type { ReportBlock, ReportContent } from '../../../shared/features/reports';
import { freeText, period, signOff, ukDate, type BuildContext } from './content-helpers';
import { FEWER_THAN_5, isSmall, shownCount, suppressBreakdown, type Suppressed } from './suppression';
import type { FundersFigures } from './figures';
import type { OutcomesSummary } from '../../../shared/features/outcomes';
import { outcomesBlocks } from './outcomes-section';
import type { SessionReportData } from './gather';

function sessionFacts(d: SessionReportData, compact = false): ReportBlock {
  const s = d.session;
  if (compact)
    return {
      kind: 'facts',
      rows: [
        ['Group and session', `${s.groupName} · session ${s.number}${s.themeName ? `: ${s.themeName}` : ''}`],
        ['Date, time and venue', `${ukDate(s.date)} at ${s.startTime} (${s.minutes} minutes) · ${s.venue}`],
        [
          'Facilitators',
          `${s.facilitatorNames.join(' and ')}${s.interpreterPresent ? ` · interpreter: ${s.interpreterName || 'yes'}` : ''}`,
        ],
      ],
    };
  return {
    kind: 'facts',
    rows: [
      ['Group', s.groupName],
      ['Session', `Session ${s.number}${s.themeName ? `: ${s.themeName}` : ''}`],
      ['Date and time', `${ukDate(s.date)} at ${s.startTime} (${s.minutes} minutes)`],
      ['Venue', s.venue],
      ['Facilitators', s.facilitatorNames.join(' and ')],
      ...(s.interpreterPresent ? ([['Interpreter', s.interpreterName || 'Yes']] as Array<[string, string]>) : []),
    ],
  };
}

const who = (p: { name: string | null; reference: string }) => p.name ?? `${p.reference} (restricted record)`;

export function blankRegister(d: SessionReportData, _c: BuildContext): ReportContent {
  return {
    title: 'Group register',
    subtitle: `${d.session.groupName} · session ${d.session.number} · ${ukDate(d.session.date)}`,
    landscape: true,
    warnings: d.register.expected.length ? [] : ['Nobody is enrolled for this session yet.'],
    blocks: [
      sessionFacts(d, true),
      {
        kind: 'paragraph',
        small: true,
        text: `Mark each man: P present, L late (minutes), E left early (minutes), A absent with reason (write it), X absent without reason. Engagement 1 (did not engage) to 5 (fully engaged). Enter the register in the program after the session.`,
      },
      {
        kind: 'table',
        columns: [
          { label: 'Name', width: 21 },
          { label: 'Reference', width: 11 },
          { label: 'P / L / E / A / X', width: 12 },
          { label: 'Minutes', width: 8 },
          { label: 'Reason for absence', width: 16 },
          { label: 'Engagement', width: 11 },
          { label: 'Note', width: 21 },
        ],
        rows: d.register.expected.map((p) => [who(p), p.reference, '', '', '', '', '']),
        tall: true,
        emptyText: 'Nobody is enrolled for this session.',
      },
      { kind: 'paragraph', text: 'Debrief and concerns:\n\n' },
      // Filled in by hand: the facilitators sign it at the session, so there is no author or sign-off block.
      {
        kind: 'signature',
        rows: (d.session.facilitatorNames.length ? d.session.facilitatorNames : ['', '']).map((name) => ({
          role: 'Facilitator',
          name,
          date: '',
        })),
      },
    ],
  };
}

export function filledRegister(d: SessionReportData, c: BuildContext): ReportContent {
  const warnings = d.register.takenAt ? [] : ['The register for this session has not been taken yet.'];
  return {
    title: 'Group register (as taken)',
    subtitle: `${d.session.groupName} · session ${d.session.number} · ${ukDate(d.session.date)}`,
    landscape: true,
    warnings,
    blocks: [
      sessionFacts(d),
      {
        kind: 'table',
        columns: [
          { label: 'Name', width: 20 },
          { label: 'Reference', width: 11 },
          { label: 'Attendance', width: 15 },
          { label: 'Reason or minutes', width: 16 },
          { label: 'Engagement', width: 12 },
          { label: 'Session note', width: 26 },
        ],
        rows: d.register.entries.map((e) => [
          who(e),
          e.reference,
          attendanceLabels[e.attendance],
          e.attendance === 'absent_reason'
            ? e.absenceReason
            : e.attendance === 'late'
              ? `${e.lateMinutes ?? ''} minutes late`
              : e.attendance === 'left_early'
                ? `left ${e.leftEarlyMinutes ?? ''} minutes early`
                : '',
          e.participation ? (participationScale.find((p) => p.value === e.participation)?.label ?? '') : '',
          e.note,
        ]),
        emptyText: 'The register for this session has not been taken.',
      },
      { kind: 'heading', text: 'Debrief', level: 2 },
      ...freeText(d.register.debrief, false, 'No debrief was recorded.'),
      {
        kind: 'paragraph',
        small: true,
        text: d.register.takenAt
          ? `Register taken ${ukDate(d.register.takenAt)}${d.register.takenByName ? ` by ${d.register.takenByName}` : ''}.`
          : '',
      },
      ...signOff(c),
    ],
  };
}

export function sessionPlan(d: SessionReportData, c: BuildContext): ReportContent {
  const p = d.plan;
  const blocks: ReportBlock[] = [sessionFacts(d)];
  if (!p) {
    blocks.push({ kind: 'paragraph', text: 'There is no plan for this session yet.' });
  } else {
    blocks.push({ kind: 'heading', text: p.title, level: 2 });
    blocks.push({ kind: 'heading', text: 'Aims', level: 2 });
    blocks.push(
      ...(p.aims.length
        ? p.aims.map(
            (a, i) =>
              ({
                kind: 'paragraph',
                numbered: true,
                text: p.aimObjectives[i] ? `${a} (objective: ${p.aimObjectives[i]})` : a,
              }) as ReportBlock,
          )
        : [{ kind: 'paragraph', text: 'No aims written yet.' } as ReportBlock]),
    );
    blocks.push({ kind: 'heading', text: `Activities (${p.totalMinutes} of ${p.sessionMinutes} minutes)`, level: 2 });
    let clock = 0;
    blocks.push({
      kind: 'table',
      columns: [
        { label: 'Time', width: 9 },
        { label: 'Minutes', width: 12 },
        { label: 'Activity', width: 22 },
        { label: 'What happens', width: 41 },
        { label: 'Leads', width: 16 },
      ],
      rows: p.activities.map((a) => {
        const start = clock;
        clock += a.minutes;
        return [`+${start}`, String(a.minutes), a.title, a.description, a.leadId ? (d.staffNames[a.leadId] ?? '') : ''];
      }),
      emptyText: 'No activities planned yet.',
    });
    blocks.push({ kind: 'heading', text: 'Materials', level: 2 });
    blocks.push({
      kind: 'table',
      columns: [
        { label: 'Material', width: 80 },
        { label: 'Ready', width: 20 },
      ],
      rows: p.materials.map((m) => [m.item, m.ready ? 'Yes' : 'Not yet']),
      emptyText: 'No materials listed.',
    });
    blocks.push({ kind: 'heading', text: 'Notes for the facilitators', level: 2 });
    blocks.push(...freeText(p.notes, false, 'None.'));
  }
  // A plan not yet marked ready must not pass for the final one: DRAFT in the title and on every page.
  const draft = d.plan?.status === 'draft';
  if (draft)
    blocks.unshift({
      kind: 'paragraph',
      bold: true,
      text: 'DRAFT: this plan has not yet been marked ready by the facilitators.',
    });
  return {
    ...(draft ? { runningHeader: 'DRAFT' } : {}),
    title: draft ? 'Session plan (DRAFT)' : 'Session plan',
    subtitle: `${d.session.groupName} · session ${d.session.number} · ${ukDate(d.session.date)}`,
    landscape: false,
    warnings: p
      ? p.status === 'ready'
        ? []
        : ['This plan is still a draft.']
      : ['There is no plan for this session yet.'],
    blocks: [...blocks, ...signOff(c)],
  };
}

const pct = (n: number | null) => (n === null ? 'no data' : `${n}%`);

export function fundersReport(f: FundersFigures, c: BuildContext, outcomes?: OutcomesSummary): ReportContent {
  // Counts of 1 to 4 are shown as "fewer than 5", and nothing hidden can be recovered by subtraction (suppression.ts).
  const bySource = suppressBreakdown(f.referrals.bySource, f.referrals.total);
  const byOutcome = suppressBreakdown(f.assessments.byOutcome, f.assessments.total);
  const byReason = suppressBreakdown(f.exits.byReason, f.exits.total);
  const byRisk = suppressBreakdown(
    f.riskLevels,
    Object.values(f.riskLevels).reduce((x, y) => x + y, 0),
  );
  const rows = <K extends string>(r: Suppressed<K>, labels: Record<K, string>) =>
    (Object.keys(r.cells) as K[]).map((k) => [labels[k], r.cells[k]]);
  const rate = (p: number | null, part: number, whole: number, what: string) =>
    isSmall(part) || isSmall(whole) || isSmall(whole - part)
      ? `not shown: a number in it is ${FEWER_THAN_5}`
      : `${pct(p)} (${part} of ${whole} ${what})`;
  return {
    title: 'Figures for funders and commissioners',
    subtitle: `Period: ${period(c)}`,
    landscape: false,
    warnings: [],
    blocks: [
      {
        kind: 'paragraph',
        text: 'All figures are counts of people or sessions in the period. No one can be identified from them: a count from 1 to 4 is shown as “fewer than 5”, and where that would let it be worked out from the others, another count is not shown either and the total is rounded to the nearest 5.',
      },
      {
        kind: 'facts',
        rows: [
          ['Referrals received', bySource.total],
          ['Assessments completed', byOutcome.total],
          ['Started the programme', shownCount(f.starts)],
          ['Completed the programme', shownCount(f.completions)],
          ['Left without completing', byReason.total],
          [
            'Attendance rate (group sessions)',
            rate(f.attendance.percent, f.attendance.attended, f.attendance.marked, 'places'),
          ],
          [
            'Partner contact rate',
            rate(
              f.partnerContact.percent,
              f.partnerContact.partnerInContact,
              f.partnerContact.menAssessed,
              'men assessed',
            ),
          ],
        ],
      },
      {
        kind: 'chart',
        title: 'Referrals by source',
        legend: 'Number of referrals received in the period',
        bars: (Object.keys(f.referrals.bySource) as Array<keyof typeof f.referrals.bySource>).map((k) => ({
          label: referralSourceLabels[k],
          value: bySource.hidden.has(k) ? 0 : f.referrals.bySource[k],
          shown: bySource.cells[k],
        })),
      },
      { kind: 'heading', text: 'Assessments and their outcomes', level: 2 },
      {
        kind: 'table',
        columns: [
          { label: 'Outcome', width: 70 },
          { label: 'Number', width: 30 },
        ],
        rows: rows(byOutcome, assessmentOutcomeLabels),
        emptyText: '',
      },
      { kind: 'heading', text: 'Exits by reason', level: 2 },
      {
        kind: 'table',
        columns: [
          { label: 'Reason', width: 70 },
          { label: 'Number', width: 30 },
        ],
        rows: rows(byReason, exitReasonLabels),
        emptyText: '',
      },
      {
        kind: 'chart',
        title: 'Risk levels',
        legend: 'Number of men, by their latest risk rating in the period',
        bars: (Object.keys(f.riskLevels) as Array<keyof typeof f.riskLevels>).map((k) => ({
          label: riskLevelLabels[k],
          value: byRisk.hidden.has(k) ? 0 : f.riskLevels[k],
          shown: byRisk.cells[k],
        })),
      },
      ...(outcomes ? outcomesBlocks(outcomes, 'headline') : []),
      ...(c.sections.comments?.trim()
        ? [
            { kind: 'heading', text: 'Commentary', level: 2 } as ReportBlock,
            ...freeText(c.sections.comments, false, ''),
          ]
        : []),
      ...signOff(c),
    ],
  };
}
