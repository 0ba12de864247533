import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../../src/shared/dates';
import { CURRENT_ASSESSMENT_FORM } from '../../../src/shared/features/assessments';
import { call, callError, tempDir } from '../helpers';
import { referralInput, today, world, type World } from './fixtures';

let w: World;
let cleanup: () => void;
let id: string;
beforeAll(async () => {
  const t = tempDir();
  cleanup = t.cleanup;
  w = await world(t.dir);
  await w.loginAs('facilitator');
  ({ id } = await call(w.backend, 'participants.create', referralInput({ keyWorkerId: null })));
});
afterAll(async () => {
  await w.backend.shutdown();
  cleanup();
});

const assessment = () => ({
  participantId: id,
  formVersion: CURRENT_ASSESSMENT_FORM,
  ratings: {
    acknowledges: { rating: 3, evidence: 'Described the incidents without prompting' },
    responsibility: { rating: 2, evidence: 'Still blames drink at times' },
    motivated: { rating: 4, evidence: 'Wants to be a safe father' },
  },
  exclusionFactors: [],
  consentObtained: true,
  decision: 'suitable_group' as const,
  decisionReason: 'Meets the criteria for group work',
  assessorId: w.accounts.facilitator.id,
  meetingDates: [addDays(today, -10), addDays(today, -3)],
});

describe('suitability assessment', () => {
  it('saves a draft without a decision, then completing it records the outcome on his status', async () => {
    const draft = await call(w.backend, 'assessments.save', { ...assessment(), decision: null, decisionReason: '', complete: false });
    expect(draft.completedOn).toBeNull();
    const incomplete = await callError(w.backend, 'assessments.save', { ...assessment(), id: draft.id, version: draft.version, ratings: {}, complete: true });
    expect(Object.keys(incomplete.fields!)).toEqual(expect.arrayContaining(['ratings.acknowledges.rating', 'ratings.motivated.evidence']));
    const done = await call(w.backend, 'assessments.save', { ...assessment(), id: draft.id, version: draft.version, complete: true });
    expect(done).toMatchObject({ completedOn: addDays(today, -3), decision: 'suitable_group', formVersion: 1 });
    const record = await call(w.backend, 'participants.get', { id });
    expect(record.header).toMatchObject({ status: 'waiting_list', outcome: 'suitable_group' });
    expect(record.assessments[0]!.ratings.acknowledges!.evidence).toBe('Described the incidents without prompting');
    expect((await callError(w.backend, 'assessments.save', { ...assessment(), id: done.id, version: done.version, complete: true })).code).toBe('CONFLICT');
  });

  it('refuses meeting dates in the future or before the referral, and unknown form versions', async () => {
    expect((await callError(w.backend, 'assessments.save', { ...assessment(), meetingDates: [addDays(today, 2)] })).fields?.['meetingDates.0']).toMatch(/future/);
    expect((await callError(w.backend, 'assessments.save', { ...assessment(), meetingDates: [addDays(today, -400)] })).fields?.meetingDates).toMatch(/before the referral/);
    expect((await callError(w.backend, 'assessments.save', { ...assessment(), formVersion: 99 })).fields?.formVersion).toBeDefined();
  });
});

describe('risk', () => {
  it('keeps the history as a trend, and a rise raises a task for the managers', async () => {
    await call(w.backend, 'risk.add', { participantId: id, level: 'medium', reasons: 'Recent separation', redFlags: ['separation'], assessorId: w.accounts.facilitator.id, assessedOn: addDays(today, -20), nextReviewOn: addDays(today, 70) });
    await call(w.backend, 'risk.add', { participantId: id, level: 'high', reasons: 'Threats to kill disclosed', redFlags: ['threats_to_kill', 'separation'], assessorId: w.accounts.facilitator.id, assessedOn: today, nextReviewOn: addDays(today, 28) });
    const record = await call(w.backend, 'participants.get', { id });
    expect(record.risk.map((r) => r.level)).toEqual(['high', 'medium']);
    expect(record.header.flags).toContain('high_risk');
    await w.loginAs('manager');
    const tasks = await call(w.backend, 'tasks.list', { scope: 'mine' });
    const raised = tasks.tasks.find((t) => t.kind === 'risk_raised' && t.participantId === id);
    expect(raised).toMatchObject({ urgent: true, dueOn: today, assigneeRole: 'manager' });
    expect(raised!.title).toMatch(/medium to high/);
    await w.loginAs('facilitator');
  });

  it('refuses a review date before the assessment', async () => {
    const err = await callError(w.backend, 'risk.add', { participantId: id, level: 'low', reasons: 'x', assessorId: w.accounts.facilitator.id, assessedOn: today, nextReviewOn: addDays(today, -1) });
    expect(err.fields?.nextReviewOn).toMatch(/after/);
  });
});

describe('consent', () => {
  it('records consent per recipient; one near its review date raises a task; withdrawal closes it', async () => {
    const base = { participantId: id, purpose: 'Sharing attendance and risk', confidentialityExplained: true, howGiven: 'signed' as const, givenOn: addDays(today, -30) };
    await call(w.backend, 'consents.add', { ...base, recipient: 'probation', reviewOn: addDays(today, 300) });
    const expiring = await call(w.backend, 'consents.add', { ...base, recipient: 'partner_service', reviewOn: addDays(today, 10) });
    expect(expiring.state).toBe('expiring');
    const record = await call(w.backend, 'participants.get', { id });
    expect(record.consents.map((c) => c.state).sort()).toEqual(['current', 'expiring']);
    // No key worker: the task goes to the managers.
    const task = record.openTasks.find((t) => t.kind === 'consent_expiring');
    expect(task).toMatchObject({ dueOn: addDays(today, 10), assigneeRole: 'manager' });

    const withdrawn = await call(w.backend, 'consents.withdraw', { id: expiring.id, version: expiring.version, withdrawnOn: today, reason: 'Changed his mind' });
    expect(withdrawn.state).toBe('withdrawn');
    const after = await call(w.backend, 'participants.get', { id });
    expect(after.openTasks.find((t) => t.kind === 'consent_expiring')).toBeUndefined();
  });

  it('refuses consent without the limits of confidentiality explained, and dates in the wrong order', async () => {
    const err = await callError(w.backend, 'consents.add', { participantId: id, recipient: 'other', purpose: 'x', confidentialityExplained: false, howGiven: 'verbal', givenOn: today, reviewOn: today });
    expect(Object.keys(err.fields!)).toEqual(expect.arrayContaining(['recipientName', 'confidentialityExplained', 'reviewOn']));
  });
});

describe('case notes and goals', () => {
  it('keeps the earlier version when a note is edited; managers see the history', async () => {
    const note = await call(w.backend, 'notes.add', { participantId: id, noteType: 'phone_call', occurredOn: today, body: 'Called about the start date; he mentioned Zoë.' });
    const edited = await call(w.backend, 'notes.update', { id: note.id, version: note.version, noteType: 'phone_call', occurredOn: today, body: 'Called about the start date.' });
    expect(edited.edited).toBe(true);
    expect((await callError(w.backend, 'notes.update', { id: note.id, version: note.version, noteType: 'other', occurredOn: today, body: 'stale' })).code).toBe('CONFLICT');
    const page = await call(w.backend, 'notes.list', { participantId: id });
    expect(page.notes[0]!.body).toBe('Called about the start date.');
    await w.loginAs('manager');
    const history = await call(w.backend, 'notes.history', { id: note.id });
    expect(history).toEqual([expect.objectContaining({ body: 'Called about the start date; he mentioned Zoë.', byName: 'Test facilitator' })]);
    // Notes are searchable for roles that may read them.
    expect((await call(w.backend, 'participants.search', { q: 'start date' })).find((h) => h.id === id)).toBeDefined();
    await w.loginAs('partner_worker');
    expect((await call(w.backend, 'participants.search', { q: 'start date' })).find((h) => h.id === id)).toBeUndefined();
    await w.loginAs('facilitator');
  });

  it('records goals and achievements with dates', async () => {
    const goal = await call(w.backend, 'goals.add', { participantId: id, kind: 'goal', text: 'Use time-outs when angry', setOn: addDays(today, -5) });
    const achieved = await call(w.backend, 'goals.update', { id: goal.id, version: goal.version, kind: 'achievement', text: goal.text, setOn: goal.setOn, achievedOn: today });
    expect(achieved).toMatchObject({ kind: 'achievement', achievedOn: today });
    expect((await callError(w.backend, 'goals.add', { participantId: id, kind: 'goal', text: 'x', setOn: today, achievedOn: addDays(today, -1) })).fields?.achievedOn).toBeDefined();
  });
});

describe('tasks', () => {
  it('are added by hand for a person or a role, listed as mine with overdue counted, and done with a note', async () => {
    const mine = await call(w.backend, 'tasks.add', { participantId: id, title: 'Chase GP letter', assigneeId: w.accounts.facilitator.id, dueOn: addDays(today, -1) });
    const forRole = await call(w.backend, 'tasks.add', { title: 'Team meeting prep', assigneeRole: 'facilitator', dueOn: addDays(today, 3) });
    const list = await call(w.backend, 'tasks.list', { scope: 'mine' });
    expect(list.tasks.map((t) => t.title)).toEqual(expect.arrayContaining(['Chase GP letter', 'Team meeting prep']));
    expect(list.overdue).toBeGreaterThanOrEqual(1);
    expect(list.tasks.find((t) => t.id === mine.id)).toMatchObject({ overdue: true, participantName: "Liam O'Brien" });
    expect((await callError(w.backend, 'tasks.list', { scope: 'all' })).code).toBe('FORBIDDEN');
    const done = await call(w.backend, 'tasks.complete', { id: mine.id, note: 'Letter received' });
    expect(done).toMatchObject({ status: 'done', doneNote: 'Letter received', doneByName: 'Test facilitator' });
    expect((await callError(w.backend, 'tasks.complete', { id: mine.id, note: 'Again' })).code).toBe('CONFLICT');
    expect((await callError(w.backend, 'tasks.add', { title: 'Nobody', dueOn: today })).fields?.assigneeId).toBeDefined();
    await w.loginAs('partner_worker');
    expect((await callError(w.backend, 'tasks.complete', { id: forRole.id, note: 'Done' })).code).toBe('FORBIDDEN');
    expect((await call(w.backend, 'tasks.list', { scope: 'mine' })).tasks.map((t) => t.id)).not.toContain(forRole.id);
  });
});

describe('tasks follow the record', () => {
  it('move to a new key worker, close when he exits, and list everyone’s tasks about him', async () => {
    await w.loginAs('manager');
    const { id: pid } = await call(w.backend, 'participants.create', referralInput({ firstName: 'Task', lastName: 'Follower', aliases: [], keyWorkerId: w.accounts.facilitator.id }));
    await call(w.backend, 'consents.add', { participantId: pid, recipient: 'gp', purpose: 'Health', confidentialityExplained: true, howGiven: 'verbal', givenOn: today, reviewOn: addDays(today, 5) });
    let record = await call(w.backend, 'participants.get', { id: pid });
    expect(record.openTasks.find((t) => t.kind === 'consent_expiring')).toMatchObject({ assigneeId: w.accounts.facilitator.id });
    expect(record.openTasks.find((t) => t.kind === 'report_due')).toBeUndefined();
    record = await call(w.backend, 'participants.updateDetails', { id: pid, version: record.version, details: { ...record.details, keyWorkerId: w.accounts.manager.id } });
    expect(record.openTasks.find((t) => t.kind === 'consent_expiring')).toMatchObject({ assigneeId: w.accounts.manager.id });
    await call(w.backend, 'tasks.add', { participantId: pid, title: 'Someone else’s task', assigneeRole: 'partner_worker', dueOn: today });
    await w.loginAs('facilitator');
    const about = await call(w.backend, 'tasks.list', { participantId: pid });
    expect(about.tasks.map((t) => t.title)).toEqual(expect.arrayContaining(['Someone else’s task']));
    expect(about.tasks.find((t) => t.title === 'Someone else’s task')!.createdById).toBe(w.accounts.manager.id);
    const noReason = await callError(w.backend, 'participants.setStatus', { id: pid, version: record.version, status: 'waiting_list', effectiveOn: today });
    expect(noReason.fields?.reason).toMatch(/not been assessed as suitable/);
    const exited = await call(w.backend, 'participants.setStatus', { id: pid, version: record.version, status: 'exited', exitReason: 'moved_away', effectiveOn: today });
    expect(exited.openTasks.find((t) => t.kind === 'consent_expiring')).toBeUndefined();
  });
});
