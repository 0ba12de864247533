/**
 * Issue 15 item 10: small numbers in the figures for funders are suppressed
 * ("fewer than 5"), and nothing hidden can be recovered by subtraction.
 * Real database, real route, the DOCX read back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../../src/main/backend';
import { addDays } from '../../../src/shared/dates';
import { suppressBreakdown } from '../../../src/main/features/reports/suppression';
import { axisTicks, buildDocument } from '../../../src/main/reports/document';
import { packDocument } from '../../../src/main/reports/pack';
import { addStaff, call, setUpAndLogIn, switchTo, tempDir } from '../helpers';
import { plainText, readDocx } from './docx';
import { testToday } from '../test-clock';

let backend: Backend;
let cleanup: () => void;
const today = testToday;

beforeAll(async () => {
  const t = tempDir();
  cleanup = t.cleanup;
  ({ backend } = await setUpAndLogIn(t.dir));
  const m = await addStaff(backend, 'morgan', 'manager');
  await switchTo(backend, 'morgan', m.temporaryPassword);
  const refer = (i: number, source: 'self' | 'police') =>
    call(backend, 'participants.create', {
      details: { firstName: `Man${i}`, lastName: 'Figures', dateOfBirth: '1980-01-01' },
      referral: { source, receivedOn: addDays(today, -5), reason: 'Referral', route: 'voluntary' },
    });
  for (let i = 0; i < 3; i++) await refer(i, 'self');
  for (let i = 3; i < 10; i++) await refer(i, 'police');
}, 60_000);

afterAll(async () => {
  await backend.shutdown();
  cleanup();
});

describe("suppression in the funders' figures", () => {
  it('shows 1 to 4 as “fewer than 5”, hides the next count too and rounds the total', async () => {
    const d = await call(backend, 'reports.create', {
      type: 'funders_figures',
      periodFrom: addDays(today, -30),
      periodTo: today,
    });
    const out = await call(backend, 'reports.generate', { id: d.id, version: d.version });
    const text = plainText(readDocx(Buffer.from(out.base64!, 'base64')).document);
    expect(text).toContain('Referrals received\nabout 10');
    // 7 police referrals would give away the 3 self-referrals from a total: not shown either (below).
    expect(text).not.toMatch(/\n3\n/);
    expect(text).not.toMatch(/\n7\n/);
    expect(text).not.toContain('(3 of');
    // The charts: each bar's label, its number (or why it has no bar) and the axis caption are real text.
    expect(text).toContain('Referrals by source');
    expect(text).toMatch(/Self-referral\n\s*fewer than 5 \(no bar drawn\)/);
    expect(text).toMatch(/Police\n\s*not shown \(no bar drawn\)/);
    expect(text).toContain('Number of referrals received in the period');
    // Readable in black and white: one dark grey for every bar, no colour key.
    const doc = readDocx(Buffer.from(out.base64!, 'base64'));
    expect(doc.document).not.toMatch(/w:fill="(1F77B4|FF7F0E|2CA02C|D62728)"/);
  });

  it('draws bars with their numbers and an axis with its values', async () => {
    const doc = buildDocument(
      {
        title: 'Chart',
        subtitle: '',
        landscape: false,
        warnings: [],
        blocks: [
          {
            kind: 'chart',
            title: 'Referrals by source',
            legend: 'Number of referrals',
            bars: [
              { label: 'Police', value: 23 },
              { label: 'Self-referral', value: 0, shown: 'fewer than 5' },
              { label: 'Probation', value: 0 },
            ],
          },
        ],
      },
      { name: 'Org', address: '1 Road', charityNumber: '', phone: '', logo: null, marking: 'OFFICIAL' },
      { reportType: 'funders_figures', typeLabel: 'Figures' },
    );
    const text = plainText(readDocx(await packDocument(doc, '2026-01-01T10:00:00.000Z')).document);
    expect(text).toMatch(/Police\n\s*23/);
    expect(text).toMatch(/Self-referral\n\s*fewer than 5 \(no bar drawn\)/);
    expect(text).toMatch(/Probation\n\s*0/);
    // Axis values 0, 5, ... 25 (a tab between each), then the caption.
    expect(text).toMatch(/\n0510152025\n+\s*Number of referrals/);
    expect(axisTicks(23)).toEqual([0, 5, 10, 15, 20, 25]);
    expect(axisTicks(4)).toEqual([0, 1, 2, 3, 4]);
    expect(axisTicks(0)).toEqual([0, 1]);
    expect(axisTicks(140)).toEqual([0, 50, 100, 150]);
  });

  it('never leaves exactly one hidden cell in a breakdown', () => {
    const s = suppressBreakdown({ a: 2, b: 12, c: 30, d: 0 }, 44);
    expect(s.cells).toEqual({ a: 'fewer than 5', b: 'not shown', c: '30', d: '0' });
    expect(s.total).toBe('about 45');
    expect(suppressBreakdown({ a: 6, b: 12 }, 18).total).toBe('18');
    expect(suppressBreakdown({ a: 3, b: 0 }, 3).total).toBe('fewer than 5');
  });
});
