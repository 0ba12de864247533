/**
 * The partner wall with two families (issue 20, item 2). Two men, each with his own
 * partner, her own contact notes, safety plan, safeguarding concern and her own
 * summary marked safe to share, every one full of distinctive strings. Every report
 * and letter kind about the first man (none skipped: the fixture gives the letters
 * what they need), every CSV export, and his subject access pack with every item
 * released, are searched: her marked summary appears where the design puts it, and
 * nothing of the second family ever does; neither does anything of hers not marked.
 */
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../../src/main/backend';
import { DEMO_ACCOUNTS, seedDemo } from '../../../src/main/demo/seed';
import { addDays } from '../../../src/shared/dates';
import { reportTypes, type ReportType } from '../../../src/shared/features/reports';
import { call, newBackend, tempDir } from '../helpers';
import { readDocx } from '../reports/docx';
import { testToday } from '../test-clock';

let backend: Backend;
let cleanup: () => void;
const today = testToday;
const yearAgo = addDays(today, -365);

/** His partner: her strings, and the one summary the partner worker marked for his reports. */
const HERS = {
  first: 'Philomena',
  last: 'Thistlewood',
  phone: '07700 900531',
  address: '7 Lanternfield Mews, Hiddenbury',
  note: 'She described the saucepan-cupboard episode',
  code: 'marigold-compass',
  plan: 'Spare keys with the heronry volunteer',
  concern: 'Worried about the larch-avenue car park',
};
const HER_SUMMARY = 'She reports the handovers at the family centre have been calm this term.';
/** The second family: another man's partner. Nothing of hers may reach the first man's outputs. */
const OTHER = {
  first: 'Gwendoline',
  last: 'Marchbanks',
  phone: '07700 900642',
  address: '3 Quarrystone Row, Farbridge',
  note: 'She spoke of the weathervane-shed argument',
  code: 'juniper-sextant',
  plan: 'Go-bag kept at the cobbler on Wexley Street',
  concern: 'Concern raised after the ferry-terminal sighting',
};
const OTHER_SUMMARY = 'She says the second-family summary mentions kestrel-meadow visits.';
const UNMARKED = 'Unmarked note about the copperbeech conversation';

let man: string; // the first man
let otherMan: string; // the second family's man
let sessionWithAbsence: string;

const login = async (username: string) => {
  if (backend.session) await call(backend, 'auth.logout', {});
  const a = DEMO_ACCOUNTS.find((x) => x.username === username)!;
  await call(backend, 'auth.login', { username: a.username, password: a.password });
};

async function addPartner(participantId: string, s: typeof HERS, summary: string) {
  await login('partner');
  const { id: partnerId } = await call(backend, 'partners.create', {
    details: {
      firstName: s.first,
      lastName: s.last,
      phone: s.phone,
      address: s.address,
      safeContact: { safeNumber: s.phone, safeTimes: 'Weekdays', messageAllowed: 'no', nameToGive: 'Sam', codeWord: s.code, notes: s.note },
      consentToService: true,
      workerId: backend.session!.staffId,
    },
    link: { participantId, relationship: 'current', from: '2018-01-01', to: '' },
  });
  const at = `${addDays(today, -20)}T10:00:00.000Z`;
  await call(backend, 'partners.logContact', { partnerId, at, method: 'phone', outcome: 'spoke', notes: s.note, nextContactDue: addDays(today, 7) });
  await call(backend, 'partners.logContact', { partnerId, at: `${addDays(today, -19)}T10:00:00.000Z`, method: 'phone', outcome: 'spoke', notes: UNMARKED });
  const record = await call(backend, 'partners.get', { partnerId });
  const contact = record.contacts.find((c) => c.notes === s.note)!;
  await call(backend, 'partners.shareContact', { partnerId, contactId: contact.id, summary });
  await call(backend, 'partners.saveSafetyPlan', {
    partnerId,
    version: 0,
    sections: { safe_contacts: s.plan, leaving_plan: s.plan, children: s.note, technology: '', at_home: '', at_work: '' },
    reviewOn: addDays(today, 28),
  });
  await call(backend, 'safeguarding.raise', { partnerId, kind: 'adult_at_risk', raisedOn: today, what: `${s.concern} at ${s.address}` });
  return partnerId;
}

function secretsOf(s: typeof HERS): string[] {
  return Object.values(s);
}

async function produce(type: ReportType): Promise<{ preview: string; file: string; blockers: string[] }> {
  const def = reportTypes[type];
  const created = await call(backend, 'reports.create', {
    type,
    participantId: man,
    periodFrom: def.period ? yearAgo : '',
    periodTo: def.period ? today : '',
  });
  const d = await call(backend, 'reports.update', {
    id: created.id,
    version: created.version,
    periodFrom: created.periodFrom,
    periodTo: created.periodTo,
    recipient: created.recipient,
    recipientName: created.recipientName,
    sections: { observations: 'He took part.', recommendations: 'None.', appointment: 'Monday at 10:00 at the office.', parties: 'The parties.' },
  });
  if (d.blockers.length) return { preview: JSON.stringify(d.content), file: '', blockers: d.blockers };
  let current = d;
  if (def.needsSignOff) current = await call(backend, 'reports.signOff', { id: d.id, version: d.version, withoutConsentReason: 'The court asked for it' });
  const out = await call(backend, 'reports.generate', { id: d.id, version: current.version });
  return { preview: JSON.stringify(d.content), file: readDocx(Buffer.from(out.base64!, 'base64')).all, blockers: [] };
}

beforeAll(async () => {
  const t = tempDir();
  cleanup = t.cleanup;
  backend = await newBackend(t.dir);
  await seedDemo(backend);
  await login('manager');
  // The first man: the active man with the most sessions (so every report has something to say).
  const active = (await call(backend, 'participants.list', { status: 'active', pageSize: 200 })).rows.filter((r) => r.canOpen);
  let best = -1;
  for (const r of active) {
    const s = await call(backend, 'attendance.summary', { participantId: r.id });
    if ((s?.sessions.length ?? 0) > best) {
      best = s!.sessions.length;
      man = r.id;
    }
  }
  otherMan = active.find((r) => r.id !== man)!.id;
  // Letters need his address, and the missed-session letter a session he missed without notice.
  const rec = await call(backend, 'participants.get', { id: man });
  await call(backend, 'participants.updateDetails', { id: man, version: rec.version, details: { ...rec.details, address: '14 Orchard Road, Testtown, TE1 2AB' } });
  const summary = (await call(backend, 'attendance.summary', { participantId: man }))!;
  const past = summary.sessions.filter((s) => s.date <= today && s.date >= yearAgo);
  sessionWithAbsence = past.at(-1)!.sessionId;
  const register = await call(backend, 'registers.get', { sessionId: sessionWithAbsence });
  await call(backend, 'registers.save', {
    sessionId: sessionWithAbsence,
    version: register.version,
    entries: register.entries.map((e) => (e.participantId === man ? { ...e, attendance: 'absent_no_reason' } : e)),
    debrief: register.debrief,
  });
  await addPartner(man, HERS, HER_SUMMARY);
  await addPartner(otherMan, OTHER, OTHER_SUMMARY);
  await login('manager');
}, 180_000);

afterAll(async () => {
  await backend.shutdown();
  cleanup();
});

const partnerSection = new Set<ReportType>(['court_mid', 'court_end', 'probation_update', 'childrens_services_update', 'suitability']);
const participantTypes = (Object.keys(reportTypes) as ReportType[]).filter((t) => reportTypes[t].subject === 'participant');

describe('two families: nothing of the other man’s partner reaches the first man’s outputs', () => {
  it('the fixture is as described: both partners marked a summary, the first man missed a session', async () => {
    await login('partner');
    const hers = await call(backend, 'partners.forParticipant', { participantId: man });
    const theirs = await call(backend, 'partners.forParticipant', { participantId: otherMan });
    expect(hers.map((p) => p.name)).toContain(`${HERS.first} ${HERS.last}`);
    expect(theirs.map((p) => p.name)).toContain(`${OTHER.first} ${OTHER.last}`);
    await login('manager');
  });

  for (const type of participantTypes.filter((t) => t !== 'letter_end')) {
    it(`${type}: his own partner’s marked summary only where it belongs; nothing of the other family`, async () => {
      await login('manager');
      const { preview, file, blockers } = await produce(type);
      expect(blockers, `${type} must be produced, not skipped`).toEqual([]);
      for (const text of [preview, file]) {
        for (const s of [...secretsOf(OTHER), OTHER_SUMMARY]) expect(text, `${type} carries the other family's "${s}"`).not.toContain(s);
        for (const s of [...secretsOf(HERS), UNMARKED]) expect(text, `${type} carries her unmarked "${s}"`).not.toContain(s);
      }
      if (partnerSection.has(type)) expect(file).toContain(HER_SUMMARY);
      else expect(file).not.toContain(HER_SUMMARY);
    });
  }

  it('every CSV export', async () => {
    await login('manager');
    const files = [
      await call(backend, 'exports.participants', {}),
      await call(backend, 'exports.waitingList', {}),
      await call(backend, 'exports.tasks', {}),
      await call(backend, 'exports.figures', { from: yearAgo, to: today }),
    ];
    for (const f of files) {
      for (const s of [...secretsOf(OTHER), OTHER_SUMMARY, ...secretsOf(HERS), HER_SUMMARY, UNMARKED]) {
        expect(f.csv, `${f.fileName} carries "${s}"`).not.toContain(s);
        expect(f.fileName).not.toContain(s);
      }
    }
  });

  it('his subject access pack, with every item released, holds nothing of the other family', async () => {
    await login('manager');
    const request = await call(backend, 'subjectAccess.log', { participantId: man, receivedOn: today, channel: 'letter', note: '' });
    const review = await call(backend, 'subjectAccess.review', { requestId: request.id });
    const pack = await call(backend, 'subjectAccess.produce', { requestId: request.id, release: review.items.map((i) => i.id) });
    const files = unzipSync(new Uint8Array(Buffer.from(pack.base64, 'base64')));
    const everything = Object.entries(files)
      .map(([name, bytes]) => (name.endsWith('.docx') ? readDocx(bytes).all : strFromU8(bytes)))
      .join('\n');
    expect(everything.length).toBeGreaterThan(1000);
    for (const s of [...secretsOf(OTHER), OTHER_SUMMARY]) expect(everything, `pack carries the other family's "${s}"`).not.toContain(s);
    // Of his own partner, a released item is at most her name and the relationship's dates (README).
    for (const s of [HERS.phone, HERS.address, HERS.note, HERS.code, HERS.plan, HERS.concern, UNMARKED]) {
      expect(everything, `pack carries her "${s}"`).not.toContain(s);
    }
  });

  it('letter_end, once he has left: nothing of the other family, nothing of hers', async () => {
    await login('manager');
    const rec = await call(backend, 'participants.get', { id: man });
    await call(backend, 'participants.setStatus', { id: man, version: rec.version, status: 'exited', exitReason: 'withdrew', effectiveOn: today });
    const { preview, file, blockers } = await produce('letter_end');
    expect(blockers).toEqual([]);
    for (const text of [preview, file]) {
      for (const s of [...secretsOf(OTHER), OTHER_SUMMARY, ...secretsOf(HERS), HER_SUMMARY, UNMARKED]) expect(text, `letter_end carries "${s}"`).not.toContain(s);
    }
  });
});
