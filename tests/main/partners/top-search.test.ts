/**
 * The top search box (issue 16, item 5): for the partner worker and managers it
 * finds partners too (by her name or reference, and by the linked man's name, as
 * the partner list does), through the partner-side route, apart from the
 * participants; for facilitators and administrators nothing it can ask for
 * returns, or hints at, a partner record.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, callError, tempDir } from '../helpers';
import { referralInput, world, type World } from '../participants/fixtures';

let w: World;
let cleanup: () => void;
let man: string;
let partnerId: string;
let herReference: string;

/** What the top box sends as the person types: the participants, and the partners for roles with partner access. */
async function topSearch(q: string, withPartners: boolean) {
  const participants = await call(w.backend, 'participants.search', { q, limit: 12 });
  const partners = withPartners ? await call(w.backend, 'partners.search', { q }) : [];
  return { participants, partners };
}

beforeAll(async () => {
  const t = tempDir();
  cleanup = t.cleanup;
  w = await world(t.dir);
  await w.loginAs('facilitator');
  ({ id: man } = await call(w.backend, 'participants.create', referralInput({ firstName: 'Barnaby', lastName: 'Thistlewood', aliases: [] })));
  await w.loginAs('partner_worker');
  ({ id: partnerId, reference: herReference } = await call(w.backend, 'partners.create', {
    details: { firstName: 'Rosalind', lastName: 'Penhallow', consentToService: true, workerId: w.accounts.partner_worker.id },
    link: { participantId: man, relationship: 'current', from: '2019-01-01', to: '' },
  }));
});
afterAll(async () => {
  await w.backend.shutdown();
  cleanup();
});

describe('the top search box', () => {
  it('finds her for the partner worker and a manager, by her name, her reference and his name, apart from the participants', async () => {
    for (const role of ['partner_worker', 'manager'] as const) {
      await w.loginAs(role);
      for (const q of ['penhallow', 'rosalind pen', herReference]) {
        const found = await topSearch(q, true);
        expect(found.partners.map((p) => p.id), `${role} ${q}`).toEqual([partnerId]);
        expect(found.participants, `${role} ${q}`).toEqual([]);
      }
      // By his name: he is found as a participant, and she as a partner, each in its own list.
      const byHim = await topSearch('thistlewood', true);
      expect(byHim.participants.map((h) => h.id)).toEqual([man]);
      expect(byHim.partners).toMatchObject([{ id: partnerId, name: 'Rosalind Penhallow', links: [{ participantId: man, participantName: 'Barnaby Thistlewood' }] }]);
      expect(JSON.stringify(byHim.participants)).not.toMatch(/penhallow|rosalind|W-/i);
    }
  });

  it('never returns or hints at a partner record for a facilitator', async () => {
    await w.loginAs('facilitator');
    for (const q of ['penhallow', 'rosalind', herReference, 'thistlewood', 'barnaby']) {
      const found = await call(w.backend, 'participants.search', { q, limit: 12 });
      const text = JSON.stringify(found);
      expect(text, q).not.toMatch(/penhallow|rosalind|partner/i);
      expect(text, q).not.toContain(herReference);
      expect(text, q).not.toContain(partnerId);
      // Only participants: the same fields as ever, nothing about her.
      for (const hit of found) expect(Object.keys(hit).sort()).toEqual(['canOpen', 'flags', 'id', 'matchedOn', 'name', 'reference', 'restricted', 'status']);
    }
    expect(await call(w.backend, 'participants.search', { q: 'penhallow', limit: 12 })).toEqual([]);
    expect((await callError(w.backend, 'partners.search', { q: 'penhallow' })).code).toBe('FORBIDDEN');
  });

  it('gives an administrator neither participants nor partners', async () => {
    await w.loginAs('admin');
    expect((await callError(w.backend, 'participants.search', { q: 'thistlewood', limit: 12 })).code).toBe('FORBIDDEN');
    expect((await callError(w.backend, 'partners.search', { q: 'penhallow' })).code).toBe('FORBIDDEN');
  });
});
