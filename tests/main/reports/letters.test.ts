/**
 * Issue 15 items 8 and 9: letters to his home. The protective marking is a
 * setting per letter type (default: none on the page that faces the envelope
 * window); the title comes under the address block; the missed-session letter
 * gives the next session's date; the end letter matches his record. Real
 * demo database, the DOCX read back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../../src/main/backend';
import { DEMO_ACCOUNTS, seedDemo } from '../../../src/main/demo/seed';
import { addDays } from '../../../src/shared/dates';
import type { LetterType } from '../../../src/shared/features/reports';
import { call, newBackend, tempDir } from '../helpers';
import { markedAfterFirstPage, plainText, readDocx, sectionsMarked } from './docx';
import { testToday } from '../test-clock';

let backend: Backend;
let cleanup: () => void;
const today = testToday;
const yearAgo = addDays(today, -365);
const ukDate = (iso: string) => iso.split('-').reverse().join('/');
let missed: string;
let done: string;

const login = async (username: string) => {
  if (backend.session) await call(backend, 'auth.logout', {});
  const a = DEMO_ACCOUNTS.find((x) => x.username === username)!;
  await call(backend, 'auth.login', { username: a.username, password: a.password });
};

async function withAddress(id: string) {
  const rec = await call(backend, 'participants.get', { id });
  await call(backend, 'participants.updateDetails', {
    id,
    version: rec.version,
    details: { ...rec.details, address: '9 Quay Street, Exampletown, EX9 9QQ' },
  });
}

async function letter(type: LetterType, participantId: string) {
  const c = await call(backend, 'reports.create', {
    type,
    participantId,
    periodFrom: type === 'letter_missed_session' ? yearAgo : '',
    periodTo: type === 'letter_missed_session' ? today : '',
  });
  const g = await call(backend, 'reports.generate', { id: c.id, version: c.version });
  const docx = readDocx(Buffer.from(g.base64!, 'base64'));
  return { docx, text: plainText(docx.document), detail: c };
}

beforeAll(async () => {
  const t = tempDir();
  cleanup = t.cleanup;
  backend = await newBackend(t.dir);
  await seedDemo(backend);
  await login('manager');
  for (const r of (await call(backend, 'participants.list', { status: 'active', pageSize: 200 })).rows) {
    if (!r.canOpen) continue;
    const s = await call(backend, 'attendance.summary', { participantId: r.id });
    if (s?.sessions.some((x) => x.attendance === 'absent_no_reason' || x.attendance === 'absent_reason')) missed = r.id;
  }
  done = (await call(backend, 'participants.list', { status: 'completed', pageSize: 50 })).rows.find(
    (r) => r.canOpen,
  )!.id;
  await withAddress(missed);
  await withAddress(done);
}, 180_000);

afterAll(async () => {
  await backend.shutdown();
  cleanup();
});

describe('letters to his home', () => {
  it('are unmarked on the envelope-facing page by default, and put the title under the address', async () => {
    const { docx, text } = await letter('letter_missed_session', missed);
    expect(markedAfterFirstPage(docx, 'OFFICIAL-SENSITIVE')).toBe(true);
    const lines = text.split('\n');
    const address = lines.indexOf('EX9 9QQ');
    const title = lines.indexOf('You missed a session');
    expect(address).toBeGreaterThan(0);
    expect(title).toBeGreaterThan(address);
    expect(lines[title - 1]).toMatch(/^Our reference: /);
    expect(lines[title + 1]).toMatch(/^Dear /);
  });

  it('follow the setting per letter type: none at all, or every page', async () => {
    await login('admin');
    const s = await call(backend, 'settings.get', {});
    await call(backend, 'settings.update', {
      organisation: s.organisation,
      autoLockMinutes: s.autoLockMinutes,
      protectiveMarking: s.protectiveMarking,
      letterMarkings: { letter_appointment: 'every_page', letter_missed_session: 'none', letter_end: 'not_first_page' },
    });
    expect((await call(backend, 'settings.get', {})).letterMarkings.letter_missed_session).toBe('none');
    await login('manager');
    const none = await letter('letter_missed_session', missed);
    expect([...none.docx.headers, ...none.docx.footers].some((x) => plainText(x).includes('OFFICIAL'))).toBe(false);
    const c = await call(backend, 'reports.create', { type: 'letter_appointment', participantId: missed });
    const u = await call(backend, 'reports.update', {
      id: c.id,
      version: c.version,
      periodFrom: '',
      periodTo: '',
      recipient: c.recipient,
      recipientName: c.recipientName,
      sections: { appointment: 'Tuesday at 10:00.' },
    });
    const g = await call(backend, 'reports.generate', { id: u.id, version: u.version });
    expect(sectionsMarked(readDocx(Buffer.from(g.base64!, 'base64')), 'OFFICIAL-SENSITIVE')).toBe(true);
    // Agency reports are never affected: marked on every page.
    const { docx } = await letter('letter_end', done);
    expect(markedAfterFirstPage(docx, 'OFFICIAL-SENSITIVE')).toBe(true);
  });

  it('the missed-session letter gives the date of his next session', async () => {
    const { text } = await letter('letter_missed_session', missed);
    // The next session booked for him, as the calendar holds it.
    const m = /Your next session is on \w+day (\d\d\/\d\d\/\d{4}) at (\d\d:\d\d)/.exec(text);
    expect(m, text).not.toBeNull();
    const next = m![1]!.split('/').reverse().join('-');
    expect(next > today).toBe(true);
  });

  it('the end letter matches his record: the date, and his attendance as the record counts it', async () => {
    const rec = await call(backend, 'participants.get', { id: done });
    const completedOn = rec.statusHistory.find((h) => h.status === 'completed')!.effectiveOn;
    const summary = await call(backend, 'attendance.summary', { participantId: done });
    const { text } = await letter('letter_end', done);
    expect(text).toContain(`We are writing to confirm that you completed the programme on ${ukDate(completedOn)}`);
    // Attendance only as his record counts it (a man with no register entries gets no figure at all).
    if (summary?.possible)
      expect(text).toContain(`Our records show you attended ${summary.attended} of ${summary.possible} group sessions.`);
    else expect(text).not.toContain('Our records show you attended');
    const referral = rec.referrals[0]!;
    if (referral.source === 'self') expect(text).not.toContain('Your referrer');
    else expect(text).toContain('Your referrer will receive a report');
  });
});
