/**
 * "An open concern flags the participant, the partner and the children
 * everywhere, for every role" (issue 5, part 8): which children on his record
 * and on hers are flagged, matched by name, and that only the fact of the
 * flag crosses the partner wall.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { childKey, flaggedChildren } from '../../../src/shared/features/safeguarding';
import { call, callError, tempDir } from '../helpers';
import { referralInput, today, world, type World } from '../participants/fixtures';

let w: World;
let cleanup: () => void;
let man: string;
let partnerId: string;
let partnerConcern: string;

// Named in the partner-side concern only: must never reach the programme side.
const SECRET_CHILD = 'Zarathustra Hiddenchild';
const SECRET_WHAT = 'She said he locked the children in the car';

const child = (name: string) => ({ name, dateOfBirth: '', livesWith: '' });

beforeAll(async () => {
  const t = tempDir();
  cleanup = t.cleanup;
  w = await world(t.dir);
  await w.loginAs('facilitator');
  ({ id: man } = await call(w.backend, 'participants.create', referralInput({ firstName: 'Flag', lastName: 'Father', aliases: [], children: [child('Tom Smith'), child('Mia')] })));
  await w.loginAs('partner_worker');
  ({ id: partnerId } = await call(w.backend, 'partners.create', {
    details: { firstName: 'Flag', lastName: 'Mother', consentToService: true, workerId: w.accounts.partner_worker.id, children: [child('Mia'), child('Leo')] },
    link: { participantId: man, relationship: 'ex', from: '2015-01-01', to: '' },
  }));
}, 60_000);

afterAll(async () => {
  await w.backend.shutdown();
  cleanup();
});

describe('matching children by name', () => {
  it('trims, folds case and runs of spaces, and names only the record’s own children', () => {
    expect(childKey('  Tom   SMITH ')).toBe('tom smith');
    expect(flaggedChildren(['Tom Smith', 'Mia', 'Leo'], [[' tom smith', 'Someone Else'], ['MIA']])).toEqual(['tom smith', 'mia']);
    expect(flaggedChildren(['Tom'], [['Tommy'], ['']])).toEqual([]);
    expect(flaggedChildren([], [['Mia']])).toEqual([]);
  });
});

describe('children flagged by an open concern', () => {
  it('flags nobody while no concern is open', async () => {
    await w.loginAs('facilitator');
    expect(await call(w.backend, 'safeguarding.childFlags', { participantId: man })).toEqual({ flagged: [] });
    await w.loginAs('partner_worker');
    expect(await call(w.backend, 'safeguarding.childFlags', { partnerId })).toEqual({ flagged: [] });
  });

  it('a concern on her side flags the child on her record and on his, and only the fact crosses the wall', async () => {
    await w.loginAs('partner_worker');
    ({ id: partnerConcern } = await call(w.backend, 'safeguarding.raise', { partnerId, kind: 'child_protection', raisedOn: today, what: SECRET_WHAT, children: ['  mia ', SECRET_CHILD] }));
    expect(await call(w.backend, 'safeguarding.childFlags', { partnerId })).toEqual({ flagged: ['mia'] });

    await w.loginAs('facilitator');
    const result = await w.backend.invoke('safeguarding.childFlags', { participantId: man }, { verified: true });
    expect(result).toEqual({ ok: true, value: { flagged: ['mia'] } });
    const text = JSON.stringify(result).toLowerCase();
    for (const needle of [SECRET_CHILD, 'zarathustra', SECRET_WHAT, 'locked']) expect(text).not.toContain(needle.toLowerCase());
    // Her record's flags are behind the wall.
    expect((await callError(w.backend, 'safeguarding.childFlags', { partnerId })).code).toBe('FORBIDDEN');
    // Nor does the concern itself reach him.
    expect(await call(w.backend, 'safeguarding.list', { participantId: man })).toEqual([]);
  });

  it('a concern on his side flags his child, and hers when she is his child too', async () => {
    await w.loginAs('facilitator');
    await call(w.backend, 'safeguarding.raise', { participantId: man, kind: 'child_protection', raisedOn: today, what: 'Tom said he was scared', children: ['TOM SMITH', 'Leo'] });
    expect((await call(w.backend, 'safeguarding.childFlags', { participantId: man })).flagged.sort()).toEqual(['mia', 'tom smith']);
    await w.loginAs('partner_worker');
    // Tom is not on her record; Leo is, and is named in a concern about the man she is linked to.
    expect((await call(w.backend, 'safeguarding.childFlags', { partnerId })).flagged.sort()).toEqual(['leo', 'mia']);
  });

  it('closing a concern lifts its children’s flags', async () => {
    await w.loginAs('partner_worker');
    const [concern] = (await call(w.backend, 'safeguarding.list', { partnerId })).filter((c) => c.id === partnerConcern);
    await call(w.backend, 'safeguarding.update', { ...concern!, status: 'closed', outcome: 'Children’s services satisfied' });
    expect((await call(w.backend, 'safeguarding.childFlags', { partnerId })).flagged).toEqual(['leo']);
    await w.loginAs('facilitator');
    expect((await call(w.backend, 'safeguarding.childFlags', { participantId: man })).flagged).toEqual(['tom smith']);
  });

  it('follows the restricted-record rule and audits the read as an opening of the record', async () => {
    await w.loginAs('manager');
    const record = await call(w.backend, 'participants.get', { id: man });
    await call(w.backend, 'participants.restrict', { id: man, version: record.version, restricted: true, staffIds: [], reason: 'High profile' });
    expect((await call(w.backend, 'safeguarding.childFlags', { participantId: man })).flagged).toEqual(['tom smith']);
    await w.loginAs('facilitator');
    expect((await callError(w.backend, 'safeguarding.childFlags', { participantId: man })).code).toBe('FORBIDDEN');
    const entries = await w.backend.requireDb().selectFrom('audit_log').selectAll().where('action', '=', 'safeguarding.childFlags').where('subject_id', '=', man).execute();
    expect(entries.some((e) => e.outcome === 'ok' && e.subject_type === 'participant')).toBe(true);
    expect(entries.some((e) => e.outcome === 'refused' && e.actor_role === 'facilitator')).toBe(true);
    expect((await callError(w.backend, 'safeguarding.childFlags', {})).fields?.participantId).toBeDefined();
  });
});
