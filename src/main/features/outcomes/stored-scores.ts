/**
 * Each outcome record keeps its indicators' scores and bands in columns (`score_<key>`,
 * `band_<key>`), worked out when it is saved, so the outcomes page counts with GROUP BY in SQL
 * instead of reading every record's answers into the program (summary.ts). The values come
 * from scoring.ts, the one place the rules live: a new record (record.ts, the demo data), the
 * back-fill of records saved before (migration 0025 for his, partner upgrade 6 for hers) all
 * call `scoreColumns`. If a rule in scoring.ts ever changes, the stored columns must be worked
 * out again the same way (a new migration and partner upgrade calling `fillScores`).
 */
import type { RawConnection } from '../../db/driver';
import { HER_SCORE_KEYS, HIS_SCORE_KEYS, type ScoreColumns } from '../../db/schema';
import type { MeasureSet } from '../../../shared/features/outcomes';
import { indicators, type IndicatorDef } from './scoring';

export type HisScores = ScoreColumns<(typeof HIS_SCORE_KEYS)[number]>;
export type HerScores = ScoreColumns<(typeof HER_SCORE_KEYS)[number]>;

/** The indicators stored on each table: his (his own view and the facilitators' rating) and hers. */
export const hisIndicators = indicators.filter((d) => d.set !== 'partner');
export const herIndicators = indicators.filter((d) => d.set === 'partner');
const sameKeys = (defs: IndicatorDef[], keys: readonly string[]) => defs.length === keys.length && defs.every((d, i) => d.key === keys[i]);
// schema.ts names the columns for the type checker; they must be these indicators, in this order.
if (!sameKeys(hisIndicators, HIS_SCORE_KEYS) || !sameKeys(herIndicators, HER_SCORE_KEYS))
  throw new Error('The outcome score columns in db/schema.ts do not match the indicators in outcomes/scoring.ts');

export const scoreColumn = (def: IndicatorDef) => `score_${def.key}`;
export const bandColumn = (def: IndicatorDef) => `band_${def.key}`;

/** The band a value falls in (an indicator's bands do not overlap: tests/main/outcomes/stored-scores.test.ts checks), or null for none. */
export function bandOf(def: IndicatorDef, value: number): number | null {
  const i = def.bands.findIndex((b) => b.test(value));
  return i < 0 ? null : i;
}

/**
 * A record's score and band columns: those of its own set's indicators, from its answers; the
 * rest of the table's columns (his table holds two sets) and a record declined or not reached are null.
 */
export function scoreColumns(table: 'his', set: MeasureSet, status: string, answers: Record<string, number | null>): HisScores;
export function scoreColumns(table: 'hers', set: MeasureSet, status: string, answers: Record<string, number | null>): HerScores;
export function scoreColumns(table: 'his' | 'hers', set: MeasureSet, status: string, answers: Record<string, number | null>): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  for (const def of table === 'hers' ? herIndicators : hisIndicators) {
    const value = status === 'recorded' && def.set === set ? def.value(answers) : null;
    out[scoreColumn(def)] = value;
    out[bandColumn(def)] = value === null ? null : bandOf(def, value);
  }
  return out;
}

/** The column definitions a table gains: a score (a real number: the rating's average has a decimal) and a band. */
export const scoreColumnTypes = (table: 'his' | 'hers') =>
  (table === 'hers' ? herIndicators : hisIndicators).flatMap((d) => [
    [scoreColumn(d), 'real'],
    [bandColumn(d), 'integer'],
  ]) as Array<[string, 'real' | 'integer']>;

/** Rows per UPDATE of the back-fill: one statement for many records, well under SQLite's limit on bound values. */
const FILL_BATCH = 200;

/**
 * Works out and stores the scores of every record already in a table, in the caller's
 * transaction (migration 0025 for `main.outcome_records`, partner upgrade 6 for
 * `partner.partner_outcomes`). Records are read and written a batch at a time: one UPDATE per batch,
 * each row's values passed as JSON (bound, never pasted into the SQL).
 */
export async function fillScores(
  run: { all<T>(sql: string, params?: readonly unknown[]): Promise<T[]>; run(sql: string, params?: readonly unknown[]): Promise<unknown> },
  table: 'main.outcome_records' | 'partner.partner_outcomes',
): Promise<number> {
  const hers = table === 'partner.partner_outcomes';
  const columns = scoreColumnTypes(hers ? 'hers' : 'his').map(([c]) => c);
  const assignments = columns.map((c) => `${c} = json_extract(v.value, '$.${c}')`).join(', ');
  let after = 0;
  let filled = 0;
  for (;;) {
    const rows = await run.all<{ rid: number; set_name: string; status: string; answers: string }>(
      `SELECT rowid AS rid, ${hers ? `'partner' AS set_name` : 'set_name'}, status, answers FROM ${table} WHERE rowid > ? ORDER BY rowid LIMIT ${FILL_BATCH}`,
      [after],
    );
    if (rows.length === 0) return filled;
    const values = rows.map((r) => {
      const answers = JSON.parse(r.answers) as Record<string, number | null>;
      const scores = hers ? scoreColumns('hers', 'partner', r.status, answers) : scoreColumns('his', r.set_name as MeasureSet, r.status, answers);
      return { rid: r.rid, ...scores };
    });
    await run.run(
      `UPDATE ${table} AS t SET ${assignments} FROM json_each(?) AS v WHERE t.rowid = json_extract(v.value, '$.rid')`,
      [JSON.stringify(values)],
    );
    filled += rows.length;
    after = rows[rows.length - 1]!.rid;
  }
}

/** A raw connection as `fillScores` needs it. */
export const rawRunner = (raw: RawConnection) => ({ all: <T>(q: string, p?: readonly unknown[]) => raw.all<T>(q, p), run: (q: string, p?: readonly unknown[]) => raw.run(q, p) });

/**
 * Partner upgrade 6 (db/partner-schema.ts): her records gain the score and band columns (only those
 * missing), every record saved before is scored, and the page's two indexes are made with them.
 */
export async function scoreHerRecords(raw: RawConnection): Promise<void> {
  const have = new Set((await raw.all<{ name: string }>(`SELECT name FROM pragma_table_info('partner_outcomes', 'partner')`)).map((c) => c.name));
  const columns = scoreColumnTypes('hers');
  for (const [name, type] of columns) if (!have.has(name)) await raw.exec(`ALTER TABLE partner.partner_outcomes ADD COLUMN ${name} ${type};`);
  await fillScores(rawRunner(raw), 'partner.partner_outcomes');
  const scores = columns.filter(([name]) => name.startsWith('score_')).map(([name]) => name);
  await raw.exec(`CREATE INDEX IF NOT EXISTS partner.partner_outcomes_cohort ON partner_outcomes (point, recorded_on, status, partner_id, participant_id, ${scores.join(', ')});`);
  await raw.exec(
    `CREATE INDEX IF NOT EXISTS partner.partner_outcomes_scores ON partner_outcomes (partner_id, participant_id, point, status, form_version, ${columns.map(([name]) => name).join(', ')});`,
  );
}
