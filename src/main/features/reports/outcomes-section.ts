/**
 * The outcomes in the funders' figures and the accreditation pack: aggregates from the outcomes
 * page's own computation (features/outcomes/summary.ts), already suppressed there, so the
 * documents print exactly what the page shows. Partner-reported figures appear only when the
 * person producing the document has the partner side open; otherwise the document says so.
 */
import { measureSetLabels, measureSets, type Indicator, type OutcomesSummary } from '../../../shared/features/outcomes';
import type { ReportBlock } from '../../../shared/features/reports';

/** The few indicators the funders' figures carry; the pack carries them all. */
export const HEADLINE = ['abuse', 'safety', 'space', 'his_total', 'progress'];

const withChange = (i: Indicator) => i.points.filter((p) => p.point !== 'baseline');

function indicatorBlocks(i: Indicator, chart: boolean, distribution: boolean): ReportBlock[] {
  const bands = i.points[0]?.bands ?? [];
  const blocks: ReportBlock[] = [{ kind: 'heading', text: i.label, level: 2 }, { kind: 'paragraph', text: `Scale: ${i.range}. ${i.higherIsBetter ? 'A higher score is better.' : 'A lower score is better.'}`, small: true }];
  if (distribution)
    blocks.push({ kind: 'paragraph', text: 'How many people gave each answer at each point (the people column is everyone measured at that point).', small: true }, {
      kind: 'table',
      columns: [{ label: 'Point', width: 22 }, { label: 'People', width: 14 }, ...bands.map((b) => ({ label: b.label, width: Math.floor(64 / Math.max(1, bands.length)) }))],
      rows: i.points.map((p) => [p.label, p.people, ...p.bands.map((b) => b.shown)]),
      emptyText: '',
    });
  blocks.push({ kind: 'paragraph', text: 'For the people measured both at their baseline and at the later point: how many were better, the same or worse, and the average change in score (the later score less the baseline score).', small: true }, {
    kind: 'table',
    columns: [
      { label: 'Compared with baseline', width: 28 },
      { label: 'People with both', width: 16 },
      { label: 'Better', width: 14 },
      { label: 'Same', width: 14 },
      { label: 'Worse', width: 14 },
      { label: 'Average change', width: 14 },
    ],
    rows: withChange(i).map((p) => [p.label, p.paired, p.better, p.same, p.worse, p.meanChange === null ? 'not shown' : (p.meanChange > 0 ? '+' : '') + p.meanChange.toFixed(1)]),
    emptyText: 'No later points are set.',
  });
  if (chart)
    blocks.push({
      kind: 'chart',
      title: `${i.label}: people better than at baseline`,
      legend: 'Number of people whose answer was better than at their baseline, at each point; in brackets, the people measured at both',
      // Each bar says how many people it is out of, so a short bar is not read as a bad result.
      bars: withChange(i).map((p) => ({ label: `${p.label} (of ${p.paired})`, value: /^\d+$/.test(p.better) ? Number(p.better) : 0, shown: p.better })),
    });
  return blocks;
}

/** Which wording of the questions the answers were given in: version 1 is the program's own; later ones the organisation's. */
function wordingNote(s: OutcomesSummary): string {
  const parts = measureSets
    .filter((set) => s.versions[set]?.length)
    .map((set) => {
      const v = s.versions[set]!;
      return `${measureSetLabels[set].toLowerCase()}: ${v.length === 1 ? 'version' : 'versions'} ${v.join(' and ')}`;
    });
  if (!parts.length) return 'No answers were recorded for the people in this period.';
  return `The questions asked (the wording of each measure): ${parts.join('; ')}. Version 1 is the wording written for this program; a later version is the organisation’s own or licensed wording. The answers are scored the same way in every version.`;
}

export function outcomesBlocks(s: OutcomesSummary, which: 'headline' | 'all'): ReportBlock[] {
  const blocks: ReportBlock[] = [
    { kind: 'heading', text: 'Outcomes', level: 1 },
    {
      kind: 'paragraph',
      text: 'Outcomes are measured at set points: a baseline (when the partner service first speaks with her, or when he starts), the middle of his programme, his ending, and follow-ups after it. The people counted are those whose baseline was recorded in the period; their later points are counted whenever they were recorded, up to the day this document was made, and each is compared with their own baseline.',
    },
    {
      kind: 'paragraph',
      text: 'How to read the tables: “fewer than 5” is a count from 1 to 4, hidden so that no one can be picked out. “not shown” is a count of 5 or more, hidden because with the others it would give away a count under 5; the total beside it is then “about” a number, rounded to the nearest 5. 0 means nobody. “—” means the column does not apply. An average change is given only for 5 or more people; otherwise it says “not shown”. A point with 0 people is one nobody in the period has reached yet, or where nothing was recorded.',
      small: true,
    },
    {
      kind: 'facts',
      rows: measureSets.map((set) => [
        `People with a baseline: ${measureSetLabels[set].toLowerCase()}`,
        s.people[set] ?? 'not included: the partner side was not open for the person who produced this document',
      ]),
    },
    { kind: 'paragraph', text: wordingNote(s), small: true },
  ];
  if (s.tooFew) return [...blocks, { kind: 'paragraph', text: s.tooFew }];
  const chosen = s.indicators.filter((i) => which === 'all' || HEADLINE.includes(i.key));
  for (const i of chosen) blocks.push(...indicatorBlocks(i, which === 'headline' || HEADLINE.includes(i.key), which === 'all'));
  if (which === 'all' && s.notRecorded.length)
    blocks.push(
      { kind: 'heading', text: 'Measures not recorded', level: 2 },
      {
        kind: 'table',
        columns: [{ label: 'Measure', width: 40 }, { label: 'Point', width: 24 }, { label: 'Declined', width: 18 }, { label: 'Not reachable', width: 18 }],
        rows: s.notRecorded.map((n) => [measureSetLabels[n.set], n.label, n.declined, n.notReachable]),
        emptyText: '',
      },
    );
  return blocks;
}
