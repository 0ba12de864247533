/**
 * The outcomes page's computation as it was before the scores were stored (issue 18, before
 * migration 0025): every cohort record's answers read into the program and scored and counted
 * here. Kept only as the reference the stored-score counting (features/outcomes/summary.ts) must
 * match exactly: stored-scores.test.ts compares the two on the demo's records.
 */
import { measureSets, pointLabel, type Indicator, type IndicatorPoint, type MeasureSet, type OutcomesSummary } from '../../../src/shared/features/outcomes';
import { sql } from 'kysely';
import type { Db } from '../../../src/main/ipc/context';
import { FEWER_THAN_5, isSmall, shownCount, suppressBreakdown } from '../../../src/main/features/reports/suppression';
import { partnerSideOpen } from '../../../src/main/features/partners/wall';
import { allPoints } from '../../../src/main/features/outcomes/journey';
import { direction, indicators, type IndicatorDef } from '../../../src/main/features/outcomes/scoring';

/** One record as the computation needs it: whose (a man, or a woman in relation to a man), at which point. */
export interface RawRecord {
  subject: string;
  point: string;
  status: string;
  answers: Record<string, number | null>;
  version: number;
}
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
 * One pass over the people for an indicator: each record's value is worked out once (the baseline's
 * too, not again for every later point), and the bands and the change from baseline are counted
 * as it goes. At ten years of records this pass is most of the page's time, so it avoids building
 * lists of values and filtering them again for each band.
 */
function summariseIndicator(def: IndicatorDef, bySubject: Map<string, Map<string, RawRecord>>, points: string[]): Indicator {
  interface Tally {
    n: number;
    counts: number[];
    changes: { better: number; same: number; worse: number };
    paired: number;
    sumChange: number;
  }
  const tallies = new Map<string, Tally>(points.map((p) => [p, { n: 0, counts: def.bands.map(() => 0), changes: { better: 0, same: 0, worse: 0 }, paired: 0, sumChange: 0 }]));
  for (const recs of bySubject.values()) {
    const b = recs.get('baseline');
    const bv = b && b.status === 'recorded' ? def.value(b.answers) : null;
    for (const [point, r] of recs) {
      const t = tallies.get(point);
      if (!t || r.status !== 'recorded') continue;
      const v = point === 'baseline' ? bv : def.value(r.answers);
      if (v === null) continue;
      t.n += 1;
      for (let i = 0; i < def.bands.length; i++) if (def.bands[i]!.test(v)) t.counts[i]! += 1;
      if (point === 'baseline' || bv === null) continue;
      t.paired += 1;
      t.sumChange += v - bv;
      t.changes[direction(def, bv, v)] += 1;
    }
  }
  const out: IndicatorPoint[] = points.map((point) => {
    const t = tallies.get(point)!;
    const counts = Object.fromEntries(t.counts.map((c, i) => [String(i), c])) as Record<string, number>;
    const bands = suppressBreakdown(counts, t.n);
    const change = suppressBreakdown(t.changes, t.paired);
    const isBaseline = point === 'baseline';
    return {
      point,
      label: pointLabel(point),
      people: bands.total,
      bands: def.bands.map((band, i) => ({ label: band.label, shown: bands.cells[String(i)]!, chart: bands.hidden.has(String(i)) ? 0 : counts[String(i)]! })),
      paired: isBaseline ? NOT_APPLICABLE : change.total,
      better: isBaseline ? NOT_APPLICABLE : change.cells.better,
      same: isBaseline ? NOT_APPLICABLE : change.cells.same,
      worse: isBaseline ? NOT_APPLICABLE : change.cells.worse,
      meanChange: isBaseline || t.paired < MIN_PEOPLE ? null : Math.round((t.sumChange / t.paired) * 10) / 10,
    };
  });
  return { key: def.key, label: def.label, set: def.set, higherIsBetter: def.higherIsBetter, range: def.range, points: out };
}

/** The figures for one set from its records (already limited to the people in the period). */
export function summariseSet(set: MeasureSet, records: RawRecord[], points: string[]): SetSummary {
  const bySubject = new Map<string, Map<string, RawRecord>>();
  for (const r of records) {
    let m = bySubject.get(r.subject);
    if (!m) bySubject.set(r.subject, (m = new Map()));
    m.set(r.point, r);
  }
  // Only people with a baseline recorded count: change is measured from it.
  for (const [subject, recs] of bySubject) if (recs.get('baseline')?.status !== 'recorded') bySubject.delete(subject);
  const people = bySubject.size;
  const notRecorded: SetSummary['notRecorded'] = [];
  for (const point of points) {
    if (point === 'baseline') continue;
    let declined = 0;
    let notReachable = 0;
    for (const recs of bySubject.values()) {
      const s = recs.get(point)?.status;
      if (s === 'declined') declined += 1;
      if (s === 'not_reachable') notReachable += 1;
    }
    notRecorded.push({ set, point, label: pointLabel(point), declined: shownCount(declined), notReachable: shownCount(notReachable) });
  }
  const versions = [...new Set([...bySubject.values()].flatMap((recs) => [...recs.values()].filter((r) => r.status === 'recorded').map((r) => r.version)))].sort((a, b) => a - b);
  if (people < MIN_PEOPLE) return { people, versions, indicators: [], notRecorded: [] };
  return { people, versions, indicators: indicators.filter((d) => d.set === set).map((d) => summariseIndicator(d, bySubject, points)), notRecorded };
}

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
 * The cohort's records, found by a join from each baseline recorded in the period to the same
 * person's other records: his (`outcome_records`, one set at a time, a person being the man) or
 * hers (`partner_outcomes`, a person being a woman in relation to a man). Her table is read only
 * where the partner side is open (the caller checks). The baselines come from the
 * `…_cohort` index and each person's records from the `…_answers` index (migration 0023, partner
 * upgrade 5), which hold every column read here, so the table's own pages are never read: the cost
 * grows with the people in the period, not with everything kept in the file. Each person is named
 * by their baseline row's rowid, a small number that identifies nobody.
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
  let q = base
    .select(['r.point', 'r.status', 'r.answers', 'r.form_version', sql<number>`b.rowid`.as('subject')])
    .where('b.point', '=', 'baseline')
    .where('b.status', '=', 'recorded')
    .where('b.recorded_on', '>=', scope.from)
    .where('b.recorded_on', '<=', scope.to);
  if (scope.groupId || scope.programmeTypeId) q = q.where('b.participant_id', 'in', menIn(db, scope));
  return q;
}

async function cohortRecords(db: Db, set: MeasureSet, scope: Scope): Promise<RawRecord[]> {
  const rows = await cohortQuery(db, set, scope).execute();
  return rows.map((r) => ({ subject: String(r.subject), point: r.point, status: r.status, answers: JSON.parse(r.answers) as RawRecord['answers'], version: r.form_version }));
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
export async function oldOutcomesSummary(db: Db, scope: Scope, withPartnerSide: boolean): Promise<OutcomesSummary> {
  const points = await allPoints(db);
  const partnerSide = withPartnerSide && (await partnerSideOpen(db)) && (await herTableThere(db));
  const sets: Partial<Record<MeasureSet, SetSummary>> = {
    participant: summariseSet('participant', await cohortRecords(db, 'participant', scope), points),
    rating: summariseSet('rating', await cohortRecords(db, 'rating', scope), points),
  };
  if (partnerSide) sets.partner = summariseSet('partner', await cohortRecords(db, 'partner', scope), points);
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

