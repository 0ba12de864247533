/**
 * The organisation-wide information-sharing log (issue 5, part 9): every
 * disclosure across records, its filters and paging, the partner wall, the
 * restricted-record rule, the CSV export and the audit of each read.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharingLog } from '../../../src/main/features/safeguarding/sharing-log';
import type { ServiceContext, Session } from '../../../src/main/ipc/context';
import { addDays } from '../../../src/shared/dates';
import type { Role } from '../../../src/shared/permissions';
import { addStaff, call, callError, switchTo, tempDir } from '../helpers';
import { referralInput, today, world, type World } from '../participants/fixtures';

let w: World;
let cleanup: () => void;
let open: string;
let locked: string;
let partnerId: string;
let lockedReference: string;
let manager2 = { username: 'manager2', password: '' };

const LOCKED_NAME = { first: 'Ozymandias', last: 'Restrictedman' };
const LOCKED_REASON = 'Threat to the court welfare officer';
const HER = { first: 'Henrietta', last: 'Wallflower' };

/** loginAs('manager') does nothing while the second manager is logged in (same role), so switch by name. */
const asManager = async () => {
  if (w.backend.session?.username === w.accounts.manager.username) return;
  if (w.backend.session) await call(w.backend, 'auth.logout', {});
  await call(w.backend, 'auth.login', { username: w.accounts.manager.username, password: w.accounts.manager.password });
};
const asManager2 = async () => {
  if (w.backend.session) await call(w.backend, 'auth.logout', {});
  await call(w.backend, 'auth.login', { username: manager2.username, password: manager2.password });
};

beforeAll(async () => {
  const t = tempDir();
  cleanup = t.cleanup;
  w = await world(t.dir);
  // A second manager, to restrict a record the first is not named on.
  await w.loginAs('admin');
  const created = await addStaff(w.backend, 'manager2', 'manager');
  await call(w.backend, 'auth.logout', {});
  manager2 = { username: 'manager2', password: await switchTo(w.backend, 'manager2', created.temporaryPassword, 'second long password') };
  // Partner access is sealed to her by a manager who holds the partner key (issue 13), never by the administrator alone.
  await asManager();
  await call(w.backend, 'staff.grantPartnerAccess', { id: created.staff.id });

  await w.loginAs('facilitator');
  ({ id: open } = await call(w.backend, 'participants.create', referralInput({ firstName: 'Open', lastName: 'Record', aliases: [] })));
  ({ id: locked } = await call(w.backend, 'participants.create', referralInput({ firstName: LOCKED_NAME.first, lastName: LOCKED_NAME.last, aliases: [] })));
  const consent = await call(w.backend, 'consents.add', { participantId: open, recipient: 'probation', purpose: 'Progress reports', confidentialityExplained: true, howGiven: 'signed', givenOn: addDays(today, -60), reviewOn: addDays(today, 300) });
  // 24 disclosures about him under his consent, one a day going back, to page through.
  for (let i = 0; i < 24; i++) {
    await call(w.backend, 'sharing.record', { participantId: open, what: `Attendance summary ${i}`, agency: i % 3 === 0 ? 'Probation North' : 'Cafcass', person: 'J. Officer', sharedOn: addDays(today, -i), why: 'Monthly update', basis: 'consent', consentId: consent.id });
  }

  await w.loginAs('partner_worker');
  ({ id: partnerId } = await call(w.backend, 'partners.create', {
    details: { firstName: HER.first, lastName: HER.last, consentToService: true, consentToSharing: true, workerId: w.accounts.partner_worker.id },
    link: { participantId: open, relationship: 'ex', from: '2015-01-01', to: '' },
  }));
  await call(w.backend, 'sharing.record', { partnerId, what: 'Her safety plan, the parts about school', agency: 'St Hilda’s School', person: 'Head teacher', sharedOn: addDays(today, -2), why: 'Collection arrangements', basis: 'consent' });

  await asManager();
  await call(w.backend, 'sharing.record', { partnerId, what: 'Her new address', agency: 'Housing', sharedOn: addDays(today, -1), why: 'Emergency rehousing', basis: 'without_consent', decisionReason: 'Risk to life' });
  // A child-protection referral, logged by the program.
  await call(w.backend, 'safeguarding.raise', { participantId: open, kind: 'child_protection', raisedOn: today, what: 'Son said he was hit', children: ['Son'], actions: { childrensServicesReferral: true, childrensServicesReference: 'CS-9' } });

  // His record restricted to the second manager and the facilitator; the first manager is not named.
  await asManager2();
  const record = await call(w.backend, 'participants.get', { id: locked });
  lockedReference = record.header.reference;
  await call(w.backend, 'participants.restrict', { id: locked, version: record.version, restricted: true, staffIds: [w.accounts.facilitator.id], reason: 'High profile' });
  await call(w.backend, 'sharing.record', { participantId: locked, what: `${LOCKED_NAME.first}'s risk assessment`, agency: '=HYPERLINK("http://x")', sharedOn: addDays(today, -3), why: `${LOCKED_NAME.last} threatened staff`, basis: 'without_consent', decisionReason: LOCKED_REASON });
  await asManager();
}, 60_000);

afterAll(async () => {
  await w.backend.shutdown();
  cleanup();
});

describe('the organisation-wide log', () => {
  it('lists every disclosure across records and both sides, newest first, with who, why and the basis', async () => {
    const page = await call(w.backend, 'sharing.log', { pageSize: 200 });
    // 24 under consent, 2 about her, 1 child-protection referral, 1 on the restricted record.
    expect(page.total).toBe(28);
    expect(page.entries.map((e) => e.sharedOn)).toEqual([...page.entries.map((e) => e.sharedOn)].sort().reverse());
    const hers = page.entries.filter((e) => e.side === 'partner');
    expect(hers).toHaveLength(2);
    expect(hers.find((e) => e.basis === 'without_consent')).toMatchObject({ agency: 'Housing', decisionReason: 'Risk to life', decidedByName: 'Test manager', subjectName: `${HER.first} ${HER.last}`, partnerId });
    expect(hers[0]!.subjectReference).toMatch(/^W-/);
    const consented = page.entries.find((e) => e.what === 'Attendance summary 0')!;
    expect(consented).toMatchObject({ side: 'participant', participantId: open, subjectName: 'Open Record', person: 'J. Officer', recordedByName: 'Test facilitator', withheld: false, consentText: 'Probation: Progress reports' });
    expect(consented.subjectReference).toMatch(/^P-/);
    expect(page.entries.find((e) => e.basis === 'child_protection')).toMatchObject({ automatic: true, agency: "Children's services", recordedByName: 'Test manager' });
  });

  it('filters by date range, basis, agency (any case, part of the name) and side, and pages', async () => {
    const range = await call(w.backend, 'sharing.log', { from: addDays(today, -5), to: addDays(today, -1), pageSize: 200 });
    expect(range.entries.every((e) => e.sharedOn >= addDays(today, -5) && e.sharedOn <= addDays(today, -1))).toBe(true);
    // Five of his (days 1 to 5), two of hers (days 1 and 2), the restricted one (day 3).
    expect(range.total).toBe(8);
    const without = await call(w.backend, 'sharing.log', { basis: 'without_consent' });
    expect(without.entries.map((e) => e.agency).sort()).toEqual(['=HYPERLINK("http://x")', 'Housing']);
    expect((await call(w.backend, 'sharing.log', { agency: 'probation n' })).total).toBe(8);
    expect((await call(w.backend, 'sharing.log', { agency: '%' })).total).toBe(0);
    expect((await call(w.backend, 'sharing.log', { side: 'partner' })).entries.every((e) => e.side === 'partner')).toBe(true);

    const first = await call(w.backend, 'sharing.log', { pageSize: 10 });
    const third = await call(w.backend, 'sharing.log', { pageSize: 10, page: 3 });
    expect([first.total, first.entries.length, third.page, third.entries.length]).toEqual([28, 10, 3, 8]);
    const all = await call(w.backend, 'sharing.log', { pageSize: 200 });
    expect(third.entries.map((e) => e.id)).toEqual(all.entries.slice(20).map((e) => e.id));

    expect((await callError(w.backend, 'sharing.log', { from: today, to: addDays(today, -1) })).fields?.to).toBeDefined();
    expect((await callError(w.backend, 'sharing.log', { basis: 'whatever' })).fields?.basis).toBeDefined();
  });

  it('shows a restricted man’s entry to a manager not named on it without his name, nor what or why', async () => {
    const entry = (await call(w.backend, 'sharing.log', { agency: 'hyperlink' })).entries[0]!;
    expect(entry).toMatchObject({ participantId: locked, subjectReference: lockedReference, subjectName: null, withheld: true, what: '', why: '', decisionReason: '', basis: 'without_consent', decidedByName: 'Test manager2' });
    const text = JSON.stringify(await call(w.backend, 'sharing.log', { pageSize: 200 }));
    for (const needle of [LOCKED_NAME.first, LOCKED_NAME.last, LOCKED_REASON]) expect(text).not.toContain(needle);
    // The manager named on his record sees it all.
    await asManager2();
    const named = (await call(w.backend, 'sharing.log', { agency: 'hyperlink' })).entries[0]!;
    expect(named).toMatchObject({ subjectName: `${LOCKED_NAME.first} ${LOCKED_NAME.last}`, withheld: false, decisionReason: LOCKED_REASON });
    await asManager();
  });

  it('is for managers: other roles are refused, and the refusal is audited', async () => {
    for (const role of ['facilitator', 'partner_worker', 'admin'] as Role[]) {
      await w.loginAs(role);
      expect((await callError(w.backend, 'sharing.log', {})).code, role).toBe('FORBIDDEN');
      expect((await callError(w.backend, 'sharing.exportLog', {})).code, role).toBe('FORBIDDEN');
    }
    const refused = await w.backend.requireDb().selectFrom('audit_log').selectAll().where('action', '=', 'sharing.log').where('outcome', '=', 'refused').execute();
    const forbidden = refused.filter((r) => (JSON.parse(r.detail!) as { code: string }).code === 'FORBIDDEN');
    expect(forbidden.map((r) => r.actor_role).sort()).toEqual(['admin', 'facilitator', 'partner_worker']);
    await asManager();
  });

  it('keeps the wall row by row: a role without partner access never gets a partner-side entry', async () => {
    // The route is for managers; the service filters for itself as well, so widening the permission cannot breach the wall.
    const db = w.backend.requireDb();
    const ctxFor = (role: Role): ServiceContext => {
      const user: Session = { staffId: w.accounts[role].id, username: w.accounts[role].username, fullName: role, role, mustChangePassword: false };
      return { backend: w.backend, db, session: user, user, audit: () => {}, afterCommit: () => {} };
    };
    const facilitator = await sharingLog(ctxFor('facilitator'), { agency: '', page: 1, pageSize: 200 });
    expect(facilitator.total).toBe(26);
    expect(facilitator.entries.some((e) => e.side === 'partner')).toBe(false);
    expect(JSON.stringify(facilitator)).not.toContain(HER.last);
    expect((await sharingLog(ctxFor('facilitator'), { side: 'partner', agency: '', page: 1, pageSize: 200 })).total).toBe(0);
    // The facilitator is named on the restricted record, so he sees its entry in full.
    expect(facilitator.entries.find((e) => e.participantId === locked)).toMatchObject({ withheld: false });
    expect((await sharingLog(ctxFor('admin'), { agency: '', page: 1, pageSize: 200 })).total).toBe(0);
  });

  it('audits each read of the log with the filters’ names, never their values', async () => {
    await call(w.backend, 'sharing.log', { agency: 'Housing', basis: 'without_consent' });
    const entry = await w.backend.requireDb().selectFrom('audit_log').selectAll().where('action', '=', 'sharing.log').where('outcome', '=', 'ok').orderBy('seq', 'desc').executeTakeFirstOrThrow();
    expect(entry).toMatchObject({ actor_role: 'manager', subject_type: 'sharing_log' });
    // The programme's chain keeps the read and its filters; the counts (which include her side's entries) are in the partner side's chain.
    expect(JSON.parse(entry.detail!)).toEqual({ filters: expect.arrayContaining(['agency', 'basis']) });
    const counted = await w.backend.requireDb().withSchema('partner').selectFrom('audit_log').selectAll().where('action', '=', 'sharing.log').orderBy('seq', 'desc').executeTakeFirstOrThrow();
    const detail = JSON.parse(counted.detail!) as { filters: string[]; rows: number; total: number };
    expect(detail.filters.sort()).toEqual(['agency', 'basis']);
    expect(detail.total).toBe(1);
    expect(entry.detail).not.toContain('Housing');
    expect(counted.detail).not.toContain('Housing');
  });

  it('exports the filtered log as CSV, safe against formulas, the restricted entry withheld, and audited', async () => {
    const file = await call(w.backend, 'sharing.exportLog', { basis: 'without_consent' });
    expect(file.rows).toBe(2);
    expect(file.fileName).toMatch(/^information-sharing-log-\d{4}-\d{2}-\d{2}-2-rows\.csv$/);
    const lines = file.csv.replace(/^\ufeff/, '').trim().split('\r\n');
    expect(lines[0]).toContain('Date shared,Record,Reference,Name,What was shared,Agency');
    expect(file.csv).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(file.csv).toContain('Restricted record');
    for (const needle of [LOCKED_NAME.first, LOCKED_NAME.last, LOCKED_REASON]) expect(file.csv).not.toContain(needle);
    expect(file.csv).toContain('Risk to life');
    const entry = await w.backend.requireDb().selectFrom('audit_log').selectAll().where('action', '=', 'sharing.exportLog').orderBy('seq', 'desc').executeTakeFirstOrThrow();
    expect(JSON.parse(entry.detail!)).toEqual({ filters: ['basis'] });
    const counted = await w.backend.requireDb().withSchema('partner').selectFrom('audit_log').selectAll().where('action', '=', 'sharing.exportLog').orderBy('seq', 'desc').executeTakeFirstOrThrow();
    expect(JSON.parse(counted.detail!)).toEqual({ rows: 2, filters: ['basis'] });
  });
});
