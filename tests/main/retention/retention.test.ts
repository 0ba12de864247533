/**
 * Retention on the demo organisation's data: the review list, extending,
 * anonymising (figures unchanged, identity gone) and deleting (no trace left
 * in the bytes of the database file or its write-ahead log).
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../../src/main/backend';
import { seedDemo } from '../../../src/main/demo/seed';
import { fundersFigures } from '../../../src/main/features/reports/figures';
import { addDays } from '../../../src/shared/dates';
import { call, callError, newBackend, tempDir } from '../helpers';
import { plaintextPages, traces } from './raw-pages';
import { nowIso } from '../../../src/main/clock';
import { testToday } from '../test-clock';

const today = testToday;
const EVER = { from: '1990-01-01', to: today };
let backend: Backend;
let cleanup: () => void;
let managerId: string;

async function login(username: string, password: string) {
  if (backend.session) await call(backend, 'auth.logout', {});
  await call(backend, 'auth.login', { username, password });
}
const asManager = () => login('manager', 'demo-manager-pass');

/** Gives an active demo man with registers a distinctive identity, a long-closed case and text everywhere that could identify him. */
async function makeSubject(tag: string) {
  const db = backend.requireDb();
  const used = (
    await db.selectFrom('participants').select('reference').where('anonymised_at', 'is', null).execute()
  ).map((r) => r.reference);
  const candidates = await db
    .selectFrom('participants')
    .innerJoin('register_entries', 'register_entries.participant_id', 'participants.id')
    .innerJoin('partner_links', 'partner_links.participant_id', 'participants.id')
    .select(['participants.id'])
    .where('participants.status', '=', 'active')
    .where('participants.reference', 'in', used)
    .groupBy('participants.id')
    .execute();
  const id = candidates[0]!.id;
  const s = {
    first: `Xanthippus${tag}`,
    last: `Quorbleton${tag}`,
    alias: `Zebedee Marchpane${tag}`,
    phone: `07700 9${tag}4321`,
    address: `17 Obscurity${tag} Lane, Hiddenham`,
    dob: '1971-08-23',
    child: `Tobiasina${tag}`,
    note: `Frobnicatious${tag} said his brother Gideon${tag} would vouch`,
    goal: `Wobbleteeth${tag} goal`,
    risk: `Snorkelwhistle${tag} risk reasons`,
    register: `Pantechnicon${tag} register note`,
    referral: `Glimmerquest${tag} referral reason`,
    gp: `Dr Ambervane${tag}`,
    report: `Quintessentially${tag} engaged in the report`,
  };
  let r = await call(backend, 'participants.get', { id });
  r = await call(backend, 'participants.updateDetails', {
    id,
    version: r.version,
    details: {
      ...r.details,
      firstName: s.first,
      lastName: s.last,
      aliases: [s.alias],
      dateOfBirth: s.dob,
      phone: s.phone,
      address: s.address,
      gpName: s.gp,
      children: [{ name: s.child, dateOfBirth: '2012-02-02', livesWith: `Mother at ${s.address}` }],
    },
  });
  await call(backend, 'referrals.update', {
    id: r.referrals[0]!.id,
    version: r.referrals[0]!.version,
    referral: { ...r.referrals[0]!, reason: s.referral, contactName: `Contact ${s.last}`, receivedOn: '2007-05-01', hearingDate: '', reportDueDate: '' },
  });
  await call(backend, 'notes.add', { participantId: id, noteType: 'meeting', occurredOn: '2007-06-01', body: s.note });
  await call(backend, 'goals.add', { participantId: id, kind: 'goal', text: s.goal, setOn: '2007-06-01' });
  await call(backend, 'risk.add', {
    participantId: id,
    level: 'medium',
    reasons: s.risk,
    redFlags: ['separation'],
    assessorId: managerId,
    assessedOn: '2007-06-02',
    nextReviewOn: '2007-09-02',
  });
  // What a facilitator wrote at a session, the register as it was before an edit, and a debrief that names him.
  const session = await db
    .selectFrom('register_entries')
    .select(['session_id', 'data'])
    .where('participant_id', '=', id)
    .executeTakeFirstOrThrow();
  const data = JSON.stringify({ ...JSON.parse(session.data), note: s.register });
  await db
    .updateTable('register_entries')
    .set({ data })
    .where('participant_id', '=', id)
    .where('session_id', '=', session.session_id)
    .execute();
  await db
    .updateTable('sessions')
    .set({ debrief: `${s.first} ${s.last} was quiet tonight.` })
    .where('id', '=', session.session_id)
    .execute();
  await db
    .insertInto('register_history')
    .values({
      id: crypto.randomUUID(),
      session_id: session.session_id,
      version: 99,
      data: JSON.stringify({
        entries: [{ session_id: session.session_id, participant_id: id, attendance: 'present', data }],
        debrief: `${s.first} arrived late`,
      }),
      at: nowIso({ backend }),
      by: null,
    })
    .execute();
  // A report drafted about him, with his name in its free text.
  const draft = await call(backend, 'reports.create', {
    type: 'participant_record',
    participantId: id,
    periodFrom: '2007-01-01',
    periodTo: '2007-12-31',
    recipient: null,
  });
  await call(backend, 'reports.update', {
    id: draft.id,
    version: draft.version,
    periodFrom: '2007-01-01',
    periodTo: '2007-12-31',
    sections: { comments: `${s.report}; ${s.first} ${s.last}` },
  });
  r = await call(backend, 'participants.get', { id });
  // His case ended long ago.
  await call(backend, 'participants.setStatus', {
    id,
    version: r.version,
    status: 'exited',
    exitReason: 'moved_away',
    effectiveOn: '2008-01-10',
  });
  return { id, s, sessionId: session.session_id };
}

const keyOf = () => backend.opened!.key;

beforeAll(async () => {
  const t = tempDir();
  cleanup = t.cleanup;
  backend = await newBackend(t.dir);
  await seedDemo(backend);
  await asManager();
  managerId = backend.session!.staffId;
}, 60_000);
afterAll(async () => {
  await backend.shutdown();
  cleanup();
});

describe('the retention policy', () => {
  it('has defaults a manager or administrator can change, audited by field name', async () => {
    const policy = await call(backend, 'retention.policy', {});
    expect(policy.participantCase).toEqual({ years: 6, yearsWithChildren: 15, yearsWithSafeguarding: 15 });
    await login('admin', 'demo-admin-pass');
    const changed = await call(backend, 'retention.setPolicy', { ...policy, participantReferral: { years: 4 } });
    expect(changed.participantReferral.years).toBe(4);
    const audit = await call(backend, 'audit.list', { action: 'retention.setPolicy' });
    expect(audit.entries[0]!.detail).toEqual({ fields: ['participantReferral.years'] });
    expect((await callError(backend, 'retention.review', {})).code).toBe('FORBIDDEN');
    await login('facilitator', 'demo-facilitator-pass');
    expect((await callError(backend, 'retention.setPolicy', policy)).code).toBe('FORBIDDEN');
    await asManager();
    expect(
      (await callError(backend, 'retention.setPolicy', { ...policy, partner: { ...policy.partner, years: 0 } })).fields,
    ).toHaveProperty(['partner.years']);
  });
});

describe('the review list', () => {
  it('times a referral that did not go ahead from its last change, and hides a restricted name from managers not named on it', async () => {
    const db = backend.requireDb();
    const { id } = await call(backend, 'participants.create', {
      details: { firstName: 'Ignatius', lastName: 'Pendlebury', dateOfBirth: '1980-01-01' },
      referral: { source: 'self', receivedOn: '2012-05-01', reason: 'Self-referral', route: 'voluntary' },
    });
    expect((await call(backend, 'retention.review', {})).due.find((r) => r.id === id)).toBeUndefined();
    await db.updateTable('participants').set({ updated_at: '2012-05-02T09:00:00.000Z' }).where('id', '=', id).execute();
    const row = (await call(backend, 'retention.review', {})).due.find((r) => r.id === id)!;
    expect(row).toMatchObject({
      rule: 'participant_referral',
      closedOn: '2012-05-02',
      keepUntil: '2016-05-02',
      name: 'Ignatius Pendlebury',
    });
    // (4 years: the administrator changed the policy above)
    // Restricted to someone else: the reference shows, the name does not, and only the named staff decide.
    const facilitator = (
      await db.selectFrom('staff').select('id').where('username', '=', 'facilitator').executeTakeFirstOrThrow()
    ).id;
    await db.updateTable('participants').set({ restricted: 1 }).where('id', '=', id).execute();
    await db.insertInto('participant_access').values({ participant_id: id, staff_id: facilitator }).execute();
    expect((await call(backend, 'retention.review', {})).due.find((r) => r.id === id)!.name).toBe('Restricted record');
    expect((await callError(backend, 'retention.anonymise', { subject: 'participant', id })).code).toBe('FORBIDDEN');
    expect(
      (await callError(backend, 'subjectAccess.log', { participantId: id, receivedOn: today, channel: 'letter' })).code,
    ).toBe('FORBIDDEN');
  });
});

describe('anonymising', () => {
  let subject: Awaited<ReturnType<typeof makeSubject>>;
  beforeAll(async () => {
    subject = await makeSubject('A');
  });

  it('lists a case past its date with the longer period for children, and lets a manager extend it', async () => {
    const review = await call(backend, 'retention.review', {});
    const row = review.due.find((r) => r.id === subject.id)!;
    expect(row).toMatchObject({
      subject: 'participant',
      rule: 'participant_case',
      closedOn: '2008-01-10',
      keepUntil: '2023-01-10',
    });
    expect(row.longerBecause).toContain('Children were involved');
    // Nothing on the programme now is listed.
    expect(review.due.every((r) => r.closedOn < today)).toBe(true);
    await call(backend, 'retention.extend', {
      subject: 'participant',
      id: subject.id,
      keepUntil: addDays(today, 30),
      reason: 'Family court proceedings still open',
    });
    expect((await call(backend, 'retention.review', {})).due.find((r) => r.id === subject.id)).toBeUndefined();
    expect((await callError(backend, 'retention.anonymise', { subject: 'participant', id: subject.id })).code).toBe(
      'CONFLICT',
    );
    // The extension is over (the date moved back for the test): due again.
    await backend
      .requireDb()
      .updateTable('retention_holds')
      .set({ keep_until: addDays(today, -1) })
      .where('record_id', '=', subject.id)
      .execute();
    expect((await call(backend, 'retention.review', {})).due.find((r) => r.id === subject.id)).toBeDefined();
  });

  it("keeps the funders' figures exactly the same and removes every identifying field", async () => {
    const before = await fundersFigures(backend.requireDb(), EVER);
    const beforeYear = await fundersFigures(backend.requireDb(), { from: addDays(today, -365), to: today });
    const outcome = await call(backend, 'retention.anonymise', { subject: 'participant', id: subject.id });
    expect(outcome.backupNote).toMatch(/Backups made before today still hold/);
    expect(await fundersFigures(backend.requireDb(), EVER)).toEqual(before);
    expect(await fundersFigures(backend.requireDb(), { from: addDays(today, -365), to: today })).toEqual(beforeYear);

    const record = await call(backend, 'participants.get', { id: subject.id });
    const everything = JSON.stringify(record);
    for (const value of Object.values(subject.s)) expect(everything).not.toContain(value);
    expect(record.header.name).toBe('Anonymised record');
    expect(record.header.reference).toMatch(/^A-\d{4}-[0-9A-F]{6}$/);
    expect(record.details).toMatchObject({
      dateOfBirth: '1971-01-01',
      phone: '',
      address: '',
      aliases: [],
      gpName: '',
    });
    expect(record.details.children).toEqual([{ name: 'Child 1', dateOfBirth: '2012-01-01', livesWith: '' }]);
    // What the figures count is still there.
    expect(record.header.status).toBe('exited');
    expect(record.risk.find((x) => x.assessedOn === '2007-06-02')).toMatchObject({
      level: 'medium',
      reasons: '[removed]',
    });
    expect(record.risk.every((x) => x.reasons === '[removed]')).toBe(true);
    expect((await call(backend, 'participants.search', { q: subject.s.last })).length).toBe(0);
    const notes = await call(backend, 'notes.list', { participantId: subject.id });
    expect(JSON.stringify(notes)).not.toContain(subject.s.note);

    // Nowhere in the database: not in other tables, the search indexes, the audit log, or freed space.
    const distinctive = Object.values(subject.s).filter((v) => v !== subject.s.dob);
    const raw = plaintextPages(backend.databaseFile, keyOf());
    expect(traces(Buffer.concat([raw.main, raw.wal]), distinctive)).toEqual([]);
    const audit = await call(backend, 'audit.list', { action: 'retention.anonymise' });
    expect(audit.entries[0]).toMatchObject({ subjectId: subject.id, detail: { rule: 'participant_case' } });
  });

  it('falls due for his partner once he has closed and her last contact is long past; anonymising her keeps the contact figures', async () => {
    const db = backend.requireDb();
    const partnerId = (
      await db
        .selectFrom('partner_links')
        .select('partner_id')
        .where('participant_id', '=', subject.id)
        .executeTakeFirstOrThrow()
    ).partner_id;
    // Her record names nobody else still on the programme, and everything on it is old.
    await db
      .deleteFrom('partner_links')
      .where('partner_id', '=', partnerId)
      .where('participant_id', '!=', subject.id)
      .execute();
    let partner = await call(backend, 'partners.get', { partnerId });
    const her = { first: 'Ottoline', last: 'Fennimorely', phone: '07700 955512', safe: 'Cressidawood' };
    partner = await call(backend, 'partners.update', {
      id: partnerId,
      version: partner.version,
      details: {
        ...partner.details,
        firstName: her.first,
        lastName: her.last,
        phone: her.phone,
        safeContact: { ...partner.details.safeContact, codeWord: her.safe },
      },
    });
    await db
      .updateTable('partners')
      .set({ updated_at: '2009-01-01T00:00:00.000Z' })
      .where('id', '=', partnerId)
      .execute();
    await db
      .updateTable('partner_contacts')
      .set({ at: '2008-12-01T10:00:00.000Z' })
      .where('partner_id', '=', partnerId)
      .execute();
    await db
      .updateTable('partner_checklists')
      .set({ created_at: '2008-12-01T10:00:00.000Z' })
      .where('partner_id', '=', partnerId)
      .execute();
    await db
      .updateTable('safety_plans')
      .set({ updated_at: '2008-12-01T10:00:00.000Z' })
      .where('partner_id', '=', partnerId)
      .execute();
    await db
      .updateTable('marac_referrals')
      .set({ referred_on: '2008-12-01' })
      .where('partner_id', '=', partnerId)
      .execute();
    const row = (await call(backend, 'retention.review', {})).due.find((r) => r.id === partnerId)!;
    expect(row).toMatchObject({ subject: 'partner', rule: 'partner', closedOn: '2009-01-01' });

    const before = await fundersFigures(db, EVER);
    await call(backend, 'retention.anonymise', { subject: 'partner', id: partnerId });
    expect(await fundersFigures(db, EVER)).toEqual(before);
    const after = await call(backend, 'partners.get', { partnerId });
    expect(JSON.stringify(after)).not.toMatch(new RegExp(Object.values(her).join('|')));
    expect(after.contactStatus).toBe(partner.contactStatus);
    const raw = plaintextPages(backend.databaseFile, keyOf());
    expect(traces(Buffer.concat([raw.main, raw.wal]), Object.values(her))).toEqual([]);
  });

  it('refuses to anonymise again, and is not listed any more', async () => {
    expect((await callError(backend, 'retention.anonymise', { subject: 'participant', id: subject.id })).code).toBe(
      'CONFLICT',
    );
    expect((await call(backend, 'retention.review', {})).due.find((r) => r.id === subject.id)).toBeUndefined();
  });
});

describe('deleting', () => {
  it('needs the reference typed, and then leaves no trace in the database file or its log', async () => {
    const subject = await makeSubject('D');
    const distinctive = Object.values(subject.s).filter((v) => v !== subject.s.dob);
    // His partner's worker answered the alert his exit raised: her contact log stays, his task goes.
    const alert = await backend
      .requireDb()
      .selectFrom('tasks')
      .select(['id', 'partner_id'])
      .where('participant_id', '=', subject.id)
      .where('kind', '=', 'partner_alert')
      .where('partner_id', 'is not', null)
      .executeTakeFirstOrThrow();
    await login('partner', 'demo-partner-pass');
    await call(backend, 'partners.logContact', {
      partnerId: alert.partner_id!,
      at: nowIso({ backend }),
      method: 'phone',
      outcome: 'no_answer',
      alertTaskId: alert.id,
    });
    await asManager();
    // The check can see them before: the pages really are decrypted.
    await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(backend.requireDb());
    const before = plaintextPages(backend.databaseFile, keyOf());
    expect(traces(Buffer.concat([before.main, before.wal]), distinctive).length).toBeGreaterThan(5);

    const reference = (await call(backend, 'participants.get', { id: subject.id })).header.reference;
    const wrong = await callError(backend, 'retention.delete', {
      subject: 'participant',
      id: subject.id,
      confirmation: 'P-0000-0000',
    });
    expect(wrong).toMatchObject({ code: 'VALIDATION', fields: { confirmation: expect.stringContaining(reference) } });
    const outcome = await call(backend, 'retention.delete', {
      subject: 'participant',
      id: subject.id,
      confirmation: reference.toLowerCase(),
    });
    expect(outcome).toMatchObject({
      action: 'deleted',
      backupNote: expect.stringMatching(/Backups made before today/),
    });

    const raw = plaintextPages(backend.databaseFile, keyOf());
    expect(raw.walBytes).toBe(0);
    expect(traces(Buffer.concat([raw.main, raw.wal]), distinctive)).toEqual([]);
    const db = backend.requireDb();
    expect(await db.selectFrom('participants').select('id').where('id', '=', subject.id).execute()).toEqual([]);
    for (const table of [
      'register_entries',
      'partner_links',
      'case_notes',
      'referrals',
      'status_history',
      'tasks',
      'enrolments',
    ] as const) {
      expect(
        await db.selectFrom(table).select('participant_id').where('participant_id', '=', subject.id).execute(),
      ).toEqual([]);
    }
    const history = await db
      .selectFrom('register_history')
      .select('data')
      .where('session_id', '=', subject.sessionId)
      .execute();
    expect(history.every((h) => !h.data.includes(subject.id))).toBe(true);
    // Her contact about his alert is still in her log, no longer tied to his deleted task.
    const herContacts = await db.selectFrom('partner_contacts').select('alert_task_id').where('partner_id', '=', alert.partner_id!).execute();
    expect(herContacts.length).toBeGreaterThan(0);
    expect(herContacts.every((c) => c.alert_task_id === null)).toBe(true);
    expect(await call(backend, 'participants.search', { q: subject.s.last })).toEqual([]);
    // The database is sound afterwards.
    expect((await sql<{ foreign_key_check: unknown }>`PRAGMA foreign_key_check`.execute(db)).rows).toEqual([]);
    expect((await sql<{ integrity_check: string }>`PRAGMA integrity_check`.execute(db)).rows[0]!.integrity_check).toBe(
      'ok',
    );
    const audit = await call(backend, 'audit.list', { action: 'retention.delete' });
    expect(audit.entries[0]).toMatchObject({ subjectId: subject.id, outcome: 'ok' });
  });

  it("removes every draft about the erased man, whoever typed it, and keeps drafts about others", async () => {
    const subject = await makeSubject('E');
    const db = backend.requireDb();
    const note = await db.selectFrom('case_notes').select('id').where('participant_id', '=', subject.id).executeTakeFirstOrThrow();
    const other = await db.selectFrom('participants').select('id').where('id', '!=', subject.id).executeTakeFirstOrThrow();
    await login('facilitator', 'demo-facilitator-pass');
    await call(backend, 'drafts.save', { kind: 'case-note', about: subject.id, field: 'text', text: 'He said at the handover that he was angry.' });
    await call(backend, 'drafts.save', { kind: 'case-note', about: other.id, field: 'text', text: 'Another man, kept.' });
    await asManager();
    await call(backend, 'drafts.save', { kind: 'case-note', about: `note-${note.id}`, field: 'text', text: 'An edit to his note.' });
    await call(backend, 'drafts.save', { kind: 'assessment-evidence', about: subject.id, field: 'text', text: 'His assessment.' });
    await call(backend, 'drafts.save', { kind: 'case-note', about: other.id, field: 'text', text: 'Another man, kept too.' });
    const about = async (id: string) =>
      // Read through the session's connection of the moment: logging out and in opens a new one.
      (await backend.requireDb().selectFrom('drafts').select('place').execute()).filter((d) => d.place.split(':')[1] === id || (id === subject.id && d.place.split(':')[1] === `note-${note.id}`)).length;
    // Two authors: the facilitator's about his record, the manager's about his note and his assessment.
    expect(await about(subject.id)).toBe(3);
    const othersBefore = await about(other.id);
    expect(othersBefore).toBe(2);

    const reference = (await call(backend, 'participants.get', { id: subject.id })).header.reference;
    await call(backend, 'retention.delete', { subject: 'participant', id: subject.id, confirmation: reference });
    expect(await about(subject.id)).toBe(0);
    expect(await about(other.id)).toBe(othersBefore);
  });

  it("removes every draft about an erased partner from the partner file, whoever typed it, and keeps drafts about others", async () => {
    const subject = await makeSubject('G');
    let db = backend.requireDb();
    const partnerId = (await db.selectFrom('partner_links').select('partner_id').where('participant_id', '=', subject.id).executeTakeFirstOrThrow()).partner_id;
    const otherPartner = (await db.selectFrom('partners').select('id').where('id', '!=', partnerId).executeTakeFirstOrThrow()).id;
    // Her record is due: it names no man any more, and everything on it is old.
    await db.deleteFrom('partner_links').where('partner_id', '=', partnerId).execute();
    await db.updateTable('partners').set({ updated_at: '2009-01-01T00:00:00.000Z' }).where('id', '=', partnerId).execute();
    await db.updateTable('partner_contacts').set({ at: '2008-12-01T10:00:00.000Z' }).where('partner_id', '=', partnerId).execute();
    await db.updateTable('partner_checklists').set({ created_at: '2008-12-01T10:00:00.000Z' }).where('partner_id', '=', partnerId).execute();
    await db.updateTable('safety_plans').set({ updated_at: '2008-12-01T10:00:00.000Z' }).where('partner_id', '=', partnerId).execute();
    await db.updateTable('marac_referrals').set({ referred_on: '2008-12-01' }).where('partner_id', '=', partnerId).execute();
    // Contact notes typed about her and not saved: by her partner worker and by the manager; and one about another woman.
    await login('partner', 'demo-partner-pass');
    await call(backend, 'drafts.save', { kind: 'contact-note', about: partnerId, field: 'notes', text: 'She said he came to the house.' });
    await call(backend, 'drafts.save', { kind: 'contact-note', about: otherPartner, field: 'notes', text: 'Another woman, kept.' });
    await asManager();
    await call(backend, 'drafts.save', { kind: 'contact-note', about: partnerId, field: 'notes', text: 'Her new address.' });
    db = backend.requireDb();
    // Her side's drafts live in the partner file (partner upgrade 4), none in the programme database.
    const about = async (id: string, schema: 'partner' | 'main') =>
      (await backend.requireDb().withSchema(schema).selectFrom('drafts').select('place').execute()).filter((d) => d.place.split(':')[1] === id).length;
    expect(await about(partnerId, 'partner')).toBe(2);
    expect(await about(partnerId, 'main')).toBe(0);
    const othersBefore = await about(otherPartner, 'partner');
    expect(othersBefore).toBeGreaterThanOrEqual(1);

    const row = (await call(backend, 'retention.review', {})).due.find((r) => r.id === partnerId)!;
    expect(row).toMatchObject({ subject: 'partner' });
    await call(backend, 'retention.delete', { subject: 'partner', id: partnerId, confirmation: row.reference });
    expect(await db.selectFrom('partners').select('id').where('id', '=', partnerId).execute()).toEqual([]);
    expect(await about(partnerId, 'partner')).toBe(0);
    expect(await about(otherPartner, 'partner')).toBe(othersBefore);
    const audit = await call(backend, 'audit.list', { action: 'retention.delete' });
    expect(audit.entries[0]).toMatchObject({ subjectId: partnerId, detail: { counts: { drafts: 2 } } });
  });

  it('runs with secure delete on', async () => {
    const rows = (await sql<{ secure_delete: number }>`PRAGMA secure_delete`.execute(backend.requireDb())).rows;
    expect(Number(rows[0]!.secure_delete)).toBe(1);
  });
});
