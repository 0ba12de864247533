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
    blocks.push({
      kind: 'table',
      columns: [{ label: 'Point', width: 22 }, { label: 'People', width: 14 }, ...bands.map((b) => ({ label: b.label, width: Math.floor(64 / Math.max(1, bands.length)) }))],
      rows: i.points.map((p) => [p.label, p.people, ...p.bands.map((b) => b.shown)]),
      emptyText: '',
    });
  blocks.push({
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
      legend: 'Number of people whose answer was better than at their baseline, at each point',
      bars: withChange(i).map((p) => ({ label: p.label, value: /^\d+$/.test(p.better) ? Number(p.better) : 0, shown: p.better })),
    });
  return blocks;
}

export function outcomesBlocks(s: OutcomesSummary, which: 'headline' | 'all'): ReportBlock[] {
  const blocks: ReportBlock[] = [
    { kind: 'heading', text: 'Outcomes', level: 1 },
    {
      kind: 'paragraph',
      text: 'Outcomes are measured at set points: a baseline (when the partner service first speaks with her, or when he starts), the middle of his programme, his ending, and follow-ups after it. The people counted are those whose baseline was recorded in the period; each later point is compared with their own baseline. Counts from 1 to 4 are shown as “fewer than 5”, and where that could be worked out from the others, another count is not shown and the total is rounded to the nearest 5. An average change is given only for 5 or more people.',
    },
    {
      kind: 'facts',
      rows: measureSets.map((set) => [
        `People with a baseline: ${measureSetLabels[set].toLowerCase()}`,
        s.people[set] ?? 'not included: the partner side was not open for the person who produced this document',
      ]),
    },
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
