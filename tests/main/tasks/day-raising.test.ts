/**
 * The day's tasks are raised once per London day on each side of the partner wall, after the
 * log-in's answer (tasks/new-day.ts, backend.ts raiseDayTasks): never missed (a day nobody logged
 * in, a raising that failed half-way), never repeated, and her side's at the day's first log-in of
 * someone holding the partner key even when the programme side's day was already raised.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { lastRaisedOn } from '../../../src/main/features/tasks/new-day';
import { addDays } from '../../../src/shared/dates';
import { routeDoing } from '../../../src/shared/features/audit-wording';
import { call } from '../helpers';
import { referralInput, today, worldForFile } from '../participants/fixtures';

const w = worldForFile('facilitator');

/** The back end's clock, `days` after the real today (mid-morning UTC, far from midnight in London). */
let clock = Date.parse(`${today}T10:00:00Z`);
const setDay = (days: number) => {
  clock = Date.parse(`${addDays(today, days)}T10:00:00Z`);
  Object.assign(w.backend, { now: () => clock });
};

const keyCount = async (schema: 'main' | 'partner', like: string) =>
  Number((await sql<{ n: number }>`select count(*) as n from ${sql.raw(schema)}.tasks where source_key like ${like}`.execute(w.backend.requireDb())).rows[0]!.n);
const partnerDays = async (day: string) =>
  Number(
    (
      await sql<{ n: number }>`select count(*) as n from partner.audit_log where action = 'tasks.dayRaised' and subject_id = 'day' and json_extract(detail, '$.day') = ${day}`.execute(
        w.backend.requireDb(),
      )
    ).rows[0]!.n,
  );

let man = '';
let partnerId = '';

describe('the day’s tasks', () => {
  it('her side is raised at the first holder’s log-in of the day, after a facilitator raised the programme side, and once only', async () => {
    setDay(0);
    ({ id: man } = await call(w.backend, 'participants.create', referralInput({ firstName: 'Daymond', lastName: 'Raiser' })));
    const r = await call(w.backend, 'participants.get', { id: man });
    await call(w.backend, 'participants.setStatus', { id: man, version: r.version, status: 'active', reason: 'Started by hand for the test', effectiveOn: today });
    await w.loginAs('partner_worker');
    ({ id: partnerId } = await call(w.backend, 'partners.create', {
      details: { firstName: 'Dayla', lastName: 'Raised', consentToService: true, workerId: w.accounts.partner_worker.id },
      link: { participantId: man, relationship: 'current', from: '2019-01-01', to: '' },
    }));
    // Her baseline is due at once: raised by the link itself, not left for tomorrow's raising.
    expect(await keyCount('partner', `partner-outcome:${partnerId}:${man}:baseline`)).toBe(1);
    // His mid-programme point is 91 days after he started: 70 days on it is not yet within 14 days.
    await w.loginAs('facilitator');
    setDay(70);
    await w.loginAs('partner_worker');
    expect(await lastRaisedOn(w.backend.requireDb(), 'partner')).toBe(addDays(today, 70));
    expect(await keyCount('partner', `partner-outcome:${partnerId}:${man}:mid`)).toBe(0);

    // Day 80: the facilitator's log-in raises his; hers waits for someone who holds her key.
    await w.loginAs('facilitator');
    setDay(80);
    await call(w.backend, 'auth.logout', {});
    await w.loginAs('facilitator');
    expect(await keyCount('main', `outcome:${man}:mid`)).toBe(1);
    expect(await lastRaisedOn(w.backend.requireDb(), 'programme')).toBe(addDays(today, 80));
    await w.loginAs('partner_worker');
    // The window's first read after the log-in already finds it: the raising held the connection first.
    const mine = await call(w.backend, 'tasks.list', { scope: 'mine' });
    expect(mine.tasks.filter((t) => t.kind === 'partner_outcome_due' && t.partnerId === partnerId).map((t) => t.title)).toEqual(
      expect.arrayContaining([expect.stringMatching(/mid-programme/i)]),
    );
    expect(await partnerDays(addDays(today, 80))).toBe(1);
    // Her audit log names that entry in words, not as the program's code.
    expect(routeDoing('tasks.dayRaised').did).toBe('Raised the partner service’s tasks for the day');
    // Another holder the same day: her side is not raised again, nothing twice.
    await w.loginAs('manager');
    await w.loginAs('partner_worker');
    expect(await partnerDays(addDays(today, 80))).toBe(1);
    expect(await keyCount('partner', `partner-outcome:${partnerId}:${man}:mid`)).toBe(1);
    expect(await keyCount('main', `outcome:${man}:mid`)).toBe(1);
  });

  it('her side catches up after each holder’s log-in, even on a day already raised: a concern about him raised while the partner side was closed flags her', async () => {
    await w.loginAs('facilitator');
    await call(w.backend, 'safeguarding.raise', { participantId: man, kind: 'child_protection', raisedOn: today, what: 'A concern raised on his side' });
    await w.loginAs('partner_worker');
    expect((await call(w.backend, 'partners.get', { partnerId })).openSafeguarding).toBe(true);
  });

  it('a raising that fails half-way writes nothing and leaves the day to be raised again', async () => {
    // Day 90: a man whose report falls due 20 days on (outside the 14-day warning when he is referred),
    // and a man just started whom she is linked to behind the program's back (no link route ran, so
    // nothing raised her baseline: only her side's day will).
    setDay(90);
    await w.loginAs('facilitator');
    await call(w.backend, 'participants.create', referralInput({ firstName: 'Halfway', lastName: 'Failing' }, { reportDueDate: addDays(today, 110) }));
    const { id: started } = await call(w.backend, 'participants.create', referralInput({ firstName: 'Newly', lastName: 'Started' }));
    const r = await call(w.backend, 'participants.get', { id: started });
    await call(w.backend, 'participants.setStatus', { id: started, version: r.version, status: 'active', reason: 'Started by hand for the test', effectiveOn: today });
    await w.loginAs('partner_worker');
    const db = w.backend.requireDb();
    await sql`insert into partner.partner_links (id, partner_id, participant_id, relationship, from_date, to_date, created_at) values (${randomUUID()}, ${partnerId}, ${started}, 'current', '2019-01-01', '', ${new Date(clock).toISOString()})`.execute(db);
    const report = `report-due:%:${addDays(today, 110)}`;
    const herBaseline = `partner-outcome:${partnerId}:${started}:baseline`;
    expect(await keyCount('main', report)).toBe(0);
    expect(await keyCount('partner', herBaseline)).toBe(0);

    // Day 100, her session still open: each side stops at its task, after other work of its day.
    setDay(100);
    await sql`create temp trigger fail_report before insert on main.tasks when new.source_key like 'report-due:%' begin select raise(abort, 'test: programme side stopped'); end`.execute(db);
    await sql`create temp trigger fail_hers before insert on partner.tasks when new.kind = 'partner_outcome_due' begin select raise(abort, 'test: partner side stopped'); end`.execute(db);
    await w.backend.raiseDayTasks();
    await w.backend.dayTasks;
    expect(await keyCount('main', report)).toBe(0);
    expect(await keyCount('partner', herBaseline)).toBe(0);
    expect(await lastRaisedOn(db, 'programme')).toBe(addDays(today, 90));
    expect(await lastRaisedOn(db, 'partner')).toBe(addDays(today, 90));
    await sql`drop trigger temp.fail_report`.execute(db);
    await sql`drop trigger temp.fail_hers`.execute(db);

    // The next log-in the same day raises both, once.
    await w.loginAs('manager');
    expect(await keyCount('main', report)).toBe(1);
    expect(await keyCount('partner', herBaseline)).toBe(1);
    expect(await lastRaisedOn(w.backend.requireDb(), 'programme')).toBe(addDays(today, 100));
    expect(await lastRaisedOn(w.backend.requireDb(), 'partner')).toBe(addDays(today, 100));
  });

  it('days nobody logged in are not lost: a report due over a month before the next log-in is still raised', async () => {
    await w.loginAs('facilitator');
    await call(w.backend, 'participants.create', referralInput({ firstName: 'Gap', lastName: 'Weeks' }, { reportDueDate: addDays(today, 120) }));
    expect(await keyCount('main', `report-due:%:${addDays(today, 120)}`)).toBe(0);
    await call(w.backend, 'auth.logout', {});
    // Nobody logs in until 35 days after the report was due: past the 30 days the daily window looks back.
    setDay(155);
    await w.loginAs('facilitator');
    expect(await keyCount('main', `report-due:%:${addDays(today, 120)}`)).toBe(1);
  });

});
