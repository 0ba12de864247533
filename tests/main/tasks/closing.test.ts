import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addDays } from '../../../src/shared/dates';
import { call, callError, tempDir } from '../helpers';
import { referralInput, today, world, type World } from '../participants/fixtures';

let w: World;
let cleanup: () => void;

beforeEach(async () => {
  const t = tempDir();
  cleanup = t.cleanup;
  w = await world(t.dir);
});
afterEach(() => cleanup());

describe('closing tasks', () => {
  it('by hand needs a reason, is audited, and can be reopened with the note kept', async () => {
    const task = await call(w.backend, 'tasks.add', { title: 'Chase the GP letter', assigneeRole: 'manager', dueOn: today });
    const err = await callError(w.backend, 'tasks.complete', { id: task.id, note: '   ' });
    expect(err.code).toBe('VALIDATION');
    expect(err.fields?.note).toBe('Say what was done, or why the task is no longer needed');

    await call(w.backend, 'tasks.complete', { id: task.id, note: 'Letter received and filed' });
    const reopened = await call(w.backend, 'tasks.reopen', { id: task.id, reason: 'The letter was for someone else' });
    expect(reopened).toMatchObject({ status: 'open', doneNote: '' });
    expect(reopened.detail).toContain('Letter received and filed');
    expect(reopened.detail).toContain('The letter was for someone else');
    expect((await callError(w.backend, 'tasks.reopen', { id: task.id })).code).toBe('CONFLICT');

    const audit = await w.backend.requireDb().selectFrom('audit_log').select(['action', 'outcome', 'detail']).where('action', 'in', ['tasks.complete', 'tasks.reopen']).orderBy('seq').execute();
    // The refusal without a reason, the closing, the reopening, the refused second reopening.
    expect(audit.map((a) => `${a.action} ${a.outcome}`)).toEqual(['tasks.complete refused', 'tasks.complete ok', 'tasks.reopen ok', 'tasks.reopen refused']);
    // Field names only, never what was typed.
    expect(JSON.stringify(audit)).not.toContain('Letter received');
    expect(JSON.stringify(audit)).not.toContain('someone else');
  });

  it('a risk review due cannot be closed by hand; recording the review closes it', async () => {
    const { id } = await call(w.backend, 'participants.create', referralInput());
    await call(w.backend, 'risk.add', { participantId: id, level: 'medium', reasons: 'Recent separation', redFlags: ['separation'], assessorId: w.accounts.facilitator.id, assessedOn: addDays(today, -80), nextReviewOn: addDays(today, 3) });
    const open = await call(w.backend, 'tasks.list', { participantId: id });
    const review = open.tasks.find((t) => t.kind === 'review_due')!;
    expect(review).toBeDefined();

    const err = await callError(w.backend, 'tasks.complete', { id: review.id, note: 'Fine' });
    expect(err.code).toBe('VALIDATION');
    expect(err.message).toMatch(/closes by itself when a risk review is recorded/);

    await call(w.backend, 'risk.add', { participantId: id, level: 'medium', reasons: 'Reviewed: no change', redFlags: [], assessorId: w.accounts.facilitator.id, assessedOn: today, nextReviewOn: addDays(today, 90) });
    const after = await call(w.backend, 'tasks.list', { participantId: id, status: 'done' });
    expect(after.tasks.find((t) => t.id === review.id)).toMatchObject({ status: 'done', doneByName: null });
    // Closed by the program: there is nothing to reopen.
    expect((await callError(w.backend, 'tasks.reopen', { id: review.id })).code).toBe('CONFLICT');
  });

  it('a report due cannot be closed by hand; a report for him signed off closes it, and it stays closed', async () => {
    const { id } = await call(w.backend, 'participants.create', referralInput({}, { reportDueDate: addDays(today, 7) }));
    await w.loginAs('facilitator');
    await w.loginAs('manager');
    const due = (await call(w.backend, 'tasks.list', { participantId: id })).tasks.find((t) => t.kind === 'report_due')!;
    expect(due).toBeDefined();
    const err = await callError(w.backend, 'tasks.complete', { id: due.id, note: 'Sent it' });
    expect(err.message).toMatch(/closes by itself when a report for him is signed off/);

    // A facilitator drafts; a manager (another person) signs off.
    await w.loginAs('facilitator');
    const d = await call(w.backend, 'reports.create', { type: 'probation_update', participantId: id, periodFrom: addDays(today, -30), periodTo: today, recipient: 'internal' });
    const u = await call(w.backend, 'reports.update', { id: d.id, version: d.version, periodFrom: d.periodFrom, periodTo: d.periodTo, recipient: d.recipient, recipientName: '', sections: { observations: 'He attends.', recommendations: 'None.' } });
    await w.loginAs('manager');
    expect((await call(w.backend, 'tasks.list', { participantId: id })).tasks.find((t) => t.id === due.id)).toMatchObject({ status: 'open' });
    await call(w.backend, 'reports.signOff', { id: u.id, version: u.version });
    const done = (await call(w.backend, 'tasks.list', { participantId: id, status: 'done' })).tasks.find((t) => t.id === due.id);
    expect(done).toMatchObject({ status: 'done', doneByName: null });
    // The next log-in raises dated tasks again: the same report due is not raised a second time.
    await w.loginAs('facilitator');
    await w.loginAs('manager');
    expect((await call(w.backend, 'tasks.list', { participantId: id })).tasks.filter((t) => t.kind === 'report_due')).toEqual([]);
  });
});
