/**
 * Retention: anonymising his or her record keeps their outcome measures (the figures) but clears
 * the free-text note on each record, which may name them or say what she said in her own words.
 * The anonymising functions are called directly: the route also asks that the record has fallen
 * due under the retention policy, which retention.test.ts covers. When he is anonymised and she is
 * not, her records stay hers, and so does what she said in their notes; only his name goes from
 * them (through the route, with the count in her side's audit chain only).
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { addDays } from '../../../src/shared/dates';
import { anonymiseParticipant, anonymisePartner } from '../../../src/main/features/retention/anonymise';
import { REMOVED } from '../../../src/main/features/retention/scrub';
import { call, tempDir } from '../helpers';
import { world, type World } from '../participants/fixtures';
import { hers, his, man, partnerOf, today } from './fixtures';

let w: World;
let cleanup: () => void;
let him = '';
let other = '';
let her = '';
let named = '';
let herOfNamed = '';
let keptMan = '';
let herOfKept = '';
const NAMES_HIM = 'Bartholomew Outcome came round; Bartholomew shouted and Winifred hid upstairs';
const NAMES_HIM_AFTER = `${REMOVED} came round; ${REMOVED} shouted and Winifred hid upstairs`;
const SAYS_NOTHING_OF_HIM = 'Winifred feels safer at home now';
const NAMES_OTHER = 'Lysander Outcome is calmer, Rosalind says';
const HIS_NOTE = 'Quillanbrook said he is trying hard';
const HER_NOTE = 'Tamsinfield said the lane frightens her';

beforeAll(async () => {
  const t = tempDir();
  cleanup = t.cleanup;
  w = await world(t.dir);
  him = await man(w, 'Quillan', { startedDaysAgo: 200, endedDaysAgo: 100 });
  other = await man(w, 'Other', { startedDaysAgo: 200, endedDaysAgo: 100 });
  her = await partnerOf(w, him, 'Tamsin');
  await w.loginAs('facilitator');
  for (const m of [him, other])
    await call(w.backend, 'outcomes.record', { set: 'participant', participantId: m, point: 'baseline', formVersion: 1, answers: his(2), recordedOn: addDays(today, -195), note: HIS_NOTE });
  await w.loginAs('partner_worker');
  await call(w.backend, 'outcomes.recordPartner', { set: 'partner', partnerId: her, participantId: him, point: 'baseline', formVersion: 1, answers: hers(2, 3, 1), recordedOn: addDays(today, -190), note: HER_NOTE });
  // A second man, whose partner's notes name him, and a third (not anonymised) whose partner's note names him too.
  named = await man(w, 'Bartholomew', { startedDaysAgo: 200, endedDaysAgo: 100 });
  keptMan = await man(w, 'Lysander', { startedDaysAgo: 200, endedDaysAgo: 100 });
  herOfNamed = await partnerOf(w, named, 'Winifred');
  herOfKept = await partnerOf(w, keptMan, 'Rosalind');
  await w.loginAs('partner_worker');
  const herRecord = (partnerId: string, participantId: string, point: string, daysAgo: number, note: string) =>
    call(w.backend, 'outcomes.recordPartner', { set: 'partner', partnerId, participantId, point, formVersion: 1, answers: hers(1, 5, 2), recordedOn: addDays(today, -daysAgo), note });
  await herRecord(herOfNamed, named, 'baseline', 190, NAMES_HIM);
  await herRecord(herOfNamed, named, 'end', 95, SAYS_NOTHING_OF_HIM);
  await herRecord(herOfKept, keptMan, 'baseline', 190, NAMES_OTHER);
}, 120_000);

afterAll(async () => {
  await w.backend.shutdown();
  cleanup();
});

it('clears the notes on his and her outcome records and keeps their answers; another man keeps his', async () => {
  await w.loginAs('manager');
  const db = w.backend.requireDb();
  const answersBefore = await db.selectFrom('outcome_records').select(['participant_id', 'answers', 'status']).orderBy('participant_id').execute();
  const herBefore = await db.selectFrom('partner_outcomes').select(['answers', 'status']).execute();

  const hisCounts = await anonymiseParticipant(db, him, new Date().toISOString());
  expect(hisCounts.counts.outcomeNotes).toBe(1);
  const herCounts = await anonymisePartner(db, her, new Date().toISOString());
  expect(herCounts.outcomeNotes).toBe(1);

  const notes = await db.selectFrom('outcome_records').select(['participant_id', 'note']).execute();
  expect(notes.find((n) => n.participant_id === him)!.note).toBe('');
  expect(notes.find((n) => n.participant_id === other)!.note).toBe(HIS_NOTE);
  expect((await db.selectFrom('partner_outcomes').select('note').where('partner_id', '=', her).executeTakeFirstOrThrow()).note).toBe('');
  // The figures stay.
  expect(await db.selectFrom('outcome_records').select(['participant_id', 'answers', 'status']).orderBy('participant_id').execute()).toEqual(answersBefore);
  expect(await db.selectFrom('partner_outcomes').select(['answers', 'status']).execute()).toEqual(herBefore);
});

it('anonymising him takes his name out of her notes and nothing else of hers; counted in her chain only', async () => {
  await w.loginAs('manager');
  const db = w.backend.requireDb();
  const herBefore = await db.selectFrom('partner_outcomes').select(['id', 'answers', 'status', 'partner_id', 'score_abuse']).orderBy('id').execute();
  const herName = (await db.selectFrom('partners').select('first_name').where('id', '=', herOfNamed).executeTakeFirstOrThrow()).first_name;
  // Past his retention date: he closed long ago (the date moved back for the test).
  // Her side's tasks about him (her outcome points, raised when she was linked to him) go with his, counted in her chain.
  const tasksAbout = async (schema: 'main' | 'partner') =>
    Number((await db.withSchema(schema).selectFrom('tasks').select((eb) => eb.fn.countAll().as('n')).where('participant_id', '=', named).executeTakeFirstOrThrow()).n);
  const hisTasks = await tasksAbout('main');
  const herTasks = await tasksAbout('partner');
  expect(herTasks).toBeGreaterThan(0);
  await db.updateTable('status_history').set({ effective_on: '2008-01-10' }).where('participant_id', '=', named).execute();
  await call(w.backend, 'retention.anonymise', { subject: 'participant', id: named });

  const notes = Object.fromEntries((await db.selectFrom('partner_outcomes').select(['partner_id', 'point', 'note']).execute()).map((r) => [`${r.partner_id} ${r.point}`, r.note]));
  expect(notes[`${herOfNamed} baseline`]).toBe(NAMES_HIM_AFTER);
  expect(notes[`${herOfNamed} end`]).toBe(SAYS_NOTHING_OF_HIM);
  // Another man's partner keeps her note, his name and all.
  expect(notes[`${herOfKept} baseline`]).toBe(NAMES_OTHER);
  // Her record is hers: her name, answers and scores stay.
  expect((await db.selectFrom('partners').select('first_name').where('id', '=', herOfNamed).executeTakeFirstOrThrow()).first_name).toBe(herName);
  expect(await db.selectFrom('partner_outcomes').select(['id', 'answers', 'status', 'partner_id', 'score_abuse']).orderBy('id').execute()).toEqual(herBefore);

  // The count is in her side's chain, with no words of the note; his entry in the programme's chain says nothing of hers.
  const herEntries = await db.withSchema('partner').selectFrom('audit_log').select(['action', 'subject_type', 'subject_id', 'detail']).where('action', '=', 'retention.anonymise').execute();
  expect(herEntries).toHaveLength(1);
  expect(JSON.parse(herEntries[0]!.detail!)).toEqual({ participantId: named, counts: { outcomeNotes: 1, tasks: herTasks } });
  const hisEntries = await db.withSchema('main').selectFrom('audit_log').select(['subject_type', 'subject_id', 'detail']).where('action', '=', 'retention.anonymise').execute();
  expect(hisEntries.map((e) => [e.subject_type, e.subject_id])).toEqual([['participant', named]]);
  expect((JSON.parse(hisEntries[0]!.detail!) as { counts: { tasks: number } }).counts.tasks).toBe(hisTasks);
  expect(JSON.stringify(hisEntries)).not.toMatch(/herSide|partner/);
  const everyEntry = JSON.stringify([...herEntries, ...hisEntries]);
  for (const word of ['Winifred', 'shouted', 'upstairs', 'Bartholomew']) expect(everyEntry).not.toContain(word);
});

it('a session without her file open cannot anonymise him: refused before anything changes', async () => {
  // The programme database as a session without the partner key sees it: her file is not attached.
  await w.loginAs('facilitator');
  const programmeOnly = w.backend.requireDb();
  expect(Number((await sql<{ n: number }>`select count(*) as n from pragma_database_list where name = 'partner'`.execute(programmeOnly)).rows[0]!.n)).toBe(0);
  const before = await programmeOnly.selectFrom('participants').select(['first_name', 'anonymised_at']).where('id', '=', keptMan).executeTakeFirstOrThrow();
  await expect(anonymiseParticipant(programmeOnly, keptMan, new Date().toISOString())).rejects.toMatchObject({ code: 'FORBIDDEN' });
  expect(await programmeOnly.selectFrom('participants').select(['first_name', 'anonymised_at']).where('id', '=', keptMan).executeTakeFirstOrThrow()).toEqual(before);
});

it('deleting him: how many of her side’s records were about him is counted in her chain, never in his', async () => {
  await w.loginAs('manager');
  const db = w.backend.requireDb();
  const count = async (schema: 'main' | 'partner', table: 'tasks' | 'partner_links' | 'partner_outcomes') =>
    Number((await db.withSchema(schema).selectFrom(table).select((eb) => eb.fn.countAll().as('n')).where('participant_id', '=', keptMan).executeTakeFirstOrThrow()).n);
  const hisTasks = await count('main', 'tasks');
  const herTasks = await count('partner', 'tasks');
  expect(herTasks).toBeGreaterThan(0);
  expect(await count('partner', 'partner_links')).toBe(1);
  expect(await count('partner', 'partner_outcomes')).toBe(1);
  await db.updateTable('status_history').set({ effective_on: '2008-01-10' }).where('participant_id', '=', keptMan).execute();
  const { reference } = await db.selectFrom('participants').select('reference').where('id', '=', keptMan).executeTakeFirstOrThrow();
  await call(w.backend, 'retention.delete', { subject: 'participant', id: keptMan, confirmation: reference });

  const his = await db.withSchema('main').selectFrom('audit_log').select(['subject_id', 'detail']).where('action', '=', 'retention.delete').execute();
  expect(his.map((e) => e.subject_id)).toEqual([keptMan]);
  const hisCounts = (JSON.parse(his[0]!.detail!) as { counts: Record<string, number> }).counts;
  expect(Object.keys(hisCounts).filter((k) => k.startsWith('partner'))).toEqual([]);
  expect(hisCounts.tasks ?? 0).toBe(hisTasks);
  const hers = await db.withSchema('partner').selectFrom('audit_log').select(['subject_type', 'subject_id', 'detail']).where('action', '=', 'retention.delete').execute();
  expect(hers).toHaveLength(1);
  expect(hers[0]).toMatchObject({ subject_type: 'partner', subject_id: null });
  expect(JSON.parse(hers[0]!.detail!)).toEqual({
    participantId: keptMan,
    counts: { partner_links: 1, partner_outcomes: 1, tasks: herTasks },
  });
});
