/**
 * Figures for funders and commissioners for a period: counts only, no names.
 * A plain function (no route, no session) so other outputs (a CSV export)
 * can use exactly the same numbers as the Word report.
 */
import { sql } from 'kysely';
import {
  assessmentOutcomes,
  exitReasons,
  referralSources,
  type AssessmentOutcome,
  type ExitReason,
  type ReferralSource,
} from '../../../shared/features/participants';
import { riskLevels, type RiskLevel } from '../../../shared/features/risk';
import type { Db } from '../../ipc/context';

export interface FundersFigures {
  from: string;
  to: string;
  referrals: { total: number; bySource: Record<ReferralSource, number> };
  assessments: { total: number; byOutcome: Record<AssessmentOutcome, number> };
  starts: number;
  completions: number;
  exits: { total: number; byReason: Record<ExitReason, number> };
  /** group sessions in the period with a register: men present, late or leaving early, of all marked */
  attendance: { attended: number; marked: number; percent: number | null };
  /** men assessed in the period whose partner or ex-partner the partner service is in contact with */
  partnerContact: { menAssessed: number; partnerInContact: number; percent: number | null };
  /** each man rated in the period, by his latest rating in it */
  riskLevels: Record<RiskLevel, number>;
}

const zeroes = <K extends string>(keys: readonly K[]) =>
  Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
const percent = (part: number, whole: number) => (whole ? Math.round((part / whole) * 1000) / 10 : null);

export async function fundersFigures(db: Db, period: { from: string; to: string }): Promise<FundersFigures> {
  const { from, to } = period;
  const referrals = await db
    .selectFrom('referrals')
    .select(['source', (eb) => eb.fn.countAll<number>().as('n')])
    .where('received_on', '>=', from)
    .where('received_on', '<=', to)
    .groupBy('source')
    .execute();
  const assessments = await db
    .selectFrom('assessments')
    .select(['decision', (eb) => eb.fn.countAll<number>().as('n')])
    .where('completed_on', '>=', from)
    .where('completed_on', '<=', to)
    .groupBy('decision')
    .execute();
  const changes = await db
    .selectFrom('status_history')
    .select(['status', 'exit_reason', (eb) => eb.fn.count<number>('participant_id').distinct().as('n')])
    .where('status', 'in', ['active', 'completed', 'exited'])
    .where('effective_on', '>=', from)
    .where('effective_on', '<=', to)
    .groupBy(['status', 'exit_reason'])
    .execute();
  const attendance = await db
    .selectFrom('register_entries')
    .innerJoin('sessions', 'sessions.id', 'register_entries.session_id')
    .select([
      sql<number>`sum(case when register_entries.attendance in ('present', 'late', 'left_early') then 1 else 0 end)`.as(
        'attended',
      ),
      (eb) => eb.fn.countAll<number>().as('marked'),
    ])
    .where('sessions.participant_id', 'is', null)
    .where('sessions.date', '>=', from)
    .where('sessions.date', '<=', to)
    .executeTakeFirst();
  const assessed = db
    .selectFrom('status_history')
    .select('participant_id')
    .where('status', '=', 'assessed')
    .where('effective_on', '>=', from)
    .where('effective_on', '<=', to);
  const menAssessed = await db
    .selectFrom(assessed.distinct().as('a'))
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  // From what the partner side wrote across the wall (migration 0015): the figures never read her records.
  const inContact = await db
    .selectFrom('participants')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('partner_contact_status', '=', 'in_contact')
    .where('id', 'in', assessed)
    .executeTakeFirst();
  // Each man's latest rating in the period, counted by level in SQL: over ten years that is tens of
  // thousands of ratings, which as rows would hold the main thread while they became objects.
  const latestRatings = db
    .selectFrom('risk_assessments')
    .select([
      'level',
      sql<number>`row_number() over (partition by participant_id order by assessed_on desc, created_at desc)`.as('nth'),
    ])
    .where('assessed_on', '>=', from)
    .where('assessed_on', '<=', to);
  const ratings = await db
    .selectFrom(latestRatings.as('r'))
    .select(['level', (eb) => eb.fn.countAll<number>().as('n')])
    .where('nth', '=', 1)
    .groupBy('level')
    .execute();

  const risk = zeroes(riskLevels);
  for (const r of ratings) if (r.level in risk) risk[r.level as RiskLevel] += Number(r.n);

  const bySource = zeroes(referralSources);
  for (const r of referrals) if (r.source in bySource) bySource[r.source as ReferralSource] += Number(r.n);
  const byOutcome = zeroes(assessmentOutcomes);
  for (const a of assessments)
    if (a.decision && a.decision in byOutcome) byOutcome[a.decision as AssessmentOutcome] += Number(a.n);
  const byReason = zeroes(exitReasons);
  let starts = 0;
  let completions = 0;
  for (const c of changes) {
    if (c.status === 'active') starts += Number(c.n);
    if (c.status === 'completed') completions += Number(c.n);
    if (c.status === 'exited')
      byReason[(c.exit_reason && c.exit_reason in byReason ? c.exit_reason : 'other') as ExitReason] += Number(c.n);
  }
  const attended = Number(attendance?.attended ?? 0);
  const marked = Number(attendance?.marked ?? 0);
  const men = Number(menAssessed?.n ?? 0);
  const contact = Number(inContact?.n ?? 0);
  const sum = (r: Record<string, number>) => Object.values(r).reduce((s, n) => s + n, 0);
  return {
    from,
    to,
    referrals: { total: sum(bySource), bySource },
    assessments: { total: sum(byOutcome), byOutcome },
    starts,
    completions,
    exits: { total: sum(byReason), byReason },
    attendance: { attended, marked, percent: percent(attended, marked) },
    partnerContact: { menAssessed: men, partnerInContact: contact, percent: percent(contact, men) },
    riskLevels: risk,
  };
}
