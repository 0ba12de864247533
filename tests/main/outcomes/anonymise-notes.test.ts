/**
 * Retention: anonymising his or her record keeps their outcome measures (the figures) but clears
 * the free-text note on each record, which may name them or say what she said in her own words.
 * The anonymising functions are called directly: the route also asks that the record has fallen
 * due under the retention policy, which retention.test.ts covers.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { addDays } from '../../../src/shared/dates';
import { anonymiseParticipant, anonymisePartner } from '../../../src/main/features/retention/anonymise';
import { call, tempDir } from '../helpers';
import { world, type World } from '../participants/fixtures';
import { hers, his, man, partnerOf, today } from './fixtures';

let w: World;
let cleanup: () => void;
let him = '';
let other = '';
let her = '';
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
  expect(hisCounts.outcomeNotes).toBe(1);
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
