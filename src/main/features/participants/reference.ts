import type { Db } from '../../ipc/context';

/** The next human reference for the year, e.g. P-2026-0042. Runs inside the creating transaction. */
export async function nextReference(db: Db, year: number): Promise<string> {
  const row = await db
    .insertInto('reference_counters')
    .values({ year, last: 1 })
    .onConflict((oc) => oc.column('year').doUpdateSet((eb) => ({ last: eb('reference_counters.last', '+', 1) })))
    .returning('last')
    .executeTakeFirstOrThrow();
  return `P-${year}-${String(row.last).padStart(4, '0')}`;
}
