/**
 * Issue 15 item 3: before a draft can be signed off it is checked against his
 * record; each contradiction is refused (or warned of) with the paragraph
 * named, and the refused report is not signed. Real database, real routes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../../src/main/backend';
import { addDays } from '../../../src/shared/dates';
import { assessmentForms, CURRENT_ASSESSMENT_FORM } from '../../../src/shared/features/assessments';
import type { ReportDetail, ReportType } from '../../../src/shared/features/reports';
import { addStaff, call, callError, setUpAndLogIn, switchTo, tempDir } from '../helpers';
import { plainText, readDocx } from './docx';
import { testToday } from '../test-clock';

let backend: Backend;
let cleanup: () => void;
const today = testToday;
const ukDate = (iso: string) => iso.split('-').reverse().join('/');

async function newMan(first: string) {
  return (
    await call(backend, 'participants.create', {
      details: { firstName: first, lastName: 'Testcase', dateOfBirth: '1980-01-01' },
      referral: { source: 'self', receivedOn: addDays(today, -200), reason: 'Self-referral', route: 'voluntary' },
    })
  ).id;
}

async function draft(
  type: ReportType,
  participantId: string,
  sections: Record<string, string>,
  periodFrom = addDays(today, -90),
  periodTo = today,
): Promise<ReportDetail> {
  const c = await call(backend, 'reports.create', { type, participantId, periodFrom, periodTo });
  return call(backend, 'reports.update', {
    id: c.id,
    version: c.version,
    periodFrom: c.periodFrom,
    periodTo: c.periodTo,
    recipient: c.recipient,
    recipientName: c.recipientName,
    sections,
  });
}

/** The number the preview and the Word file give a paragraph containing these words. */
function numberOf(d: ReportDetail, words: string): number {
  let n = 0;
  for (const b of d.content.blocks) {
    if (b.kind !== 'paragraph' || !b.numbered) continue;
    n += 1;
    if (b.text.includes(words)) return n;
  }
  throw new Error(`no numbered paragraph with: ${words}`);
}

async function loginAs(username: string) {
  await call(backend, 'auth.logout', {});
  await call(backend, 'auth.login', { username, password: 'a new long password' });
}

async function leave(id: string) {
  const rec = await call(backend, 'participants.get', { id });
  await call(backend, 'participants.setStatus', {
    id,
    version: rec.version,
    status: 'exited',
    exitReason: 'withdrew',
    effectiveOn: addDays(today, -30),
  });
}

beforeAll(async () => {
  const t = tempDir();
  cleanup = t.cleanup;
  ({ backend } = await setUpAndLogIn(t.dir));
  // One manager writes, another signs off (the administrator cannot open records).
  const r = await addStaff(backend, 'robin', 'manager');
  const m = await addStaff(backend, 'morgan', 'manager');
  await switchTo(backend, 'robin', r.temporaryPassword);
  await switchTo(backend, 'morgan', m.temporaryPassword);
}, 60_000);

afterAll(async () => {
  await backend.shutdown();
  cleanup();
});

describe('contradictions are refused at sign-off, with the paragraph named', () => {
  it('“on track” or “sessions still to come” after he left', async () => {
    const man = await newMan('Leftearly');
    await leave(man);
    const d = await draft('court_mid', man, {
      observations: 'He engaged well in the first weeks.\n\nHe is on track and has sessions still to come.',
      recommendations: 'None.',
    });
    const n = numberOf(d, 'He is on track');
    const expected = `Paragraph ${n} (under “Facilitators’ observations”) says “on track”, but he left the programme on ${ukDate(addDays(today, -30))}`;
    expect(d.blockers.some((b) => b.startsWith(expected))).toBe(true);
    expect(d.blockers.some((b) => b.includes('“sessions still to come”') || b.includes('“still to come”'))).toBe(true);
    const e = await callError(backend, 'reports.signOff', { id: d.id, version: d.version });
    expect(e.message).toContain(expected);
    expect((await call(backend, 'reports.get', { id: d.id })).status).toBe('draft');
    // Put right, it signs off and the Word file says he left.
    const fixed = await call(backend, 'reports.update', {
      id: d.id,
      version: d.version,
      periodFrom: d.periodFrom,
      periodTo: d.periodTo,
      recipient: d.recipient,
      recipientName: d.recipientName,
      sections: { observations: 'He engaged well in the first weeks, then withdrew.', recommendations: 'None.' },
    });
    expect(fixed.blockers).toEqual([]);
    await loginAs('robin');
    const signed = await call(backend, 'reports.signOff', {
      id: d.id,
      version: fixed.version,
      withoutConsentReason: 'Ordered by the court.',
    });
    const out = await call(backend, 'reports.generate', { id: d.id, version: signed.version });
    const text = plainText(readDocx(Buffer.from(out.base64!, 'base64')).document);
    expect(text).toContain('He left the programme without completing it');
    expect(text).not.toMatch(/on track/i);
    await loginAs('morgan');
  });

  it('an end report saying “completed” when he has not completed (or left)', async () => {
    const man = await newMan('Notdone');
    const d = await draft('court_end', man, {
      observations: 'Nothing further.',
      recommendations: 'He has completed the programme and no further work is needed.',
    });
    const n = numberOf(d, 'He has completed the programme');
    expect(d.blockers).toContainEqual(
      expect.stringContaining(`Paragraph ${n} (under “Recommendations”) says “has completed the programme”`),
    );
    // "has not completed" is not a claim of completion.
    const ok = await draft('court_end', man, {
      observations: 'He has not completed the programme.',
      recommendations: 'None.',
    });
    expect(ok.blockers.filter((b) => b.includes('completed'))).toEqual([]);
  });

  it('a period with no sessions is warned of; a period ending after today is refused', async () => {
    const man = await newMan('Nosessions');
    const d = await draft('probation_update', man, { observations: 'x', recommendations: 'y' });
    const n = numberOf(d, 'No sessions were held for him');
    expect(d.content.warnings).toContainEqual(
      expect.stringContaining(`Paragraph ${n} (under “Attendance”): no sessions were held for him in the period`),
    );
    const future = await draft(
      'probation_update',
      man,
      { observations: 'x', recommendations: 'y' },
      addDays(today, -30),
      addDays(today, 30),
    );
    expect(future.blockers).toContainEqual(
      expect.stringContaining(`the period ends on ${ukDate(addDays(today, 30))}, after the date of this report`),
    );
    expect((await callError(backend, 'reports.signOff', { id: future.id, version: future.version })).message).toContain(
      'after the date of this report',
    );
  });

  it('a “not suitable” decision with no next step or route back', async () => {
    const man = await newMan('Notsuitable');
    const form = assessmentForms[CURRENT_ASSESSMENT_FORM]!;
    const ratings = Object.fromEntries(
      form.rated.map((q) => [q.key, { rating: form.ratingScale[0]!.value, evidence: 'Seen at interview.' }]),
    );
    await call(backend, 'assessments.save', {
      participantId: man,
      formVersion: CURRENT_ASSESSMENT_FORM,
      ratings,
      consentObtained: true,
      decision: 'not_suitable',
      decisionReason: 'He denies all of the abuse described in the referral.',
      assessorId: backend.session!.staffId,
      meetingDates: [addDays(today, -10)],
      complete: true,
    });
    const d = await draft('suitability', man, {}, '', '');
    const n = numberOf(d, 'Not suitable');
    expect(d.blockers).toContainEqual(
      expect.stringContaining(`Paragraph ${n} (under “Decision”) says “not suitable” with no next step or route back`),
    );
    const withStep = await draft(
      'suitability',
      man,
      {
        comments: 'He may be reassessed in six months if he accepts some responsibility.',
      },
      '',
      '',
    );
    expect(withStep.blockers, withStep.blockers.join(' | ')).toEqual([]);
  });
});
