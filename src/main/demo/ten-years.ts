/**
 * The benchmark's data set, shared by `npm run bench` and the ten-year backup
 * round-trip test, so both work on the same records.
 */
import type { Backend } from '../backend';
import { handlers } from '../features/handlers';
import type { ServiceContext } from '../ipc/context';
import { api, type RouteInput, type RouteName, type RouteOutput } from '../../shared/api';
import { addDays, todayInLondon } from '../../shared/dates';
import { createGroupStory } from './groups';
import { createStory, seeded } from './participants';
import { createPartnerStory } from './partners';
import { seedOutcomeMeasures } from './outcomes';

/**
 * A large charity's ten years: 5,000 participants with referrals, assessments,
 * risk, consents, about 30,000 case notes and over 20,000 tasks (the ones the
 * program raises from consent, review, risk and report dates). Written through
 * the real services (validation, search index, task rules) in large
 * transactions, skipping only the per-call audit entries to keep it quick.
 */
export async function generateLargeCharity(
  backend: Backend,
  participants: number,
  log: (line: string) => void = (line) => process.stderr.write(line),
): Promise<void> {
  const db = backend.requireDb();
  const session = backend.session!;
  const staffRows = await db.selectFrom('staff').select(['id', 'role']).execute();
  const staff = {
    facilitators: staffRows.filter((r) => r.role === 'facilitator').map((r) => r.id),
    managers: staffRows.filter((r) => r.role === 'manager').map((r) => r.id),
  };
  const rng = seeded(42);
  const options = { today: todayInLondon(), spanDays: 3650, notes: 7, manualTasks: 0, staff };
  /** One large transaction through the real services. It bypasses the router, so it keeps the session awake itself. */
  const inBatch = async (
    work: (exec: <R extends RouteName>(route: R, input: RouteInput<R>) => Promise<RouteOutput<R>>) => Promise<void>,
  ) => {
    await db.transaction().execute(async (trx) => {
      const ctx: ServiceContext = { backend, db: trx, session, user: session, audit: () => {}, afterCommit: () => {} };
      await work(
        <R extends RouteName>(route: R, input: RouteInput<R>) =>
          handlers[route](ctx, api[route].input.parse(input) as never) as Promise<RouteOutput<R>>,
      );
    });
    backend.touch();
  };
  const batch = 250;
  for (let start = 0; start < participants; start += batch) {
    await inBatch(async (exec) => {
      for (let i = start; i < Math.min(participants, start + batch); i++) await createStory(exec, rng, i, options);
    });
    log(`\r  generating participants: ${Math.min(participants, start + batch)} / ${participants}`);
  }
  log('\n');

  // Ten years of groupwork: 250 groups of 28 weekly sessions (7,000), ten men each, every register taken (70,000 entries).
  const groupsCount = Math.max(1, Math.round((participants / 5000) * 250));
  const programmes = await db
    .selectFrom('programme_types')
    .selectAll()
    .where('kind', '=', 'group')
    .executeTakeFirstOrThrow();
  await db.updateTable('programme_types').set({ sessions_count: 28 }).where('id', '=', programmes.id).execute();
  const pool = (await db.selectFrom('participants').select('id').orderBy('reference').execute()).map((r) => r.id);
  const today = todayInLondon();
  for (let start = 0; start < groupsCount; start += 10) {
    await inBatch(async (exec) => {
      for (let g = start; g < Math.min(groupsCount, start + 10); g++) {
        await createGroupStory(exec, rng, {
          programmeTypeId: programmes.id,
          name: `Group ${g + 1}`,
          venue: `Venue ${g % 7}`,
          weekday: 1 + (g % 5),
          startTime: g % 2 ? '18:30' : '10:00',
          startDate: addDays(today, -3650 + g * 13),
          facilitatorIds: staff.facilitators.slice(0, 2),
          intake: 'closed',
          participantIds: pool.slice((g * 10) % (pool.length - 10), ((g * 10) % (pool.length - 10)) + 10),
          registersUntil: addDays(today, -1),
          plans: false,
        });
      }
    });
    log(`\r  generating groups: ${Math.min(groupsCount, start + 10)} / ${groupsCount}`);
  }
  log('\n');

  // The partner service: a partner for every man (5,000), eight contacts each (40,000), a checklist each.
  const worker = staffRows.find((r) => r.role === 'partner_worker')!.id;
  for (let start = 0; start < pool.length; start += 250) {
    await inBatch(async (exec) => {
      for (const man of pool.slice(start, start + 250))
        await createPartnerStory(exec, rng, man, rng.int(0, 20), { workerId: worker, contacts: 8, today });
    });
    log(`\r  generating partners: ${Math.min(pool.length, start + 250)} / ${pool.length}`);
  }
  log('\n');

  // Outcome measures (issue 18) for every man who started and every partner of his, at each point already due.
  const written = await db.transaction().execute((trx) => seedOutcomeMeasures(trx, seeded(18), today, { partnerSide: true, staffId: session.staffId }));
  log(`  generating outcome measures: ${written.his} of his, ${written.hers} of hers\n`);
}
