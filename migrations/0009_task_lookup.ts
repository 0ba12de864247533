import type { Kysely } from 'kysely';

/**
 * His open tasks, in due order, are read on every record opened and every
 * change that refreshes the program's own tasks. With only (participant_id,
 * status) SQLite preferred the (status, due_on) index and walked every open
 * task in the organisation; with due_on in this index his are found directly.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('tasks_participant').execute();
  await db.schema.createIndex('tasks_participant').on('tasks').columns(['participant_id', 'status', 'due_on']).execute();
}
