/**
 * Form definitions are versioned in code: an assessment filled in on version 1
 * still shows as it was filled in once a version 2 exists. Version 2 here is
 * test-only, added to the definitions for this file and removed afterwards.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { addDays } from '../../../src/shared/dates';
import { assessmentForms, type AssessmentForm } from '../../../src/shared/features/assessments';
import { call, callError, tempDir } from '../helpers';
import { referralInput, today, world, type World } from './fixtures';

let w: World;
let cleanup: () => void;
let id: string;

const v1 = assessmentForms[1]!;
const v2: AssessmentForm = {
  version: 2,
  ratingScale: [
    { value: 0, label: 'No' },
    { value: 1, label: 'Yes' },
  ],
  rated: [
    { key: 'acknowledges', label: 'Names the abuse in his own words', help: '' },
    { key: 'children', label: 'Understands the effect on his children', help: '' },
  ],
  exclusionFactors: [{ key: 'risk_to_group', label: 'A risk to the group' }],
};

beforeAll(async () => {
  assessmentForms[2] = v2;
  const t = tempDir();
  cleanup = t.cleanup;
  w = await world(t.dir);
  await w.loginAs('facilitator');
  ({ id } = await call(w.backend, 'participants.create', referralInput({ aliases: [] })));
});
afterAll(async () => {
  delete assessmentForms[2];
  await w.backend.shutdown();
  cleanup();
});

const base = () => ({ participantId: id, assessorId: w.accounts.facilitator.id, meetingDates: [addDays(today, -2)] });
const v1Answers = {
  acknowledges: { rating: 3, evidence: 'Described the incidents' },
  responsibility: { rating: 2, evidence: 'Blames drink at times' },
  motivated: { rating: 4, evidence: 'Wants to be a safe father' },
};

it('keeps a version 1 assessment as filled in, with its own questions and scale, when version 2 exists', async () => {
  const draft = await call(w.backend, 'assessments.save', { ...base(), formVersion: 1, ratings: { acknowledges: v1Answers.acknowledges } });
  // A draft started on version 1 is finished on version 1, not quietly moved to version 2.
  const moved = await callError(w.backend, 'assessments.save', { ...base(), id: draft.id, version: draft.version, formVersion: 2, ratings: { children: { rating: 1, evidence: 'x' } } });
  expect(moved.fields?.formVersion).toMatch(/version 1/);
  const done = await call(w.backend, 'assessments.save', {
    ...base(),
    id: draft.id,
    version: draft.version,
    formVersion: 1,
    ratings: v1Answers,
    exclusionFactors: ['substance_misuse'],
    consentObtained: true,
    decision: 'suitable_group',
    decisionReason: 'Meets the criteria',
    complete: true,
  });
  expect(done.formVersion).toBe(1);
  // A later assessment on version 2, with its own questions (version 1 questions are refused on it).
  expect((await callError(w.backend, 'assessments.save', { ...base(), formVersion: 2, ratings: { motivated: { rating: 1, evidence: 'x' } } })).fields?.['ratings.motivated']).toBeDefined();
  await call(w.backend, 'assessments.save', { ...base(), formVersion: 2, ratings: { children: { rating: 1, evidence: 'Talks about his son' } } });

  const record = await call(w.backend, 'participants.get', { id });
  const old = record.assessments.find((a) => a.id === done.id)!;
  expect(old.formVersion).toBe(1);
  // Every question of its own version is answered, as it was, and shown with its own labels.
  const form = assessmentForms[old.formVersion]!;
  expect(form).toBe(v1);
  for (const q of form.rated) expect(old.ratings[q.key], q.key).toEqual(v1Answers[q.key as keyof typeof v1Answers]);
  expect(old.exclusionFactors.map((k) => form.exclusionFactors.find((f) => f.key === k)?.label)).toEqual(['Active substance misuse that would prevent groupwork']);
  expect(form.ratingScale.find((s) => s.value === old.ratings.acknowledges!.rating)?.label).toBe('Mostly');
  expect(record.assessments.map((a) => a.formVersion).sort()).toEqual([1, 2]);
});
