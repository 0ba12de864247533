import type { Kysely } from 'kysely';

/**
 * Reports (issue 16, item 7): the decision to share with an agency is made at
 * sign-off (his consent, or a manager's decision without it), and sending is a
 * step of its own, recorded with its date and how it went. Producing the file
 * is "saved"; a report is "sent" only when someone records that it was.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('reports')
    /** 'consent' or 'without_consent', decided at sign-off; null when no consent is needed */
    .addColumn('share_basis', 'text')
    .execute();
  await db.schema.alterTable('reports').addColumn('share_consent_id', 'text').execute();
  await db.schema.alterTable('reports').addColumn('share_decided_by', 'text').execute();
  /** the manager's reason for sharing without his consent */
  await db.schema.alterTable('reports').addColumn('share_reason', 'text', (c) => c.notNull().defaultTo('')).execute();
  /** the day it was sent, as the person recorded it (sent_at is when they recorded it) */
  await db.schema.alterTable('reports').addColumn('sent_on', 'text').execute();
  /** how it was sent: secure_email, post, by_hand, portal */
  await db.schema.alterTable('reports').addColumn('sent_how', 'text').execute();
}
