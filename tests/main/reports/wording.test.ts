/**
 * Issue 15 item 12: the organisation's own wording of each report type's
 * standard paragraphs (introduction, declaration, confidentiality statement,
 * the closing of each letter), versioned like the risk checklist's wording.
 * Real demo database; the DOCX read back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../../src/main/backend';
import { DEMO_ACCOUNTS, seedDemo } from '../../../src/main/demo/seed';
import { addDays } from '../../../src/shared/dates';
import { shippedWording } from '../../../src/shared/features/report-wording';
import { call, callError, newBackend, tempDir } from '../helpers';
import { plainText, readDocx } from './docx';
import { testToday } from '../test-clock';

let backend: Backend;
let cleanup: () => void;
let man: string;
const today = testToday;
const from = addDays(today, -365);

const login = async (username: string) => {
  if (backend.session) await call(backend, 'auth.logout', {});
  const a = DEMO_ACCOUNTS.find((x) => x.username === username)!;
  await call(backend, 'auth.login', { username: a.username, password: a.password });
};

/** A probation update written, signed off and produced: its text and its record. */
async function probationUpdate() {
  const c = await call(backend, 'reports.create', { type: 'probation_update', participantId: man, periodFrom: from, periodTo: today });
  const u = await call(backend, 'reports.update', {
    id: c.id,
    version: c.version,
    periodFrom: c.periodFrom,
    periodTo: c.periodTo,
    recipient: c.recipient,
    recipientName: c.recipientName,
    sections: { observations: 'He took part.', recommendations: 'Continue.' },
  });
  const s = await call(backend, 'reports.signOff', { id: u.id, version: u.version, withoutConsentReason: 'Required by his order' });
  const g = await call(backend, 'reports.generate', { id: u.id, version: s.version });
  const text = plainText(readDocx(Buffer.from(g.base64!, 'base64')).document);
  return { id: u.id, sha256: g.sha256, text, detail: await call(backend, 'reports.get', { id: u.id }) };
}

const ours = {
  introduction: 'Prepared by {organisation} at the request of the National Probation Service.',
  declaration: 'I, the author, declare this report to be accurate. {organisation} stands behind it.',
  confidentiality: 'Not to be copied. Return to {organisation} when no longer needed.',
};

beforeAll(async () => {
  const t = tempDir();
  cleanup = t.cleanup;
  backend = await newBackend(t.dir);
  await seedDemo(backend);
  await login('manager');
  man = (await call(backend, 'participants.list', { status: 'active', pageSize: 200 })).rows.find((r) => r.canOpen)!.id;
}, 180_000);

afterAll(async () => {
  await backend.shutdown();
  cleanup();
});

describe('the organisation’s own wording', () => {
  it('prints the version a report was made with, and keeps it after the wording changes', async () => {
    const first = await call(backend, 'reports.wording', { type: 'probation_update' });
    expect(first).toMatchObject({ type: 'probation_update', current: 1 });
    expect(first.versions[0]!.paragraphs).toEqual(shippedWording.probation_update);

    const before = await probationUpdate();
    expect(before.detail.wordingVersion).toBe(1);
    expect(before.text).toContain('This report is written by Demo Charity for his probation officer.');
    expect(before.text).toContain(shippedWording.probation_update.confidentiality);

    const saved = await call(backend, 'reports.saveWording', { type: 'probation_update', basedOn: 1, paragraphs: ours });
    expect(saved.current).toBe(2);
    expect(saved.versions.map((v) => v.version)).toEqual([1, 2]);
    expect(saved.versions[1]).toMatchObject({ paragraphs: ours, byName: 'Morgan Manager' });
    // Another kind of report still has the program's own wording.
    expect((await call(backend, 'reports.wording', { type: 'court_mid' })).current).toBe(1);

    const after = await probationUpdate();
    expect(after.detail.wordingVersion).toBe(2);
    expect(after.text).toContain('Prepared by Demo Charity at the request of the National Probation Service.');
    expect(after.text).toContain('I, the author, declare this report to be accurate. Demo Charity stands behind it.');
    expect(after.text).toContain('Not to be copied. Return to Demo Charity when no longer needed.');
    expect(after.text).not.toContain(shippedWording.probation_update.confidentiality);
    expect(after.text).not.toContain('{organisation}');

    // The earlier report keeps version 1: its page says so and it is produced again byte for byte.
    const old = await call(backend, 'reports.get', { id: before.id });
    expect(old.wordingVersion).toBe(1);
    expect(old.content.blocks.some((b) => b.kind === 'paragraph' && b.text === shippedWording.probation_update.confidentiality)).toBe(true);
    const again = await call(backend, 'reports.regenerate', { id: before.id });
    expect(again.identical).toBe(true);
    expect(plainText(readDocx(Buffer.from(again.base64!, 'base64')).document)).toBe(before.text);

    // A draft started now uses the newest wording in its preview.
    const draft = await call(backend, 'reports.create', { type: 'probation_update', participantId: man, periodFrom: from, periodTo: today });
    expect(draft.wordingVersion).toBe(2);
    expect(draft.content.blocks.some((b) => b.kind === 'paragraph' && b.text === 'Not to be copied. Return to Demo Charity when no longer needed.')).toBe(true);

    // The audit log names the paragraphs changed, never their words.
    const entries = await backend
      .requireDb()
      .selectFrom('audit_log')
      .select(['detail'])
      .where('action', '=', 'reports.saveWording')
      .execute();
    expect(entries).toHaveLength(1);
    expect(JSON.parse(entries[0]!.detail!)).toMatchObject({ type: 'probation_update', version: 2, fields: ['introduction', 'declaration', 'confidentiality'] });
    expect(entries[0]!.detail).not.toContain('Not to be copied');
  });

  it('closes letters in the organisation’s words; an empty introduction is left out', async () => {
    const end = await call(backend, 'reports.wording', { type: 'letter_appointment' });
    await call(backend, 'reports.saveWording', {
      type: 'letter_appointment',
      basedOn: end.current,
      paragraphs: { opening: 'Please come and see us.', closing: 'Ring {organisation} on the number above if the time does not suit.', signOff: 'With best wishes,' },
    });
    const rec = await call(backend, 'participants.get', { id: man });
    await call(backend, 'participants.updateDetails', { id: man, version: rec.version, details: { ...rec.details, address: '9 Quay Street, Exampletown, EX9 9QQ' } });
    const c = await call(backend, 'reports.create', { type: 'letter_appointment', participantId: man });
    const u = await call(backend, 'reports.update', { id: c.id, version: c.version, recipient: c.recipient, sections: { appointment: 'Tuesday at 10:00 at our office.' } });
    const g = await call(backend, 'reports.generate', { id: c.id, version: u.version });
    const lines = plainText(readDocx(Buffer.from(g.base64!, 'base64')).document).split('\n');
    expect(lines).toContain('Please come and see us.');
    expect(lines).toContain('Ring Demo Charity on the number above if the time does not suit.');
    expect(lines.indexOf('With best wishes,')).toBeGreaterThan(lines.indexOf('Please come and see us.'));
    expect(lines).not.toContain('Yours sincerely,');
    expect((await call(backend, 'reports.get', { id: c.id })).wordingVersion).toBe(2);

    const court = await call(backend, 'reports.wording', { type: 'court_mid' });
    await call(backend, 'reports.saveWording', { type: 'court_mid', basedOn: court.current, paragraphs: { ...shippedWording.court_mid, introduction: '' } });
    const draft = await call(backend, 'reports.create', { type: 'court_mid', participantId: man, periodFrom: from, periodTo: today });
    expect(draft.content.blocks.some((b) => b.kind === 'paragraph' && b.text.startsWith('This report is written by'))).toBe(false);
    expect(draft.content.blocks.some((b) => b.kind === 'paragraph' && b.text.startsWith('I confirm that the contents of this report are true'))).toBe(true);
  });

  it('refuses bad wording with the paragraph named, and a save over a newer version', async () => {
    const w = await call(backend, 'reports.wording', { type: 'letter_end' });
    const good = { ...shippedWording.letter_end };
    const err = async (paragraphs: Record<string, string>, basedOn = w.current) =>
      callError(backend, 'reports.saveWording', { type: 'letter_end', basedOn, paragraphs });
    expect((await err({ ...good, exited: '   ' })).fields?.['paragraphs.exited']).toMatch(/Enter the closing paragraph when his place ended/);
    expect((await err({ ...good, signOff: 'x'.repeat(101) })).fields?.['paragraphs.signOff']).toMatch(/too long \(at most 100 characters; it has 101\)/);
    expect((await err({ ...good, completed: 'Well done, {name}.' })).fields?.['paragraphs.completed']).toMatch(/\{name\} is not something the program can fill in/);
    expect((await err({ ...good, footer: 'Extra' })).fields?.['paragraphs.footer']).toMatch(/no paragraph called/);
    expect((await err(good)).message).toMatch(/Nothing has changed/);
    expect((await callError(backend, 'reports.saveWording', { type: 'funders_figures', basedOn: 1, paragraphs: {} })).fields?.type).toBeDefined();
    await call(backend, 'reports.saveWording', { type: 'letter_end', basedOn: w.current, paragraphs: { ...good, completed: 'Congratulations.' } });
    expect((await err({ ...good, completed: 'Something else.' })).code).toBe('CONFLICT');
    // Nothing partial was saved by the refusals.
    expect((await call(backend, 'reports.wording', { type: 'letter_end' })).versions.map((v) => v.paragraphs.completed)).toEqual([
      good.completed,
      'Congratulations.',
    ]);
  });

  it('is for managers only', async () => {
    const input = { type: 'letter_end', basedOn: 1, paragraphs: { ...shippedWording.letter_end, completed: 'Well done.' } } as const;
    for (const who of ['facilitator', 'admin']) {
      await login(who);
      expect((await callError(backend, 'reports.wording', { type: 'letter_end' })).code).toBe('FORBIDDEN');
      expect((await callError(backend, 'reports.saveWording', input)).code).toBe('FORBIDDEN');
    }
    await login('manager');
  });
});
