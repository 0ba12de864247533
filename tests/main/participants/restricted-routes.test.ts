/**
 * Issue 13, review finding: restricted means restricted on every route, output and report. A
 * facilitator who runs the group but is not named on a man's restricted record may keep the
 * group's register (his attendance, by reference) but can neither read nor overwrite his session
 * log (register, earlier versions, the taken-register report), and does not see his catch-up
 * session (date, time, venue, plan, register, changes) or the wording of a task about him.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RouteInput } from '../../../src/shared/api';
import { addDays } from '../../../src/shared/dates';
import { reportTypes } from '../../../src/shared/features/reports';
import { call, callError, tempDir } from '../helpers';
import { readDocx } from '../reports/docx';
import { referralInput, today, world, type World } from './fixtures';

const SECRET_NOTE = 'Spoke about his time in the Navy';
const SECRET_VENUE = 'Harbour Office Room 9';
const SECRET_TASK = 'Ring his probation officer about the Navy';
const OPEN_NOTE = 'Quiet but attentive today';

let w: World;
let cleanup: () => void;
let open: string;
let hidden: string;
let hiddenRef: string;
let groupId: string;
let sessionId: string;
let catchUpId: string;

async function waitingMan(firstName: string) {
  const { id, reference } = await call(w.backend, 'participants.create', referralInput({ firstName, lastName: 'Restricted-routes', aliases: [], dateOfBirth: '1980-02-02' }));
  const r = await call(w.backend, 'participants.get', { id });
  const assessed = await call(w.backend, 'participants.setStatus', { id, version: r.version, status: 'assessed', outcome: 'suitable_group', reason: '', effectiveOn: today });
  await call(w.backend, 'participants.setStatus', { id, version: assessed.version, status: 'waiting_list', effectiveOn: today });
  return { id, reference };
}

const entries = (hiddenNote: string, openNote = OPEN_NOTE): RouteInput<'registers.save'>['entries'] => [
  { participantId: open, attendance: 'present', participation: 4, note: openNote },
  { participantId: hidden, attendance: 'present', participation: 5, note: hiddenNote, concern: 'none' },
];

beforeAll(async () => {
  const t = tempDir();
  cleanup = t.cleanup;
  w = await world(t.dir);
  await w.loginAs('manager');
  open = (await waitingMan('Openman')).id;
  ({ id: hidden, reference: hiddenRef } = await waitingMan('Hiddenman'));
  const programmes = await call(w.backend, 'programmes.list', {});
  const created = await call(w.backend, 'groups.create', {
    programmeTypeId: programmes.find((p) => p.kind === 'group')!.id,
    name: 'Thursday group',
    venue: 'Community Centre, Room 2',
    weekday: 4,
    startTime: '18:30',
    startDate: addDays(today, -60),
    facilitatorIds: [w.accounts.facilitator.id, w.accounts.manager.id],
    capacity: 10,
    intake: 'closed',
    confirm: true,
  });
  groupId = created.saved ? created.group!.id : '';
  await call(w.backend, 'groups.enrol', { groupId, participantIds: [open, hidden], confirm: true });
  const detail = await call(w.backend, 'groups.get', { id: groupId });
  const past = detail.sessions.filter((s) => s.date < today);
  sessionId = past[0]!.id;
  // The manager (named on his record) writes his session log, then changes it: an earlier version is kept.
  await call(w.backend, 'registers.save', { sessionId, version: 0, entries: entries(SECRET_NOTE) });
  await call(w.backend, 'registers.save', { sessionId, version: 1, entries: entries(SECRET_NOTE), debrief: 'Good session.' });
  const catchUp = await call(w.backend, 'sessions.catchUp', { missedSessionId: past[1]!.id, participantId: hidden, date: addDays(today, 9), startTime: '10:00', venue: SECRET_VENUE, facilitatorId: w.accounts.manager.id, confirm: true });
  catchUpId = catchUp.saved ? catchUp.session.id : '';
  await call(w.backend, 'tasks.add', { participantId: hidden, title: SECRET_TASK, detail: SECRET_TASK, assigneeRole: 'facilitator', dueOn: addDays(today, 3) });
  const record = await call(w.backend, 'participants.get', { id: hidden });
  await call(w.backend, 'participants.restrict', { id: hidden, version: record.version, restricted: true, staffIds: [] });
  await w.loginAs('facilitator');
});
afterAll(async () => {
  await w.backend.shutdown();
  cleanup();
});

describe('restricted record: a facilitator not named on it', () => {
  it('registers.get: sees his attendance by reference, never his session log', async () => {
    const register = await call(w.backend, 'registers.get', { sessionId });
    const his = register.entries.find((e) => e.participantId === hidden)!;
    expect(his).toMatchObject({ name: null, reference: hiddenRef, attendance: 'present', participation: null, note: '', concern: 'none', concernNote: '' });
    expect(register.entries.find((e) => e.participantId === open)).toMatchObject({ note: OPEN_NOTE, participation: 4 });
    expect(JSON.stringify(register)).not.toContain(SECRET_NOTE);
  });

  it('registers.version: an earlier version hides his session log too', async () => {
    const version = await call(w.backend, 'registers.version', { sessionId, version: 1 });
    expect(version.entries.find((e) => e.participantId === hidden)).toMatchObject({ name: null, note: '', participation: null });
    expect(JSON.stringify(version)).not.toContain(SECRET_NOTE);
  });

  it('registers.save: cannot overwrite his session log; saving the register as shown keeps it', async () => {
    const register = await call(w.backend, 'registers.get', { sessionId });
    const refused = await callError(w.backend, 'registers.save', { sessionId, version: register.version, entries: entries('Overwritten by someone not named') });
    expect(refused.code).toBe('FORBIDDEN');
    expect(refused.message).toMatch(/restricted/);
    // The register as the facilitator sees it (his log empty), with the other man's note changed.
    const asShown = register.entries.map(({ reference: _r, name: _n, ...e }) => (e.participantId === open ? { ...e, note: 'Changed by the facilitator' } : e));
    const saved = await call(w.backend, 'registers.save', { sessionId, version: register.version, entries: asShown });
    expect(saved.entries.find((e) => e.participantId === open)!.note).toBe('Changed by the facilitator');
    await w.loginAs('manager');
    const named = await call(w.backend, 'registers.get', { sessionId });
    expect(named.entries.find((e) => e.participantId === hidden)).toMatchObject({ note: SECRET_NOTE, participation: 5 });
    await w.loginAs('facilitator');
  });

  it('the taken-register report leaves out his session log', async () => {
    const created = await call(w.backend, 'reports.create', { type: 'register_filled', participantId: null, sessionId, periodFrom: '', periodTo: '' });
    let d = await call(w.backend, 'reports.get', { id: created.id });
    if (reportTypes[d.type].needsSignOff && d.status === 'draft') d = await call(w.backend, 'reports.signOff', { id: d.id, version: d.version });
    const out = await call(w.backend, 'reports.generate', { id: d.id, version: d.version });
    const docx = readDocx(Buffer.from(out.base64!, 'base64'));
    expect(docx.all).toContain('Changed by the facilitator');
    expect(docx.all).toContain(hiddenRef);
    expect(docx.all).not.toContain(SECRET_NOTE);
    expect(docx.all).not.toContain('Hiddenman');
  });

  it('does not see his catch-up session anywhere, and cannot open, plan, move or report on it', async () => {
    const calendar = await call(w.backend, 'sessions.calendar', { from: addDays(today, -30), to: addDays(today, 40) });
    expect(calendar.map((s) => s.id)).not.toContain(catchUpId);
    expect(JSON.stringify(calendar)).not.toContain(SECRET_VENUE);
    const detail = await call(w.backend, 'groups.get', { id: groupId });
    expect(detail.sessions.map((s) => s.id)).not.toContain(catchUpId);
    expect(JSON.stringify(await call(w.backend, 'sessions.withoutReadyPlan', {}))).not.toContain(SECRET_VENUE);
    for (const [route, input] of [
      ['registers.get', { sessionId: catchUpId }],
      ['registers.version', { sessionId: catchUpId, version: 1 }],
      ['registers.save', { sessionId: catchUpId, version: 0, entries: [] }],
      ['sessions.changes', { sessionId: catchUpId }],
      ['plans.get', { sessionId: catchUpId }],
      ['sessions.cancel', { id: catchUpId, version: 1, reason: 'Not needed' }],
      ['reports.create', { type: 'register_blank', participantId: null, sessionId: catchUpId, periodFrom: '', periodTo: '' }],
    ] as const) {
      const err = await callError(w.backend, route, input);
      expect({ route, code: err.code, echoes: JSON.stringify(err).includes(SECRET_VENUE) }).toEqual({ route, code: 'FORBIDDEN', echoes: false });
    }
  });

  it('sees a task about him only as a task about a restricted record', async () => {
    const tasks = (await call(w.backend, 'tasks.list', { scope: 'mine', pageSize: 200 })).tasks.filter((t) => t.participantId === hidden);
    expect(tasks.length).toBeGreaterThan(0);
    expect(tasks.every((t) => t.participantName === null && t.title === `A task about a restricted record (${hiddenRef})` && t.detail === '')).toBe(true);
    expect(JSON.stringify(tasks)).not.toContain('Navy');
  });

  it('the manager named on his record still sees it all', async () => {
    await w.loginAs('manager');
    const calendar = await call(w.backend, 'sessions.calendar', { from: addDays(today, -30), to: addDays(today, 40) });
    expect(calendar.find((s) => s.id === catchUpId)?.venue).toBe(SECRET_VENUE);
    const tasks = (await call(w.backend, 'tasks.list', { scope: 'all', pageSize: 200 })).tasks.filter((t) => t.participantId === hidden && t.title === SECRET_TASK);
    expect(tasks).toHaveLength(1);
    await w.loginAs('facilitator');
  });
});
