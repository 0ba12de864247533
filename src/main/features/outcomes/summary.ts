/**
 * The outcomes page's figures: the people whose first measure (baseline) was recorded in the
 * period, each indicator's distribution at each point, and the change from baseline for those
 * with both. Counts only, and every count is suppressed as the funders' figures are
 * (reports/suppression.ts): 1–4 shown as "fewer than 5", and no hidden count recoverable by
 * subtraction from the totals shown. Her answers are read only in a session with the partner
 * side open; for anyone else the partner-reported figures are left out, never asked for.
 */
import { measureSets, pointLabel, type Indicator, type IndicatorPoint, type MeasureSet, type OutcomesSummary } from '../../../shared/features/outcomes';
import { sql } from 'kysely';
import type { Db } from '../../ipc/context';
import { FEWER_THAN_5, isSmall, shownCount, suppressBreakdown } from '../reports/suppression';
import { partnerSideOpen } from '../partners/wall';
import { allPoints } from './journey';
import { indicators, type IndicatorDef } from './scoring';
import { bandColumn, scoreColumn } from './stored-scores';

export interface SetSummary {
  people: number;
  /** the wording versions of the recorded answers counted */
  versions: number[];
  indicators: Indicator[];
  notRecorded: OutcomesSummary['notRecorded'];
}

/** The smallest group of people a figure may stand for. */
export const MIN_PEOPLE = 5;
const NOT_APPLICABLE = '—';

/**
 * What SQL counts for one point (and one wording version) of a set: the records, by status, and for
 * each indicator (numbered as in `indicators` of the set) its answers, by band, and the change from
 * the baseline for those with both. Names: n<j> answers, b<j>_<i> in band i, p<j> paired with a
 * baseline, t<j> the sum of the changes in tenths, u<j>/d<j> how many went up/down.
 */
type Counts = Record<string, number>;

const zero = (n: unknown) => Number(n ?? 0);

/** One indicator's figures at each point, from the counts (already suppressed as the funders' figures are). */
function summariseIndicator(def: IndicatorDef, j: number, byPoint: Map<string, Counts>, points: string[]): Indicator {
  const out: IndicatorPoint[] = points.map((point) => {
    const m = byPoint.get(point) ?? {};
    const n = zero(m[`n${j}`]);
    const paired = zero(m[`p${j}`]);
    const up = zero(m[`u${j}`]);
    const down = zero(m[`d${j}`]);
    const counts = Object.fromEntries(def.bands.map((_, i) => [String(i), zero(m[`b${j}_${i}`])])) as Record<string, number>;
    const bands = suppressBreakdown(counts, n);
    const change = suppressBreakdown({ better: def.higherIsBetter ? up : down, same: paired - up - down, worse: def.higherIsBetter ? down : up }, paired);
    const isBaseline = point === 'baseline';
    // The changes are summed in tenths (exact: every score has at most one decimal), then the mean rounded to one decimal.
    const sumChange = zero(m[`t${j}`]) / 10;
    return {
      point,
      label: pointLabel(point),
      people: bands.total,
      bands: def.bands.map((band, i) => ({ label: band.label, shown: bands.cells[String(i)]!, chart: bands.hidden.has(String(i)) ? 0 : counts[String(i)]! })),
      paired: isBaseline ? NOT_APPLICABLE : change.total,
      better: isBaseline ? NOT_APPLICABLE : change.cells.better,
      same: isBaseline ? NOT_APPLICABLE : change.cells.same,
      worse: isBaseline ? NOT_APPLICABLE : change.cells.worse,
      meanChange: isBaseline || paired < MIN_PEOPLE ? null : Math.round((sumChange / paired) * 10) / 10,
    };
  });
  return { key: def.key, label: def.label, set: def.set, higherIsBetter: def.higherIsBetter, range: def.range, points: out };
}

/**
 * The figures for one set from SQL's counts, one row per point and wording version (cohortQuery).
 * Only people with a baseline recorded are in the cohort: change is measured from it.
 */
export function summariseSet(set: MeasureSet, rows: Counts[], points: string[]): SetSummary {
  const byPoint = new Map<string, Counts>();
  const versions = new Set<number>();
  for (const row of rows) {
    if (zero(row.recorded) > 0) versions.add(zero(row.version));
    const point = String(row.point);
    const m = byPoint.get(point) ?? {};
    for (const [k, v] of Object.entries(row)) if (k !== 'point' && k !== 'version') m[k] = zero(m[k]) + zero(v);
    byPoint.set(point, m);
  }
  // Each person's baseline row is one record at the point 'baseline'.
  const people = zero(byPoint.get('baseline')?.records);
  const notRecorded: SetSummary['notRecorded'] = points
    .filter((point) => point !== 'baseline')
    .map((point) => ({ set, point, label: pointLabel(point), declined: shownCount(zero(byPoint.get(point)?.declined)), notReachable: shownCount(zero(byPoint.get(point)?.notReachable)) }));
  const sortedVersions = [...versions].sort((a, b) => a - b);
  if (people < MIN_PEOPLE) return { people, versions: sortedVersions, indicators: [], notRecorded: [] };
  return { people, versions: sortedVersions, indicators: setIndicators(set).map((d, j) => summariseIndicator(d, j, byPoint, points)), notRecorded };
}

const setIndicators = (set: MeasureSet) => indicators.filter((d) => d.set === set);

export interface Scope {
  from: string;
  to: string;
  programmeTypeId: string | null;
  groupId: string | null;
}

/** The men on a programme type or in a group (any time), as a subquery. */
const menIn = (db: Db, scope: Scope) => {
  let q = db.selectFrom('enrolments').innerJoin('groups', 'groups.id', 'enrolments.group_id').select('enrolments.participant_id');
  if (scope.groupId) q = q.where('groups.id', '=', scope.groupId);
  if (scope.programmeTypeId) q = q.where('groups.programme_type_id', '=', scope.programmeTypeId);
  return q;
};

/**
 * The cohort's counts, by point and wording version: a join from each baseline recorded in the
 * period to the same person's records, his (`outcome_records`, one set at a time, a person being
 * the man) or hers (`partner_outcomes`, a person being a woman in relation to a man), counted with
 * GROUP BY from the scores and bands stored on each record (stored-scores.ts). Her table is read
 * only where the partner side is open (the caller checks). The baselines come from the `…_cohort`
 * index (with their scores) and each person's records from the `…_scores` index (migration 0025,
 * partner upgrade 6), which hold every column read here, so neither the tables' pages nor anyone's
 * answers are read: only counts leave SQLite.
 */
export function cohortQuery(db: Db, set: MeasureSet, scope: Scope) {
  const base =
    set === 'partner'
      ? db
          .selectFrom('partner_outcomes as b')
          .innerJoin('partner_outcomes as r', (j) => j.onRef('r.partner_id', '=', 'b.partner_id').onRef('r.participant_id', '=', 'b.participant_id'))
      : db
          .selectFrom('outcome_records as b')
          .innerJoin('outcome_records as r', (j) => j.onRef('r.participant_id', '=', 'b.participant_id').onRef('r.set_name', '=', 'b.set_name'))
          .where('b.set_name', '=', set);
  // Column names come from scoring.ts's keys (letters and underscores), never from input.
  const counted = setIndicators(set).flatMap((def, j) => {
    const [score, baseline, band] = [`r.${scoreColumn(def)}`, `b.${scoreColumn(def)}`, `r.${bandColumn(def)}`];
    return [
      sql.raw<number>(`count(${score})`).as(`n${j}`),
      // count(*) FILTER rather than sum(condition): the counting step runs only for the rows that match.
      ...def.bands.map((_, i) => sql.raw<number>(`count(*) filter (where ${band} = ${i})`).as(`b${j}_${i}`)),
      sql.raw<number>(`count(${score} - ${baseline})`).as(`p${j}`),
      sql.raw<number>(`total(round((${score} - ${baseline}) * 10))`).as(`t${j}`),
      sql.raw<number>(`count(*) filter (where ${score} > ${baseline})`).as(`u${j}`),
      sql.raw<number>(`count(*) filter (where ${score} < ${baseline})`).as(`d${j}`),
    ];
  });
  let q = base
    .select([
      'r.point as point',
      'r.form_version as version',
      sql<number>`count(*)`.as('records'),
      sql<number>`sum(r.status = 'recorded')`.as('recorded'),
      sql<number>`sum(r.status = 'declined')`.as('declined'),
      sql<number>`sum(r.status = 'not_reachable')`.as('notReachable'),
    ])
    .select(counted)
    .where('b.point', '=', 'baseline')
    .where('b.status', '=', 'recorded')
    .where('b.recorded_on', '>=', scope.from)
    .where('b.recorded_on', '<=', scope.to)
    .groupBy(['r.point', 'r.form_version']);
  if (scope.groupId || scope.programmeTypeId) q = q.where('b.participant_id', 'in', menIn(db, scope));
  return q;
}

async function cohortCounts(db: Db, set: MeasureSet, scope: Scope): Promise<Counts[]> {
  return (await cohortQuery(db, set, scope).execute()) as unknown as Counts[];
}

/**
 * Her measures' table is made by partner-file upgrade 3, in the partner file only. A folder not yet
 * converted keeps the other partner tables in case.db (partnerSideOpen is true there) but has no
 * table of her measures: then there is nothing of hers to count, rather than a database error.
 */
export async function herTableThere(db: Db): Promise<boolean> {
  const attached = await sql<{ n: number }>`select count(*) as n from pragma_database_list where name = 'partner'`.execute(db);
  if (Number(attached.rows[0]?.n ?? 0) > 0) return true;
  const inMain = await sql<{ n: number }>`select count(*) as n from main.sqlite_master where type = 'table' and name = 'partner_outcomes'`.execute(db);
  return Number(inMain.rows[0]?.n ?? 0) > 0;
}

/**
 * How many people a set stands for. Each baseline row's total is everyone in the set (bar a blank
 * answer), so where a baseline row hides a count, an exact number here would undo its rounding:
 * with 6 people and a row of "not shown" and "fewer than 5", the hidden ones are 5 and 1. Then
 * the number is rounded to the nearest 5 as that row's total is.
 */
function peopleShown(set: SetSummary): string {
  if (isSmall(set.people)) return FEWER_THAN_5;
  const baselineHides = set.indicators.some((i) => i.points.some((p) => p.point === 'baseline' && p.bands.some((b) => !/^\d+$/.test(b.shown))));
  return baselineHides ? `about ${Math.round(set.people / 5) * 5}` : String(set.people);
}

/**
 * The page's figures. `withPartnerSide` is the caller's statement that this session may see
 * partner-side aggregates (a manager or partner worker); it is also checked against the
 * connection, so a session without the partner file never asks for her tables.
 */
export async function outcomesSummary(db: Db, scope: Scope, withPartnerSide: boolean): Promise<OutcomesSummary> {
  const points = await allPoints(db);
  const partnerSide = withPartnerSide && (await partnerSideOpen(db)) && (await herTableThere(db));
  const sets: Partial<Record<MeasureSet, SetSummary>> = {
    participant: summariseSet('participant', await cohortCounts(db, 'participant', scope), points),
    rating: summariseSet('rating', await cohortCounts(db, 'rating', scope), points),
  };
  if (partnerSide) sets.partner = summariseSet('partner', await cohortCounts(db, 'partner', scope), points);
  const people = Object.fromEntries(measureSets.map((s) => [s, sets[s] ? peopleShown(sets[s]) : null])) as OutcomesSummary['people'];
  const counted = measureSets.filter((s) => sets[s]).map((s) => sets[s]!.people);
  const tooFew = counted.every((n) => n < MIN_PEOPLE)
    ? `${counted.some((n) => isSmall(n)) ? 'Fewer than 5 people' : 'Nobody'} had a first measure (baseline) recorded in this period${scope.groupId || scope.programmeTypeId ? ' on this programme or group' : ''}, so there is nothing to show without pointing to someone. Choose a longer period or a wider group.`
    : null;
  return {
    from: scope.from,
    to: scope.to,
    people,
    notRecorded: measureSets.flatMap((s) => sets[s]?.notRecorded ?? []),
    indicators: measureSets.flatMap((s) => sets[s]?.indicators ?? []),
    partnerSide,
    tooFew,
    versions: Object.fromEntries(measureSets.filter((s) => sets[s]).map((s) => [s, sets[s]!.versions])),
  };
}

export { FEWER_THAN_5 };
