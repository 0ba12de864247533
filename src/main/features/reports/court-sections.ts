/**
 * What the court and Cafcass ask about (issue 15 item 6), in the court,
 * probation and children's services reports: progress against the
 * programme's objectives, his goals and achievements, his acknowledgement of
 * and responsibility for past abuse, and the children and contact. Each is a
 * section the facilitators write, printed under the facts the program holds
 * (laid out first, so the reader can weigh the words against them). Nothing
 * here is read from the partner side; children appear as numbers and ages,
 * never by name.
 */
import { assessmentForms } from '../../../shared/features/assessments';
import type { EditableWording, ReportBlock } from '../../../shared/features/reports';
import { freeText, inPeriod, period, plural, ukDate, type BuildContext } from './content-helpers';
import type { ParticipantReportData } from './gather';

/** The section key for the facilitators' observations on one objective in one report. */
export const objectiveKey = (id: string) => `obj:${id}`;

const NOT_WRITTEN = 'The facilitators have not written about this for this report.';

/** One box per objective of his programme, empty until the facilitators write in it. */
export function objectiveWording(d: ParticipantReportData): EditableWording[] {
  return d.objectives.map((o, i) => ({
    key: objectiveKey(o.id),
    label: `Objective ${i + 1} (${o.text}): what the facilitators saw of his progress`,
    original: '',
  }));
}

/** Sections the facilitators have left empty, as warnings on the report page (the document says so too). */
export function unwrittenWarnings(d: ParticipantReportData, c: BuildContext): string[] {
  const out: string[] = [];
  const empty = (key: string) => !c.sections[key]?.trim();
  if (c.type === 'probation_update' && empty('order'))
    out.push('The order or licence and its requirement are not written yet: probation will expect them.');
  if (d.objectives.some((o) => empty(objectiveKey(o.id))))
    out.push('Not every objective has the facilitators’ observations yet.');
  for (const [key, label] of [
    ['goals', 'goals and achievements'],
    ['acknowledgement', 'acknowledgement and responsibility'],
    ['children', 'children and contact'],
  ] as const)
    if (empty(key)) out.push(`The section on ${label} is not written yet.`);
  return out;
}

function objectivesBlocks(d: ParticipantReportData, c: BuildContext): ReportBlock[] {
  const out: ReportBlock[] = [{ kind: 'heading', text: 'Progress against the programme’s objectives', level: 2 }];
  if (!d.objectives.length) {
    out.push({
      kind: 'paragraph',
      numbered: true,
      text: 'His programme has no objectives listed in the program, so progress cannot be set against them here; the facilitators’ observations above cover his progress.',
    });
    return out;
  }
  const attended = d.served.filter((s) => inPeriod(c, s.date));
  out.push({
    kind: 'paragraph',
    numbered: true,
    text: `The programme has ${plural(d.objectives.length, 'objective')}. For each: the sessions he attended in the period from ${period(c)} whose plan served it, their themes, and the facilitators’ observations.`,
  });
  d.objectives.forEach((o, i) => {
    const sessions = attended.filter((s) => s.objectiveIds.includes(o.id));
    const themes = [...new Set(sessions.map((s) => s.theme).filter((t): t is string => Boolean(t)))];
    out.push({
      kind: 'paragraph',
      numbered: true,
      bold: true,
      keepWithNext: true,
      text: `Objective ${i + 1}: ${o.text}`,
    });
    out.push({
      kind: 'facts',
      rows: [
        [
          'Sessions attended that served it',
          sessions.length
            ? `${sessions.length}: ${sessions.map((s) => ukDate(s.date)).join(', ')}`
            : 'None in this period (or no session plan linked an aim to it)',
        ],
        ['Themes of those sessions', themes.length ? themes.join('; ') : 'None'],
      ],
    });
    out.push(
      ...freeText(`Facilitators’ observations: ${c.sections[objectiveKey(o.id)]?.trim() || NOT_WRITTEN}`, false, ''),
    );
  });
  return out;
}

function goalsBlocks(d: ParticipantReportData, c: BuildContext): ReportBlock[] {
  return [
    { kind: 'heading', text: 'His goals and achievements', level: 2 },
    {
      kind: 'paragraph',
      numbered: true,
      keepWithNext: true,
      text: d.goals.length
        ? 'The goals and achievements on his record:'
        : 'No goals or achievements are on his record.',
    },
    ...(d.goals.length
      ? [
          {
            kind: 'table' as const,
            columns: [
              { label: 'Goal or achievement', width: 60 },
              { label: 'Set on', width: 20 },
              { label: 'Achieved on', width: 20 },
            ],
            rows: d.goals.map((g) => [
              `${g.kind === 'goal' ? 'Goal' : 'Achievement'}: ${g.text}`,
              ukDate(g.setOn),
              g.achievedOn ? ukDate(g.achievedOn) : g.kind === 'goal' ? 'Not yet' : '',
            ]),
            emptyText: '',
          },
        ]
      : []),
    { kind: 'paragraph', bold: true, keepWithNext: true, text: 'The facilitators’ view' },
    ...freeText(c.sections.goals, true, NOT_WRITTEN),
  ];
}

function acknowledgementBlocks(d: ParticipantReportData, c: BuildContext): ReportBlock[] {
  const a = d.assessments.find((x) => x.completedOn) ?? null;
  const form = a ? assessmentForms[a.formVersion] : undefined;
  const rating = (key: string) => {
    const q = form?.rated.find((x) => x.key === key);
    const r = a?.ratings[key]?.rating;
    const label = form?.ratingScale.find((s) => s.value === r)?.label;
    return [q?.label ?? key, label ?? 'Not rated'] as [string, string];
  };
  return [
    { kind: 'heading', text: 'Acknowledgement of and responsibility for past abuse', level: 2 },
    {
      kind: 'paragraph',
      numbered: true,
      keepWithNext: true,
      text: a
        ? `At his suitability assessment (completed ${ukDate(a.completedOn)}) he was rated:`
        : 'He has no completed suitability assessment, so there are no ratings to set beside this.',
    },
    ...(a ? [{ kind: 'facts' as const, rows: [rating('acknowledges'), rating('responsibility')] }] : []),
    { kind: 'paragraph', bold: true, keepWithNext: true, text: 'The facilitators’ view now' },
    ...freeText(c.sections.acknowledgement, true, NOT_WRITTEN),
  ];
}

/** Whole years between a date of birth and a day. */
function age(born: string, on: string): number {
  const [by, bm, bd] = born.split('-').map(Number) as [number, number, number];
  const [y, m, d] = on.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

function childrenBlocks(d: ParticipantReportData, c: BuildContext): ReportBlock[] {
  const on = c.periodTo || c.asOf;
  const ages = d.childrenBorn.map((b) => (b ? `${age(b, on)}` : 'age not recorded'));
  const family = d.referrals.find((r) => r.route === 'family_court' || r.source === 'family_court_cafcass');
  const childConcerns = d.safeguarding.filter(
    (s) => s.kind === 'child_protection' && (!c.periodTo || s.raisedOn <= c.periodTo),
  );
  return [
    { kind: 'heading', text: 'The children and contact', level: 2 },
    {
      kind: 'paragraph',
      numbered: true,
      keepWithNext: true,
      text: 'What his record holds about the children (their names are kept on the record, not in this report):',
    },
    {
      kind: 'facts',
      rows: [
        [
          'Children on his record',
          d.childrenBorn.length
            ? `${d.childrenBorn.length}, aged ${ages.join(', ')} on ${ukDate(on)}`
            : 'None recorded',
        ],
        [
          'Family court proceedings',
          family
            ? `Referred through the family court${family.courtReference ? ` (case ${family.courtReference})` : ''}`
            : 'None recorded on his referral',
        ],
        [
          'Child-protection concerns raised on the programme',
          childConcerns.length
            ? `${childConcerns.length} (${childConcerns.filter((s) => s.status === 'open').length} still open): see Safeguarding`
            : 'None',
        ],
      ],
    },
    {
      kind: 'paragraph',
      bold: true,
      keepWithNext: true,
      text: 'The facilitators’ account of the children and contact',
    },
    ...freeText(c.sections.children, true, NOT_WRITTEN),
  ];
}

/** The four sections, in the order the court reads them. */
export function courtQuestionBlocks(d: ParticipantReportData, c: BuildContext): ReportBlock[] {
  return [...objectivesBlocks(d, c), ...goalsBlocks(d, c), ...acknowledgementBlocks(d, c), ...childrenBlocks(d, c)];
}

/** Probation: the order or licence and its requirement, beside what his referral holds. */
export function orderBlocks(d: ParticipantReportData, c: BuildContext): ReportBlock[] {
  const r = d.referrals[0];
  return [
    { kind: 'heading', text: 'Order or licence', level: 2 },
    {
      kind: 'facts',
      rows: [
        [
          'Route',
          r
            ? r.route === 'criminal_justice'
              ? 'Criminal justice'
              : r.route === 'family_court'
                ? 'Family court'
                : 'Voluntary'
            : 'No referral on record',
        ],
        ['Order or licence reference', r?.courtReference || 'Not recorded'],
        // A professional's name only: a private person who referred him is never named in a report.
        [
          'Referred by',
          r && !['partner', 'family_friend', 'self'].includes(r.source)
            ? [r.agency, r.contactName].filter(Boolean).join(', ') || 'Not recorded'
            : 'Not recorded',
        ],
      ],
    },
    ...freeText(
      c.sections.order,
      true,
      'The order or licence and its requirement have not been written for this report.',
    ),
  ];
}
