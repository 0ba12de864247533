import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../../src/shared/dates';
import { call, callError, tempDir } from '../helpers';
import { referralInput, today, world, type World } from '../participants/fixtures';
import { parseCsv } from './csv-parse';

let w: World;
let cleanup: () => void;

beforeAll(async () => {
  const t = tempDir();
  cleanup = t.cleanup;
  w = await world(t.dir);
  const waiting = await call(
    w.backend,
    'participants.create',
    referralInput({ firstName: '=HYPERLINK("evil")', lastName: 'Ñúñez, Jr', aliases: [] }),
  );
  const arabic = await call(
    w.backend,
    'participants.create',
    referralInput(
      { firstName: 'محمد', lastName: 'الأحمد', aliases: [] },
      { source: 'probation', route: 'criminal_justice' },
    ),
  );
  for (const id of [waiting.id, arabic.id]) {
    let r = await call(w.backend, 'participants.get', { id });
    r = await call(w.backend, 'participants.setStatus', {
      id,
      version: r.version,
      status: 'assessed',
      outcome: 'suitable_group',
      effectiveOn: today,
    });
    if (id === waiting.id)
      await call(w.backend, 'participants.setStatus', {
        id,
        version: r.version,
        status: 'waiting_list',
        effectiveOn: today,
      });
  }
  await call(w.backend, 'tasks.add', {
    participantId: waiting.id,
    title: '@SUM(1,2) call him back',
    detail: 'Line one\nline "two"',
    assigneeRole: 'manager',
    dueOn: addDays(today, 3),
  });
});
afterAll(async () => {
  await w.backend.shutdown();
  cleanup();
});

describe('CSV exports of the lists', () => {
  it('exports the participants list with its filters, formulas neutralised and names intact', async () => {
    const all = parseCsv((await call(w.backend, 'exports.participants', {})).csv);
    expect(all[0]).toEqual([
      'Reference',
      'Name',
      'Date of birth',
      'Status',
      'Route',
      'Referred by',
      'Date referred',
      'Key worker',
      'Flags',
    ]);
    const names = all.slice(1).map((r) => r[1]);
    expect(names).toContain(`'=HYPERLINK("evil") Ñúñez, Jr`);
    expect(names).toContain('محمد الأحمد');
    const filtered = await call(w.backend, 'exports.participants', { source: 'probation' });
    expect(filtered.rows).toBe(1);
    expect(parseCsv(filtered.csv)[1]![1]).toBe('محمد الأحمد');
    expect(filtered.fileName).toMatch(/^participants-\d{4}-\d{2}-\d{2}-1-rows\.csv$/);
  });

  it('exports the waiting list and the tasks', async () => {
    const waiting = parseCsv((await call(w.backend, 'exports.waitingList', {})).csv);
    expect(waiting).toHaveLength(2);
    expect(waiting[1]![2]).toBe(`'=HYPERLINK("evil") Ñúñez, Jr`);
    const tasks = parseCsv((await call(w.backend, 'exports.tasks', { scope: 'all', status: 'open' })).csv);
    const manual = tasks.find((r) => r[4]?.includes('call him back'))!;
    expect(manual[4]).toBe("'@SUM(1,2) call him back");
    expect(manual[5]).toBe('Line one\nline "two"');
  });

  it("exports the funders' figures from the report's own function", async () => {
    const file = await call(w.backend, 'exports.figures', { from: addDays(today, -365), to: today });
    const rows = parseCsv(file.csv);
    expect(rows[0]).toEqual(['Period', 'Measure', 'Category', 'Number']);
    // Small numbers suppressed as in the Word report: 2 referrals, 1 from probation.
    expect(rows.find((r) => r[1] === 'Referrals' && r[2] === 'All')![3]).toBe('fewer than 5');
    expect(rows.find((r) => r[1] === 'Referrals' && r[2] === 'Probation')![3]).toBe('fewer than 5');
  });

  it('audits every export with its row count and refuses roles that may not export', async () => {
    await w.loginAs('admin');
    const entries = await call(w.backend, 'audit.list', { action: 'exports.participants' });
    expect(entries.total).toBe(2);
    expect(entries.entries.map((e) => e.detail)).toContainEqual({ rows: 1, filters: ['source'] });
    expect((await call(w.backend, 'audit.list', { action: 'exports.waitingList' })).entries[0]!.detail).toEqual({
      rows: 1,
    });
    await w.loginAs('facilitator');
    expect((await callError(w.backend, 'exports.participants', {})).code).toBe('FORBIDDEN');
    await w.loginAs('manager');
  });
});
