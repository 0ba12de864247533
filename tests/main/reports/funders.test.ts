/**
 * Issue 15 item 10: small numbers in the figures for funders are suppressed
 * ("fewer than 5"), and nothing hidden can be recovered by subtraction.
 * Real database, real route, the DOCX read back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../../src/main/backend';
import { addDays, todayInLondon } from '../../../src/shared/dates';
import { suppressBreakdown } from '../../../src/main/features/reports/suppression';
import { addStaff, call, setUpAndLogIn, switchTo, tempDir } from '../helpers';
import { plainText, readDocx } from './docx';

let backend: Backend;
let cleanup: () => void;
const today = todayInLondon();

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
    expect(text).toMatch(/Self-referral\nfewer than 5/i);
    // 7 police referrals would give away the 3 self-referrals from a total: not shown either.
    expect(text).toMatch(/Police\nnot shown/);
    expect(text).not.toMatch(/\n3\n/);
    expect(text).not.toMatch(/\n7\n/);
    expect(text).not.toContain('(3 of');
  });

  it('never leaves exactly one hidden cell in a breakdown', () => {
    const s = suppressBreakdown({ a: 2, b: 12, c: 30, d: 0 }, 44);
    expect(s.cells).toEqual({ a: 'fewer than 5', b: 'not shown', c: '30', d: '0' });
    expect(s.total).toBe('about 45');
    expect(suppressBreakdown({ a: 6, b: 12 }, 18).total).toBe('18');
    expect(suppressBreakdown({ a: 3, b: 0 }, 3).total).toBe('fewer than 5');
  });
});
