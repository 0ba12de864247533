/** A note naming one of his children, or a child on his partner's record, waits for the manager's decision. */
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { call, tempDir } from '../helpers';
import { referralInput, today, world, type World } from '../participants/fixtures';

const temp = tempDir();
let w: World;
let man: string;
const HIS_CHILD = 'Wilhelmina Hammerstone';
const HER_CHILD = 'Ptolemy Quillfeather';
const NOTES = {
  plain: 'Talked about his work at the bakery',
  his: 'He took Wilhelmina to the dentist on Tuesday',
  hers: 'He says he saw Ptolemy outside the school',
};

beforeAll(async () => {
  w = await world(temp.dir);
  ({ id: man } = await call(
    w.backend,
    'participants.create',
    referralInput({
      firstName: 'Leofric',
      lastName: 'Hammerstone',
      aliases: [],
      children: [{ name: HIS_CHILD, dateOfBirth: '2015-05-05', livesWith: 'Her mother' }],
    }),
  ));
  for (const body of Object.values(NOTES)) {
    await call(w.backend, 'notes.add', { participantId: man, noteType: 'meeting', occurredOn: today, body });
  }
  await w.loginAs('partner_worker');
  await call(w.backend, 'partners.create', {
    details: {
      firstName: 'Zephyrine',
      lastName: 'Quillfeather',
      children: [{ name: HER_CHILD, dateOfBirth: '2019-02-02', livesWith: 'Her' }],
      consentToService: true,
      workerId: w.accounts.partner_worker.id,
    },
    link: { participantId: man, relationship: 'ex', from: '2015-01-01', to: '' },
  });
  await w.loginAs('manager');
});

afterAll(async () => {
  await w.backend.shutdown();
  temp.cleanup();
});

it("holds back notes naming his children or his partner's, and keeps the rest in", async () => {
  const request = await call(w.backend, 'subjectAccess.log', {
    participantId: man,
    receivedOn: today,
    channel: 'letter',
    note: '',
  });
  const review = await call(w.backend, 'subjectAccess.review', { requestId: request.id });
  const heldNotes = review.items.filter((i) => i.kind === 'mentions_someone' && i.id.startsWith('note:'));
  expect(heldNotes).toHaveLength(2);
  expect(review.included.find((s) => s.section === 'Case notes')!.count).toBe(1);

  const pack = await call(w.backend, 'subjectAccess.produce', { requestId: request.id, release: [] });
  const files = unzipSync(new Uint8Array(Buffer.from(pack.base64, 'base64')));
  const json = strFromU8(files['subject-access.json']!);
  expect(json).toContain(NOTES.plain);
  for (const secret of ['Wilhelmina', 'Ptolemy', NOTES.his, NOTES.hers]) expect(json, secret).not.toContain(secret);
});
