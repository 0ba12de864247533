/**
 * Issue 15: what the agency reports say, read back from the real DOCX built
 * from a real (demo) database: safeguarding concerns in every agency report
 * with the facilitators' wording, and the risk told truthfully.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../../src/main/backend';
import { seedDemo, DEMO_ACCOUNTS } from '../../../src/main/demo/seed';
import { addDays } from '../../../src/shared/dates';
import { reportTypes, type ReportType } from '../../../src/shared/features/reports';
import { call, newBackend, tempDir } from '../helpers';
import { plainText, readDocx } from './docx';
import { floorPercent1 } from '../../../src/main/features/reports/participant-reports';
import { testToday } from '../test-clock';

let backend: Backend;
let cleanup: () => void;
let man: string;
const today = testToday;
const from = addDays(today, -90);
const ukDate = (iso: string) => iso.split('-').reverse().join('/');

const login = async (username: string) => {
  if (backend.session) await call(backend, 'auth.logout', {});
  const a = DEMO_ACCOUNTS.find((x) => x.username === username)!;
  await call(backend, 'auth.login', { username: a.username, password: a.password });
};

const AGENCY: ReportType[] = ['court_mid', 'court_end', 'probation_update', 'childrens_services_update', 'suitability'];
const WRITTEN = { observations: 'He took part.', recommendations: 'He should continue.' };

async function draft(type: ReportType, sections: Record<string, string> = {}, participantId = man, periodFrom = from) {
  const def = reportTypes[type];
  const created = await call(backend, 'reports.create', {
    type,
    participantId,
    periodFrom: def.period ? periodFrom : '',
    periodTo: def.period ? today : '',
  });
  return call(backend, 'reports.update', {
    id: created.id,
    version: created.version,
    periodFrom: created.periodFrom,
    periodTo: created.periodTo,
    recipient: created.recipient,
    recipientName: created.recipientName,
    sections: { ...WRITTEN, ...sections },
  });
}

/** Signs off (as the manager) and produces the file; returns its visible text. */
async function produceText(id: string): Promise<string> {
  let d = await call(backend, 'reports.get', { id });
  if (reportTypes[d.type].needsSignOff)
    d = await call(backend, 'reports.signOff', { id, version: d.version, withoutConsentReason: 'Court ordered the report.' });
  const out = await call(backend, 'reports.generate', { id, version: d.version });
  return plainText(readDocx(Buffer.from(out.base64!, 'base64')).document);
}

const CALL_OUT =
  'Police were called to a handover at the contact centre; the two children were present and he shouted at the staff.';

beforeAll(async () => {
  const t = tempDir();
  cleanup = t.cleanup;
  backend = await newBackend(t.dir);
  await seedDemo(backend);
  await login('manager');
  // A man with a completed suitability assessment, so that every agency report can be produced.
  const active = (await call(backend, 'participants.list', { status: 'active', pageSize: 200 })).rows.filter(
    (r) => r.canOpen,
  );
  for (const r of active) {
    const rec = await call(backend, 'participants.get', { id: r.id });
    if (rec.assessments.some((a) => a.completedOn)) {
      man = r.id;
      break;
    }
  }
  expect(man).toBeTruthy();
  // A concern raised in the period, referred to children's services and the police.
  await call(backend, 'safeguarding.raise', {
    participantId: man,
    kind: 'child_protection',
    raisedOn: addDays(today, -20),
    what: CALL_OUT,
    children: ['Child A', 'Child B'],
    actions: {
      discussedWithManager: true,
      childrensServicesReferral: true,
      childrensServicesReference: 'CS-4471',
      policeInformed: true,
      policeReference: 'PX-0912',
    },
  });
}, 180_000);

afterAll(async () => {
  await backend.shutdown();
  cleanup();
});

describe('safeguarding in every agency report', () => {
  it.each(AGENCY)('%s names the concern: date, what was raised, what was done, who was told', async (type) => {
    const d = await draft(type);
    const text = await produceText(d.id);
    expect(text).toContain('Safeguarding');
    expect(text).toContain(`Child protection concern raised on ${ukDate(addDays(today, -20))}: still open`);
    expect(text).toContain(`What was raised: ${CALL_OUT}`);
    expect(text).toContain('a referral was made to children’s services (reference CS-4471)');
    expect(text).toContain('the police were informed (reference PX-0912)');
    expect(text).toContain('Who was told: children’s services and the police.');
    // The children's names stay on the record, not in the report.
    expect(text).not.toContain('Child A');
  });

  it('uses the facilitators’ own words when they reword the concern before sign-off', async () => {
    const first = await draft('court_mid');
    // One box for the concern (the others are the objectives' observations, issue 15 item 6).
    const concerns = first.editable.filter((e) => e.key.startsWith('sg:'));
    expect(concerns).toHaveLength(1);
    const w = concerns[0]!;
    expect(w.original).toBe(CALL_OUT);
    const mine = 'At a handover on a Saturday the police attended; both children saw him shouting.';
    const d = await draft('court_mid', { [w.key]: mine });
    expect(d.sections[w.key]).toBe(mine);
    expect(d.content.blocks.some((b) => b.kind === 'paragraph' && b.text.includes(mine))).toBe(true);
    const text = await produceText(d.id);
    expect(text).toContain(`What was raised: ${mine}`);
    expect(text).not.toContain(CALL_OUT);
    // Once signed off, the wording can no longer be changed.
    expect((await call(backend, 'reports.get', { id: d.id })).editable).toEqual([]);
  });

  it('keeps the record’s words when the box is left as it was (nothing stored)', async () => {
    const first = await draft('probation_update');
    const w = first.editable.find((e) => e.key.startsWith('sg:'))!;
    const d = await draft('probation_update', { [w.key]: w.original });
    expect(d.sections[w.key]).toBeUndefined();
  });

  it('says so in words when no concern was raised or open in the period', async () => {
    const created = await call(backend, 'reports.create', {
      type: 'court_mid',
      participantId: man,
      periodFrom: addDays(today, -400),
      periodTo: addDays(today, -300),
    });
    const text = plainText(
      created.content.blocks
        .filter((b) => b.kind === 'paragraph')
        .map((b) => `<w:t>${(b as { text: string }).text}</w:t></w:p>`)
        .join(''),
    );
    expect(text).toContain('No safeguarding concern about him was raised or open on the programme in the period');
  });
});

describe('risk told truthfully', () => {
  let him: string;
  let assessorId: string;
  beforeAll(async () => {
    him = (
      await call(backend, 'participants.create', {
        details: { firstName: 'Ignatius', lastName: 'Pendlebury', dateOfBirth: '1980-01-01' },
        referral: { source: 'self', receivedOn: addDays(today, -200), reason: 'Self-referral', route: 'voluntary' },
      })
    ).id;
    assessorId = backend.session!.staffId;
    await call(backend, 'risk.add', {
      participantId: him,
      level: 'medium',
      reasons: 'Recent separation and a history of controlling behaviour.',
      redFlags: ['separation'],
      assessorId,
      assessedOn: addDays(today, -100),
      nextReviewOn: addDays(today, -70),
    });
  });

  it('states the latest rating and its red flags when it predates the period, and that the review is overdue', async () => {
    const d = await draft('probation_update', {}, him, addDays(today, -60));
    const text = await produceText(d.id);
    expect(text).toContain(
      `No risk rating was recorded in this period; the latest before it was medium, last assessed on ${ukDate(addDays(today, -100))}`,
    );
    expect(text).toContain('The red flags recorded at that assessment are: recent or planned separation.');
    expect(text).toContain(
      `His risk review is overdue: it was due on ${ukDate(addDays(today, -70))}, and his risk has not been reassessed since ${ukDate(addDays(today, -100))}.`,
    );
  });

  it('counts a new red flag as a change even when the rating stays the same; a review done is no longer overdue', async () => {
    await call(backend, 'risk.add', {
      participantId: him,
      level: 'medium',
      reasons: 'She reports he has been following her.',
      redFlags: ['separation', 'stalking'],
      assessorId,
      assessedOn: addDays(today, -10),
      nextReviewOn: addDays(today, 80),
    });
    const d = await draft('court_mid', {}, him, addDays(today, -60));
    const text = await produceText(d.id);
    expect(text).toContain(`The latest rating is medium, last assessed on ${ukDate(addDays(today, -10))}`);
    expect(text).toContain(`on ${ukDate(addDays(today, -10))} a new red flag was recorded: stalking`);
    expect(text).not.toContain('There was no change');
    expect(text).not.toContain('overdue');
  });
});

describe('attendance a probation officer can use (item 7)', () => {
  it('gives exact fractions, percentages never rounded up, both totals side by side, and no jargon', async () => {
    expect(floorPercent1(4, 6)).toBe('66.6%');
    expect(floorPercent1(2, 3)).toBe('66.6%');
    expect(floorPercent1(1, 8)).toBe('12.5%');
    const summary = (await call(backend, 'attendance.summary', { participantId: man }))!;
    const d = await draft('probation_update', {}, man, addDays(today, -365));
    const text = await produceText(d.id);
    const whole = `${summary.attended} of ${summary.possible}`;
    expect(text).toContain(
      `Over the whole programme so far he has attended ${whole} group sessions (${floorPercent1(summary.attended, summary.possible)})`,
    );
    expect(text).toContain(`Whole programme so far\n${whole}\n${floorPercent1(summary.attended, summary.possible)}\n`);
    expect(text).toMatch(/This period\n\d+ of \d+\n\d+\.\d%\n/);
    expect(text).not.toContain('completion rule');
  });
});
