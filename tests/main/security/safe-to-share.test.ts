/**
 * What a partner worker marks safe to share (DESIGN.md section 4, "The partner wall"):
 * a short summary on a contact-log entry is the only thing of hers that reaches his
 * reports; one that names her or gives her numbers is refused; marking, changing and
 * unmarking are audited by field name. Two families, so one man's report never carries
 * the other man's partner's summary. A small fixture (no demo data) so that mutation
 * testing of safe-to-share.ts runs quickly.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../../src/shared/dates';
import { call, callError, tempDir } from '../helpers';
import { referralInput, today, world, type World } from '../participants/fixtures';

let w: World;
let cleanup: () => void;
let man: string;
let otherMan: string;
let her: string;
let other: string;
const contacts = { older: '', newer: '', otherFamily: '' };

const HER = { first: 'Rosalind', last: 'Fenwick-Ashe', phone: '07700 900 318', safe: '0161 496 0777', email: 'rf@example.org', address: '12 Cobble Yard', code: 'saffron', nameToGive: 'Aunt Jo' };

async function newMan(first: string) {
  return (await call(w.backend, 'participants.create', referralInput({ firstName: first, lastName: 'Share', aliases: [] }))).id;
}

async function newPartner(participantId: string, d: typeof HER) {
  return (
    await call(w.backend, 'partners.create', {
      details: {
        firstName: d.first,
        lastName: d.last,
        phone: d.phone,
        email: d.email,
        address: d.address,
        safeContact: { safeNumber: d.safe, safeTimes: '', messageAllowed: 'no', nameToGive: d.nameToGive, codeWord: d.code, notes: '' },
        consentToService: true,
        workerId: w.accounts.partner_worker.id,
      },
      link: { participantId, relationship: 'current', from: '2019-01-01', to: '' },
    })
  ).id;
}

async function contact(partnerId: string, daysAgo: number, notes: string) {
  const record = await call(w.backend, 'partners.logContact', { partnerId, at: `${addDays(today, -daysAgo)}T11:00:00.000Z`, method: 'phone', outcome: 'spoke', notes });
  return record.contacts.find((c) => c.notes === notes)!.id;
}

async function preview(participantId: string) {
  await w.loginAs('manager');
  const d = await call(w.backend, 'reports.create', { type: 'court_mid', participantId, periodFrom: addDays(today, -200), periodTo: today });
  await w.loginAs('partner_worker');
  return JSON.stringify(d.content);
}

beforeAll(async () => {
  const t = tempDir();
  cleanup = t.cleanup;
  w = await world(t.dir);
  await w.loginAs('manager');
  man = await newMan('First');
  otherMan = await newMan('Second');
  await w.loginAs('partner_worker');
  her = await newPartner(man, HER);
  other = await newPartner(otherMan, { ...HER, first: 'Imelda', last: 'Cartwright', phone: '07700 900 999', safe: '', email: '', address: '4 Other Row', code: 'nutmeg', nameToGive: '' });
  // logged out of order (the newer first), so only the contact's own date can put them in order
  contacts.newer = await contact(her, 10, 'Newer contact: private notes two');
  contacts.older = await contact(her, 30, 'Older contact: private notes one');
  contacts.otherFamily = await contact(other, 20, 'The other family: private notes');
}, 60_000);

afterAll(async () => {
  await w.backend.shutdown();
  cleanup();
});

describe('marking a summary safe to share', () => {
  it.each([
    ['her first name', `${HER.first} says things are calmer`],
    ['her last name, any case', `Ms ${HER.last.toUpperCase()} reports calm handovers`],
    ['her phone number, spaced differently', 'Call her on 077 00 900318 if needed'],
    ['her safe number', 'Safe line 01614960777'],
    ['her email', `Write to RF@EXAMPLE.ORG`],
    ['her address', `Now living at 12 cobble yard`],
    ['her code word', 'Use the word Saffron'],
    ['the name to give', 'Say it is aunt jo calling'],
  ])('refuses a summary with %s, naming the field', async (_what, summary) => {
    const error = await callError(w.backend, 'partners.shareContact', { partnerId: her, contactId: contacts.older, summary });
    expect(error.code).toBe('VALIDATION');
    expect(error.fields?.summary).toMatch(/names her or gives her contact details/);
  });

  it('allows a summary that only shares what she agreed, and puts it in his report, oldest first, without her notes', async () => {
    await call(w.backend, 'partners.shareContact', { partnerId: her, contactId: contacts.newer, summary: 'Second summary: she feels safer at home.' });
    await call(w.backend, 'partners.shareContact', { partnerId: her, contactId: contacts.older, summary: 'First summary: handovers were calm.' });
    const text = await preview(man);
    const first = text.indexOf('First summary: handovers were calm.');
    const second = text.indexOf('Second summary: she feels safer at home.');
    expect(first).toBeGreaterThan(-1);
    expect(second).toBeGreaterThan(first);
    expect(text).not.toContain('private notes');
    expect(text).not.toContain(HER.first);
  });

  it('never puts one man’s partner’s summary in another man’s report', async () => {
    await call(w.backend, 'partners.shareContact', { partnerId: other, contactId: contacts.otherFamily, summary: 'Other family summary: kestrel visits.' });
    expect(await preview(man)).not.toContain('kestrel');
    const theirs = await preview(otherMan);
    expect(theirs).toContain('Other family summary: kestrel visits.');
    expect(theirs).not.toContain('First summary');
  });

  it.each([
    ['a three-letter code word', { codeWord: 'elm' }, 'Meet by the ELM tree'],
    ['an address ending in a number', { address: 'Unit 12' }, 'She moved to unit 12 last month'],
  ])('refuses %s too', async (_what, change, summary) => {
    await w.loginAs('manager');
    const third = await newMan('Third');
    await w.loginAs('partner_worker');
    const d = { first: 'Tamsin', last: 'Oakhurst', phone: '', safe: '', email: '', address: '', code: '', nameToGive: '' };
    const id = await newPartner(third, { ...d, address: (change as { address?: string }).address ?? '', code: (change as { codeWord?: string }).codeWord ?? '' });
    const c = await contact(id, 5, 'Third family notes');
    expect((await callError(w.backend, 'partners.shareContact', { partnerId: id, contactId: c, summary })).fields?.summary).toMatch(/names her/);
    // nothing marked: no section from the partner service in his report at all
    expect(await preview(third)).not.toContain('From the partner support service');
  });

  it('audits marking, then changing, then unmarking, each against her record', async () => {
    const c = await contact(her, 3, 'Audited contact notes');
    const lastOk = async () => {
      await w.loginAs('manager');
      const [entry] = (await call(w.backend, 'audit.list', { pageSize: 20, outcome: 'ok' })).entries.filter((e) => e.action.startsWith('partners.'));
      await w.loginAs('partner_worker');
      return entry;
    };
    const subject = { subjectType: 'partner', subjectId: her };
    await call(w.backend, 'partners.shareContact', { partnerId: her, contactId: c, summary: 'Audited summary.' });
    expect(await lastOk()).toMatchObject({ action: 'partners.shareContact', ...subject, detail: { fields: ['summary'], contactId: c } });
    await call(w.backend, 'partners.shareContact', { partnerId: her, contactId: c, summary: 'Audited summary, changed.' });
    expect(await lastOk()).toMatchObject({ action: 'partners.changeShared', ...subject });
    await call(w.backend, 'partners.unshareContact', { partnerId: her, contactId: c });
    expect(await lastOk()).toMatchObject({ action: 'partners.unshareContact', ...subject, detail: { fields: ['summary'], contactId: c } });
  });

  it('refuses a contact that is not hers, and audits marking, changing and unmarking by field name only', async () => {
    expect((await callError(w.backend, 'partners.shareContact', { partnerId: her, contactId: contacts.otherFamily, summary: 'Mismatched.' })).code).toBe('NOT_FOUND');
    expect((await callError(w.backend, 'partners.unshareContact', { partnerId: her, contactId: contacts.otherFamily })).code).toBe('NOT_FOUND');
    expect((await callError(w.backend, 'partners.shareContact', { partnerId: contacts.older, contactId: contacts.older, summary: 'No such partner.' })).code).toBe('NOT_FOUND');
    await call(w.backend, 'partners.shareContact', { partnerId: her, contactId: contacts.older, summary: 'First summary, reworded.' });
    const record = await call(w.backend, 'partners.unshareContact', { partnerId: her, contactId: contacts.newer });
    expect(record.contacts.find((c) => c.id === contacts.newer)!.safeToShare).toBeNull();
    expect(record.contacts.find((c) => c.id === contacts.older)!.safeToShare).toMatchObject({ summary: 'First summary, reworded.', byName: 'Test partnerworker' });
    const text = await preview(man);
    expect(text).toContain('First summary, reworded.');
    expect(text).not.toContain('Second summary');
    await w.loginAs('manager');
    const entries = (await call(w.backend, 'audit.list', { pageSize: 200, outcome: 'ok' })).entries.filter((e) => e.action.startsWith('partners.') && /[sS]hare/.test(e.action));
    const actions = entries.map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['partners.shareContact', 'partners.changeShared', 'partners.unshareContact']));
    for (const e of entries) {
      expect(JSON.stringify(e.detail)).not.toMatch(/summary:|reworded|handovers/);
      expect(e.detail).toMatchObject({ fields: ['summary'] });
    }
    await w.loginAs('partner_worker');
  });
});
