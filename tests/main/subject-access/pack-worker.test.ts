/**
 * A subject access pack is built on its own worker thread (so the window stays
 * responsive): the pack that comes back is the same, byte for byte, as one
 * built on this thread, logo included, and a failure inside the worker comes
 * back as an error rather than a hang.
 */
import { describe, expect, it } from 'vitest';
import { encodePng } from '../../../src/main/reports/render';
import type { PackSection, SubjectData } from '../../../src/main/features/subject-access/collect';
import { buildPack } from '../../../src/main/features/subject-access/pack';
import { buildPackOffThread } from '../../../src/main/features/subject-access/pack-task';

const data: SubjectData = {
  participantId: 'p1',
  reference: 'P-2026-0007',
  name: 'Test Man',
  sections: [],
  disclosure: {
    sources: ['Probation (the referral)'],
    recipients: ['Cafcass'],
    retentionYears: 6,
    retentionWhy: 'The usual period for records of this kind.',
    referralYears: 2,
  },
};
const sections: PackSection[] = [
  {
    key: 'notes',
    title: 'Case notes',
    entries: Array.from({ length: 40 }, (_, i) => ({
      title: `Case note ${i + 1}`,
      fields: [
        ['Date', '01/03/2026'],
        ['Note', `Spoke with him about the group's rules, entry ${i + 1}.`],
      ] as Array<[string, string]>,
      data: { date: '2026-03-01', note: `entry ${i + 1}` },
    })),
  },
];
const opts = {
  letterhead: {
    name: 'Test Charity',
    address: '1 High Street',
    charityNumber: '123',
    phone: '01234 567890',
    logo: { type: 'png' as const, data: encodePng(30, 10, new Uint8Array(900).fill(90)), width: 30, height: 10 },
    marking: 'OFFICIAL-SENSITIVE',
  },
  receivedOn: '2026-03-02',
  today: '2026-03-10',
  producedAt: '2026-03-10T09:00:00.000Z',
  released: 0,
  withheld: 0,
};

describe('the subject access pack on its worker thread', () => {
  it('is the same pack, byte for byte, as one built here', async () => {
    const here = await buildPack(data, sections, opts);
    const there = await buildPackOffThread(data, sections, opts);
    expect(Buffer.isBuffer(there.bytes)).toBe(true);
    expect(there.sha256).toBe(here.sha256);
    expect(there.bytes.equals(here.bytes)).toBe(true);
    expect(there.fileName).toBe('subject-access-P-2026-0007-2026-03-10.zip');
  });

  it('a failure inside the worker comes back as an error', async () => {
    const broken = { ...opts, letterhead: null } as unknown as typeof opts;
    await expect(buildPackOffThread(data, sections, broken)).rejects.toThrow();
  });
});
