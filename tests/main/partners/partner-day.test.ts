/**
 * The partner worker's day (issue 16, item 5): "Find a partner" finds her by
 * his name and reference as well as hers; an empty safety plan is refused,
 * naming the field; the wall still holds for the search.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../../src/shared/dates';
import { safetyPlanSections } from '../../../src/shared/features/partners';
import { call, callError, tempDir } from '../helpers';
import { referralInput, today, world, type World } from '../participants/fixtures';

let w: World;
let cleanup: () => void;
let man: string;
let reference: string;
let partnerId: string;
beforeAll(async () => {
  const t = tempDir();
  cleanup = t.cleanup;
  w = await world(t.dir);
  await w.loginAs('facilitator');
  ({ id: man, reference } = await call(w.backend, 'participants.create', referralInput({ firstName: 'Barnaby', lastName: 'Thistlewood', aliases: [] })));
  await w.loginAs('partner_worker');
  ({ id: partnerId } = await call(w.backend, 'partners.create', {
    details: { firstName: 'Rosalind', lastName: 'Penhallow', consentToService: true, workerId: w.accounts.partner_worker.id },
    link: { participantId: man, relationship: 'current', from: '2019-01-01', to: '' },
  }));
});
afterAll(async () => {
  await w.backend.shutdown();
  cleanup();
});

describe('find a partner', () => {
  it('finds her by her name, and by his name, surname or reference', async () => {
    for (const q of ['penhallow', 'thistlewood', 'barnaby thistle', reference]) {
      expect((await call(w.backend, 'partners.search', { q })).map((p) => p.id), q).toEqual([partnerId]);
    }
  });

  it('is refused to a facilitator and an administrator', async () => {
    for (const role of ['facilitator', 'admin'] as const) {
      await w.loginAs(role);
      expect((await callError(w.backend, 'partners.search', { q: 'thistlewood' })).code).toBe('FORBIDDEN');
    }
    await w.loginAs('partner_worker');
  });
});

describe('the safety plan', () => {
  const empty = Object.fromEntries(safetyPlanSections.map((s) => [s, '']));
  it('an empty plan cannot be saved: the first section says why, and nothing is saved', async () => {
    const err = await callError(w.backend, 'partners.saveSafetyPlan', { partnerId, version: 0, sections: { ...empty, at_home: '   ' }, reviewOn: addDays(today, 30) });
    expect(err.code).toBe('VALIDATION');
    expect(err.fields?.[`sections.${safetyPlanSections[0]}`]).toMatch(/at least one part of the safety plan/);
    expect((await call(w.backend, 'partners.get', { partnerId })).safetyPlan).toBeNull();
  });

  it('a plan with one section written is saved', async () => {
    const plan = await call(w.backend, 'partners.saveSafetyPlan', { partnerId, version: 0, sections: { ...empty, at_home: 'Keep the phone charged by the back door' }, reviewOn: addDays(today, 30) });
    expect(plan.sections.at_home).toBe('Keep the phone charged by the back door');
  });
});

describe("the partner worker's home page", () => {
  it('groups her alerts by the woman, named, newest first, with urgency by rule: an exit is urgent, a start is not', async () => {
    await w.loginAs('facilitator');
    let r = await call(w.backend, 'participants.get', { id: man });
    r = await call(w.backend, 'participants.setStatus', { id: man, version: r.version, status: 'active', reason: 'Started by hand for the test', effectiveOn: today });
    await call(w.backend, 'participants.setStatus', { id: man, version: r.version, status: 'exited', exitReason: 'withdrew', reason: 'Withdrew', effectiveOn: today });
    await w.loginAs('partner_worker');
    const groups = await call(w.backend, 'partners.today', {});
    const hers = groups.filter((g) => g.partnerId === partnerId);
    expect(hers).toHaveLength(1);
    expect(hers[0]).toMatchObject({ name: 'Rosalind Penhallow', urgent: true });
    const lines = hers[0]!.alerts.map((a) => [a.kind, a.urgent, a.count]);
    expect(lines).toEqual([
      ['exit', true, 1],
      ['start', false, 1],
    ]);
    // The exit's date as she reads it: dd/mm/yyyy, never 2026-12-04.
    expect(hers[0]!.alerts[0]!.detail).toBe(`He left the programme on ${today.slice(8, 10)}/${today.slice(5, 7)}/${today.slice(0, 4)}.`);
    // Behind the wall.
    await w.loginAs('facilitator');
    expect((await callError(w.backend, 'partners.today', {})).code).toBe('FORBIDDEN');
    await w.loginAs('partner_worker');
  });
});
