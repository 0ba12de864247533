import type { Kysely } from 'kysely';

/**
 * Issue 18, speed: the outcomes page reads every baseline in the period and each of those men's
 * other records (features/outcomes/summary.ts). With only the old indexes, SQLite found each row
 * in the table itself, whose pages are spread across the whole file among everything else: at
 * ten years of data that was thousands of pages read and decrypted on every call. These two
 * indexes hold every column that read needs, so it is answered from the indexes alone, a few
 * hundred pages kept together. The first replaces outcome_records_point_set (its leading columns).
 * Her records have the same pair in the partner file (db/partner-schema.ts, upgrade 5).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('outcome_records_cohort')
    .on('outcome_records')
    .columns(['set_name', 'point', 'recorded_on', 'status', 'participant_id'])
    .execute();
  await db.schema.dropIndex('outcome_records_point_set').execute();
  await db.schema
    .createIndex('outcome_records_answers')
    .on('outcome_records')
    .columns(['participant_id', 'set_name', 'point', 'status', 'form_version', 'answers'])
    .execute();
}
