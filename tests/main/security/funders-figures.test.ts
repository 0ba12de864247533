/**
 * The funders' figures as numbers (issue 20, item 4): a small data set built by hand
 * through the routes, with the answers written here, not worked out by the code
 * under test. Counts are kept at 5 or more (or 0) so they read the same whether or
 * not small numbers are suppressed ("fewer than 5", issue 15). Period: the last 90 days.
 *
 *   referrals in the period: 5 probation + 7 police = 12 (one self-referral before the period: not counted)
 *   assessed in the period: 10 men (A1-A10); M0 assessed before the period
 *   starts: 10 (A1-A10 enrolled and active); completions: 5 (A1-A5); exits: 5, all "withdrew" (A6-A10)
 *   attendance: two group sessions of 10 men; session 1: 6 present, 2 late, 1 left early, 1 absent = 9;
 *     session 2: 5 present, 1 late, 2 absent with reason, 2 absent without = 6; 15 of 20 = 75%
 *     (late and leaving early count as attended)
 *   partner contact: of the 10 assessed, 5 have a partner the service spoke to; A6 has a partner
 *     never reached; M0's partner was spoken to but he was assessed before the period: 5 of 10 = 50%
 *   risk levels, each man by his latest rating in the period: A1-A10 rated medium, then A1-A5
 *     re-rated high; M0 rated low before the period: high 5, medium 5, low 0
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fundersFigures } from '../../../src/main/features/reports/figures';
import type { RouteInput } from '../../../src/shared/api';
import { addDays } from '../../../src/shared/dates';
import { call, tempDir } from '../helpers';
import { parseCsv } from '../exports/csv-parse';
import { referralInput, today, world, type World } from '../participants/fixtures';

let w: World;
let cleanup: () => void;
const from = addDays(today, -90);
const to = today;
const men: string[] = [];
let before: string;

type Entry = RouteInput<'registers.save'>['entries'][number];

async function setStatus(id: string, change: Omit<RouteInput<'participants.setStatus'>, 'id' | 'version'>) {
  const r = await call(w.backend, 'participants.get', { id });
  await call(w.backend, 'participants.setStatus', { id, version: r.version, ...change });
}

async function partnerFor(participantId: string, spokeTo: boolean, name: string) {
  await w.loginAs('partner_worker');
  const { id } = await call(w.backend, 'partners.create', {
    details: {
      firstName: name,
      lastName: 'Figures',
      safeContact: { safeNumber: '', safeTimes: '', messageAllowed: 'no', nameToGive: '', codeWord: '', notes: '' },
      consentToService: true,
      workerId: w.accounts.partner_worker.id,
    },
    link: { participantId, relationship: 'current', from: '2019-01-01', to: '' },
  });
  if (spokeTo) await call(w.backend, 'partners.logContact', { partnerId: id, at: `${addDays(today, -50)}T10:00:00.000Z`, method: 'phone', outcome: 'spoke' });
  await w.loginAs('manager');
}

async function rate(participantId: string, level: 'low' | 'medium' | 'high', on: string) {
  await call(w.backend, 'risk.add', { participantId, level, reasons: 'Rated for the figures test', assessorId: w.accounts.manager.id, assessedOn: on, nextReviewOn: addDays(on, 90) });
}

beforeAll(async () => {
  const t = tempDir();
  cleanup = t.cleanup;
  w = await world(t.dir);
  await w.loginAs('manager');
  // M0: referred, assessed and rated before the period.
  before = (await call(w.backend, 'participants.create', referralInput({ firstName: 'Before', lastName: 'Period', aliases: [] }, { source: 'self', receivedOn: addDays(today, -200), route: 'voluntary' }))).id;
  await setStatus(before, { status: 'assessed', outcome: 'suitable_group', effectiveOn: addDays(today, -190) });
  await rate(before, 'low', addDays(today, -190));
  for (let i = 1; i <= 12; i++) {
    const source = i <= 5 ? 'probation' : 'police';
    const { id } = await call(w.backend, 'participants.create', referralInput({ firstName: `Man${i}`, lastName: 'Counted', aliases: [] }, { source, receivedOn: addDays(today, -85), route: 'voluntary' }));
    men.push(id);
  }
  const a = men.slice(0, 10);
  for (const id of a) await setStatus(id, { status: 'assessed', outcome: 'suitable_group', effectiveOn: addDays(today, -80) });
  for (const id of a) await rate(id, 'medium', addDays(today, -60));
  for (const id of a.slice(0, 5)) await rate(id, 'high', addDays(today, -30));
  // A group that began 63 days ago, all ten enrolled; two registers taken.
  const programme = (await call(w.backend, 'programmes.list', {})).find((p) => p.kind === 'group')!;
  const g = await call(w.backend, 'groups.create', { programmeTypeId: programme.id, name: 'Figures group', venue: 'Room 1', weekday: 3, startTime: '10:00', startDate: addDays(today, -63), facilitatorIds: [w.accounts.facilitator.id], capacity: 12, intake: 'closed', confirm: true });
  if (!g.saved) throw new Error('group not saved');
  await call(w.backend, 'groups.enrol', { groupId: g.group.id, participantIds: a, confirm: true });
  for (const id of a) await setStatus(id, { status: 'active', effectiveOn: addDays(today, -63) });
  const sessions = (await call(w.backend, 'groups.get', { id: g.group.id })).sessions.filter((s) => s.date < today);
  const mark = (id: string, attendance: Entry['attendance']): Entry =>
    attendance === 'late' ? { participantId: id, attendance, lateMinutes: 10 } : attendance === 'left_early' ? { participantId: id, attendance, leftEarlyMinutes: 20 } : attendance === 'absent_reason' ? { participantId: id, attendance, absenceReason: 'Ill' } : { participantId: id, attendance };
  const first: Entry['attendance'][] = ['present', 'present', 'present', 'present', 'present', 'present', 'late', 'late', 'left_early', 'absent_no_reason'];
  const second: Entry['attendance'][] = ['present', 'present', 'present', 'present', 'present', 'late', 'absent_reason', 'absent_reason', 'absent_no_reason', 'absent_no_reason'];
  await call(w.backend, 'registers.save', { sessionId: sessions[0]!.id, version: 0, entries: a.map((id, i) => mark(id, first[i]!)) });
  await call(w.backend, 'registers.save', { sessionId: sessions[1]!.id, version: 0, entries: a.map((id, i) => mark(id, second[i]!)) });
  // Partners: five of the assessed men's partners spoken to, one never reached; M0's spoken to.
  for (const [i, id] of a.slice(0, 5).entries()) await partnerFor(id, true, `Reached${i}`);
  await partnerFor(a[5]!, false, 'NotReached');
  await partnerFor(before, true, 'BeforeReached');
  // Endings: five completed, five withdrew.
  for (const id of a.slice(0, 5)) await setStatus(id, { status: 'completed', effectiveOn: addDays(today, -3), reason: 'Completed the course early for the figures test' });
  for (const id of a.slice(5)) await setStatus(id, { status: 'exited', exitReason: 'withdrew', effectiveOn: addDays(today, -2) });
}, 240_000);

afterAll(async () => {
  await w.backend.shutdown();
  cleanup();
});

describe("the funders' figures, as numbers", () => {
  it('match the hand-counted answers', async () => {
    const f = await fundersFigures(w.backend.requireDb(), { from, to });
    expect(f.referrals).toEqual({
      total: 12,
      bySource: { family_court_cafcass: 0, probation: 5, childrens_services: 0, police: 7, other_professional: 0, partner: 0, family_friend: 0, self: 0 },
    });
    expect(f.starts).toBe(10);
    expect(f.completions).toBe(5);
    expect(f.exits).toEqual({ total: 5, byReason: { withdrew: 5, deselected_attendance: 0, deselected_conduct: 0, moved_away: 0, custody: 0, other: 0 } });
    expect(f.attendance).toEqual({ attended: 15, marked: 20, percent: 75 });
    expect(f.partnerContact).toEqual({ menAssessed: 10, partnerInContact: 5, percent: 50 });
    expect(f.riskLevels).toEqual({ low: 0, medium: 5, high: 5 });
  });

  it('the same numbers in the CSV a manager exports', async () => {
    const file = await call(w.backend, 'exports.figures', { from, to });
    const rows = parseCsv(file.csv).slice(1);
    expect(rows.every((r) => r[0] === `${from.split('-').reverse().join('/')} to ${to.split('-').reverse().join('/')}`)).toBe(true);
    const value = (measure: string, what: string) => rows.find((r) => r[1] === measure && r[2] === what)?.[3];
    expect(value('Referrals', 'All')).toBe('12');
    expect(value('Referrals', 'Probation')).toBe('5');
    expect(value('Referrals', 'Police')).toBe('7');
    expect(value('Starts', '')).toBe('10');
    expect(value('Completions', '')).toBe('5');
    expect(value('Exits', 'All')).toBe('5');
    expect(value('Attendance', 'Attended')).toBe('15');
    expect(value('Attendance', 'Marked')).toBe('20');
    expect(value('Attendance', 'Percent')).toBe('75');
    expect(value('Partner contact', 'Men assessed')).toBe('10');
    expect(value('Partner contact', 'Partner in contact')).toBe('5');
    expect(value('Partner contact', 'Percent')).toBe('50');
    expect(value('Risk level (latest in period)', 'High')).toBe('5');
    expect(value('Risk level (latest in period)', 'Medium')).toBe('5');
  });

  it('a period that holds only the earlier man counts only him', async () => {
    const f = await fundersFigures(w.backend.requireDb(), { from: addDays(today, -200), to: addDays(today, -150) });
    expect(f.referrals.total).toBe(1);
    expect(f.referrals.bySource.self).toBe(1);
    expect(f.partnerContact).toEqual({ menAssessed: 1, partnerInContact: 1, percent: 100 });
    expect(f.riskLevels).toEqual({ low: 1, medium: 0, high: 0 });
    expect(f.attendance).toEqual({ attended: 0, marked: 0, percent: null });
    expect(f.starts).toBe(0);
  });

  it('the CSV shows no count from 1 to 4, and none can be worked out from the totals', async () => {
    const file = await call(w.backend, 'exports.figures', { from: addDays(today, -200), to: addDays(today, -150) });
    const rows = parseCsv(file.csv).slice(1);
    const value = (measure: string, what: string) => rows.find((r) => r[1] === measure && r[2] === what)?.[3];
    // The one man: a referral (self), partner contact 1 of 1, a low risk rating.
    expect(value('Referrals', 'All')).toBe('fewer than 5');
    expect(value('Referrals', 'Self-referral')).toBe('fewer than 5');
    expect(value('Partner contact', 'Men assessed')).toBe('fewer than 5');
    expect(value('Partner contact', 'Partner in contact')).toBe('fewer than 5');
    expect(value('Partner contact', 'Percent')).toBe('not shown');
    expect(value('Risk level (latest in period)', 'Low')).toBe('fewer than 5');
    noSmallCounts(rows);
  });

  it('the CSV of a full period is checked the same way', async () => {
    const file = await call(w.backend, 'exports.figures', { from, to });
    noSmallCounts(parseCsv(file.csv).slice(1));
  });
});

/**
 * No number from 1 to 4 anywhere in the Number column, and no breakdown whose exact total, less its shown
 * categories, would give away a single hidden one.
 */
function noSmallCounts(rows: string[][]) {
  for (const r of rows) if (/^\d+$/.test(r[3]!)) expect(Number(r[3]) === 0 || Number(r[3]) >= 5, `${r[1]} ${r[2]}: ${r[3]}`).toBe(true);
  for (const measure of new Set(rows.filter((r) => r[2] === 'All').map((r) => r[1]!))) {
    const total = rows.find((r) => r[1] === measure && r[2] === 'All')![3]!;
    const parts = rows.filter((r) => r[1] === measure && r[2] !== 'All').map((r) => r[3]!);
    const hidden = parts.filter((v) => !/^\d+$/.test(v));
    if (/^\d+$/.test(total)) expect(hidden.length, `${measure}: an exact total with one hidden category`).not.toBe(1);
    if (hidden.length === 1) expect(total, measure).not.toMatch(/^\d+$/);
  }
  for (const [measure, part, whole] of [
    ['Attendance', 'Attended', 'Marked'],
    ['Partner contact', 'Partner in contact', 'Men assessed'],
  ] as const) {
    const get = (what: string) => rows.find((r) => r[1] === measure && r[2] === what)![3]!;
    // Both shown exactly: their difference must not be a small number either.
    if (/^\d+$/.test(get(part)) && /^\d+$/.test(get(whole))) {
      const left = Number(get(whole)) - Number(get(part));
      expect(left === 0 || left >= 5, `${measure}: ${left} recoverable`).toBe(true);
    }
  }
}
