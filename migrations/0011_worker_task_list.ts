import { sql, type Kysely } from 'kysely';

/**
 * A worker's own tasks are counted in two parts: given to her, on
 * tasks_assignee, and given to her role with no one named, on the partial
 * index here. Without it no index both finds "no one named" and covers the
 * role, and SQLite walked every open task to count that part (15 ms on 5,000
 * men). assignee_id rides along only so the count never reads the table.
 *
 * Her list then looks up the contacts logged against its alerts. Almost no
 * contact answers an alert, so in the full index nearly every entry is NULL;
 * once SQLite has statistics it takes the lookup for most of the table and
 * reads all 40,000 contacts instead (20 ms). Indexing only the contacts that
 * answer an alert keeps the lookup a lookup, with statistics or without.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('tasks_unassigned')
    .on('tasks')
    .columns(['status', 'assignee_role', 'due_on', 'assignee_id'])
    .where(sql.ref('assignee_id'), 'is', null)
    .execute();
  await db.schema.dropIndex('partner_contacts_alert').execute();
  await db.schema
    .createIndex('partner_contacts_alert')
    .on('partner_contacts')
    .column('alert_task_id')
    .where(sql.ref('alert_task_id'), 'is not', null)
    .execute();
}
