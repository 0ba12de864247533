import { sql, type Kysely } from 'kysely';

/**
 * The partner service's answers to alerts, items a partner worker marks safe
 * to share in his reports, the organisation's own checklist wording, and a
 * lawful basis of its own for automatic child-protection entries.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // The alert a contact (or an attempt) was about, so her record can show which alerts were answered;
  // retention may delete his tasks while her contact log stays, so the link then just lapses.
  await db.schema.alterTable('partner_contacts').addColumn('alert_task_id', 'text', (c) => c.references('tasks.id').onDelete('set null')).execute();
  // A short summary the partner worker judged safe to go in his reports; empty when nothing is shared.
  await db.schema.alterTable('partner_contacts').addColumn('share_summary', 'text', (c) => c.notNull().defaultTo('')).execute();
  await db.schema.alterTable('partner_contacts').addColumn('shared_by', 'text', (c) => c.references('staff.id')).execute();
  await db.schema.alterTable('partner_contacts').addColumn('shared_at', 'text').execute();
  await db.schema.createIndex('partner_contacts_alert').on('partner_contacts').column('alert_task_id').execute();

  // Version 1 (our own short topic labels) ships in the code; an organisation's licensed wording is version 2 onwards.
  await db.schema
    .createTable('checklist_forms')
    .addColumn('version', 'integer', (c) => c.primaryKey())
    /** JSON: [{ key, label }], the same 24 keys as version 1 */
    .addColumn('questions', 'text', (c) => c.notNull())
    .addColumn('high_risk_threshold', 'integer', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('staff.id'))
    .execute();

  // Automatic child-protection entries were written as if a manager had decided to share without consent.
  await sql`update sharing_log set basis = 'child_protection', decided_by = null
    where automatic = 1 and basis = 'without_consent' and data like '%Child-protection referral%'`.execute(db);
}
