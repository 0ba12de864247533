import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, callError, tempDir } from '../helpers';
import { referralInput, world, type World } from '../participants/fixtures';
import { b64, sample } from './fixtures';
import { testToday } from '../test-clock';

let w: World;
let cleanup: () => void;

beforeEach(async () => {
  const t = tempDir();
  cleanup = t.cleanup;
  w = await world(t.dir);
});
afterEach(async () => {
  await w.backend.shutdown();
  cleanup();
});

async function importBoth(ext: 'xlsx' | 'csv') {
  const check = await call(w.backend, 'imports.check', { kind: 'participants', base64: sample(`participants.${ext}`) });
  expect(check.problems).toEqual([]);
  expect(check.rows).toBe(5);
  const result = await call(w.backend, 'imports.run', { kind: 'participants', base64: sample(`participants.${ext}`) });
  expect(result.created).toBe(5);
  return result;
}

describe.each(['xlsx', 'csv'] as const)('importing from .%s', (ext) => {
  it('participants with referrals: opened, found by search, references kept or assigned, status history dated, tasks raised', async () => {
    await importBoth(ext);
    const hits = await call(w.backend, 'participants.search', { q: 'Nowakowski' });
    expect(hits).toHaveLength(1);
    expect(hits[0]!.reference).toBe('P-2025-0101');
    const marek = await call(w.backend, 'participants.get', { id: hits[0]!.id });
    expect(marek.details.dateOfBirth).toBe('1984-06-02');
    expect(marek.details.interpreterNeeded).toBe(true);
    expect(marek.referrals[0]!.receivedOn).toBe('2025-11-03');
    expect(marek.referrals[0]!.source).toBe('probation');
    expect(marek.statusHistory[0]).toMatchObject({ status: 'referred', effectiveOn: '2025-11-03' });
    const rene = (await call(w.backend, 'participants.search', { q: 'Lefèvre' }))[0]!;
    expect(rene.reference).toBe('P-2025-0104');
    const reneRecord = await call(w.backend, 'participants.get', { id: rene.id });
    expect(reneRecord.details.dateOfBirth).toBe('1990-09-29');
    const thomasHit = (await call(w.backend, 'participants.search', { q: 'Whitfield' }))[0]!;
    const thomas = await call(w.backend, 'participants.get', { id: thomasHit.id });
    expect(thomas.referrals[0]!.receivedOn).toBe('2026-05-02');
    expect(thomasHit.reference).toMatch(/^P-\d{4}-\d{4}$/);
    // A reference kept from the file moves the counter on: a new man after it never clashes.
    const jamal = (await call(w.backend, 'participants.search', { q: 'Reeves' }))[0]!;
    expect(jamal.reference).not.toBe('P-2025-0101');
  });

  it('consents, with their dates, on the men already on record', async () => {
    await importBoth(ext);
    const result = await call(w.backend, 'imports.run', { kind: 'consents', base64: sample(`consents.${ext}`) });
    expect(result.created).toBe(3);
    const marek = (await call(w.backend, 'participants.search', { q: 'Nowakowski' }))[0]!;
    const record = await call(w.backend, 'participants.get', { id: marek.id });
    expect(record.consents.map((c) => [c.recipient, c.givenOn]).sort()).toEqual([
      ['partner_service', '2025-11-20'],
      ['probation', '2025-11-20'],
    ]);
    // Tasks as if typed in: the probation consent's review date (20/11/2026) has come, so a review task is raised.
    expect(record.openTasks.map((t) => t.kind)).toContain('consent_expiring');
  });

  it('partners behind the wall: linked to him, readable by partner-side roles only', async () => {
    await importBoth(ext);
    const result = await call(w.backend, 'imports.run', { kind: 'partners', base64: sample(`partners.${ext}`) });
    expect(result.created).toBe(2);
    const marek = (await call(w.backend, 'participants.search', { q: 'Nowakowski' }))[0]!;
    const hers = await call(w.backend, 'partners.forParticipant', { participantId: marek.id });
    expect(hers).toHaveLength(1);
    const partner = await call(w.backend, 'partners.get', { partnerId: hers[0]!.id });
    expect(partner.details.firstName).toBe('Agnieszka');
    expect(partner.links[0]).toMatchObject({ relationship: 'ex', to: '2025-08-01' });
    await w.loginAs('partner_worker');
    expect((await call(w.backend, 'partners.get', { partnerId: hers[0]!.id })).details.lastName).toBe('Nowak');
    await w.loginAs('facilitator');
    expect((await callError(w.backend, 'partners.get', { partnerId: hers[0]!.id })).code).toBe('FORBIDDEN');
    expect((await callError(w.backend, 'imports.run', { kind: 'partners', base64: sample(`partners.${ext}`) })).code).toBe('FORBIDDEN');
    await w.loginAs('admin');
    expect((await callError(w.backend, 'imports.check', { kind: 'partners', base64: sample(`partners.${ext}`) })).code).toBe('FORBIDDEN');
  });
});

describe('the same file twice', () => {
  it('finds every row a duplicate the second time, and imports nothing', async () => {
    await importBoth('xlsx');
    const again = await call(w.backend, 'imports.check', { kind: 'participants', base64: sample('participants.xlsx') });
    expect(new Set(again.problems.map((p) => p.row))).toEqual(new Set([2, 3, 4, 5, 6]));
    expect(again.problems.every((p) => /already on record|duplicate/i.test(p.message))).toBe(true);
    const error = await callError(w.backend, 'imports.run', { kind: 'participants', base64: sample('participants.xlsx') });
    expect(error.message).toMatch(/Nothing was imported/);
    expect((await call(w.backend, 'participants.list', {})).total).toBe(5);
  });
});

describe('mapping and templates', () => {
  it('proposes the mapping from header names, remembers a saved one, and offers a template that imports', async () => {
    const check = await call(w.backend, 'imports.check', { kind: 'participants', base64: sample('participants.xlsx') });
    expect(check.mapping).toMatchObject({ firstName: 'Forename', lastName: 'Surname', dateOfBirth: 'DOB', reference: 'Client ref', receivedOn: 'Referral date' });
    await call(w.backend, 'imports.saveMapping', { kind: 'participants', mapping: { ...check.mapping, phone: null } });
    const again = await call(w.backend, 'imports.check', { kind: 'participants', base64: sample('participants.xlsx') });
    expect(again.mapping.firstName).toBe('Forename');
    const template = await call(w.backend, 'imports.template', { kind: 'participants' });
    const fromTemplate = await call(w.backend, 'imports.check', { kind: 'participants', base64: template.base64 });
    expect(fromTemplate.problems).toEqual([]);
    expect(fromTemplate.preview[0]).toMatchObject({ 'First name': 'Daniel', 'Date of birth': '14/03/1985' });
    for (const kind of ['consents', 'partners'] as const) {
      const t = await call(w.backend, 'imports.template', { kind });
      const c = await call(w.backend, 'imports.check', { kind, base64: t.base64 });
      expect(c.mapping).not.toContain(null);
      expect(c.problems.every((p) => p.row === 2)).toBe(true);
    }
  });

  it('audits the import with counts and the file hash, never values', async () => {
    await importBoth('xlsx');
    const page = await call(w.backend, 'audit.list', { action: 'imports.run' });
    const entry = page.entries.find((e) => e.action === 'imports.run')!;
    expect(entry.detail).toMatchObject({ kind: 'participants', rows: 5, created: 5 });
    expect(JSON.stringify(entry.detail)).toMatch(/"sha256":"[0-9a-f]{64}"/);
    expect(JSON.stringify(entry.detail)).not.toMatch(/Nowakowski|Marek/);
  });
});

describe('references when saved a chunk at a time', () => {
  it('a kept reference is reserved before new ones are given, so a new man never takes it', async () => {
    const year = testToday.slice(0, 4);
    const header = 'Reference;First name;Last name;Date of birth;Referred by;Date referral received;Reason for referral;Route';
    const rows = [`;Aled;Brannigan;01/02/1980;Probation;01/09/2026;Controlling behaviour;Criminal justice`, `P-${year}-0001;Cai;Dunmore;02/03/1981;Probation;01/09/2026;Controlling behaviour;Criminal justice`];
    const base64 = b64(`${header}\n${rows.join('\n')}\n`);
    expect((await call(w.backend, 'imports.run', { kind: 'participants', base64 })).created).toBe(2);
    const refs = Object.fromEntries((await call(w.backend, 'participants.list', {})).rows.map((r) => [r.name, r.reference]));
    expect(refs).toMatchObject({ 'Cai Dunmore': `P-${year}-0001`, 'Aled Brannigan': `P-${year}-0002` });
    // Each man is found by his name and his reference, as when typed in.
    expect((await call(w.backend, 'participants.search', { q: `P-${year}-0002` }))[0]).toMatchObject({ reference: `P-${year}-0002` });
    expect((await call(w.backend, 'participants.search', { q: 'Brannigan' }))).toHaveLength(1);
    // The next referral typed in takes the number after them.
    expect((await call(w.backend, 'participants.create', referralInput())).reference).toBe(`P-${year}-0003`);
  });
});
