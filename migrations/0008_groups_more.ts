import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';

/** Shipped objectives, in our own words from the topics most programmes cover; each organisation edits its own. */
const OBJECTIVES = [
  'Understand what violence and abuse are, including coercive control',
  'Take responsibility for his behaviour without minimising, denying or blaming',
  'Recognise the impact of his behaviour on his partner and children',
  'Notice when he is becoming abusive, and stop',
  "Handle conflict and a partner's anger without abuse",
  'Negotiate, listen and communicate with respect',
  'Parent safely and positively',
];

/**
 * Each change to a session (moved or cancelled), with the reason and what it
 * was before and after, so the session page can show its history; and the
 * programme types' objectives, which the aims of session plans link to.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('session_changes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('session_id', 'text', (c) => c.notNull().references('sessions.id'))
    /** 'rescheduled' or 'cancelled' */
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    /** JSON: { before, after }, each { date, startTime, venue, facilitatorIds } */
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('by', 'text', (c) => c.references('staff.id'))
    .execute();
  await db.schema.createIndex('session_changes_session').on('session_changes').columns(['session_id', 'at']).execute();

  const types = (await db.selectFrom('programme_types' as never).select(['id', 'data'] as never).execute()) as Array<{ id: string; data: string }>;
  for (const t of types) {
    const data = JSON.parse(t.data) as { objectives?: unknown };
    if (data.objectives) continue;
    data.objectives = OBJECTIVES.map((text) => ({ id: randomUUID(), text }));
    await db.updateTable('programme_types' as never).set({ data: JSON.stringify(data) } as never).where('id' as never, '=', t.id as never).execute();
  }
}
