/**
 * Issue 13, review finding, decided: who reads which side's safeguarding text.
 * - Programme side (facilitators, managers): write and read concerns about him.
 * - Partner workers: see that a programme-side concern exists (kind, date, status), not its
 *   wording, children or actions; cannot raise, change or log sharing on his side.
 * - Facilitators never see partner-side concerns. Managers see both.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROGRAMME_SIDE_DETAILS } from '../../../src/main/features/safeguarding/service';
import { call, callError, tempDir } from '../helpers';
import { referralInput, today, world, type World } from '../participants/fixtures';

const HIS_SIDE = 'He said in group that he locked his son in the shed';
const HER_SIDE = 'She is staying with her sister at 4 Mill Lane';

let w: World;
let cleanup: () => void;
let man: string;
let partnerId: string;
let hisConcern: string;

beforeAll(async () => {
  const t = tempDir();
  cleanup = t.cleanup;
  w = await world(t.dir);
  await w.loginAs('facilitator');
  ({ id: man } = await call(w.backend, 'participants.create', referralInput({ firstName: 'Sides', lastName: 'Test', aliases: [] })));
  ({ id: hisConcern } = await call(w.backend, 'safeguarding.raise', { participantId: man, kind: 'child_protection', raisedOn: today, what: HIS_SIDE, children: ['Jacob'], actions: { policeInformed: true, policeReference: 'PR-77' } }));
  await w.loginAs('partner_worker');
  ({ id: partnerId } = await call(w.backend, 'partners.create', {
    details: { firstName: 'Anna', lastName: 'Sides', consentToService: true, workerId: w.accounts.partner_worker.id },
    link: { participantId: man, relationship: 'ex', from: '2015-01-01', to: '' },
  }));
  await call(w.backend, 'safeguarding.raise', { partnerId, kind: 'adult_at_risk', raisedOn: today, what: HER_SIDE });
});
afterAll(async () => {
  await w.backend.shutdown();
  cleanup();
});

describe('safeguarding text on each side', () => {
  it('a partner worker sees that a concern about him exists, not its wording', async () => {
    await w.loginAs('partner_worker');
    const his = await call(w.backend, 'safeguarding.list', { participantId: man, status: 'all' });
    expect(his).toHaveLength(1);
    expect(his[0]).toMatchObject({ id: hisConcern, kind: 'child_protection', status: 'open', raisedOn: today, what: PROGRAMME_SIDE_DETAILS, children: [], outcome: '' });
    expect(his[0]!.actions.policeReference).toBe('');
    const everything = await call(w.backend, 'safeguarding.list', { status: 'all' });
    expect(JSON.stringify(everything)).not.toContain('shed');
    expect(JSON.stringify(everything)).not.toContain('Jacob');
    // Her own side she reads in full.
    expect(JSON.stringify(everything)).toContain(HER_SIDE);
  });

  it('a partner worker cannot raise, change or log sharing on his side', async () => {
    await w.loginAs('partner_worker');
    const raise = await callError(w.backend, 'safeguarding.raise', { participantId: man, kind: 'child_protection', raisedOn: today, what: 'Overwritten' });
    expect(raise.code).toBe('FORBIDDEN');
    const update = await callError(w.backend, 'safeguarding.update', { id: hisConcern, version: 1, kind: 'child_protection', raisedOn: today, what: 'Overwritten', status: 'open' });
    expect(update.code).toBe('FORBIDDEN');
    const sharing = await callError(w.backend, 'sharing.record', { participantId: man, what: 'x', agency: 'Police', person: '', sharedOn: today, why: 'y', basis: 'consent', consentId: crypto.randomUUID() });
    expect({ code: sharing.code, fields: sharing.fields }).toEqual({ code: 'FORBIDDEN', fields: undefined });
  });

  it('a facilitator reads his side in full and nothing of hers; a manager reads both', async () => {
    await w.loginAs('facilitator');
    const his = await call(w.backend, 'safeguarding.list', { participantId: man, status: 'all' });
    expect(his[0]).toMatchObject({ what: HIS_SIDE, children: ['Jacob'] });
    expect(JSON.stringify(await call(w.backend, 'safeguarding.list', { status: 'all' }))).not.toContain('Mill Lane');
    expect((await callError(w.backend, 'safeguarding.list', { partnerId, status: 'all' })).code).toBe('FORBIDDEN');
    await w.loginAs('manager');
    const all = JSON.stringify(await call(w.backend, 'safeguarding.list', { status: 'all' }));
    expect(all).toContain(HIS_SIDE);
    expect(all).toContain(HER_SIDE);
  });
});
