import { CompiledQuery, type Kysely } from 'kysely';
import { fillScores, scoreColumnTypes } from '../src/main/features/outcomes/stored-scores';

/**
 * Issue 18, speed: each of his outcome records keeps its indicators' scores and bands in columns
 * (`score_<key>`, `band_<key>`: features/outcomes/stored-scores.ts), so the outcomes page counts
 * with GROUP BY in SQL instead of reading every record's answers into the program. The records
 * already saved are scored here by the same function that scores a new one (scoring.ts). The two
 * indexes of migration 0023 become: the baselines of a period with their scores, and each man's
 * records with their scores and bands (the answers are no longer read by the page). Her records
 * get the same in the partner file (db/partner-schema.ts, upgrade 6).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const columns = scoreColumnTypes('his');
  for (const [name, type] of columns) await db.schema.alterTable('outcome_records').addColumn(name, type).execute();
  const runner = {
    all: async <T>(q: string, p: readonly unknown[] = []) => (await db.executeQuery<T>(CompiledQuery.raw(q, [...p]))).rows,
    run: (q: string, p: readonly unknown[] = []) => db.executeQuery(CompiledQuery.raw(q, [...p])),
  };
  await fillScores(runner, 'main.outcome_records');
  const scores = columns.filter(([name]) => name.startsWith('score_')).map(([name]) => name);
  await db.schema.dropIndex('outcome_records_cohort').execute();
  await db.schema
    .createIndex('outcome_records_cohort')
    .on('outcome_records')
    .columns(['set_name', 'point', 'recorded_on', 'status', 'participant_id', ...scores])
    .execute();
  await db.schema.dropIndex('outcome_records_answers').execute();
  await db.schema
    .createIndex('outcome_records_scores')
    .on('outcome_records')
    .columns(['participant_id', 'set_name', 'point', 'status', 'form_version', ...columns.map(([name]) => name)])
    .execute();
}
