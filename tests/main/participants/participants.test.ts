import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../../src/shared/dates';
import { call, callError, tempDir } from '../helpers';
import { referralInput, today, world, type World } from './fixtures';

let w: World;
let cleanup: () => void;
beforeAll(async () => {
  const t = tempDir();
  cleanup = t.cleanup;
  w = await world(t.dir);
});
afterAll(async () => {
  await w.backend.shutdown();
  cleanup();
});

async function lastAudit(action: string) {
  return w.backend.requireDb().selectFrom('audit_log').selectAll().where('action', '=', action).orderBy('seq', 'desc').limit(1).executeTakeFirst();
}

describe('referral intake and the participant record', () => {
  let id: string;

  it('records a referral, gives a human reference, and audits the fields', async () => {
    await w.loginAs('facilitator');
    const created = await call(w.backend, 'participants.create', referralInput());
    id = created.id;
    expect(created.reference).toMatch(new RegExp(`^P-${today.slice(0, 4)}-\\d{4}$`));
    const audit = await lastAudit('participants.create');
    expect(audit).toMatchObject({ subject_id: id, outcome: 'ok' });
    expect(audit!.detail).toContain('details.firstName');
    expect(audit!.detail).not.toContain('Liam');
  });

  it('shows possible duplicates by name and date of birth, by similar name, and by alias', async () => {
    const same = await call(w.backend, 'participants.findDuplicates', { firstName: 'liam', lastName: 'OBrien', dateOfBirth: '1985-03-14' });
    expect(same[0]).toMatchObject({ id, reasons: expect.arrayContaining(['Same name and date of birth']) });
    const similar = await call(w.backend, 'participants.findDuplicates', { firstName: 'Liam', lastName: "O'Brian", dateOfBirth: '1985-03-14' });
    expect(similar[0]?.reasons).toContain('Similar name and the same date of birth');
    const alias = await call(w.backend, 'participants.findDuplicates', { firstName: 'Zoe', lastName: 'Smith', dateOfBirth: '' });
    expect(alias[0]?.reasons).toContain('One of his aliases matches this name');
    expect(await call(w.backend, 'participants.findDuplicates', { firstName: 'Nobody', lastName: 'Else', dateOfBirth: '1999-01-01' })).toEqual([]);
  });

  it('links a new referral to the existing person instead of creating another', async () => {
    const again = await call(w.backend, 'participants.create', { ...referralInput(), linkToParticipantId: id });
    expect(again.id).toBe(id);
    const record = await call(w.backend, 'participants.get', { id });
    expect(record.referrals).toHaveLength(2);
  });

  it('opens the whole record, and audits the opening', async () => {
    const record = await call(w.backend, 'participants.get', { id });
    expect(record.header).toMatchObject({ name: "Liam O'Brien", status: 'referred' });
    expect(record.details.aliases).toEqual(['Zoë Smith']);
    expect(record.statusHistory[0]).toMatchObject({ status: 'referred' });
    expect(await lastAudit('participants.open')).toMatchObject({ subject_id: id, actor_role: 'facilitator' });
  });

  it('stores long text, emoji, right-to-left scripts, apostrophes and accents exactly', async () => {
    const record = await call(w.backend, 'participants.get', { id });
    const odd = { ...record.details, preferredName: 'Zoë 🙂 ميلاد O’Neil', contactNote: 'x'.repeat(1000) };
    const updated = await call(w.backend, 'participants.updateDetails', { id, version: record.version, details: odd });
    expect(updated.details.preferredName).toBe('Zoë 🙂 ميلاد O’Neil');
    expect(updated.details.contactNote).toHaveLength(1000);
  });

  it('refuses a stale save instead of overwriting someone else’s change', async () => {
    const record = await call(w.backend, 'participants.get', { id });
    await call(w.backend, 'participants.updateDetails', { id, version: record.version, details: { ...record.details, phone: '07700 900001' } });
    const stale = await callError(w.backend, 'participants.updateDetails', { id, version: record.version, details: { ...record.details, phone: '07700 900002' } });
    expect(stale.code).toBe('CONFLICT');
    expect(stale.message).toMatch(/Reload/);
    expect((await call(w.backend, 'participants.get', { id })).details.phone).toBe('07700 900001');
  });

  it('refuses bad dates and missing fields, naming the field, saving nothing', async () => {
    const before = (await call(w.backend, 'participants.list', {})).total;
    const future = await callError(w.backend, 'participants.create', referralInput({ dateOfBirth: addDays(today, 1) }));
    expect(future.fields?.['details.dateOfBirth']).toMatch(/future/);
    const young = await callError(w.backend, 'participants.create', referralInput({ dateOfBirth: addDays(today, -365 * 15) }));
    expect(young.fields?.['details.under18Reason']).toMatch(/under 18/);
    const order = await callError(w.backend, 'participants.create', referralInput({ dateOfBirth: '1990-01-01' }, { receivedOn: '1989-12-31', reportDueDate: '' }));
    expect(order.fields?.['referral.receivedOn']).toMatch(/before his date of birth/);
    const missing = await callError(w.backend, 'participants.create', { details: { firstName: '', lastName: 'X', dateOfBirth: '1990-01-01' }, referral: { source: 'self', route: 'voluntary', receivedOn: today } });
    expect(Object.keys(missing.fields!)).toEqual(expect.arrayContaining(['details.firstName', 'referral.reason']));
    const withReason = await call(w.backend, 'participants.create', referralInput({ firstName: 'Young', lastName: 'Person', dateOfBirth: addDays(today, -365 * 17), under18Reason: 'Agreed with the youth offending team', aliases: [] }));
    expect(withReason.reference).toBeTruthy();
    expect((await call(w.backend, 'participants.list', {})).total).toBe(before + 1);
  });

  it('moves through the pipeline with a dated, attributed timeline, and the waiting list counts days', async () => {
    let record = await call(w.backend, 'participants.get', { id });
    const noReason = await callError(w.backend, 'participants.setStatus', { id, version: record.version, status: 'assessed', outcome: 'not_suitable', effectiveOn: today });
    expect(noReason.fields?.reason).toBeDefined();
    record = await call(w.backend, 'participants.setStatus', { id, version: record.version, status: 'assessed', outcome: 'suitable_group', effectiveOn: today });
    record = await call(w.backend, 'participants.setStatus', { id, version: record.version, status: 'waiting_list', effectiveOn: today });
    expect(record.header).toMatchObject({ status: 'waiting_list', outcome: 'suitable_group' });
    expect(record.statusHistory.map((s) => s.status)).toEqual(['waiting_list', 'assessed', 'referred']);
    expect(record.statusHistory[0]!.changedByName).toBe('Test facilitator');
    const waiting = await call(w.backend, 'participants.waitingList', {});
    const row = waiting.find((r) => r.id === id)!;
    expect(row.daysWaiting).toBe(40);
    const exit = await callError(w.backend, 'participants.setStatus', { id, version: record.version, status: 'exited', effectiveOn: today });
    expect(exit.fields?.exitReason).toBeDefined();
  });

  it('lists with filters and sorting', async () => {
    const list = await call(w.backend, 'participants.list', { status: 'waiting_list', route: 'family_court', sort: 'name' });
    expect(list.rows.map((r) => r.id)).toContain(id);
    expect((await call(w.backend, 'participants.list', { status: 'active' })).rows.map((r) => r.id)).not.toContain(id);
    const bySource = await call(w.backend, 'participants.list', { source: 'family_court_cafcass', sort: 'referred', direction: 'desc' });
    expect(bySource.total).toBeGreaterThanOrEqual(1);
  });

  it('finds him as you type: by alias, without accents, by apostrophe either way, by reference', async () => {
    const record = await call(w.backend, 'participants.get', { id });
    for (const q of ['zoe smi', 'ZOË', 'obrien', "O'Brien", 'brien', 'lia', record.header.reference, record.header.reference.toLowerCase()]) {
      const hits = await call(w.backend, 'participants.search', { q });
      expect(hits.map((h) => h.id), q).toContain(id);
    }
    const alias = (await call(w.backend, 'participants.search', { q: 'smith' })).find((h) => h.id === id)!;
    expect(alias.matchedOn).toBe('alias');
    expect(await call(w.backend, 'participants.search', { q: '   ' })).toEqual([]);
    expect(await call(w.backend, 'participants.search', { q: '"*)(' })).toEqual([]);
  });

  it('finds a man by one letter of his name; case notes only from the third letter', async () => {
    await w.loginAs('manager');
    const created = await call(w.backend, 'participants.create', referralInput({ firstName: 'Quentin', lastName: 'Xylander', aliases: [] }));
    for (const q of ['x', 'X', 'xy', 'q x', 'Q']) {
      const hit = (await call(w.backend, 'participants.search', { q })).find((h) => h.id === created.id);
      expect(hit, q).toMatchObject({ name: expect.stringContaining('Xylander'), matchedOn: 'name', canOpen: true });
    }
    await call(w.backend, 'notes.add', { participantId: created.id, noteType: 'other', occurredOn: today, body: 'He spoke about zqvordle at length.' });
    expect((await call(w.backend, 'participants.search', { q: 'zq' })).map((h) => h.id)).not.toContain(created.id);
    expect((await call(w.backend, 'participants.search', { q: 'zqv' })).find((h) => h.id === created.id)).toMatchObject({ matchedOn: 'note' });
  });
});

describe('permissions', () => {
  it('administrators cannot open case records; partner workers can read but not change them', async () => {
    await w.loginAs('manager');
    const { id } = await call(w.backend, 'participants.create', referralInput({ firstName: 'Perm', lastName: 'Check', aliases: [] }));
    await w.loginAs('admin');
    expect((await callError(w.backend, 'participants.get', { id })).code).toBe('FORBIDDEN');
    expect((await callError(w.backend, 'participants.list', {})).code).toBe('FORBIDDEN');
    expect((await callError(w.backend, 'participants.search', { q: 'perm' })).code).toBe('FORBIDDEN');
    await w.loginAs('partner_worker');
    const record = await call(w.backend, 'participants.get', { id });
    expect(record.canReadNotes).toBe(false);
    expect((await callError(w.backend, 'participants.updateDetails', { id, version: record.version, details: record.details })).code).toBe('FORBIDDEN');
    expect((await callError(w.backend, 'notes.list', { participantId: id })).code).toBe('FORBIDDEN');
    expect((await callError(w.backend, 'participants.restrict', { id, version: record.version, restricted: true })).code).toBe('FORBIDDEN');
    await w.loginAs('facilitator');
    expect((await callError(w.backend, 'participants.restrict', { id, version: record.version, restricted: true })).code).toBe('FORBIDDEN');
    expect((await callError(w.backend, 'notes.history', { id })).code).toBe('FORBIDDEN');
  });
});

describe('restricted records', () => {
  it('opens only for the named staff; others see that it exists, and the attempt is audited', async () => {
    await w.loginAs('manager');
    const { id, reference } = await call(w.backend, 'participants.create', referralInput({ firstName: 'Famous', lastName: 'Footballer', aliases: ['The Striker'], highProfile: true }));
    const opened = await call(w.backend, 'participants.get', { id });
    const record = await call(w.backend, 'participants.restrict', { id, version: opened.version, restricted: true, staffIds: [w.accounts.partner_worker.id] });
    // Changing who is named from a stale screen is refused like any other stale save.
    const stale = await callError(w.backend, 'participants.restrict', { id, version: opened.version, restricted: true, staffIds: [w.accounts.facilitator.id] });
    expect(stale.code).toBe('CONFLICT');
    expect(stale.message).toMatch(/Reload/);
    expect((await call(w.backend, 'participants.get', { id })).accessStaffIds).not.toContain(w.accounts.facilitator.id);
    expect(record.restricted).toBe(true);
    expect(record.accessStaffIds.sort()).toEqual([w.accounts.manager.id, w.accounts.partner_worker.id].sort());
    expect(record.header.flags).toEqual(expect.arrayContaining(['restricted', 'high_profile']));

    await w.loginAs('facilitator');
    const refused = await callError(w.backend, 'participants.get', { id });
    expect(refused.code).toBe('FORBIDDEN');
    expect(refused.message).toMatch(/restricted/);
    const audit = await w.backend.requireDb().selectFrom('audit_log').selectAll().where('action', '=', 'participants.get').where('outcome', '=', 'refused').orderBy('seq', 'desc').executeTakeFirst();
    expect(audit).toMatchObject({ subject_id: id, actor_id: w.accounts.facilitator.id });
    const list = await call(w.backend, 'participants.list', { flag: 'restricted' });
    expect(list.rows.find((r) => r.id === id)).toMatchObject({ name: null, canOpen: false, reference });
    // Search does not reveal who is on a restricted record...
    expect((await call(w.backend, 'participants.search', { q: 'footballer' })).map((h) => h.id)).not.toContain(id);
    expect((await call(w.backend, 'participants.search', { q: 'striker' })).map((h) => h.id)).not.toContain(id);
    // Nor do the first keystrokes (one letter searches names unranked: isShortSearch).
    expect((await call(w.backend, 'participants.search', { q: 'f' })).map((h) => h.id)).not.toContain(id);
    // ...but the reference finds that a restricted record exists.
    expect(await call(w.backend, 'participants.search', { q: reference })).toEqual([expect.objectContaining({ id, name: null, canOpen: false })]);
    expect((await callError(w.backend, 'notes.add', { participantId: id, noteType: 'other', occurredOn: today, body: 'x' })).code).toBe('FORBIDDEN');

    await w.loginAs('partner_worker');
    expect((await call(w.backend, 'participants.get', { id })).header.name).toBe('Famous Footballer');
  });
});
