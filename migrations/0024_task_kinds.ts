import type { Kysely } from 'kysely';

/**
 * The program's own tasks are looked up by kind: the day's raising closes the open tasks of a kind
 * whose cause has gone (tasks/service.ts closeStale), and a holder's log-in finds the alerts for the
 * partner service that wait for a partner (partners/partner-side.ts catchUpPartnerSide). With no
 * index on kind both walked every open task in the organisation (150 ms and 15 ms on ten years of
 * records). The partner file's own tasks table is small and changes only by its own upgrades.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('tasks_kind').on('tasks').columns(['kind', 'status', 'partner_id', 'participant_id']).execute();
}
