import type { Kysely } from 'kysely';

/**
 * The organisation's own wording of each report type's standard paragraphs
 * (issue 15, item 12), versioned like the risk checklist's wording: version 1
 * of every type ships in the code; a manager's edits are saved as version 2
 * onwards, never changed afterwards. A report records the version it was
 * signed off (or produced) with, so it can always be told which wording it used.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('report_wording')
    .addColumn('report_type', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    /** JSON: { paragraph key: text } for every paragraph of that type */
    .addColumn('paragraphs', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('staff.id'))
    .addPrimaryKeyConstraint('report_wording_pk', ['report_type', 'version'])
    .execute();
  /** the wording version the report was frozen with at sign-off (or when produced); null for a draft and for reports made before versions */
  await db.schema.alterTable('reports').addColumn('wording_version', 'integer').execute();
}
