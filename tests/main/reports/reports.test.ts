/**
 * Reports from demo data, read back from the DOCX: marking on every page
 * section, page X of Y, numbered paragraphs, the attendance rows, the
 * sign-off; the partner wall; regeneration byte for byte; consent; bad input.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../../src/main/backend';
import { seedDemo, DEMO_ACCOUNTS } from '../../../src/main/demo/seed';
import { addDays } from '../../../src/shared/dates';
import { reportTypes, type ReportDetail, type ReportType } from '../../../src/shared/features/reports';
import { encodePng } from '../../../src/main/reports/png';
import { plainCompletion } from '../../../src/main/features/reports/participant-reports';
import { call, callError, newBackend, tempDir } from '../helpers';
import { markedAfterFirstPage, plainText, readDocx, sectionsMarked } from './docx';
import { nowIso } from '../../../src/main/clock';
import { testToday } from '../test-clock';

let backend: Backend;
let cleanup: () => void;
let man: string;
let otherMan: string;
let sessionId: string;
const today = testToday;
const yearAgo = addDays(today, -365);
const SECRET = {
  first: 'Zephyrine',
  last: 'Quillfeather',
  phone: '07700 900777',
  address: '99 Hiddenlane Close, Secretown',
  note: 'She disclosed the marmalade-kitchen incident',
  code: 'bluebell-lantern',
  plan: 'Grey-heron escape bag at the allotment',
};
const TRICKY = "Zoë O'Brien said “I’m trying” — שלום עליכם; مرحبا بكم <b>&amp;</b>";

const login = async (username: string) => {
  if (backend.session) await call(backend, 'auth.logout', {});
  const a = DEMO_ACCOUNTS.find((x) => x.username === username)!;
  await call(backend, 'auth.login', { username: a.username, password: a.password });
};

async function produce(
  id: string,
  withoutConsentReason = '',
): Promise<{ bytes: Buffer; sha256: string; detail: ReportDetail }> {
  let d = await call(backend, 'reports.get', { id });
  if (reportTypes[d.type].needsSignOff && d.status === 'draft')
    d = await call(backend, 'reports.signOff', { id, version: d.version, withoutConsentReason });
  const out = await call(backend, 'reports.generate', { id, version: d.version });
  return {
    bytes: Buffer.from(out.base64!, 'base64'),
    sha256: out.sha256,
    detail: await call(backend, 'reports.get', { id }),
  };
}

async function draft(type: ReportType, extra: Record<string, unknown> = {}, sections: Record<string, string> = {}) {
  const def = reportTypes[type];
  const created = await call(backend, 'reports.create', {
    type,
    participantId: def.subject === 'participant' ? man : null,
    sessionId: def.subject === 'session' ? sessionId : null,
    periodFrom: def.period ? yearAgo : '',
    periodTo: def.period ? today : '',
    ...extra,
  });
  if (Object.keys(sections).length === 0) return created;
  return call(backend, 'reports.update', {
    id: created.id,
    version: created.version,
    periodFrom: created.periodFrom,
    periodTo: created.periodTo,
    recipient: created.recipient,
    recipientName: created.recipientName,
    sections,
  });
}

beforeAll(async () => {
  const t = tempDir();
  cleanup = t.cleanup;
  backend = await newBackend(t.dir);
  await seedDemo(backend);
  await login('manager');
  // The man with the most sessions; and another for the consent tests.
  const active = (await call(backend, 'participants.list', { status: 'active', pageSize: 200 })).rows.filter(
    (r) => r.canOpen,
  );
  let best = -1;
  for (const r of active) {
    const s = await call(backend, 'attendance.summary', { participantId: r.id });
    if ((s?.sessions.length ?? 0) > best) {
      best = s!.sessions.length;
      man = r.id;
      sessionId = s!.sessions.at(-1)!.sessionId;
    }
  }
  otherMan = active.find((r) => r.id !== man)!.id;
  // Letters need an address; his has an apostrophe and an accent.
  const rec = await call(backend, 'participants.get', { id: man });
  await call(backend, 'participants.updateDetails', {
    id: man,
    version: rec.version,
    details: { ...rec.details, address: "Flat 2, 14 O'Connell Road, Élmbridge, EX2 3AB" },
  });
  // He gives consent to share with Cafcass / the court.
  await call(backend, 'consents.add', {
    participantId: man,
    recipient: 'cafcass_court',
    purpose: 'Reports to the family court',
    confidentialityExplained: true,
    howGiven: 'signed',
    givenOn: addDays(today, -30),
    reviewOn: addDays(today, 300),
  });
  // A partner full of distinctive strings, linked to him, behind the wall.
  await login('partner');
  const { id: partnerId } = await call(backend, 'partners.create', {
    details: {
      firstName: SECRET.first,
      lastName: SECRET.last,
      phone: SECRET.phone,
      address: SECRET.address,
      safeContact: {
        safeNumber: SECRET.phone,
        safeTimes: 'Weekdays',
        messageAllowed: 'no',
        nameToGive: 'Sarah',
        codeWord: SECRET.code,
        notes: SECRET.note,
      },
      consentToService: true,
      workerId: backend.session!.staffId,
    },
    link: { participantId: man, relationship: 'ex', from: '2015-01-01', to: '' },
  });
  await call(backend, 'partners.logContact', {
    partnerId,
    at: nowIso({ backend }),
    method: 'phone',
    outcome: 'spoke',
    notes: SECRET.note,
    nextContactDue: addDays(today, 7),
  });
  await call(backend, 'partners.saveSafetyPlan', {
    partnerId,
    version: 0,
    sections: {
      safe_contacts: SECRET.plan,
      leaving_plan: SECRET.plan,
      children: SECRET.note,
      technology: '',
      at_home: '',
      at_work: '',
    },
    reviewOn: addDays(today, 28),
  });
  await call(backend, 'safeguarding.raise', {
    partnerId,
    kind: 'adult_at_risk',
    raisedOn: today,
    what: `${SECRET.note} at ${SECRET.address}`,
  });
  await login('manager');
}, 120_000);

afterAll(async () => {
  await backend.shutdown();
  cleanup();
});

describe('the court report', () => {
  let id: string;
  let first: { bytes: Buffer; sha256: string; detail: ReportDetail };

  it('is drafted with free text, previewed, signed off by a manager and produced as a Word file', async () => {
    await login('facilitator');
    const long = `${'A very long note about his participation. '.repeat(300)}The end.`;
    const d = await draft(
      'court_mid',
      {},
      { observations: `${TRICKY}\n\n${long}`, recommendations: 'He should continue.\n\nA review in three months.' },
    );
    id = d.id;
    expect(d.status).toBe('draft');
    expect(d.blockers).toEqual([]);
    expect(d.content.blocks.some((b) => b.kind === 'table' && b.columns[0]!.label === 'Date')).toBe(true);
    // Facilitators draft; only managers sign off.
    expect((await callError(backend, 'reports.signOff', { id, version: d.version })).code).toBe('FORBIDDEN');
    expect((await callError(backend, 'reports.generate', { id, version: d.version })).code).toBe('CONFLICT');
    await login('manager');
    first = await produce(id);
    const docx = readDocx(first.bytes);
    expect(sectionsMarked(docx, 'OFFICIAL-SENSITIVE')).toBe(true);
    expect(docx.document).toMatch(/<w:numPr>/);
    const text = plainText(docx.document);
    expect(text).toContain('Demo Charity');
    expect(text).toContain('Registered charity number 1000000');
    expect(text).toContain(TRICKY);
    expect(text).toContain('The end.');
    expect(text).toContain('Morgan Manager');
    expect(text).toContain('Signed off by (manager)');
    // Every session of his in the period is a row with its date.
    const summary = (await call(backend, 'attendance.summary', { participantId: man }))!;
    for (const s of summary.sessions) expect(text).toContain(s.date.split('-').reverse().join('/'));
    // The header row repeats on each page.
    expect(docx.document).toMatch(/<w:tblHeader\/>/);
    // Headings are Word heading styles with an outline level, so the navigation pane and screen readers see them.
    expect(docx.document).toMatch(/<w:pStyle w:val="Heading1"\/>/);
    expect(docx.document).toMatch(/<w:pStyle w:val="Heading2"\/>(?:(?!<\/w:p>).)*Attendance/s);
    expect(docx.all).toMatch(/w:styleId="Heading2"(?:(?!<\/w:style>).)*<w:outlineLvl w:val="1"\/>/s);
    // Right-to-left text is marked so Word orders it.
    expect(docx.document).toMatch(/<w:rtl\/>/);
    // Document properties carry the type in words (issue 15: words, not codes), no one's name or reference.
    expect(docx.custom).toContain('Court / Cafcass report: mid-programme');
    expect(docx.custom).not.toContain('court_mid');
    expect(docx.core).toContain('<cp:keywords>Court / Cafcass report: mid-programme; OFFICIAL-SENSITIVE</cp:keywords>');
    const record = await call(backend, 'participants.get', { id: man });
    for (const p of [docx.core, docx.custom]) {
      expect(p).not.toContain(record.details.lastName);
      expect(p).not.toContain(record.header.reference);
    }
    expect(first.detail.status).toBe('saved');
    expect(first.detail.sha256).toBe(first.sha256);
    expect(first.detail.approverName).toBe('Morgan Manager');
  });

  it('is recorded in the sent list and in the information-sharing log when sent, and audited', async () => {
    const saved = await call(backend, 'reports.get', { id });
    // Producing the file is not sending it: nothing in his sharing log until someone records it was sent.
    expect((await call(backend, 'sharing.list', { participantId: man })).find((e) => e.what.startsWith('Court / Cafcass report'))).toBeUndefined();
    await call(backend, 'reports.markSent', { id, version: saved.version, sentOn: today, how: 'secure_email' });
    const sent = await call(backend, 'reports.list', { participantId: man, status: 'sent' });
    expect(sent.map((r) => r.id)).toContain(id);
    const log = await call(backend, 'sharing.list', { participantId: man });
    expect(log.find((e) => e.what.startsWith('Court / Cafcass report'))).toMatchObject({
      basis: 'consent',
      agency: 'Cafcass / family court',
    });
    const audit = await call(backend, 'audit.list', { action: 'reports.generate' } as never);
    expect(audit.entries.length).toBeGreaterThan(0);
  });

  it('agrees with the screen: attendance and completion come from the same summary', async () => {
    const summary = (await call(backend, 'attendance.summary', { participantId: man }))!;
    const detail = await call(backend, 'reports.get', { id });
    const paras = detail.content.blocks.filter((b) => b.kind === 'paragraph').map((b) => (b as { text: string }).text);
    expect(paras).toContain(plainCompletion(summary.completion!.reason));
    expect(paras.join('\n')).not.toContain('completion rule');
    expect(paras.some((p) => p.includes(`attended ${summary.attended} of ${summary.possible} group sessions`))).toBe(
      true,
    );
    const inPeriod = summary.sessions.filter((s) => s.date >= yearAgo && s.date <= today);
    const table = detail.content.blocks.find(
      (b) => b.kind === 'table' && b.columns[0]!.label === 'Date' && b.columns[1]!.label === 'Session',
    ) as { rows: string[][] };
    expect(table.rows.length).toBe(inPeriod.length);
  });

  it('regenerates byte for byte, and says when the records have changed since', async () => {
    const again = await call(backend, 'reports.regenerate', { id });
    expect(again).toMatchObject({ identical: true, dataChanged: false, sha256: first.sha256 });
    expect(Buffer.from(again.base64!, 'base64').equals(first.bytes)).toBe(true);
    await call(backend, 'risk.add', {
      participantId: man,
      level: 'high',
      reasons: 'New information from the police',
      redFlags: ['weapons'],
      assessorId: backend.session!.staffId,
      assessedOn: today,
      nextReviewOn: addDays(today, 30),
    });
    const later = await call(backend, 'reports.regenerate', { id });
    expect(later).toMatchObject({ identical: true, dataChanged: true, sha256: first.sha256 });
    const after = await call(backend, 'reports.get', { id });
    expect(after.dataChanged).toBe(true);
    // His flags show on the report page as on every screen about him.
    expect(after.participantFlags).toContain('high_risk');
  });

  it('says when no risk rating was made in the period, with the latest before it', async () => {
    const d = await draft('probation_update', { periodFrom: addDays(today, 1), periodTo: addDays(today, 60) });
    const texts = d.content.blocks.filter((b) => b.kind === 'paragraph').map((b) => (b as { text: string }).text);
    expect(
      texts.some((t) => t.startsWith('No risk rating was recorded in this period; the latest before it was')),
    ).toBe(true);
    expect(texts).not.toContain('His risk has not been rated.');
    const old = await draft('probation_update', { periodFrom: '2001-01-01', periodTo: '2001-06-30' });
    const oldTexts = old.content.blocks.filter((b) => b.kind === 'paragraph').map((b) => (b as { text: string }).text);
    expect(oldTexts.some((t) => t.startsWith('No risk rating was recorded in or before this period'))).toBe(true);
  });

  it('says in words when the period had no sessions', async () => {
    const d = await draft('court_end', { periodFrom: '2001-01-01', periodTo: '2001-06-30' });
    const texts = d.content.blocks.filter((b) => b.kind === 'paragraph').map((b) => (b as { text: string }).text);
    expect(
      texts.some((t) => t.startsWith('No sessions were held for him in the period from 01/01/2001 to 30/06/2001')),
    ).toBe(true);
    expect(d.content.blocks.some((b) => b.kind === 'table' && b.columns[1]?.label === 'Session')).toBe(false);
  });
});

describe('every report type', () => {
  const types = Object.keys(reportTypes) as ReportType[];
  it.each(types)('%s is produced with the marking, page numbers and its parts', async (type) => {
    await login('manager');
    const sections: Record<string, string> = {
      observations: 'He took part well.',
      recommendations: 'Continue.',
      appointment: 'Tuesday 3 March at 10:00 at our office.',
      comments: 'Nothing to add.',
      message: '',
    };
    let d = await draft(
      type,
      type === 'letter_end' || type === 'letter_missed_session' ? {} : {},
      Object.fromEntries(reportTypes[type].sections.map((s) => [s.key, sections[s.key] ?? ''])),
    );
    let subject = man;
    if (type === 'letter_end') {
      // Letters about the end need him to have finished: use a man who has.
      const done = (await call(backend, 'participants.list', { status: 'completed', pageSize: 50 })).rows.find(
        (r) => r.canOpen,
      )!;
      const rec = await call(backend, 'participants.get', { id: done.id });
      await call(backend, 'participants.updateDetails', {
        id: done.id,
        version: rec.version,
        details: { ...rec.details, address: '3 Mill Lane, Exampletown' },
      });
      d = await call(backend, 'reports.create', { type, participantId: done.id });
      subject = done.id;
    }
    if (type === 'letter_missed_session') {
      // A man who missed a session (the demo has some), with an address to write to.
      const active = (await call(backend, 'participants.list', { status: 'active', pageSize: 200 })).rows.filter(
        (r) => r.canOpen,
      );
      let missed: string | null = null;
      for (const r of active) {
        const s = await call(backend, 'attendance.summary', { participantId: r.id });
        if (s?.sessions.some((x) => x.attendance === 'absent_no_reason' || x.attendance === 'absent_reason'))
          missed = r.id;
      }
      expect(missed).not.toBeNull();
      const rec = await call(backend, 'participants.get', { id: missed! });
      if (!rec.details.address)
        await call(backend, 'participants.updateDetails', {
          id: missed!,
          version: rec.version,
          details: { ...rec.details, address: '9 Quay Street, Exampletown' },
        });
      d = await call(backend, 'reports.create', { type, participantId: missed, periodFrom: yearAgo, periodTo: today });
      subject = missed!;
    }
    expect(d.blockers).toEqual([]);
    const { bytes, detail } = await produce(d.id, 'Requested by the court; he could not be reached');
    const docx = readDocx(bytes);
    expect(docx.files).toContain('word/document.xml');
    // Letters to his home are unmarked on the page that faces the envelope window (the default setting).
    if (type.startsWith('letter_')) expect(markedAfterFirstPage(docx, 'OFFICIAL-SENSITIVE')).toBe(true);
    else expect(sectionsMarked(docx, 'OFFICIAL-SENSITIVE')).toBe(true);
    expect(docx.custom).toContain(reportTypes[type].label.replace(/'/g, '&apos;'));
    const text = plainText(docx.document);
    expect(text).toContain('Demo Charity');
    if (reportTypes[type].needsSignOff) expect(text).toContain('Signed off by (manager)');
    if (type === 'funders_figures') {
      expect(docx.files.some((f) => f.startsWith('word/media/'))).toBe(true);
      expect(text).toContain('Referrals by source');
      // The chart is a picture drawn from the figures: produced again, it is the same file.
      const again = await call(backend, 'reports.regenerate', { id: d.id });
      expect(again).toMatchObject({ identical: true, sha256: detail.sha256 });
    }
    if (['court_mid', 'court_end', 'probation_update', 'childrens_services_update'].includes(type)) {
      // Every session of his in the period is a row with its date.
      const summary = (await call(backend, 'attendance.summary', { participantId: man }))!;
      const inPeriod = summary.sessions.filter((s) => s.date >= yearAgo && s.date <= today);
      expect(inPeriod.length).toBeGreaterThan(0);
      for (const s of inPeriod) expect(text).toContain(s.date.split('-').reverse().join('/'));
    }
    if (type.startsWith('letter_')) {
      // Addressed to him: his name, then his address a line at a time; no sharing with an agency.
      const rec = await call(backend, 'participants.get', { id: subject });
      const lines = text.split('\n');
      const at = lines.indexOf(`${rec.details.firstName} ${rec.details.lastName}`);
      expect(at).toBeGreaterThanOrEqual(0);
      const address = rec.details.address
        .split(/\n|,\s*/)
        .map((l) => l.trim())
        .filter(Boolean);
      expect(lines.slice(at + 1, at + 1 + address.length)).toEqual(address);
      expect(detail.recipient).toBe('participant');
      const log = await call(backend, 'sharing.list', { participantId: subject });
      expect(log.some((e) => e.what.startsWith(reportTypes[type].label))).toBe(false);
    }
    if (type === 'letter_missed_session') {
      const s = (await call(backend, 'attendance.summary', { participantId: subject }))!.sessions
        .filter((x) => x.date >= yearAgo && x.date <= today)
        .filter((x) => x.attendance === 'absent_no_reason' || x.attendance === 'absent_reason')
        .at(-1)!;
      expect(text).toContain(`you did not attend the session on ${s.date.split('-').reverse().join('/')}`);
    }
    if (type === 'letter_end') {
      expect(text).toContain('We are writing to confirm that you completed the programme');
      expect(text).not.toContain('your place on the programme ended');
    }
    if (type === 'session_plan') {
      // Issue 15: a plan not marked ready prints DRAFT in its title and in the header of every page.
      const plan = (await call(backend, 'plans.get', { sessionId }))!;
      const header = docx.headers.map(plainText).join('\n');
      if (plan.status === 'draft') {
        expect(text).toContain('Session plan (DRAFT)');
        expect(header).toContain('DRAFT');
      } else {
        expect(text).not.toContain('DRAFT');
        expect(header).not.toContain('DRAFT');
      }
    }
    if (type === 'register_blank') {
      // Filled in by hand: it ends with the facilitators' signature lines, not an author and sign-off block.
      expect(text).not.toContain('Declaration and sign-off');
      expect(text).toMatch(/Role\nName\nSignature\nDate\nFacilitator\n/);
    }
    // Word's closing paragraph is a hair high, so a table at the foot of the last page never pushes it onto a blank one.
    const body = docx.document.slice(0, docx.document.lastIndexOf('<w:sectPr'));
    const afterLastTable = body.slice(body.lastIndexOf('</w:tbl>') + '</w:tbl>'.length);
    if (body.includes('</w:tbl>') && afterLastTable.split('</w:p>').length === 2)
      expect(afterLastTable).toMatch(/w:lineRule="exact"/);
    if (type === 'register_blank' || type === 'register_filled') expect(docx.document).toMatch(/w:orient="landscape"/);
    if (['court_mid', 'court_end', 'probation_update', 'childrens_services_update', 'suitability'].includes(type))
      expect(docx.document).toMatch(/<w:numPr>/);
    expect(detail.status).toBe('saved');
  });
});

describe('a draft session plan (issue 15)', () => {
  it('prints DRAFT in its title and in the header of every page until it is marked ready', async () => {
    const plan = (await call(backend, 'plans.get', { sessionId }))!;
    await call(backend, 'plans.save', {
      sessionId,
      version: plan.version,
      title: plan.title,
      themeId: plan.themeId,
      aims: plan.aims,
      objectiveIds: plan.objectiveIds,
      activities: plan.activities,
      materials: plan.materials,
      notes: plan.notes,
      status: 'draft',
    });
    const d = await draft('session_plan');
    const { bytes } = await produce(d.id);
    const docx = readDocx(bytes);
    expect(plainText(docx.document)).toContain('Session plan (DRAFT)');
    expect(plainText(docx.document)).toContain('DRAFT: this plan has not yet been marked ready');
    expect(docx.headers.map(plainText).join('\n')).toContain('DRAFT');
  });
});

describe('letters', () => {
  it('tells a man who left without completing that his place ended, and why', async () => {
    await login('manager');
    const gone = (await call(backend, 'participants.list', { status: 'exited', pageSize: 50 })).rows.find(
      (r) => r.canOpen,
    )!;
    const rec = await call(backend, 'participants.get', { id: gone.id });
    if (!rec.details.address)
      await call(backend, 'participants.updateDetails', {
        id: gone.id,
        version: rec.version,
        details: { ...rec.details, address: '5 Harbour Row, Exampletown' },
      });
    const d = await call(backend, 'reports.create', { type: 'letter_end', participantId: gone.id });
    expect(d.blockers).toEqual([]);
    const text = plainText(readDocx((await produce(d.id)).bytes).document);
    expect(text).toContain('We are writing to tell you that your place on the programme ended');
    expect(text).toMatch(/The reason is: [a-z]/);
    expect(text).not.toContain('you completed the programme');
  });

  it('are addressed to him: an agency is refused, in the service as in the form', async () => {
    await login('facilitator');
    for (const type of ['letter_appointment', 'letter_missed_session', 'letter_end'] as const) {
      const err = await callError(backend, 'reports.create', {
        type,
        participantId: man,
        periodFrom: reportTypes[type].period ? yearAgo : '',
        periodTo: reportTypes[type].period ? today : '',
        recipient: 'police',
      });
      expect(err.code).toBe('VALIDATION');
      expect(err.fields?.recipient).toMatch(/addressed to him/);
    }
    const d = await call(backend, 'reports.create', { type: 'letter_appointment', participantId: man });
    expect(d.recipient).toBe('participant');
    const err = await callError(backend, 'reports.update', {
      id: d.id,
      version: d.version,
      recipient: 'probation',
      sections: { appointment: 'Monday' },
    });
    expect(err.fields?.recipient).toMatch(/addressed to him/);
  });

  it('keep a report without sign-off (his record) away from agencies', async () => {
    await login('facilitator');
    const err = await callError(backend, 'reports.create', {
      type: 'participant_record',
      participantId: man,
      periodFrom: yearAgo,
      periodTo: today,
      recipient: 'police',
    });
    expect(err.fields?.recipient).toMatch(/not signed off by a manager/);
    const d = await call(backend, 'reports.create', {
      type: 'participant_record',
      participantId: man,
      periodFrom: yearAgo,
      periodTo: today,
      recipient: 'participant',
    });
    const upd = await callError(backend, 'reports.update', {
      id: d.id,
      version: d.version,
      periodFrom: yearAgo,
      periodTo: today,
      recipient: 'police',
    });
    expect(upd.fields?.recipient).toMatch(/not signed off by a manager/);
    await login('manager');
  });
});

describe('the partner wall', () => {
  it('keeps every partner-side string out of every report and letter about him', async () => {
    await login('manager');
    const participantTypes = (Object.keys(reportTypes) as ReportType[]).filter(
      (t) => reportTypes[t].subject === 'participant',
    );
    for (const type of participantTypes) {
      const d = await draft(
        type,
        {},
        { observations: 'Fine.', recommendations: 'Fine.', appointment: 'Monday.', comments: '' },
      );
      const preview = JSON.stringify(d.content);
      for (const s of Object.values(SECRET)) expect(preview).not.toContain(s);
      if (d.blockers.length) continue;
      const { bytes } = await produce(d.id, 'Court request');
      const all = readDocx(bytes).all;
      for (const s of Object.values(SECRET)) expect(all, `${type} leaks "${s}"`).not.toContain(s);
      if (['court_mid', 'court_end', 'probation_update', 'childrens_services_update', 'suitability'].includes(type))
        expect(plainText(readDocx(bytes).document)).toContain('The partner support service is in contact');
    }
  });
});

describe('items marked safe to share', () => {
  it('puts only the summaries a partner worker marked into his reports', async () => {
    await login('partner');
    const [her] = await call(backend, 'partners.search', { q: SECRET.last });
    const record = await call(backend, 'partners.get', { partnerId: her!.id });
    const contact = record.contacts.find((c) => c.notes === SECRET.note)!;
    // A second contact, not marked: its notes must stay behind the wall.
    await call(backend, 'partners.logContact', {
      partnerId: her!.id,
      at: nowIso({ backend }),
      method: 'phone',
      outcome: 'spoke',
      notes: 'Unmarked: the otter-bridge conversation',
    });
    const summary = 'She reports that contact handovers have been calm since the programme began.';
    await call(backend, 'partners.shareContact', { partnerId: her!.id, contactId: contact.id, summary });
    await login('manager');
    const d = await draft('court_mid', {}, { observations: 'Fine.', recommendations: 'Fine.' });
    const preview = JSON.stringify(d.content);
    expect(preview).toContain('From the partner support service');
    expect(preview).toContain(summary);
    const text = plainText(readDocx((await produce(d.id)).bytes).document);
    expect(text).toContain(summary);
    for (const s of [...Object.values(SECRET), 'otter-bridge']) expect(text, `leaks "${s}"`).not.toContain(s);
    // Unmarked again: the section goes, leaving only whether the service is in contact.
    await login('partner');
    await call(backend, 'partners.unshareContact', { partnerId: her!.id, contactId: contact.id });
    await login('manager');
    const again = JSON.stringify((await draft('probation_update')).content);
    expect(again).not.toContain(summary);
    expect(again).not.toContain('From the partner support service');
    expect(again).toContain('The partner support service is in contact');
  });
});

describe('consent and sharing', () => {
  it('settles consent at sign-off: no consent means a manager records why before signing, never at download', async () => {
    await login('facilitator');
    const drafted = await draft(
      'probation_update',
      { participantId: otherMan, recipient: 'police' },
      { observations: 'Fine.', recommendations: 'Continue.' },
    );
    expect(drafted.consent).toMatchObject({ needed: true, current: false, decided: null });
    await login('manager');
    const missing = await callError(backend, 'reports.signOff', { id: drafted.id, version: drafted.version });
    expect(missing.fields?.withoutConsentReason).toMatch(/no current consent to share with Police.*reason/);
    expect((await call(backend, 'reports.get', { id: drafted.id })).status).toBe('draft');
    const d = await call(backend, 'reports.signOff', {
      id: drafted.id,
      version: drafted.version,
      withoutConsentReason: 'Serious risk of harm: police request under the information-sharing agreement',
    });
    expect(d.consent.decided).toMatchObject({ basis: 'without_consent', decidedByName: 'Morgan Manager' });
    // A facilitator can then produce and send it: the decision was made.
    await login('facilitator');
    const saved = await call(backend, 'reports.generate', { id: d.id, version: d.version });
    expect(saved.base64).toBeTruthy();
    const after = await call(backend, 'reports.get', { id: d.id });
    expect(after).toMatchObject({ status: 'saved', sentOn: null, sentHow: null });
    expect((await call(backend, 'sharing.list', { participantId: otherMan })).find((e) => e.agency === 'Police')).toBeUndefined();
    // Sending is recorded with its day and how; the day cannot be in the future or before it was saved.
    const future = await callError(backend, 'reports.markSent', { id: d.id, version: after.version, sentOn: addDays(today, 1), how: 'post' });
    expect(future.fields?.sentOn).toMatch(/in the future/);
    const early = await callError(backend, 'reports.markSent', { id: d.id, version: after.version, sentOn: addDays(today, -1), how: 'post' });
    expect(early.fields?.sentOn).toMatch(/cannot have been sent before/);
    expect((await callError(backend, 'reports.markSent', { id: d.id, version: after.version, sentOn: today, how: 'pigeon' } as never)).fields?.how).toMatch(/how it was sent/);
    const sent = await call(backend, 'reports.markSent', { id: d.id, version: after.version, sentOn: today, how: 'post' });
    expect(sent).toMatchObject({ status: 'sent', sentOn: today, sentHow: 'post' });
    expect((await callError(backend, 'reports.markSent', { id: d.id, version: sent.version, sentOn: today, how: 'post' })).code).toBe('CONFLICT');
    await login('manager');
    const log = await call(backend, 'sharing.list', { participantId: otherMan });
    const entry = log.find((e) => e.agency === 'Police')!;
    expect(entry).toMatchObject({
      basis: 'without_consent',
      sharedOn: today,
      decisionReason: expect.stringContaining('Serious risk') as string,
      decidedByName: 'Morgan Manager',
    });
    // The log says what happened in words, not a file hash.
    expect(JSON.stringify(entry)).not.toMatch(/SHA-256|[0-9a-f]{16}/);
    const audit = await call(backend, 'audit.list', { action: 'reports.markSent' } as never);
    expect(audit.entries.length).toBeGreaterThan(0);
  });

  it('saves a report for our own use, which is never sent', async () => {
    await login('manager');
    const d = await draft('participant_record', {}, { comments: 'x' });
    const out = await call(backend, 'reports.generate', { id: d.id, version: d.version });
    expect(out.base64).toBeTruthy();
    const saved = await call(backend, 'reports.get', { id: d.id });
    expect(saved.status).toBe('saved');
    const e = await callError(backend, 'reports.markSent', { id: d.id, version: saved.version, sentOn: today, how: 'post' });
    expect(e.message).toMatch(/our own use/);
  });

  it('keeps partner workers out of reports entirely', async () => {
    await login('partner');
    expect((await callError(backend, 'reports.list', {})).code).toBe('FORBIDDEN');
    await login('manager');
  });
});

describe('saving in the desktop program', () => {
  it('keeps the draft and says so when the place cannot be written; a cancelled dialog records nothing', async () => {
    await login('manager');
    const d = await draft('participant_record', {}, { comments: 'x' });
    const place = '/chosen/place.docx';
    let written: Buffer | null = null;
    let fail = true;
    let cancel = false;
    backend.fileSaver = {
      choose: async (name) => {
        expect(name).toMatch(/^participant-record_.*\.docx$/);
        // The dialog waits on the person outside any transaction: other work carries on meanwhile.
        await call(backend, 'reports.create', {
          type: 'participant_record',
          participantId: man,
          periodFrom: yearAgo,
          periodTo: today,
        });
        return cancel ? null : place;
      },
      write: (_place, bytes) => {
        if (fail) return Promise.reject(new Error('EROFS: read-only file system'));
        written = bytes;
        return Promise.resolve();
      },
    };
    // The window cannot produce it without a place chosen through the dialog.
    expect(
      (await callError(backend, 'reports.generate', { id: d.id, version: d.version, saveToken: 'made-up' })).message,
    ).toMatch(/Choose where to save/);
    const chosen = await call(backend, 'reports.choosePlace', { id: d.id });
    expect(chosen).toMatchObject({ cancelled: false, token: expect.any(String) as string });
    const err = await callError(backend, 'reports.generate', {
      id: d.id,
      version: d.version,
      saveToken: chosen.token!,
    });
    expect(err.message).toMatch(/could not be saved there.*kept as it was/);
    expect((await call(backend, 'reports.get', { id: d.id })).status).toBe('draft');
    cancel = true;
    expect(await call(backend, 'reports.choosePlace', { id: d.id })).toEqual({ token: null, cancelled: true });
    expect((await call(backend, 'reports.get', { id: d.id })).status).toBe('draft');
    cancel = false;
    fail = false;
    const again = await call(backend, 'reports.choosePlace', { id: d.id });
    const out = await call(backend, 'reports.generate', { id: d.id, version: d.version, saveToken: again.token! });
    expect(out).toMatchObject({ cancelled: false, base64: null, savedTo: place });
    expect(written).not.toBeNull();
    expect((await call(backend, 'reports.get', { id: d.id })).sha256).toBe(out.sha256);
    // A place is used once; producing it again asks again.
    expect((await callError(backend, 'reports.regenerate', { id: d.id, saveToken: again.token! })).message).toMatch(
      /Choose where/,
    );
    const third = await call(backend, 'reports.choosePlace', { id: d.id });
    expect(await call(backend, 'reports.regenerate', { id: d.id, saveToken: third.token! })).toMatchObject({
      identical: true,
      savedTo: place,
    });
    backend.fileSaver = null;
    // In the browser there is no dialog: the file comes back to be downloaded.
    expect(await call(backend, 'reports.choosePlace', { id: d.id })).toEqual({ token: null, cancelled: false });
  });
});

describe('the letterhead', () => {
  it('refuses a logo that is not a PNG or JPEG, or is too large; a PNG goes on every report', async () => {
    await login('admin');
    const gif = Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1').toString('base64');
    expect((await callError(backend, 'settings.setLogo', { base64: gif })).message).toMatch(/PNG or JPEG/);
    const big = Buffer.concat([encodePng(1, 1, new Uint8Array(3)), Buffer.alloc(600 * 1024)]).toString('base64');
    expect((await callError(backend, 'settings.setLogo', { base64: big })).message).toMatch(/too large/);
    const px = new Uint8Array(40 * 20 * 3).fill(200);
    const settings = await call(backend, 'settings.setLogo', { base64: encodePng(40, 20, px).toString('base64') });
    expect(settings.logo).toMatchObject({ type: 'png', width: 40, height: 20 });
    await login('manager');
    const d = await draft('participant_record', {}, { comments: '' });
    const { bytes, sha256 } = await produce(d.id);
    expect(readDocx(bytes).files.some((f) => f.startsWith('word/media/'))).toBe(true);
    // With the logo in it, the file produced again is the same, byte for byte.
    const again = await call(backend, 'reports.regenerate', { id: d.id });
    expect(again).toMatchObject({ identical: true, sha256 });
    expect(Buffer.from(again.base64!, 'base64').equals(bytes)).toBe(true);
  });

  it('tells the user what to fill in when organisation details are missing', async () => {
    await login('admin');
    const s = await call(backend, 'settings.get', {});
    await call(backend, 'settings.update', {
      organisation: { ...s.organisation, charityNumber: '' },
      autoLockMinutes: s.autoLockMinutes,
      protectiveMarking: 'OFFICIAL',
    });
    await login('manager');
    const d = await draft('participant_record', {}, { comments: '' });
    expect(d.blockers.join(' ')).toMatch(/charity number under Settings/);
    expect((await callError(backend, 'reports.generate', { id: d.id, version: d.version })).message).toMatch(
      /charity number/,
    );
    await login('admin');
    await call(backend, 'settings.update', {
      organisation: s.organisation,
      autoLockMinutes: s.autoLockMinutes,
      protectiveMarking: 'OFFICIAL',
    });
    await login('manager');
    const { bytes } = await produce(d.id);
    expect(sectionsMarked(readDocx(bytes), 'OFFICIAL')).toBe(true);
    // The page of a report sent before the change shows the marking it was sent with, not today's setting.
    const court = (await call(backend, 'reports.list', { participantId: man, status: 'sent', type: 'court_mid' }))[0]!;
    expect((await call(backend, 'reports.get', { id: court.id })).marking).toBe('OFFICIAL-SENSITIVE');
    expect((await call(backend, 'reports.get', { id: d.id })).marking).toBe('OFFICIAL');
  });
});
