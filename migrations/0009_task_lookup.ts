import type { Kysely } from 'kysely';

/**
 * His open tasks, in due order, are read on every record opened and every
 * change that refreshes the program's own tasks. With only (participant_id,
 * status) SQLite preferred the (status, due_on) index and walked every open
 * task in the organisation; with due_on in this index his are found directly.
 * A worker's own list ("assigned to me, or to my role") cannot use one index
 * for its OR, so it walks the open tasks in the list's own order (due date,
 * urgent first, id) and the columns it filters on ride in that index: the walk
 * stops at the page and never reads the tasks themselves.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('tasks_participant').execute();
  await db.schema.createIndex('tasks_participant').on('tasks').columns(['participant_id', 'status', 'due_on']).execute();
  await db.schema.dropIndex('tasks_due').execute();
  await db.schema
    .createIndex('tasks_due')
    .on('tasks')
    .columns(['status', 'due_on', 'urgent desc', 'id', 'assignee_id', 'assignee_role', 'partner_id', 'kind', 'participant_id'])
    .execute();
}
