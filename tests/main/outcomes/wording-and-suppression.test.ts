/**
 * Outcome measures (issue 18): an organisation's own wording saved as a new version (old answers
 * keep theirs, bad input named, the partner set's wording behind the wall), and suppression that
 * no subtraction undoes, in the page's data, the Word pack and its CSV, and the partner service's
 * reach. Six men: five answer alike at baseline and one differently, so a baseline row has to
 * hide a "fewer than 5" and its neighbour, and an exact count of six men would give both away.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../../src/shared/dates';
import { reachRows } from '../../../src/main/features/reports/accreditation-pack';
import { call, callError, tempDir } from '../helpers';
import { readDocx } from '../reports/docx';
import { world, type World } from '../participants/fixtures';
import { his, man, today } from './fixtures';
import { breakdownProblems, docxTables, exact, nestedProblems, outcomeTableProblems } from './subtraction';

let w: World;
let cleanup: () => void;
const men: string[] = [];
const LICENSED = ['He names what he did', 'He says it was his choice', 'He wants to stop', 'He sees what it did to them'];
const HER_WORDING = 'Quillbrook asks how often he hit her';

const record = (participantId: string, point: string, v: number, formVersion: number, recordedOn: string) =>
  call(w.backend, 'outcomes.record', { set: 'participant', participantId, point, formVersion, answers: his(v), recordedOn });

beforeAll(async () => {
  const t = tempDir();
  cleanup = t.cleanup;
  w = await world(t.dir);
  for (let i = 0; i < 6; i++) men.push(await man(w, `Six${i}`, { startedDaysAgo: 200, endedDaysAgo: 100 }));
  await w.loginAs('facilitator');
  // Baseline (version 1 wording): five at 2 on every question (total 8), one at 4 (total 16).
  for (const [i, m] of men.entries()) await record(m, 'baseline', i === 5 ? 4 : 2, 1, addDays(today, -195));
}, 120_000);

afterAll(async () => {
  await w.backend.shutdown();
  cleanup();
});

const period = { from: addDays(today, -365), to: today };

describe('outcomes.saveWording: the organisation’s own wording', () => {
  it('is a new version; old answers keep theirs, and new ones are taken in it', async () => {
    await w.loginAs('manager');
    const forms = await call(w.backend, 'outcomes.saveWording', { set: 'participant', basedOn: 1, labels: LICENSED, source: 'Licensed from the Example Trust, 2026' });
    expect(forms.map((f) => f.version)).toEqual([1, 2]);
    const [v1, v2] = forms as [(typeof forms)[number], (typeof forms)[number]];
    expect(v2.items.map((i) => i.label)).toEqual(LICENSED);
    // Only the words change: the items, their order and scales stay, so every answer scores alike.
    expect(v2.items.map((i) => ({ ...i, label: '' }))).toEqual(v1.items.map((i) => ({ ...i, label: '' })));
    expect(v2).toMatchObject({ source: 'Licensed from the Example Trust, 2026', byName: expect.any(String) });
    expect(v1.items.map((i) => i.label)).not.toEqual(LICENSED);

    await w.loginAs('facilitator');
    // The old wording can no longer be used for a new record; the new one can.
    const stale = await callError(w.backend, 'outcomes.record', { set: 'participant', participantId: men[0], point: 'end', formVersion: 1, answers: his(4), recordedOn: addDays(today, -100) });
    expect(stale.fields?.formVersion).toMatch(/newer wording/);
    for (const m of men.slice(0, 5)) await record(m, 'end', 4, 2, addDays(today, -100));
    const o = await call(w.backend, 'outcomes.overview', { participantId: men[0]! });
    expect(o.forms.participant?.version).toBe(2);
    const version = (point: string) => o.points.find((p) => p.point === point)!.records[0]!.formVersion;
    expect([version('baseline'), version('end')]).toEqual([1, 2]);
    // Both wordings are still there to show each answer in the words it was given in.
    expect((await call(w.backend, 'outcomes.forms', { set: 'participant' })).map((f) => f.version)).toEqual([1, 2]);
    // And both versions count together on the page: five men better at the ending.
    await w.loginAs('manager');
    const s = await call(w.backend, 'outcomes.summary', period);
    const end = s.indicators.find((i) => i.key === 'his_total')!.points.find((p) => p.point === 'end')!;
    expect(end).toMatchObject({ paired: '5', better: '5', same: '0', worse: '0' });
    // The audit log names the fields, never the words.
    const audit = await w.backend.requireDb().selectFrom('audit_log').select(['action', 'detail']).where('action', '=', 'outcomes.saveWording').execute();
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit)).not.toContain(LICENSED[0]);
  });

  it('refuses bad input with the field named, and saves nothing', async () => {
    await w.loginAs('manager');
    const base = { set: 'participant', basedOn: 2, labels: LICENSED, source: '' };
    expect((await callError(w.backend, 'outcomes.saveWording', { ...base, labels: LICENSED.slice(0, 3) })).fields?.labels).toMatch(/all 4 items/);
    expect((await callError(w.backend, 'outcomes.saveWording', { ...base, labels: ['  ', ...LICENSED.slice(1)] })).fields?.['labels.0']).toMatch(/Enter the wording/);
    expect((await callError(w.backend, 'outcomes.saveWording', { ...base, labels: [LICENSED[0], 'x'.repeat(501), ...LICENSED.slice(2)] })).fields?.['labels.1']).toMatch(/500/);
    expect((await callError(w.backend, 'outcomes.saveWording', { ...base, source: 'y'.repeat(501) })).fields?.source).toMatch(/500/);
    expect((await callError(w.backend, 'outcomes.saveWording', { ...base, set: 'rating' })).fields?.set).toBeDefined();
    // Someone else saved version 2 after this person opened version 1.
    expect((await callError(w.backend, 'outcomes.saveWording', { ...base, basedOn: 1 })).code).toBe('CONFLICT');
    await w.loginAs('facilitator');
    expect((await callError(w.backend, 'outcomes.saveWording', base)).code).toBe('FORBIDDEN');
    expect((await call(w.backend, 'outcomes.forms', { set: 'participant' })).map((f) => f.version)).toEqual([1, 2]);
  });

  it('her set’s wording stays behind the wall', async () => {
    await w.loginAs('manager');
    const hersNow = await call(w.backend, 'outcomes.forms', { set: 'partner' });
    const labels = hersNow[0]!.items.map((i, n) => (n === 0 ? HER_WORDING : i.label));
    await call(w.backend, 'outcomes.saveWording', { set: 'partner', basedOn: 1, labels, source: '' });
    await w.loginAs('partner_worker');
    expect((await call(w.backend, 'outcomes.forms', { set: 'partner' })).at(-1)!.items[0]!.label).toBe(HER_WORDING);
    for (const role of ['facilitator', 'admin'] as const) {
      await w.loginAs(role);
      expect((await callError(w.backend, 'outcomes.forms', { set: 'partner' })).code, role).toBe('FORBIDDEN');
    }
  });
});

describe('suppression that subtraction cannot undo', () => {
  it('in the page data: a baseline row that hides counts leaves no exact number of people beside it', async () => {
    await w.loginAs('manager');
    const s = await call(w.backend, 'outcomes.summary', period);
    const baseline = s.indicators.find((i) => i.key === 'his_total')!.points.find((p) => p.point === 'baseline')!;
    // 5 at 4–9 and 1 at 15–20: the 1 is hidden and so is the 5 beside it.
    expect(baseline.bands.map((b) => b.shown)).toEqual(['not shown', '0', 'fewer than 5']);
    expect(baseline.people).toBe('about 5');
    // Six exactly would give them away (six, less at least five, leaves one): rounded too.
    expect(s.people.participant).toBe('about 5');
    const problems: string[] = [];
    for (const i of s.indicators)
      for (const p of i.points) {
        problems.push(...breakdownProblems(`${i.key} ${p.point}`, p.people, p.bands.map((b) => b.shown)));
        if (p.point !== 'baseline') problems.push(...breakdownProblems(`${i.key} ${p.point} change`, p.paired, [p.better, p.same, p.worse]));
        if (p.point === 'baseline' && p.bands.some((b) => !exact(b.shown))) problems.push(...breakdownProblems(`${i.set} people`, s.people[i.set]!, p.bands.map((b) => b.shown)));
      }
    expect(problems).toEqual([]);
  });

  it('in the Word pack and its CSV', async () => {
    await w.loginAs('manager');
    const d = await call(w.backend, 'reports.create', { type: 'accreditation_pack', periodFrom: period.from, periodTo: period.to });
    const out = await call(w.backend, 'reports.generate', { id: d.id, version: d.version });
    const tables = docxTables(readDocx(Buffer.from(out.base64!, 'base64')).document);
    const problems: string[] = [];
    let outcomeTables = 0;
    for (const [n, t] of tables.entries()) {
      const [header, ...rows] = t;
      if (header?.[1] === 'People' || header?.[1] === 'People with both') outcomeTables += 1;
      problems.push(...outcomeTableProblems(`Word table ${n + 1}`, header ?? [], rows));
    }
    expect(outcomeTables).toBeGreaterThan(4);
    const cells = tables.flat();
    const peopleFact = cells.find((r) => r[0]?.startsWith('People with a baseline: his own view'));
    expect(peopleFact?.[1]).toBe('about 5');
    expect(problems).toEqual([]);

    const csv = await call(w.backend, 'outcomes.packCsv', { id: d.id });
    const rows = csv.csv.replace(/^\ufeff/, '').trim().split('\r\n').map((l) => l.split(','));
    const byItem = new Map<string, Map<string, string>>();
    for (const [section, item, column, value] of rows.slice(1)) {
      const key = `${section}|${item}`;
      if (!byItem.has(key)) byItem.set(key, new Map());
      byItem.get(key)!.set(column!, value!);
    }
    let breakdowns = 0;
    for (const [item, cols] of byItem) {
      if (!cols.has('People') && !cols.has('People with both')) continue;
      breakdowns += 1;
      if (cols.has('People')) problems.push(...breakdownProblems(`CSV ${item}`, cols.get('People')!, [...cols].filter(([c]) => !['People', 'People with both', 'Better', 'Same', 'Worse', 'Average change'].includes(c)).map(([, v]) => v)));
      if (cols.has('People with both')) problems.push(...breakdownProblems(`CSV ${item} change`, cols.get('People with both')!, ['Better', 'Same', 'Worse'].map((c) => cols.get(c)!)));
    }
    expect(breakdowns).toBeGreaterThan(4);
    expect(rows.find((r) => r[1]?.startsWith('People with a baseline: his own view'))?.[3]).toBe('about 5');
    expect(problems).toEqual([]);
  });

  it('in the partner service’s reach: nested counts never 1 to 4 apart', () => {
    const problems: string[] = [];
    for (let assessed = 0; assessed <= 24; assessed++)
      for (let known = 0; known <= assessed; known++)
        for (let offered = 0; offered <= known; offered++)
          for (let tookUp = 0; tookUp <= offered; tookUp++) {
            const rows = reachRows({ menAssessed: assessed, partnerKnown: known, offered, tookUp });
            const shown = [rows[0]![1], ...rows.slice(1, 4).map((r) => r[1].match(/^(\d+) of /)?.[1] ?? '')].filter(exact).map(Number);
            const ofOffered = rows[4]![1].match(/^(\d+) of (\d+)/);
            if (ofOffered) shown.push(Number(ofOffered[2]));
            problems.push(...nestedProblems(`${assessed}/${known}/${offered}/${tookUp}`, shown));
          }
    expect(problems.slice(0, 5)).toEqual([]);
    // What a commissioner reads for a typical quarter.
    expect(reachRows({ menAssessed: 40, partnerKnown: 30, offered: 20, tookUp: 12 }).map((r) => r[1])).toEqual(['40', '30 of 40 (75.0%)', '20 of 40 (50.0%)', '12 of 40 (30.0%)', '12 of 20 (60.0%)']);
  });
});
