/**
 * Issue 15 item 5: a sign-off that means something. Names and job titles of
 * the author and approver, the organisation's contact details, a declaration
 * (the statement of truth for the court); the author cannot approve their own
 * report unless the organisation allows it, and then the document says so.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../../src/main/backend';
import { addDays } from '../../../src/shared/dates';
import { call, callError, ORG, setUpAndLogIn, tempDir } from '../helpers';
import { plainText, readDocx, type DocxParts } from './docx';
import { testToday } from '../test-clock';

let backend: Backend;
let cleanup: () => void;
let man: string;
const today = testToday;
const PASSWORD = 'a new long password';

async function loginAs(username: string) {
  if (backend.session) await call(backend, 'auth.logout', {});
  await call(backend, 'auth.login', { username, password: PASSWORD });
}

async function addManager(username: string, fullName: string, jobTitle: string) {
  await loginAs('ada-admin');
  const created = await call(backend, 'staff.create', { fullName, username, jobTitle, role: 'manager' });
  await call(backend, 'auth.logout', {});
  await call(backend, 'auth.login', { username, password: created.temporaryPassword });
  await call(backend, 'auth.changePassword', { currentPassword: created.temporaryPassword, newPassword: PASSWORD });
}

async function courtDraft() {
  const c = await call(backend, 'reports.create', {
    type: 'court_mid',
    participantId: man,
    periodFrom: addDays(today, -60),
    periodTo: today,
  });
  return call(backend, 'reports.update', {
    id: c.id,
    version: c.version,
    periodFrom: c.periodFrom,
    periodTo: c.periodTo,
    recipient: c.recipient,
    recipientName: c.recipientName,
    sections: {
      observations: 'He attends.',
      recommendations: 'None.',
      parties: 'Applicant: the mother; Respondent: Ignatius Pendlebury',
    },
  });
}

let lastDocx: DocxParts;
let lastFileName = '';
async function produceText(id: string, version: number) {
  const out = await call(backend, 'reports.generate', { id, version });
  lastDocx = readDocx(Buffer.from(out.base64!, 'base64'));
  lastFileName = out.fileName;
  return plainText(lastDocx.document);
}

beforeAll(async () => {
  const t = tempDir();
  cleanup = t.cleanup;
  ({ backend } = await setUpAndLogIn(t.dir));
  // setUpAndLogIn's administrator, renamed here for loginAs
  const admin = await call(backend, 'staff.create', {
    fullName: 'Ada Second',
    username: 'ada-admin',
    jobTitle: '',
    role: 'admin',
  });
  await call(backend, 'auth.logout', {});
  await call(backend, 'auth.login', { username: 'ada-admin', password: admin.temporaryPassword });
  await call(backend, 'auth.changePassword', { currentPassword: admin.temporaryPassword, newPassword: PASSWORD });
  await addManager('author', 'Avery Author', 'Senior group facilitator');
  await addManager('approver', 'Blake Approver', 'Head of services');
  await loginAs('author');
  man = (
    await call(backend, 'participants.create', {
      details: { firstName: 'Ignatius', lastName: 'Pendlebury', dateOfBirth: '1980-01-01' },
      referral: {
        agency: 'Family Court at Exeter',
        courtReference: 'EX24P00123',
        reportDueDate: addDays(today, 20),
        source: 'family_court_cafcass',
        receivedOn: addDays(today, -100),
        reason: 'Child arrangements',
        route: 'family_court',
      },
    })
  ).id;
}, 60_000);

afterAll(async () => {
  await backend.shutdown();
  cleanup();
});

describe('sign-off', () => {
  it('refuses to let the author sign off their own report', async () => {
    const d = await courtDraft();
    const e = await callError(backend, 'reports.signOff', { id: d.id, version: d.version, withoutConsentReason: 'Ordered by the court.' });
    expect(e.message).toContain('You wrote this report, so another manager must sign it off');
    expect((await call(backend, 'reports.get', { id: d.id })).status).toBe('draft');
  });

  it('carries both names and job titles, the contact details, the date and the statement of truth', async () => {
    const d = await courtDraft();
    await loginAs('approver');
    const signed = await call(backend, 'reports.signOff', { id: d.id, version: d.version, withoutConsentReason: 'Ordered by the court.' });
    const text = await produceText(d.id, signed.version);
    expect(text).toContain('Declaration and sign-off');
    expect(text).toContain(
      'I confirm that the contents of this report are true to the best of my knowledge and belief',
    );
    expect(text).toContain(`Contact for the author and the manager who signed it off: ${ORG.name}`);
    expect(text).toMatch(/Author\nAvery Author, Senior group facilitator\n/);
    expect(text).toMatch(/Signed off by \(manager\)\nBlake Approver, Head of services\n/);
    expect(text).toContain(today.split('-').reverse().join('/'));
    expect(text).not.toContain('signed off by the person who wrote it');
    // Word opens it read-only (Restrict Editing, enforced), and the same file comes again with the same hash.
    expect(lastDocx.settings).toMatch(/<w:documentProtection [^>]*w:edit="readOnly"[^>]*w:enforcement="(1|true)"/);
    const again = await call(backend, 'reports.regenerate', { id: d.id });
    expect(again.identical).toBe(true);
    // A report frozen before the protection came in (its snapshot has no such mark) is produced as it was: unprotected.
    const db = backend.db!;
    const row = await db.selectFrom('reports').select('content').where('id', '=', d.id).executeTakeFirstOrThrow();
    const snapshot = JSON.parse(row.content!) as { content: { readOnly?: boolean } };
    expect(snapshot.content.readOnly).toBe(true);
    delete snapshot.content.readOnly;
    await db.updateTable('reports').set({ content: JSON.stringify(snapshot) }).where('id', '=', d.id).execute();
    const older = await call(backend, 'reports.regenerate', { id: d.id });
    expect(readDocx(Buffer.from(older.base64!, 'base64')).settings).not.toContain('documentProtection');
    await loginAs('author');
  });

  it('lets the author sign off only where the organisation allows it, and the document says so', async () => {
    await loginAs('ada-admin');
    const s = await call(backend, 'settings.get', {});
    await call(backend, 'settings.update', {
      organisation: s.organisation,
      autoLockMinutes: s.autoLockMinutes,
      protectiveMarking: s.protectiveMarking,
      allowSelfSignOff: true,
    });
    await loginAs('author');
    const d = await courtDraft();
    const signed = await call(backend, 'reports.signOff', { id: d.id, version: d.version, withoutConsentReason: 'Ordered by the court.' });
    const text = await produceText(d.id, signed.version);
    expect(text).toContain(
      'This report was signed off by the person who wrote it: the organisation has one manager and has allowed this in its settings.',
    );
    expect(text).toMatch(/Signed off by \(manager\)\nAvery Author, Senior group facilitator\n/);
  });
});

describe('identity on every page (item 4)', () => {
  it('puts his name, reference, date of birth and case number in the header of every page, with the court’s details and due date', async () => {
    await loginAs('author');
    const d = await courtDraft();
    await loginAs('approver');
    const signed = await call(backend, 'reports.signOff', { id: d.id, version: d.version, withoutConsentReason: 'Ordered by the court.' });
    const text = await produceText(d.id, signed.version);
    // One page section, no distinct first page: this header is on page 2 and every page after.
    const sections = [...lastDocx.document.matchAll(/<w:sectPr[\s\S]*?<\/w:sectPr>/g)];
    expect(sections).toHaveLength(1);
    expect(sections[0]![0]).not.toMatch(/w:titlePg/);
    const header = lastDocx.headers.map(plainText).join('\n');
    // The document's language is English (UK) (item 8).
    expect(lastDocx.all).toMatch(/<w:lang w:val="en-GB"\/>/);
    expect(header).toContain('Ignatius Pendlebury · Ref ');
    expect(header).toContain('Born 01/01/1980 · Case/order EX24P00123');
    expect(text).toContain('Court\nFamily Court at Exeter');
    expect(text).toContain('Court case number\nEX24P00123');
    expect(text).toContain(`Report due by\n${addDays(today, 20).split('-').reverse().join('/')}`);
    expect(text).toContain('Parties\nApplicant: the mother; Respondent: Ignatius Pendlebury');
    // Distinct reports get distinct file names: the kind, the period and a short id.
    const first = lastFileName;
    expect(first).toMatch(
      new RegExp(
        `^court-report-mid-programme_P-[\\d-]+_${addDays(today, -60)}-to-${today}_${d.id.slice(0, 8)}_${today}\\.docx$`,
      ),
    );
    expect(first).not.toContain('Pendlebury');
    await loginAs('author');
    const d2 = await courtDraft();
    await loginAs('approver');
    const s2 = await call(backend, 'reports.signOff', { id: d2.id, version: d2.version, withoutConsentReason: 'Ordered by the court.' });
    await produceText(d2.id, s2.version);
    expect(lastFileName).not.toBe(first);
  });
});
