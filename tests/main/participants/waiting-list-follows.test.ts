/**
 * The waiting list follows the assessment: a completed "suitable for group" or
 * "suitable for one-to-one" puts him on the waiting list at once, dated the day
 * of the decision; other decisions leave him "assessed"; a draft changes nothing.
 */
import { describe, expect, it } from 'vitest';
import { addDays } from '../../../src/shared/dates';
import { CURRENT_ASSESSMENT_FORM } from '../../../src/shared/features/assessments';
import type { AssessmentOutcome } from '../../../src/shared/features/participants';
import { call } from '../helpers';
import { referralInput, today, worldForFile } from './fixtures';

const w = worldForFile('facilitator');

async function assessed(decision: AssessmentOutcome, complete = true, lastName = 'Smith') {
  const { id } = await call(w.backend, 'participants.create', referralInput({ lastName, keyWorkerId: null, aliases: [] }));
  await call(w.backend, 'assessments.save', {
    participantId: id,
    formVersion: CURRENT_ASSESSMENT_FORM,
    ratings: {
      acknowledges: { rating: 3, evidence: 'Described the incidents' },
      responsibility: { rating: 2, evidence: 'Some blaming' },
      motivated: { rating: 4, evidence: 'Wants to be a safe father' },
    },
    exclusionFactors: [],
    consentObtained: true,
    decision,
    decisionReason: 'Reason for the decision',
    assessorId: w.accounts.facilitator.id,
    meetingDates: [addDays(today, -12), addDays(today, -5)],
    complete,
  });
  return id;
}

describe('the waiting list follows the assessment', () => {
  it.each(['suitable_group', 'suitable_one_to_one'] as const)('%s puts him on the waiting list at once, from the day of the decision', async (decision) => {
    const id = await assessed(decision, true, `Waiting-${decision}`);
    const record = await call(w.backend, 'participants.get', { id });
    expect(record.header).toMatchObject({ status: 'waiting_list', outcome: decision });
    const row = (await call(w.backend, 'participants.waitingList', {})).find((r) => r.id === id);
    expect(row).toMatchObject({ outcome: decision, waitingSince: addDays(today, -5) });
    // His history says both steps, on the same day: assessed (with the outcome), then on the waiting list.
    const history = record.statusHistory.filter((h) => h.effectiveOn === addDays(today, -5)).map((h) => h.status);
    expect(history).toEqual(expect.arrayContaining(['assessed', 'waiting_list']));
  });

  it.each(['not_suitable', 'deferred'] as const)('%s leaves him assessed, not on the waiting list', async (decision) => {
    const id = await assessed(decision, true, `Not-${decision}`);
    expect((await call(w.backend, 'participants.get', { id })).header.status).toBe('assessed');
    expect((await call(w.backend, 'participants.waitingList', {})).some((r) => r.id === id)).toBe(false);
  });

  it('a draft with a suitable decision does not move him', async () => {
    const id = await assessed('suitable_group', false, 'Draft');
    expect((await call(w.backend, 'participants.get', { id })).header.status).toBe('referred');
  });
});
