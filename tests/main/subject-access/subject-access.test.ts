import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../../src/shared/dates';
import { oneMonthAfter } from '../../../src/shared/features/subject-access';
import { call, callError, tempDir } from '../helpers';
import { referralInput, today, world, type World } from '../participants/fixtures';
import { nowIso } from '../../../src/main/clock';

let w: World;
let cleanup: () => void;
let man: string;
let partnerId: string;
const HIS = {
  first: 'Leofric',
  last: 'Hammerstone',
  note: 'Talked about his work at the bakery',
  goal: 'Walk away when angry',
  child: 'Wilhelmina',
};
const HER = {
  first: 'Zephyrine',
  last: 'Quillfeather',
  phone: '07700 900777',
  address: '99 Hiddenlane Close',
  note: 'She disclosed the kitchen incident',
  code: 'bluebell-lantern',
};
const OTHER = { first: 'Barnaby', last: 'Crumpetfield' };

/** The text of each file in the pack; the Word document's XML with its tags removed. */
function open(base64: string) {
  const files = unzipSync(new Uint8Array(Buffer.from(base64, 'base64')));
  const docx = unzipSync(files['subject-access.docx']!);
  const xml = strFromU8(docx['word/document.xml']!);
  return {
    names: Object.keys(files).sort(),
    word: xml
      .replace(/<[^>]+>/g, ' ')
      .replace(/&apos;/g, "'")
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, '&'),
    headers: Object.keys(docx)
      .filter((n) => /word\/(header|footer)/.test(n))
      .map((n) => strFromU8(docx[n]!))
      .join(' '),
    json: JSON.parse(strFromU8(files['subject-access.json']!)) as {
      reference: string;
      sections: Record<string, { entries: Array<Record<string, unknown>> }>;
    },
    everything:
      Object.values(files)
        .map((f) => Buffer.from(f).toString('latin1'))
        .join('') + xml,
  };
}

beforeAll(async () => {
  const t = tempDir();
  cleanup = t.cleanup;
  w = await world(t.dir);
  ({ id: man } = await call(
    w.backend,
    'participants.create',
    referralInput(
      {
        firstName: HIS.first,
        lastName: HIS.last,
        aliases: [],
        children: [{ name: HIS.child, dateOfBirth: '2015-05-05', livesWith: `Her mother at ${HER.address}` }],
      },
      {
        source: 'partner',
        agency: '',
        contactName: `${HER.first} ${HER.last}`,
        contactDetails: HER.phone,
        reason: 'His ex-partner asked for help',
      },
    ),
  ));
  await call(
    w.backend,
    'participants.create',
    referralInput({ firstName: OTHER.first, lastName: OTHER.last, aliases: [] }),
  );
  await call(w.backend, 'notes.add', { participantId: man, noteType: 'meeting', occurredOn: today, body: HIS.note });
  await call(w.backend, 'notes.add', {
    participantId: man,
    noteType: 'meeting',
    occurredOn: today,
    body: `He argued with ${OTHER.first} ${OTHER.last} in the car park`,
  });
  await call(w.backend, 'notes.add', {
    participantId: man,
    noteType: 'phone_call',
    occurredOn: today,
    body: `He says ${HER.first} moved out`,
  });
  await call(w.backend, 'goals.add', { participantId: man, kind: 'goal', text: HIS.goal, setOn: today });
  await call(w.backend, 'risk.add', {
    participantId: man,
    level: 'high',
    reasons: 'Partner reports threats',
    redFlags: ['threats_to_kill'],
    assessorId: w.accounts.manager.id,
    assessedOn: today,
    nextReviewOn: addDays(today, 30),
  });
  const report = await call(w.backend, 'reports.create', {
    type: 'participant_record',
    participantId: man,
    periodFrom: addDays(today, -30),
    periodTo: today,
    recipient: null,
  });
  await call(w.backend, 'reports.update', {
    id: report.id,
    version: report.version,
    periodFrom: addDays(today, -30),
    periodTo: today,
    sections: { comments: 'He engaged well: Grommetwise progress' },
  });
  const letter = await call(w.backend, 'reports.create', {
    type: 'participant_record',
    participantId: man,
    periodFrom: addDays(today, -30),
    periodTo: today,
    recipient: null,
  });
  await call(w.backend, 'reports.update', {
    id: letter.id,
    version: letter.version,
    periodFrom: addDays(today, -30),
    periodTo: today,
    sections: { comments: `Discussed with ${HER.first} ${HER.last}` },
  });
  const consent = await call(w.backend, 'consents.add', {
    participantId: man,
    recipient: 'police',
    purpose: 'Risk management',
    confidentialityExplained: true,
    howGiven: 'signed',
    givenOn: today,
    reviewOn: addDays(today, 180),
  });
  await call(w.backend, 'sharing.record', {
    participantId: man,
    what: `His threats towards ${HER.first}`,
    agency: 'Police',
    sharedOn: today,
    why: 'Risk to her',
    basis: 'consent',
    consentId: consent.id,
  });
  await call(w.backend, 'sharing.record', {
    participantId: man,
    what: 'His attendance',
    agency: 'Probation',
    sharedOn: today,
    why: 'Order requirement',
    basis: 'consent',
    consentId: consent.id,
  });
  await w.loginAs('partner_worker');
  ({ id: partnerId } = await call(w.backend, 'partners.create', {
    details: {
      firstName: HER.first,
      lastName: HER.last,
      phone: HER.phone,
      address: HER.address,
      safeContact: {
        safeNumber: HER.phone,
        safeTimes: '',
        messageAllowed: 'no',
        nameToGive: '',
        codeWord: HER.code,
        notes: '',
      },
      consentToService: true,
      workerId: w.accounts.partner_worker.id,
    },
    link: { participantId: man, relationship: 'ex', from: '2015-01-01', to: '' },
  }));
  await call(w.backend, 'partners.logContact', {
    partnerId,
    at: nowIso(w),
    method: 'phone',
    outcome: 'spoke',
    notes: HER.note,
    nextContactDue: addDays(today, 7),
  });
  await call(w.backend, 'safeguarding.raise', {
    partnerId,
    kind: 'adult_at_risk',
    raisedOn: today,
    what: `${HER.note} at ${HER.address}`,
  });
  await w.loginAs('manager');
});
afterAll(async () => {
  await w.backend.shutdown();
  cleanup();
});

describe('the one-month deadline', () => {
  it('is the same day next month, or the last day of a shorter month', () => {
    expect(oneMonthAfter('2026-03-14')).toBe('2026-04-14');
    expect(oneMonthAfter('2026-01-31')).toBe('2026-02-28');
    expect(oneMonthAfter('2028-01-30')).toBe('2028-02-29');
    expect(oneMonthAfter('2026-12-15')).toBe('2027-01-15');
  });
});

describe('a subject access request', () => {
  let requestId: string;

  it('is logged with its deadline as a task for the managers', async () => {
    const request = await call(w.backend, 'subjectAccess.log', {
      participantId: man,
      receivedOn: today,
      channel: 'letter',
      note: '',
    });
    requestId = request.id;
    expect(request).toMatchObject({
      status: 'open',
      dueOn: oneMonthAfter(today),
      participantName: `${HIS.first} ${HIS.last}`,
    });
    const tasks = await call(w.backend, 'tasks.list', { scope: 'mine' });
    expect(tasks.tasks.find((t) => t.kind === 'subject_access')).toMatchObject({
      participantId: man,
      dueOn: oneMonthAfter(today),
      status: 'open',
    });
    expect(
      (
        await callError(w.backend, 'subjectAccess.log', {
          participantId: man,
          receivedOn: addDays(today, 2),
          channel: 'letter',
        })
      ).fields,
    ).toHaveProperty('receivedOn');
  });

  it('lists what is left out by default: her record, the children, who referred him, risk reasons and notes naming others', async () => {
    const review = await call(w.backend, 'subjectAccess.review', { requestId });
    const kinds = review.items.map((i) => `${i.kind}:${i.id.split(':')[0]}`).sort();
    expect(kinds).toEqual(
      [
        'children:children',
        'mentions_someone:note',
        'mentions_someone:note',
        'mentions_someone:report',
        'mentions_someone:sharing',
        'partner:partner',
        'referrer:referrer',
        'risk:risk',
      ].sort(),
    );
    expect(review.items.find((i) => i.kind === 'partner')!.label).toContain(HER.first);
    expect(review.included.find((s) => s.section === 'Case notes')!.count).toBe(1);
  });

  it("produces a zip with his data in Word and JSON, and none of hers or other men's", async () => {
    const pack = await call(w.backend, 'subjectAccess.produce', { requestId, release: [] });
    const p = open(pack.base64);
    expect(p.names).toEqual(['read-me.txt', 'subject-access.docx', 'subject-access.json']);
    expect(pack.fileName).toMatch(/^subject-access-P-\d{4}-\d{4}-\d{4}-\d{2}-\d{2}\.zip$/);
    for (const mine of [HIS.first, HIS.last, HIS.note, HIS.goal, 'Grommetwise progress', 'His attendance'])
      expect(p.word).toContain(mine);
    expect(p.headers).toContain('OFFICIAL-SENSITIVE');
    expect(JSON.stringify(p.json.sections.notes!.entries)).toContain(HIS.note);
    expect(p.json.sections.goals!.entries[0]).toMatchObject({ text: HIS.goal });
    for (const secret of [...Object.values(HER), OTHER.first, OTHER.last, HIS.child, 'Partner reports threats']) {
      expect(p.everything, secret).not.toContain(secret);
    }
    expect(pack.withheld).toBe(8);
  });

  it('meets UK GDPR article 15: purposes, recipients, retention, sources, rights; withheld items say so', async () => {
    const pack = await call(w.backend, 'subjectAccess.produce', { requestId, release: [] });
    const p = open(pack.base64);
    const word = p.word.replace(/\s+/g, ' ');
    expect(word).toContain('About this information (UK GDPR article 15)');
    // Purposes
    expect(word).toMatch(/Why we hold it .*assess and manage risk/);
    // Recipients: the agencies in his sharing log and his consents
    expect(word).toMatch(/Who it has been given to .*• Police .*• Probation/);
    // Retention: the policy's years for a record with children named on it (the default 15)
    expect(word).toContain(
      'We keep your record for 15 years after your time on the programme ends (because children are named on your record)',
    );
    // Source of data not collected from him: a private referrer, never named
    expect(word).toMatch(/Where it came from .*A private person who referred you/);
    // His rights, and the ICO
    for (const right of [
      '(rectification)',
      '(erasure)',
      '(restriction)',
      '(objection)',
      'Information Commissioner’s Office',
    ])
      expect(word).toContain(right);
    // A withheld item says "withheld" with the exemption, in its place: never "we hold nothing"
    expect(word).toMatch(
      /Case notes .*Phone call on \d\d\/\d\d\/\d{4}: withheld Withheld because it is information about other people.*paragraph 16/,
    );
    expect(word).toMatch(/Risk assessments .*Reasons for the risk assessment of \d\d\/\d\d\/\d{4}: withheld/);
    expect(word).not.toMatch(/Case notes We hold nothing/);
    expect(word).not.toMatch(/Risk assessments We hold nothing/);
    // The partner service: the same words whether or not it holds anything, and nothing of hers
    expect(word).toMatch(
      /Partner service We do not say in this pack whether our partner support service holds information/,
    );
    expect(p.json.sections.notes!.entries.some((e) => e.withheld === true)).toBe(true);
    // Staff sections name the kind of entry
    expect(word).toContain('Meeting note (written by staff)');
    expect(word).toMatch(/Comments \(written by staff\)|\(written by staff\) He engaged well/);
    expect(word).not.toContain('Written by staff ');
    for (const secret of [...Object.values(HER), OTHER.first, OTHER.last, HIS.child, 'Partner reports threats'])
      expect(p.everything, secret).not.toContain(secret);
  });

  it('records the disclosure in the sharing log, closes the task and audits without personal data', async () => {
    const log = await call(w.backend, 'sharing.list', { participantId: man });
    expect(log.find((e) => e.basis === 'subject_access')).toMatchObject({
      agency: 'The man himself (subject access request)',
      automatic: true,
    });
    const tasks = await call(w.backend, 'tasks.list', { scope: 'mine', status: 'done' });
    expect(tasks.tasks.find((t) => t.kind === 'subject_access')).toMatchObject({ status: 'done' });
    const [request] = await call(w.backend, 'subjectAccess.list', { status: 'all' });
    expect(request).toMatchObject({ status: 'sent', released: 0, withheld: 8 });
    await w.loginAs('admin');
    const audit = await call(w.backend, 'audit.list', { action: 'subjectAccess.produce' });
    expect(audit.entries[0]!.detail).toMatchObject({ requestId, released: 0, withheld: 8 });
    expect(JSON.stringify(audit.entries)).not.toContain(HIS.last);
    await w.loginAs('manager');
  });

  it('includes an item the manager releases, and only that one', async () => {
    const review = await call(w.backend, 'subjectAccess.review', { requestId });
    const noteAboutHer = review.items.find((i) => i.kind === 'mentions_someone' && i.label.includes('Phone call'))!;
    const pack = await call(w.backend, 'subjectAccess.produce', { requestId, release: [noteAboutHer.id] });
    const p = open(pack.base64);
    expect(p.word).toContain(`He says ${HER.first} moved out`);
    expect(p.everything).not.toContain(HER.last);
    expect(p.everything).not.toContain(OTHER.last);
    expect(pack).toMatchObject({ released: 1, withheld: 7 });
    expect(
      (await callError(w.backend, 'subjectAccess.produce', { requestId, release: ['note:not-a-thing'] })).code,
    ).toBe('CONFLICT');
  });

  it('is for managers only', async () => {
    await w.loginAs('facilitator');
    expect(
      (await callError(w.backend, 'subjectAccess.log', { participantId: man, receivedOn: today, channel: 'letter' }))
        .code,
    ).toBe('FORBIDDEN');
    await w.loginAs('manager');
  });
});
