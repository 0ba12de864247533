/** Flag filters, dates in impossible order, audit entries for changes, tasks and the duplicate check. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../../src/shared/dates';
import { CURRENT_ASSESSMENT_FORM } from '../../../src/shared/features/assessments';
import { flagNames, RESTRICTED_MATCH } from '../../../src/shared/features/participants';
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

async function create(firstName: string, details: Parameters<typeof referralInput>[0] = {}, referral: Parameters<typeof referralInput>[1] = {}) {
  const { id } = await call(w.backend, 'participants.create', referralInput({ firstName, lastName: 'Check', aliases: [], ...details }, referral));
  return id;
}

async function lastAudit(action: string) {
  const row = await w.backend.requireDb().selectFrom('audit_log').selectAll().where('action', '=', action).orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
  return { ...row, detail: JSON.parse(row.detail ?? '{}') as { fields?: string[] } };
}

describe('the flag filter on the list', () => {
  it('filters by every flag, and a restricted record matches only "restricted" for staff not named on it', async () => {
    await w.loginAs('manager');
    const ids = {
      child_protection: await create('Cp', { childProtection: true }),
      safeguarding: await create('Sg'),
      high_risk: await create('Hr'),
      interpreter: await create('In', { interpreterNeeded: true, language: 'Polish' }),
      restricted: await create('Re', { childProtection: true }),
      high_profile: await create('Hp', { highProfile: true }),
    };
    const none = await create('None');
    await call(w.backend, 'safeguarding.raise', { participantId: ids.safeguarding, kind: 'child_protection', raisedOn: today, what: 'A concern' });
    await call(w.backend, 'risk.add', { participantId: ids.high_risk, level: 'high', reasons: 'Threats', assessorId: w.accounts.manager.id, assessedOn: today, nextReviewOn: addDays(today, 60) });
    await call(w.backend, 'participants.restrict', { id: ids.restricted, version: 1, restricted: true, staffIds: [] });
    for (const flag of flagNames) {
      const list = await call(w.backend, 'participants.list', { flag, pageSize: 200 });
      const found = list.rows.map((r) => r.id);
      expect(found, flag).toContain(ids[flag]);
      expect(found, flag).not.toContain(none);
      expect(list.rows.every((r) => r.flags.includes(flag)), flag).toBe(true);
      expect(list.total, flag).toBe(list.rows.length);
    }
    // The manager is named on it, so it counts as child protection for her...
    expect((await call(w.backend, 'participants.list', { flag: 'child_protection' })).rows.map((r) => r.id)).toContain(ids.restricted);
    // ...but for others the filter would tell what is on a record they cannot open.
    await w.loginAs('facilitator');
    expect((await call(w.backend, 'participants.list', { flag: 'child_protection' })).rows.map((r) => r.id)).not.toContain(ids.restricted);
    expect((await call(w.backend, 'participants.list', { flag: 'restricted' })).rows.map((r) => r.id)).toContain(ids.restricted);
  });
});

describe('dates in impossible order', () => {
  it('refuses each with the field named', async () => {
    await w.loginAs('facilitator');
    const id = await create('Dates', { dateOfBirth: '1990-05-01' }, { receivedOn: addDays(today, -30), reportDueDate: '' });
    const risk = await callError(w.backend, 'risk.add', { participantId: id, level: 'low', reasons: 'x', assessorId: w.accounts.facilitator.id, assessedOn: '1990-04-30', nextReviewOn: addDays(today, 30) });
    expect(risk).toMatchObject({ code: 'VALIDATION', fields: { assessedOn: expect.stringMatching(/before his date of birth/) } });
    let record = await call(w.backend, 'participants.get', { id });
    const beforeBirth = await callError(w.backend, 'participants.setStatus', { id, version: record.version, status: 'awaiting_assessment', effectiveOn: '1990-04-30' });
    expect(beforeBirth.fields?.effectiveOn).toMatch(/before his date of birth/);
    const beforeReferral = await callError(w.backend, 'participants.setStatus', { id, version: record.version, status: 'awaiting_assessment', effectiveOn: addDays(today, -31) });
    expect(beforeReferral.fields?.effectiveOn).toMatch(/before his referral/);
    expect((await call(w.backend, 'participants.setStatus', { id, version: record.version, status: 'awaiting_assessment', effectiveOn: addDays(today, -30) })).header.status).toBe('awaiting_assessment');
    const goal = await callError(w.backend, 'goals.add', { participantId: id, kind: 'goal', text: 'x', setOn: '1990-04-30' });
    expect(goal.fields?.setOn).toMatch(/before his date of birth/);
    const note = await call(w.backend, 'notes.add', { participantId: id, noteType: 'other', occurredOn: '2000-01-01', body: 'An old contact' });
    const noteEdit = await callError(w.backend, 'notes.update', { id: note.id, version: note.version, noteType: 'other', occurredOn: '1990-04-30', body: 'x' });
    expect(noteEdit.fields?.occurredOn).toMatch(/before his date of birth/);

    // Moving his date of birth after something already on his record.
    record = await call(w.backend, 'participants.get', { id });
    const later = async (dateOfBirth: string) => callError(w.backend, 'participants.updateDetails', { id, version: record.version, details: { ...record.details, dateOfBirth } });
    expect((await later('2000-01-02')).fields?.['details.dateOfBirth']).toMatch(/case note/);
    await call(w.backend, 'notes.update', { id: note.id, version: note.version, noteType: 'other', occurredOn: addDays(today, -2), body: 'Moved' });
    await call(w.backend, 'consents.add', { participantId: id, recipient: 'gp', purpose: 'Health', confidentialityExplained: true, howGiven: 'verbal', givenOn: '2001-01-01', reviewOn: addDays(today, 100) });
    expect((await later('2001-01-02')).fields?.['details.dateOfBirth']).toMatch(/consent/);
    expect((await later(addDays(today, -29 - 365 * 25))).fields?.['details.dateOfBirth']).toMatch(/consent/);
    // With the consent out of the way, the referral is what stands in the way.
    await w.backend.requireDb().deleteFrom('consents').where('participant_id', '=', id).execute();
    const referralClash = await callError(w.backend, 'participants.updateDetails', { id, version: record.version, details: { ...record.details, dateOfBirth: addDays(today, -29), under18Reason: 'x' } });
    expect(referralClash.fields?.['details.dateOfBirth']).toMatch(/referral/);
    // An earlier date of birth, or a later one that leaves everything after it, is fine.
    record = await call(w.backend, 'participants.updateDetails', { id, version: record.version, details: { ...record.details, dateOfBirth: '1989-01-01' } });
    record = await call(w.backend, 'participants.updateDetails', { id, version: record.version, details: { ...record.details, dateOfBirth: '1991-01-01' } });
    expect(record.details.dateOfBirth).toBe('1991-01-01');
  });
});

describe('referrals and consents after the first', () => {
  it('adds and updates a referral with a stale check, and audits the fields changed', async () => {
    await w.loginAs('facilitator');
    const id = await create('Refs');
    const added = await call(w.backend, 'referrals.add', { participantId: id, referral: { ...referralInput().referral, source: 'probation', route: 'criminal_justice', agency: 'Probation', receivedOn: addDays(today, -5), reportDueDate: '' } });
    expect(added).toMatchObject({ participantId: id, source: 'probation', createdByName: 'Test facilitator' });
    let audit = await lastAudit('referrals.add');
    expect(audit).toMatchObject({ subject_id: id, outcome: 'ok' });
    expect(audit.detail.fields).toContain('source');
    // The list shows his latest referral's route and source.
    expect((await call(w.backend, 'participants.list', { source: 'probation' })).rows.map((r) => r.id)).toContain(id);
    const { id: refId, version, participantId: _p, createdAt: _c, createdByName: _n, ...data } = added;
    const updated = await call(w.backend, 'referrals.update', { id: refId, version, referral: { ...data, reason: 'Updated reason', contactName: 'New contact' } });
    expect(updated).toMatchObject({ reason: 'Updated reason', version: version + 1 });
    audit = await lastAudit('referrals.update');
    expect(audit).toMatchObject({ subject_id: id });
    expect(audit.detail.fields?.sort()).toEqual(['contactName', 'reason']);
    expect(JSON.stringify(audit.detail)).not.toContain('Updated reason');
    expect((await callError(w.backend, 'referrals.update', { id: refId, version, referral: data })).code).toBe('CONFLICT');
    const beforeBirth = await callError(w.backend, 'referrals.add', { participantId: id, referral: { ...data, receivedOn: '1980-01-01', reportDueDate: '' } });
    expect(beforeBirth.fields?.['referral.receivedOn']).toMatch(/before his date of birth/);
  });

  it('updates a consent with a stale check, and audits the fields changed', async () => {
    await w.loginAs('facilitator');
    const id = await create('Cons');
    const base = { recipient: 'police' as const, purpose: 'Risk', confidentialityExplained: true, howGiven: 'signed' as const, givenOn: addDays(today, -3), reviewOn: addDays(today, 200) };
    const consent = await call(w.backend, 'consents.add', { participantId: id, ...base });
    let audit = await lastAudit('consents.add');
    expect(audit).toMatchObject({ subject_id: id });
    expect(audit.detail.fields).toEqual(expect.arrayContaining(['recipient', 'givenOn', 'reviewOn']));
    const updated = await call(w.backend, 'consents.update', { id: consent.id, version: consent.version, ...base, reviewOn: addDays(today, 5), witness: 'Jo' });
    expect(updated).toMatchObject({ reviewOn: addDays(today, 5), witness: 'Jo', state: 'expiring', version: consent.version + 1 });
    audit = await lastAudit('consents.update');
    expect(audit).toMatchObject({ subject_id: id });
    expect(audit.detail.fields?.sort()).toEqual(['reviewOn', 'witness']);
    expect((await call(w.backend, 'participants.get', { id })).openTasks.find((t) => t.kind === 'consent_expiring')).toBeDefined();
    expect((await callError(w.backend, 'consents.update', { id: consent.id, version: consent.version, ...base })).code).toBe('CONFLICT');
    expect((await callError(w.backend, 'consents.update', { id: consent.id, version: updated.version, ...base, givenOn: '1980-01-01' })).fields?.givenOn).toMatch(/before his date of birth/);
  });
});

describe('audit entries for changing his record', () => {
  it('name him and the fields changed, never the values', async () => {
    await w.loginAs('facilitator');
    const id = await create('Audited');
    let record = await call(w.backend, 'participants.get', { id });
    record = await call(w.backend, 'participants.updateDetails', { id, version: record.version, details: { ...record.details, phone: '07700 900123', gpName: 'Dr Secret' } });
    const expectEntry = async (action: string, fields: string[], exact = false) => {
      const audit = await lastAudit(action);
      expect(audit, action).toMatchObject({ subject_type: 'participant', subject_id: id, outcome: 'ok', actor_id: w.accounts.facilitator.id });
      if (exact) expect(audit.detail.fields?.sort(), action).toEqual([...fields].sort());
      else expect(audit.detail.fields, action).toEqual(expect.arrayContaining(fields));
      expect(JSON.stringify(audit.detail), action).not.toMatch(/Secret|07700/);
    };
    await expectEntry('participants.updateDetails', ['phone', 'gpName'], true);
    await call(w.backend, 'participants.setStatus', { id, version: record.version, status: 'awaiting_assessment', effectiveOn: today });
    await expectEntry('participants.setStatus', ['status', 'effectiveOn']);
    await call(w.backend, 'risk.add', { participantId: id, level: 'medium', reasons: 'Secret reasons', assessorId: w.accounts.facilitator.id, assessedOn: today, nextReviewOn: addDays(today, 90) });
    await expectEntry('risk.add', ['level', 'reasons', 'assessedOn', 'nextReviewOn']);
    await call(w.backend, 'consents.add', { participantId: id, recipient: 'gp', purpose: 'Secret purpose', confidentialityExplained: true, howGiven: 'verbal', givenOn: today, reviewOn: addDays(today, 100) });
    await expectEntry('consents.add', ['recipient', 'purpose']);
    const note = await call(w.backend, 'notes.add', { participantId: id, noteType: 'meeting', occurredOn: today, body: 'Secret note' });
    await expectEntry('notes.add', ['noteType', 'occurredOn', 'body'], true);
    await call(w.backend, 'notes.update', { id: note.id, version: note.version, noteType: 'meeting', occurredOn: today, body: 'Secret note, edited' });
    await expectEntry('notes.update', ['body'], true);
    const assessment = { participantId: id, formVersion: CURRENT_ASSESSMENT_FORM, ratings: {}, assessorId: w.accounts.facilitator.id, meetingDates: [today], decisionReason: 'Secret' };
    const draft = await call(w.backend, 'assessments.save', assessment);
    await expectEntry('assessments.add', ['ratings', 'decisionReason', 'meetingDates']);
    await call(w.backend, 'assessments.save', { ...assessment, id: draft.id, version: draft.version });
    await expectEntry('assessments.update', ['ratings', 'decisionReason', 'meetingDates']);
  });
});

describe('tasks about a participant', () => {
  it('are part of his case record: administrators keep their own tasks but cannot see or add his', async () => {
    await w.loginAs('manager');
    const id = await create('Tasked');
    const forAdmins = await call(w.backend, 'tasks.add', { participantId: id, title: 'About him, for the admins', assigneeRole: 'admin', dueOn: today });
    await w.loginAs('admin');
    const own = await call(w.backend, 'tasks.add', { title: 'Check the backup', assigneeRole: 'admin', dueOn: today });
    expect(own.participantId).toBeNull();
    const add = await callError(w.backend, 'tasks.add', { participantId: id, title: 'x', assigneeRole: 'admin', dueOn: today });
    expect(add.code).toBe('FORBIDDEN');
    expect((await callError(w.backend, 'tasks.list', { participantId: id })).code).toBe('FORBIDDEN');
    const mine = await call(w.backend, 'tasks.list', { scope: 'mine' });
    expect(mine.tasks.map((t) => t.id)).toEqual([own.id]);
    expect(JSON.stringify(mine)).not.toContain('Tasked');
    expect((await callError(w.backend, 'tasks.complete', { id: forAdmins.id, note: 'Done' })).code).toBe('FORBIDDEN');
    expect((await call(w.backend, 'tasks.complete', { id: own.id, note: 'Backup checked' })).status).toBe('done');
  });

  it('carry his safety flags, and only "restricted" for staff not named on his record', async () => {
    await w.loginAs('manager');
    const flagged = await create('Flagged', { childProtection: true, interpreterNeeded: true, language: 'Polish' });
    const hidden = await create('Hiddenflags', { childProtection: true });
    await call(w.backend, 'participants.restrict', { id: hidden, version: 1, restricted: true, staffIds: [] });
    for (const participantId of [flagged, hidden]) await call(w.backend, 'tasks.add', { participantId, title: 'Flag check', assigneeRole: 'facilitator', dueOn: today });
    await w.loginAs('facilitator');
    const tasks = (await call(w.backend, 'tasks.list', { scope: 'mine', pageSize: 200 })).tasks.filter((t) => t.title === 'Flag check' || t.participantId === hidden);
    expect(tasks.find((t) => t.participantId === flagged)?.participantFlags.sort()).toEqual(['child_protection', 'interpreter']);
    // The wording of a task about a man on a restricted record is his record's (issue 13).
    expect(tasks.find((t) => t.participantId === hidden)).toMatchObject({ participantName: null, participantFlags: ['restricted'], title: expect.stringMatching(/^A task about a restricted record/) });
    const own = await call(w.backend, 'tasks.add', { title: 'Not about anyone', assigneeRole: 'facilitator', dueOn: today });
    expect(own.participantFlags).toEqual([]);
  });

  it('keep partner-side tasks about him behind the wall', async () => {
    await w.loginAs('manager');
    const id = await create('Walled');
    await call(w.backend, 'participants.newPartnerDisclosed', { participantId: id, note: 'A new partner' });
    const managerView = await call(w.backend, 'tasks.list', { participantId: id });
    expect(managerView.tasks.some((t) => t.kind === 'partner_alert')).toBe(true);
    expect((await call(w.backend, 'participants.get', { id })).openTasks.some((t) => t.kind === 'partner_alert')).toBe(true);
    await w.loginAs('facilitator');
    expect((await call(w.backend, 'tasks.list', { participantId: id })).tasks.some((t) => t.kind === 'partner_alert')).toBe(false);
    expect((await call(w.backend, 'participants.get', { id })).openTasks.some((t) => t.kind === 'partner_alert')).toBe(false);
  });

  it('are raised by the program when a risk review or a report falls due', async () => {
    await w.loginAs('manager');
    const id = await create('Reviewed', { keyWorkerId: w.accounts.facilitator.id }, { reportDueDate: addDays(today, 10) });
    await call(w.backend, 'risk.add', { participantId: id, level: 'medium', reasons: 'x', assessorId: w.accounts.manager.id, assessedOn: today, nextReviewOn: addDays(today, 7) });
    const tasks = (await call(w.backend, 'participants.get', { id })).openTasks;
    expect(tasks.find((t) => t.kind === 'review_due')).toMatchObject({ dueOn: addDays(today, 7), assigneeId: w.accounts.facilitator.id, title: expect.stringMatching(/Risk review due/) });
    expect(tasks.find((t) => t.kind === 'report_due')).toMatchObject({ dueOn: addDays(today, 10), assigneeRole: 'manager', title: expect.stringMatching(/Report due/) });
    // A newer rating with a review far off closes the old review task.
    await call(w.backend, 'risk.add', { participantId: id, level: 'medium', reasons: 'y', assessorId: w.accounts.manager.id, assessedOn: today, nextReviewOn: addDays(today, 90) });
    expect((await call(w.backend, 'participants.get', { id })).openTasks.find((t) => t.kind === 'review_due')).toBeUndefined();
    // Far-off dates raise nothing yet.
    const later = await create('Later', {}, { reportDueDate: addDays(today, 60) });
    expect((await call(w.backend, 'participants.get', { id: later })).openTasks.find((t) => t.kind === 'report_due')).toBeUndefined();
  });
});

describe('the duplicate check and restricted records', () => {
  it('tells staff not named only that a restricted record may match, and offers no link', async () => {
    await w.loginAs('manager');
    const { id, reference } = await call(w.backend, 'participants.create', referralInput({ firstName: 'Famous', lastName: 'Boxer', dateOfBirth: '1980-02-02', aliases: ['The Champ'] }));
    await call(w.backend, 'participants.restrict', { id, version: 1, restricted: true, staffIds: [] });
    const named = await call(w.backend, 'participants.findDuplicates', { firstName: 'Famous', lastName: 'Boxer', dateOfBirth: '1980-02-02' });
    expect(named[0]).toMatchObject({ id, reference, name: 'Famous Boxer', canLink: true, reasons: expect.arrayContaining(['Same name and date of birth']) });

    await w.loginAs('facilitator');
    for (const q of [
      { firstName: 'Famous', lastName: 'Boxer', dateOfBirth: '1980-02-02' },
      { firstName: 'The', lastName: 'Champ', dateOfBirth: '' },
    ]) {
      const found = await call(w.backend, 'participants.findDuplicates', q);
      expect(found).toHaveLength(1);
      expect(found[0]).toMatchObject({ reference: null, name: null, status: null, dateOfBirth: null, aliases: [], restricted: true, canLink: false, reasons: [RESTRICTED_MATCH] });
      expect(found[0]!.id).not.toBe(id);
      expect(JSON.stringify(found)).not.toContain(reference);
    }
    // Linking to it is refused even with its id.
    expect((await callError(w.backend, 'participants.create', { ...referralInput({ firstName: 'Famous', lastName: 'Boxer', dateOfBirth: '1980-02-02' }), linkToParticipantId: id })).code).toBe('FORBIDDEN');
  });
});
