import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSystemTasks, type SystemTask } from '../../../src/main/features/tasks/service';
import { addDays } from '../../../src/shared/dates';
import { call, callError } from '../helpers';
import { referralInput, today, worldForFile } from '../participants/fixtures';

// The day's tasks are raised again at every log-in, so most source keys already exist: they are
// looked up in hundreds and only new ones written (tasks/service.ts createSystemTasks).
const w = worldForFile('manager');

const task = (n: number, extra: Partial<SystemTask> = {}): SystemTask => ({
  sourceKey: `test-raise:${n}`,
  kind: 'report_due',
  participantId: null,
  title: `Raised ${n}`,
  assigneeRole: 'manager',
  dueOn: today,
  ...extra,
});

const rowsIn = async (schema: 'main' | 'partner', prefix: string) =>
  (await sql<{ source_key: string; title: string }>`select source_key, title from ${sql.raw(schema)}.tasks where source_key like ${`${prefix}%`} order by source_key`.execute(w.backend.requireDb())).rows;

describe('raising the program’s own tasks', () => {
  beforeAll(async () => {
    await w.loginAs('manager');
  });
  afterAll(async () => {
    await w.loginAs('manager');
  });

  it('writes each new source key once, across chunks, leaves existing ones as they were, and puts hers in the partner file', async () => {
    const db = w.backend.requireDb();
    await db.transaction().execute((trx) => createSystemTasks(trx, [task(7, { title: 'Already here' }), task(1100, { title: 'Already here too' })]));
    const batch = [...Array.from({ length: 1200 }, (_, i) => task(i)), task(5), task(1199, { title: 'A repeat in the same batch' })];
    const { id: man } = await call(w.backend, 'participants.create', referralInput());
    const { id: partnerId } = await call(w.backend, 'partners.create', {
      details: {
        firstName: 'Raising',
        lastName: 'Partner',
        phone: '',
        address: '',
        safeContact: { safeNumber: '', safeTimes: '', messageAllowed: 'no', nameToGive: '', codeWord: '', notes: '' },
        consentToService: true,
        workerId: w.accounts.partner_worker.id,
      },
      link: { participantId: man, relationship: 'current', from: '2019-01-01', to: '' },
    });
    const hers = [task(5000, { sourceKey: 'test-raise-hers:1', partnerId, kind: 'partner_contact_due', assigneeRole: 'partner_worker' })];
    await db.transaction().execute((trx) => createSystemTasks(trx, [...batch, ...hers]));

    const mine = await rowsIn('main', 'test-raise:');
    expect(mine).toHaveLength(1200);
    expect(new Set(mine.map((r) => r.source_key)).size).toBe(1200);
    expect(mine.find((r) => r.source_key === 'test-raise:7')?.title).toBe('Already here');
    expect(mine.find((r) => r.source_key === 'test-raise:1100')?.title).toBe('Already here too');
    expect(mine.find((r) => r.source_key === 'test-raise:1199')?.title).toBe('Raised 1199');

    // Raising the same again writes nothing.
    await db.transaction().execute((trx) => createSystemTasks(trx, batch));
    expect(await rowsIn('main', 'test-raise:')).toHaveLength(1200);

    expect(await rowsIn('partner', 'test-raise-hers:')).toHaveLength(1);
    expect(await rowsIn('main', 'test-raise-hers:')).toHaveLength(0);
  });

  it('logging in again on the same day raises nothing twice', async () => {
    for (let i = 0; i < 3; i++) {
      const { id } = await call(w.backend, 'participants.create', referralInput({}, { reportDueDate: addDays(today, 3 + i) }));
      await call(w.backend, 'risk.add', { participantId: id, level: 'medium', reasons: 'Recent separation', redFlags: ['separation'], assessorId: w.accounts.facilitator.id, assessedOn: addDays(today, -80), nextReviewOn: addDays(today, 2) });
    }
    const count = async () => Number((await w.backend.requireDb().selectFrom('tasks').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const before = await count();
    expect(before).toBeGreaterThanOrEqual(6);
    await w.loginAs('facilitator');
    await w.loginAs('manager');
    expect(await count()).toBe(before);
  });

  it('a partner-side task from a session without the partner side is refused, and nothing of the batch is written', async () => {
    await w.loginAs('facilitator');
    const db = w.backend.requireDb();
    const err = await db
      .transaction()
      .execute((trx) => createSystemTasks(trx, [task(9001, { sourceKey: 'test-refused:1' }), task(9002, { sourceKey: 'test-refused:2', partnerId: '00000000-0000-4000-8000-000000000000' })]))
      .catch((e: unknown) => e as { code?: string });
    expect(err).toMatchObject({ code: 'FORBIDDEN' });
    expect(await rowsIn('main', 'test-refused:')).toHaveLength(0);
    expect((await callError(w.backend, 'partners.list', {})).code).toBe('FORBIDDEN');
  });
});
