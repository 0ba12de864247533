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

/** Takes `count` new numbers for the year at once (an import); returns the last one taken. */
export async function nextReferences(db: Db, year: number, count: number): Promise<number> {
  const row = await db
    .insertInto('reference_counters')
    .values({ year, last: count })
    .onConflict((oc) => oc.column('year').doUpdateSet((eb) => ({ last: eb('reference_counters.last', '+', count) })))
    .returning('last')
    .executeTakeFirstOrThrow();
  return row.last;
}

/** Keeps a reference from an import, moving the year's counter past it so later new references never clash. */
export async function keepReference(db: Db, reference: string): Promise<string> {
  const m = /^P-(\d{4})-(\d{4,6})$/.exec(reference);
  if (!m) throw new Error('reference format');
  const year = Number(m[1]);
  const n = Number(m[2]);
  await db
    .insertInto('reference_counters')
    .values({ year, last: n })
    .onConflict((oc) => oc.column('year').doUpdateSet((eb) => ({ last: eb.fn('max', [eb.ref('reference_counters.last'), eb.val(n)]) })))
    .execute();
  return reference;
}
