/**
 * The risk section of the agency reports, told truthfully: the latest rating
 * with its red flags even when it was made before the period ("last assessed
 * on …"), every change in the period (in the rating and in the red flags: a
 * new stalking flag is a change even when the rating stays the same), and an
 * overdue review said plainly.
 */
import { redFlagLabels, riskLevelLabels, riskRank, type RedFlag } from '../../../shared/features/risk';
import type { ReportBlock } from '../../../shared/features/reports';
import { inPeriod, ukDate, type BuildContext } from './content-helpers';
import type { ParticipantReportData } from './gather';

type Rating = ParticipantReportData['risk'][number];

const flagList = (flags: RedFlag[]) => flags.map((f) => redFlagLabels[f].toLowerCase()).join(', ');

/** Changes from one rating to the next: the level, red flags added and red flags no longer recorded. */
function changesBetween(a: Rating, b: Rating): string[] {
  const out: string[] = [];
  const on = ukDate(b.assessedOn);
  if (a.level !== b.level)
    out.push(
      `on ${on} the rating ${riskRank[b.level] > riskRank[a.level] ? 'rose' : 'fell'} from ${riskLevelLabels[a.level].toLowerCase()} to ${riskLevelLabels[b.level].toLowerCase()}`,
    );
  const added = b.redFlags.filter((f) => !a.redFlags.includes(f));
  const removed = a.redFlags.filter((f) => !b.redFlags.includes(f));
  if (added.length)
    out.push(
      `on ${on} ${added.length === 1 ? 'a new red flag was' : 'new red flags were'} recorded: ${flagList(added)}`,
    );
  if (removed.length)
    out.push(
      `on ${on} ${removed.length === 1 ? 'this red flag was' : 'these red flags were'} no longer recorded: ${flagList(removed)}`,
    );
  return out;
}

/** The review of the latest rating, if its date has passed by the date of the report. */
function overdue(d: ParticipantReportData, c: BuildContext): ReportBlock[] {
  const latest = d.risk.filter((r) => r.assessedOn <= c.asOf).at(-1);
  if (!latest || !latest.nextReviewOn || latest.nextReviewOn >= c.asOf) return [];
  return [
    {
      kind: 'paragraph',
      numbered: true,
      bold: true,
      text: `His risk review is overdue: it was due on ${ukDate(latest.nextReviewOn)}, and his risk has not been reassessed since ${ukDate(latest.assessedOn)}.`,
    },
  ];
}

export function riskBlocks(d: ParticipantReportData, c: BuildContext, opts: { table?: boolean } = {}): ReportBlock[] {
  const out: ReportBlock[] = [{ kind: 'heading', text: 'Risk', level: 2 }];
  if (d.risk.length === 0)
    return [...out, { kind: 'paragraph', numbered: true, text: 'His risk has not been rated.' }, ...overdue(d, c)];
  const before = d.risk.filter((r) => c.periodFrom && r.assessedOn < c.periodFrom).at(-1);
  const during = d.risk.filter((r) => inPeriod(c, r.assessedOn));
  const shown = [...(before ? [before] : []), ...during];
  if (shown.length === 0)
    return [
      ...out,
      {
        kind: 'paragraph',
        numbered: true,
        text: `No risk rating was recorded in or before this period; he was first rated on ${ukDate(d.risk[0]!.assessedOn)}, after it.`,
      },
    ];
  const latest = shown.at(-1)!;
  const by = latest.assessorName ? ` by ${latest.assessorName}` : '';
  const level = riskLevelLabels[latest.level].toLowerCase();
  const flags = latest.redFlags.length
    ? `The red flags recorded at that assessment are: ${flagList(latest.redFlags)}.`
    : 'No red flags were recorded at that assessment.';
  let lead: string;
  if (during.length === 0) {
    lead = `No risk rating was recorded in this period; the latest before it was ${level}, last assessed on ${ukDate(latest.assessedOn)}${by}. ${flags}`;
  } else {
    const changes: string[] = [];
    for (let i = 1; i < shown.length; i++) changes.push(...changesBetween(shown[i - 1]!, shown[i]!));
    const when = c.periodFrom ? 'during the period' : 'over time';
    lead = `His risk is assessed by structured professional judgement. The latest rating is ${level}, last assessed on ${ukDate(latest.assessedOn)}${by}. ${flags} ${
      changes.length
        ? `Changes ${when}: ${changes.join('; ')}.`
        : `There was no change in the rating or in the red flags ${when}.`
    }`;
  }
  out.push({ kind: 'paragraph', numbered: true, text: lead });
  out.push({
    kind: 'paragraph',
    numbered: true,
    text: `Reasons for ${during.length ? 'the latest rating' : 'that rating'}: ${latest.reasons}`,
    keepWithNext: opts.table !== false,
  });
  out.push(...overdue(d, c));
  if (opts.table !== false)
    out.push({
      kind: 'table',
      columns: [
        { label: 'Date', width: 14 },
        { label: 'Rating', width: 12 },
        { label: 'Red flags', width: 46 },
        { label: 'Assessed by', width: 28 },
      ],
      rows: shown.map((r) => [
        ukDate(r.assessedOn),
        riskLevelLabels[r.level],
        r.redFlags.map((f) => redFlagLabels[f]).join(', ') || 'None',
        r.assessorName ?? '',
      ]),
      emptyText: '',
    });
  return out;
}
