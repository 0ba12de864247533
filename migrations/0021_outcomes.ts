import { sql, type Kysely } from 'kysely';

/**
 * Outcome measures (issue 18), the programme side: his own measures and the facilitators' rating
 * of his progress, at set points. The partner-reported measures are hers and live in the partner
 * file (partner-file upgrade 10, db/partner-schema.ts). Each set's wording is versioned like the
 * risk checklist's: version 1 ships in the code, an organisation's own wording is saved as later
 * versions here (wording only: it holds nothing about anyone).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('outcome_forms')
    .addColumn('set_name', 'text', (c) => c.notNull().check(sql`set_name in ('partner', 'participant', 'rating')`))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('items', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('staff.id'))
    .addPrimaryKeyConstraint('outcome_forms_pk', ['set_name', 'version'])
    .execute();
  await db.schema
    .createTable('outcome_records')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('participant_id', 'text', (c) => c.notNull().references('participants.id'))
    .addColumn('set_name', 'text', (c) => c.notNull().check(sql`set_name in ('participant', 'rating')`))
    .addColumn('point', 'text', (c) => c.notNull())
    .addColumn('form_version', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('answers', 'text', (c) => c.notNull())
    .addColumn('recorded_on', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('staff.id'))
    .execute();
  // One record per man, set and point: a second baseline is refused by the service, and by this.
  await db.schema.createIndex('outcome_records_point').unique().on('outcome_records').columns(['participant_id', 'set_name', 'point']).execute();
  await db.schema.createIndex('outcome_records_point_set').on('outcome_records').columns(['set_name', 'point', 'recorded_on']).execute();
}
