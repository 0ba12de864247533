import { sql, type Kysely } from 'kysely';

/**
 * Drafts of long text, kept as it is typed. The text is encrypted again under
 * a key only its author's password opens (see src/main/features/drafts), so
 * the database key alone does not read it. One draft per person, form and field.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('drafts')
    .addColumn('staff_id', 'text', (c) => c.notNull().references('staff.id'))
    .addColumn('place', 'text', (c) => c.notNull())
    .addColumn('side', 'text', (c) => c.notNull().check(sql`side in ('programme', 'partner')`))
    .addColumn('box', 'text', (c) => c.notNull())
    .addColumn('saved_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('drafts_pk', ['staff_id', 'place'])
    .execute();
  await db.schema.createIndex('drafts_saved').on('drafts').column('saved_at').execute();
}
