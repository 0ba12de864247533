/**
 * Importing where each man has got to after his referral: each row checked with the
 * status dialog's own schema and rules, saved through participants.setStatus, in date
 * order, with its date; a bad row is named by row and column and nothing is saved.
 */
import Papa from 'papaparse';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import writeXlsxFile from 'write-excel-file/node';
import { differingTables, tableDigests } from '../../../src/main/db/table-digests';
import { call, callError, tempDir } from '../helpers';
import { world, type World } from '../participants/fixtures';
import { b64, sample } from './fixtures';

let w: World;
let cleanup: () => void;

beforeEach(async () => {
  const t = tempDir();
  cleanup = t.cleanup;
  w = await world(t.dir);
  await call(w.backend, 'imports.run', { kind: 'participants', base64: sample('participants.xlsx') });
});
afterEach(async () => {
  await w.backend.shutdown();
  cleanup();
});

const digests = async () => Object.fromEntries(Object.entries(await tableDigests(w.backend.requireDb())).filter(([name]) => !name.startsWith('audit')));
const record = async (name: string) => call(w.backend, 'participants.get', { id: (await call(w.backend, 'participants.search', { q: name }))[0]!.id });

describe.each(['xlsx', 'csv'] as const)('importing statuses from .%s', (ext) => {
  it('each change with its date, through the status dialog’s rules: assessed, waiting list, in a group, left', async () => {
    const check = await call(w.backend, 'imports.check', { kind: 'statuses', base64: sample(`statuses.${ext}`) });
    expect(check.problems).toEqual([]);
    expect(check.preview[1]).toMatchObject({ 'His reference': 'P-2025-0101', Status: 'Waiting list', 'Date of the change': '05/12/2025' });
    expect((await call(w.backend, 'imports.run', { kind: 'statuses', base64: sample(`statuses.${ext}`) })).created).toBe(5);
    const marek = await record('Nowakowski');
    expect(marek.header).toMatchObject({ status: 'active', outcome: 'suitable_group' });
    expect(marek.statusHistory.map((s) => [s.status, s.effectiveOn]).sort()).toEqual([
      ['active', '2026-01-12'],
      ['assessed', '2025-12-01'],
      ['referred', '2025-11-03'],
      ['waiting_list', '2025-12-05'],
    ]);
    const rene = await record('Lefèvre');
    expect(rene.header).toMatchObject({ status: 'exited', exitReason: 'withdrew' });
    // Importing the same changes again is refused: they would be before what is now on record.
    const again = await call(w.backend, 'imports.check', { kind: 'statuses', base64: sample(`statuses.${ext}`) });
    expect(again.problemCount).toBeGreaterThan(0);
  });
});

describe('bad status rows', () => {
  it('names the row and the column of each problem, and saves nothing', async () => {
    const rows = [
      ['Reference', 'Status', 'Date of the change', 'Assessment outcome', 'Why he left', 'Reason'],
      ['P-2099-0001', 'Assessed', '01/12/2025', 'Suitable for group', '', ''],
      ['P-2025-0101', 'In a group', '01/12/2025', '', '', ''],
      ['P-2025-0101', 'Assessed', '01/10/2025', 'Suitable for group', '', ''],
      ['P-2025-0101', 'Assessed', '10/12/2025', 'Not suitable', '', ''],
      ['P-2025-0101', 'Exited', '09/12/2025', '', 'Withdrew', ''],
      ['P-2025-0104', 'Sleeping', '01/05/2026', '', '', ''],
      ['P-2025-0104', 'Exited', 'soon', '', '', ''],
      ['P-2025-0104', 'Referred', '01/05/2026', '', '', ''],
    ];
    for (const base64 of [b64((await writeXlsxFile(rows).toBuffer()) as Buffer), b64(Papa.unparse(rows))]) {
      const before = await digests();
      const check = await call(w.backend, 'imports.check', { kind: 'statuses', base64 });
      const at = (row: number, column: string) => check.problems.find((p) => p.row === row && p.column === column)?.message;
      expect(at(2, 'Reference')).toMatch(/No participant has this reference/);
      expect(at(3, 'Reason')).toMatch(/not been assessed as suitable/);
      expect(at(4, 'Date of the change')).toMatch(/before his referral was received \(03\/11\/2025\)/);
      expect(at(5, 'Reason')).toMatch(/Give the reason/);
      expect(at(6, 'Date of the change')).toMatch(/earlier than his change on row 5/);
      expect(at(7, 'Status')).toMatch(/Not one of the choices.*Waiting list/);
      expect(at(8, 'Date of the change')).toMatch(/Cannot read this date/);
      expect(at(8, 'Why he left')).toMatch(/Choose why he left/);
      expect(at(9, 'Status')).toMatch(/already records him as referred/);
      expect((await callError(w.backend, 'imports.run', { kind: 'statuses', base64 })).message).toMatch(/Nothing was imported/);
      expect(differingTables(before, await digests())).toEqual([]);
    }
  });
});
