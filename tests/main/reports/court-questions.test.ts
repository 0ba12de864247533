/**
 * Issue 15 items 6 and 7: what the court and Cafcass ask about (objectives,
 * goals, acknowledgement, children and contact: each written by the
 * facilitators beside the facts held), and attendance a probation officer can
 * use (minutes late and left early, absences with the reason he gave or none, the order or
 * licence and its requirement). Real demo database, the DOCX read back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../../src/main/backend';
import { DEMO_ACCOUNTS, seedDemo } from '../../../src/main/demo/seed';
import { absencesText, lateText, type AttendanceFigures } from '../../../src/main/features/reports/participant-reports';
import { addDays } from '../../../src/shared/dates';
import { reportTypes, type ReportType } from '../../../src/shared/features/reports';
import { call, newBackend, tempDir } from '../helpers';
import { plainText, readDocx } from './docx';
import { testToday } from '../test-clock';

let backend: Backend;
let cleanup: () => void;
let man: string;
const today = testToday;
const from = addDays(today, -365);
const ukDate = (iso: string) => iso.split('-').reverse().join('/');

async function produce(type: ReportType, sections: (keys: string[]) => Record<string, string>) {
  const def = reportTypes[type];
  const c = await call(backend, 'reports.create', { type, participantId: man, periodFrom: from, periodTo: today });
  const keys = [...def.sections.map((s) => s.key), ...c.editable.map((e) => e.key)];
  const u = await call(backend, 'reports.update', {
    id: c.id,
    version: c.version,
    periodFrom: c.periodFrom,
    periodTo: c.periodTo,
    recipient: c.recipient,
    recipientName: c.recipientName,
    sections: { observations: 'He took part.', recommendations: 'Continue.', ...sections(keys) },
  });
  const s = await call(backend, 'reports.signOff', { id: u.id, version: u.version, withoutConsentReason: 'Ordered' });
  const out = await call(backend, 'reports.generate', { id: u.id, version: s.version });
  const xml = readDocx(Buffer.from(out.base64!, 'base64')).document;
  return { detail: u, text: plainText(xml), xml };
}

beforeAll(async () => {
  const t = tempDir();
  cleanup = t.cleanup;
  backend = await newBackend(t.dir);
  await seedDemo(backend);
  const m = DEMO_ACCOUNTS.find((a) => a.username === 'manager')!;
  await call(backend, 'auth.login', { username: m.username, password: m.password });
  // The man with the most sessions who was late at least once.
  let best = -1;
  for (const r of (await call(backend, 'participants.list', { status: 'active', pageSize: 200 })).rows) {
    if (!r.canOpen) continue;
    const s = await call(backend, 'attendance.summary', { participantId: r.id });
    if (s && s.sessions.length > best && s.sessions.some((x) => x.attendance === 'late')) {
      best = s.sessions.length;
      man = r.id;
    }
  }
  expect(man).toBeTruthy();
}, 180_000);

afterAll(async () => {
  await backend.shutdown();
  cleanup();
});

describe('what the court and Cafcass ask about', () => {
  it('sets the facilitators’ words beside the facts: objectives, goals, acknowledgement, children', async () => {
    const { detail, text } = await produce('court_mid', (keys) =>
      Object.fromEntries(
        keys
          .filter((k) => k.startsWith('obj:'))
          .map((k, i) => [k, `Observed on objective ${i + 1}: he named the tactics he used.`])
          .concat([
            ['goals', 'He set himself the goal of walking away and has done so twice.'],
            ['acknowledgement', 'He now says the abuse was his choice.'],
            ['children', 'Contact is supervised at a contact centre.'],
          ]),
      ),
    );
    const objectives = detail.editable.filter((e) => e.key.startsWith('obj:'));
    expect(objectives.length).toBeGreaterThan(0);
    expect(text).toContain('Progress against the programme’s objectives');
    objectives.forEach((o, i) => {
      const objective = /\((.*)\): what the facilitators saw of his progress$/.exec(o.label)![1]!;
      expect(text).toContain(`Objective ${i + 1}: ${objective}`);
      expect(text).toContain(
        `Facilitators’ observations: Observed on objective ${i + 1}: he named the tactics he used.`,
      );
    });
    // The facts beside them: sessions he attended whose plan served the objective, with their themes.
    expect(text).toMatch(/Sessions attended that served it\n\d+: \d\d\/\d\d\/\d{4}/);
    expect(text).toContain('Themes of those sessions');
    expect(text).toContain('His goals and achievements');
    expect(text).toContain('He set himself the goal of walking away and has done so twice.');
    expect(text).toContain('Acknowledgement of and responsibility for past abuse');
    expect(text).toMatch(/Acknowledges a problem\n(Not at all|A little|Partly|Mostly|Fully|Not rated)/);
    expect(text).toContain('He now says the abuse was his choice.');
    expect(text).toContain('The children and contact');
    expect(text).toContain('Children on his record');
    expect(text).toContain('Contact is supervised at a contact centre.');
    // Children by number and age only.
    const rec = await call(backend, 'participants.get', { id: man });
    for (const child of rec.details.children) expect(text).not.toContain(child.name);
  });

  it('says plainly when the facilitators have not written a section, and warns on the page', async () => {
    const { detail, text } = await produce('childrens_services_update', () => ({}));
    expect(text).toContain('The facilitators have not written about this for this report.');
    expect(detail.content.warnings).toContain('The section on children and contact is not written yet.');
  });
});

describe('layout (item 8)', () => {
  it('never leaves the sign-off alone on a page: the paragraph before it and its rows keep together', async () => {
    const { xml } = await produce('court_end', () => ({ recommendations: 'Last words before the sign-off.' }));
    const paragraphs = xml.split('</w:p>');
    const at = paragraphs.findIndex((p) => plainText(p + '</w:p>').includes('Declaration and sign-off'));
    expect(at).toBeGreaterThan(0);
    expect(plainText(paragraphs[at - 1]! + '</w:p>')).toContain('Last words before the sign-off.');
    expect(paragraphs[at - 1]).toContain('<w:keepNext/>');
    // The signature table: the header row and the author's row keep with the next; the last row ends the block.
    const table = xml.slice(xml.lastIndexOf('<w:tbl>'), xml.lastIndexOf('</w:tbl>'));
    const rows = table.split('</w:tr>').slice(0, -1);
    expect(plainText(rows.at(-1)! + '</w:p>')).toContain('Signed off by (manager)');
    for (const row of rows.slice(0, -1)) expect(row).toContain('<w:keepNext/>');
    expect(rows.at(-1)).not.toContain('<w:keepNext/>');
  });

  it('keeps the number of a paragraph that starts with right-to-left text on the left', async () => {
    const { xml } = await produce('court_mid', () => ({
      observations: 'قال إنه سيحضر كل جلسة. He said he would attend.',
    }));
    const p = xml.split('</w:p>').find((x) => x.includes('قال إنه'))!;
    expect(p).toContain('<w:numPr>');
    expect(p).not.toContain('<w:bidi/>');
    expect(p).toContain('<w:rtl/>');
  });
});

describe('attendance a probation officer can use', () => {
  it('gives minutes late and left early, absences with or without a reason (the record holds no judgement), and the order and requirement', async () => {
    const order = 'Community order of 24 months; accredited programme requirement, 30 sessions.';
    const { text } = await produce('probation_update', () => ({ order }));
    expect(text).toContain('Order or licence');
    expect(text).toContain(order);
    expect(text).toContain('Order or licence reference');
    const summary = (await call(backend, 'attendance.summary', { participantId: man }))!;
    const late = summary.sessions.filter((s) => s.attendance === 'late' && s.date >= from);
    expect(late.length).toBeGreaterThan(0);
    for (const s of late)
      expect(text).toMatch(new RegExp(`${ukDate(s.date)}\\n[^\\n]*\\n[^\\n]*\\nLate \\(\\d+ minutes? late\\)`));
    expect(text).toMatch(/He was late \d+ times? \(\d+ minutes? in all\)/);
    for (const s of summary.sessions.filter((x) => x.attendance === 'absent_no_reason' && x.date >= from))
      expect(text).toMatch(
        new RegExp(`${ukDate(s.date)}\\n[^\\n]*\\n[^\\n]*\\n[^\\n]*\\nNo reason given`),
      );
    for (const s of summary.sessions.filter((x) => x.attendance === 'absent_reason' && x.date >= from))
      expect(text).toContain(`Reason given: ${s.reason}`);
    expect(text).toContain('Absent, no reason given');
    expect(text).toContain('it does not record whether the programme accepted the reason');
    expect(text).not.toMatch(/\b(un)?acceptable\b/i);
  });
});

describe('attendance in words a court reads at once', () => {
  const figures = (f: Partial<AttendanceFigures>): AttendanceFigures => ({
    rows: [], possible: 6, attended: 6, withReason: 0, withoutReason: 0, late: 0, lateMinutes: 0, leftEarly: 0, leftEarlyMinutes: 0, ...f,
  });
  it('says none as none, not "0 times"; the note on reasons either way (the tables name absences)', () => {
    expect(absencesText(figures({}))).toMatch(/^He was not absent from any of them\. The register records whether he gave a reason/);
    expect(lateText(figures({}))).toBe('He was never late and never left early.');
    const absent = absencesText(figures({ attended: 3, withReason: 2, withoutReason: 1 }));
    expect(absent).toMatch(/^He was absent 3 times: 2 with a reason given and 1 without\. The register records whether he gave a reason/);
    expect(lateText(figures({ late: 1, lateMinutes: 10 }))).toBe('He was late 1 time (10 minutes in all) and never left early.');
    expect(lateText(figures({ leftEarly: 2, leftEarlyMinutes: 35 }))).toBe('He was never late and left early 2 times (35 minutes in all).');
  });
});
