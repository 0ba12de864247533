/**
 * The accreditation monitoring pack (issue 18): activity, the partner service's reach and the
 * outcomes for a period, for Respect accreditation and commissioners. Counts only, suppressed as
 * the funders' figures are; the same content makes the Word document and the CSV, so they agree.
 */
import type { OutcomesSummary } from '../../../shared/features/outcomes';
import type { ReportBlock, ReportContent } from '../../../shared/features/reports';
import type { Db } from '../../ipc/context';
import { period, signOff, freeText, type BuildContext } from './content-helpers';
import type { FundersFigures } from './figures';
import { outcomesBlocks } from './outcomes-section';
import { FEWER_THAN_5, isSmall, shownCount } from './suppression';

/** The partner service's reach among the men assessed in the period, from what the partner side wrote across the wall. */
export interface PartnerReach {
  menAssessed: number;
  /** a partner or ex-partner known to the partner service */
  partnerKnown: number;
  /** the service was offered to her (she was reached: in contact or declined) */
  offered: number;
  /** she took it up (in contact) */
  tookUp: number;
}

export async function partnerReach(db: Db, from: string, to: string): Promise<PartnerReach> {
  const assessed = db.selectFrom('status_history').select('participant_id').where('status', '=', 'assessed').where('effective_on', '>=', from).where('effective_on', '<=', to);
  const rows = await db
    .selectFrom('participants')
    .select(['partner_contact_status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('id', 'in', assessed)
    .groupBy('partner_contact_status')
    .execute();
  const n = (pick: (s: string | null) => boolean) => rows.filter((r) => pick(r.partner_contact_status)).reduce((s, r) => s + Number(r.n), 0);
  return {
    menAssessed: n(() => true),
    partnerKnown: n((s) => s !== null),
    offered: n((s) => s === 'in_contact' || s === 'declined'),
    tookUp: n((s) => s === 'in_contact'),
  };
}

/** "12 of 40 (30.0%)", or a plain refusal when a number in it is small or could be worked out from another. */
export function share(part: number, whole: number): string {
  if (isSmall(part) || isSmall(whole) || isSmall(whole - part)) return `not shown: a number in it is ${FEWER_THAN_5}`;
  if (whole === 0) return 'no data';
  return `${part} of ${whole} (${(Math.floor((part / whole) * 1000) / 10).toFixed(1)}%)`;
}

const HIDDEN_SHARE = `not shown: it would let a number ${FEWER_THAN_5} be worked out`;

/**
 * The reach rows. Known, offered and took up are nested counts of the same men, so two of them
 * shown side by side give their difference by subtraction (offered 20, took up 17: 3 declined).
 * A count is hidden when it is 1–4, or when it is 1–4 away from another count still shown; the
 * men assessed (the whole) is kept where it can be, and whether a partner was known goes first.
 */
export function reachRows(reach: PartnerReach): Array<[string, string]> {
  const counts = [reach.menAssessed, reach.partnerKnown, reach.offered, reach.tookUp];
  const shown = counts.map((n) => !isSmall(n));
  // Which to give up first when two clash: whether a partner was known matters least; then
  // offered; took up (the service's reach) is kept longest, and the men assessed (the whole) most.
  const giveUpFirst = [1, 2, 3, 0];
  for (let changed = true; changed; ) {
    changed = false;
    for (let i = 0; i < counts.length && !changed; i++)
      for (let j = i + 1; j < counts.length && !changed; j++)
        if (shown[i] && shown[j] && isSmall(Math.abs(counts[j]! - counts[i]!))) {
          const drop = giveUpFirst.indexOf(i) < giveUpFirst.indexOf(j) ? i : j;
          shown[drop] = false;
          changed = true;
        }
  }
  const of = (i: number, whole: number, wholeShown: boolean) => {
    // Nearly all of them: the gap is the small number, so say it as one ("all but fewer than 5").
    if (!shown[i] && wholeShown && !isSmall(counts[i]!) && isSmall(whole - counts[i]!)) return `all but ${FEWER_THAN_5} of the ${whole}`;
    if (!shown[i] || !wholeShown) return isSmall(counts[i]!) ? `${FEWER_THAN_5} (not shown as a share)` : HIDDEN_SHARE;
    if (whole === 0) return 'no men assessed in the period';
    return `${counts[i]} of ${whole} (${(Math.floor((counts[i]! / whole) * 1000) / 10).toFixed(1)}%)`;
  };
  return [
    ['Men assessed in the period', shown[0] ? String(reach.menAssessed) : shownCount(reach.menAssessed)],
    ['Her worker knew of a partner or ex-partner', of(1, reach.menAssessed, shown[0]!)],
    ['The service was offered to her (she was reached)', of(2, reach.menAssessed, shown[0]!)],
    ['She took up the service', of(3, reach.menAssessed, shown[0]!)],
    ['Took it up, of those offered', of(3, reach.offered, shown[2]!)],
  ];
}

export function accreditationPack(f: FundersFigures, reach: PartnerReach, outcomes: OutcomesSummary, c: BuildContext): ReportContent {
  const blocks: ReportBlock[] = [
    {
      kind: 'paragraph',
      text: 'This pack gives the programme’s activity, the reach of the partner support service and the outcomes measured, for the period above. It holds counts only: no one can be identified from it. Counts from 1 to 4 are shown as “fewer than 5”.',
    },
    { kind: 'heading', text: 'Activity', level: 1 },
    {
      kind: 'facts',
      rows: [
        ['Referrals received', shownCount(f.referrals.total)],
        ['Assessments completed', shownCount(f.assessments.total)],
        ['Started the programme', shownCount(f.starts)],
        ['Completed the programme', shownCount(f.completions)],
        ['Left without completing', shownCount(f.exits.total)],
        ['Attendance (group sessions, places attended of places marked)', share(f.attendance.attended, f.attendance.marked)],
      ],
    },
    { kind: 'heading', text: 'Partner support service: reach', level: 1 },
    { kind: 'paragraph', text: 'Of the men assessed in the period: whether a partner or ex-partner was known to the partner service, was offered the service (reached, whether she took it up or declined), and took it up.' },
    {
      kind: 'facts',
      rows: reachRows(reach),
    },
    ...outcomesBlocks(outcomes, 'all'),
    ...(c.sections.comments?.trim() ? [{ kind: 'heading', text: 'Commentary', level: 2 } as ReportBlock, ...freeText(c.sections.comments, false, '')] : []),
    ...signOff(c),
  ];
  return { title: 'Accreditation monitoring pack', subtitle: `Period: ${period(c)}`, landscape: false, warnings: outcomes.partnerSide ? [] : ['The partner side is not open for you, so her reported outcomes are left out of this pack.'], blocks };
}

/** The pack's content as CSV rows: section, item, column, value: the same words and numbers as the document. */
export function packCsvRows(content: ReportContent): string[][] {
  const rows: string[][] = [];
  let section = '';
  let sub = '';
  for (const b of content.blocks) {
    if (b.kind === 'heading') {
      if (b.level === 1) {
        section = b.text;
        sub = '';
      } else sub = b.text;
    }
    if (b.kind === 'facts') for (const [label, value] of b.rows) rows.push([section, sub || label, sub ? label : '', value]);
    if (b.kind === 'table') for (const r of b.rows) b.columns.slice(1).forEach((col, i) => rows.push([section, sub ? `${sub}: ${r[0]}` : r[0]!, col.label, r[i + 1] ?? '']));
  }
  return rows;
}
