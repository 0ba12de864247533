/**
 * Outcome measures (issue 18): recording at points with the bad-input rules, scoring and change
 * from baseline on real data with missing points, suppression in the page's data, the due-measure
 * tasks, and the wall (his sets for the people who work with him; hers only for the partner side).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../../src/shared/dates';
import type { Indicator, MeasureSet, OutcomesSummary } from '../../../src/shared/features/outcomes';
import { call, callError, tempDir } from '../helpers';
import { plainText, readDocx } from '../reports/docx';
import { world, type World } from '../participants/fixtures';
import { CompiledQuery, sql } from 'kysely';
import { cohortQuery } from '../../../src/main/features/outcomes/summary';
import { scoreColumns } from '../../../src/main/features/outcomes/stored-scores';
import { hers, his, man, partnerOf, today } from './fixtures';

let w: World;
let cleanup: () => void;
const men: string[] = [];
const partners: string[] = [];
let neverStarted: string;
let stillActive: string;
const HER_NOTE = 'Marigoldwick said the lane by the quarry frightens her';

const record = (participantId: string, point: string, answers: Record<string, number | null>, recordedOn: string, extra: Record<string, unknown> = {}) =>
  call(w.backend, 'outcomes.record', { set: 'participant', participantId, point, formVersion: 1, answers, recordedOn, ...extra });
const recordHers = (partnerId: string, participantId: string, point: string, answers: Record<string, number | null>, recordedOn: string, extra: Record<string, unknown> = {}) =>
  call(w.backend, 'outcomes.recordPartner', { set: 'partner', partnerId, participantId, point, formVersion: 1, answers, recordedOn, ...extra });

beforeAll(async () => {
  const t = tempDir();
  cleanup = t.cleanup;
  w = await world(t.dir);
  // Nine men who started 200 days ago and left 100 days ago.
  for (let i = 0; i < 9; i++) men.push(await man(w, `Man${i}`, { startedDaysAgo: 200, endedDaysAgo: 100 }));
  neverStarted = await man(w, 'Waiting');
  stillActive = await man(w, 'Active', { startedDaysAgo: 10 });
  await w.loginAs('facilitator');
  // Baseline for all nine (his total 8); at his ending: five moved to 16, one the same, one declined; two have no ending measure.
  for (const m of men) await record(m, 'baseline', his(2), addDays(today, -195));
  for (const m of men.slice(0, 5)) await record(m, 'end', his(4), addDays(today, -100));
  await record(men[5]!, 'end', his(2), addDays(today, -100));
  await record(men[6]!, 'end', {}, addDays(today, -99), { status: 'declined' });
  // Six partners: baselines, and at 6 months... not yet due; at his ending, five report less abuse.
  for (let i = 0; i < 6; i++) partners.push(await partnerOf(w, men[i]!, `Partner${i}`));
  await w.loginAs('partner_worker');
  for (let i = 0; i < 6; i++) await recordHers(partners[i]!, men[i]!, 'baseline', hers(2, 3, 1), addDays(today, -190), i === 0 ? { note: HER_NOTE } : {});
  for (let i = 0; i < 5; i++) await recordHers(partners[i]!, men[i]!, 'end', hers(0, 8, 3), addDays(today, -95));
}, 120_000);

afterAll(async () => {
  await w.backend.shutdown();
  cleanup();
});

const period = { from: addDays(today, -365), to: today };
const find = (s: OutcomesSummary, key: string): Indicator => s.indicators.find((i) => i.key === key)!;

describe('scoring and change from baseline', () => {
  it('counts people with both points only, and gives the mean change for them', async () => {
    await w.loginAs('manager');
    const s = await call(w.backend, 'outcomes.summary', period);
    expect(s.people).toEqual({ partner: '6', participant: '9', rating: '0' });
    const total = find(s, 'his_total');
    const baseline = total.points.find((p) => p.point === 'baseline')!;
    expect(baseline.people).toBe('9');
    expect(baseline.bands.map((b) => b.shown)).toEqual(['9', '0', '0']);
    const end = total.points.find((p) => p.point === 'end')!;
    // Six with both (the declined one and the two with no ending measure are not paired): 5 better, 1 the same.
    // One "same" would be recoverable from the total: the next smallest is hidden and the total rounded.
    expect(end).toMatchObject({ paired: 'about 5', better: 'not shown', same: 'fewer than 5', worse: '0' });
    expect(end.meanChange).toBe(6.7); // (5 × 8 + 0) / 6
    // The ending's distribution: five at 15–20 (four questions at 4), one at 4–9: hidden, and the next too.
    expect(end.bands.map((b) => b.shown)).toEqual(['fewer than 5', '0', 'not shown']);
    expect(end.bands.map((b) => b.chart)).toEqual([0, 0, 0]);
    // Nothing recorded yet at the follow-ups: nobody counted there.
    expect(total.points.find((p) => p.point === 'fu6')).toMatchObject({ people: '0', paired: '0' });
    expect(s.notRecorded.find((n) => n.set === 'participant' && n.point === 'end')).toMatchObject({ declined: 'fewer than 5', notReachable: '0' });
  });

  it('her abuse score falls and her safety rises for the five with both', async () => {
    const s = await call(w.backend, 'outcomes.summary', period);
    const abuse = find(s, 'abuse').points.find((p) => p.point === 'end')!;
    expect(abuse).toMatchObject({ paired: '5', better: '5', same: '0', worse: '0', meanChange: -8 });
    const safety = find(s, 'safety').points.find((p) => p.point === 'end')!;
    expect(safety).toMatchObject({ better: '5', meanChange: 5 });
  });

  it('a period with too few people says so instead of showing empty charts', async () => {
    const s = await call(w.backend, 'outcomes.summary', { from: addDays(today, -30), to: today });
    expect(s.indicators).toEqual([]);
    expect(s.tooFew).toMatch(/^Nobody had a first measure/);
  });
});

describe('speed on ten years of records (issue 18)', () => {
  // Not a timing: the plan SQLite chooses. The page must read his and her records from the indexes
  // that hold every column it needs (migration 0025, partner upgrade 6), never from the tables'
  // pages spread through the file: that scattered reading was most of the page's time at 5,000 men.
  it('reads each set only from covering indexes, and her records can be found by the man alone', async () => {
    await w.loginAs('manager');
    const db = w.backend.requireDb();
    for (const set of ['participant', 'rating', 'partner'] as const) {
      for (const scope of [{ ...period, programmeTypeId: null, groupId: null }]) {
        const q = cohortQuery(db, set, scope).compile();
        const plan = (await db.executeQuery<{ detail: string }>(CompiledQuery.raw(`EXPLAIN QUERY PLAN ${q.sql}`, [...q.parameters]))).rows.map((r) => r.detail);
        // The two reads, and the grouping SQLite does for the counts (GROUP BY point and version).
        const reads = plan.filter((step) => !/^USE TEMP B-TREE FOR GROUP BY$/.test(step));
        expect(reads, set).toHaveLength(2);
        for (const step of reads) expect(step, set).toMatch(/^SEARCH [br] USING COVERING INDEX (outcome_records|partner_outcomes)_(cohort|scores) /);
      }
    }
    const herIndexes = (await sql<{ name: string }>`select name from pragma_index_list('partner_outcomes', 'partner')`.execute(db)).rows.map((r) => r.name);
    expect(herIndexes).toContain('partner_outcomes_participant');
    const byMan = (await sql<{ detail: string }>`explain query plan select id from partner_outcomes where participant_id = ${men[0]!}`.execute(db)).rows;
    expect(byMan[0]!.detail).toMatch(/USING (COVERING )?INDEX partner_outcomes_participant/);
  });
});

describe('scores stored with each record (migration 0025, partner upgrade 6)', () => {
  it('every record saved through the routes keeps the scores and bands its answers give', async () => {
    const db = w.backend.requireDb();
    const his = await db.selectFrom('outcome_records').selectAll().execute();
    const hersRows = await db.selectFrom('partner_outcomes').selectAll().execute();
    expect(his.length).toBeGreaterThan(10);
    expect(hersRows.length).toBeGreaterThan(5);
    for (const r of his) expect(r, r.id).toMatchObject(scoreColumns('his', r.set_name as MeasureSet, r.status, JSON.parse(r.answers) as Record<string, number | null>));
    for (const r of hersRows) expect(r, r.id).toMatchObject(scoreColumns('hers', 'partner', r.status, JSON.parse(r.answers) as Record<string, number | null>));
    // A hand-worked one: his total of four answers of 2 is 8, in the band 4 to 9 (the first).
    expect(his.find((r) => r.participant_id === men[0] && r.point === 'baseline' && r.set_name === 'participant')).toMatchObject({ score_his_total: 8, band_his_total: 0, score_progress: null });
  });
});

describe('suppression in the page data', () => {
  it('no breakdown has exactly one hidden count, and a total beside hidden counts is never exact', async () => {
    const s = await call(w.backend, 'outcomes.summary', period);
    const small = /^[1-4]$/;
    for (const i of s.indicators)
      for (const p of i.points) {
        const cells = [p.people, p.paired, p.better, p.same, p.worse, ...p.bands.map((b) => b.shown)];
        for (const c of cells) expect(c, `${i.key} ${p.point}`).not.toMatch(small);
        const hiddenBands = p.bands.filter((b) => !/^\d+$/.test(b.shown)).length;
        expect(hiddenBands === 0 || hiddenBands >= 2 || !/^\d+$/.test(p.people), `${i.key} ${p.point}`).toBe(true);
        if (hiddenBands > 0) expect(p.people).not.toMatch(/^\d+$/);
        const hiddenChange = [p.better, p.same, p.worse].filter((c) => !/^\d+$/.test(c) && c !== '—').length;
        if (hiddenChange > 0) expect(p.paired).not.toMatch(/^\d+$/);
        if (p.paired !== '—' && !/^\d+$/.test(p.paired)) expect(hiddenChange === 0 || hiddenChange >= 2 || p.paired === 'fewer than 5').toBe(true);
      }
  });
});

describe('recording: the bad-input rules', () => {
  it('refuses each with the field named', async () => {
    await w.loginAs('facilitator');
    const e1 = await callError(w.backend, 'outcomes.record', { set: 'participant', participantId: men[7], point: 'end', formVersion: 1, answers: his(6), recordedOn: today });
    expect(e1.fields?.['answers.acknowledgement']).toMatch(/Not at all/);
    const e2 = await callError(w.backend, 'outcomes.record', { set: 'participant', participantId: men[7], point: 'fu6', formVersion: 1, answers: his(3), recordedOn: addDays(today, -150) });
    expect(e2.fields?.recordedOn).toMatch(/before his ending/);
    const e3 = await callError(w.backend, 'outcomes.record', { set: 'participant', participantId: neverStarted, point: 'mid', formVersion: 1, answers: his(3), recordedOn: today });
    expect(e3.fields?.point).toMatch(/never started/);
    const e4 = await callError(w.backend, 'outcomes.record', { set: 'participant', participantId: men[0], point: 'baseline', formVersion: 1, answers: his(3), recordedOn: today });
    expect(e4.fields?.point).toMatch(/only one baseline/);
    const e5 = await callError(w.backend, 'outcomes.record', { set: 'participant', participantId: stillActive, point: 'fu6', formVersion: 1, answers: his(3), recordedOn: today });
    expect(e5.fields?.point).toMatch(/has not ended/);
    const e6 = await callError(w.backend, 'outcomes.record', { set: 'participant', participantId: stillActive, point: 'fu9', formVersion: 1, answers: his(3), recordedOn: today });
    expect(e6.fields?.point).toMatch(/6 and 12 months/);
    const e7 = await callError(w.backend, 'outcomes.record', { set: 'participant', participantId: stillActive, point: 'baseline', formVersion: 1, answers: { ...his(3), motivation: null }, recordedOn: today });
    expect(e7.fields?.['answers.motivation']).toBeDefined();
    const e8 = await callError(w.backend, 'outcomes.record', { set: 'participant', participantId: stillActive, point: 'baseline', formVersion: 1, answers: his(3), recordedOn: addDays(today, 1) });
    expect(e8.fields?.recordedOn).toMatch(/future/);
    const e9 = await callError(w.backend, 'outcomes.record', { set: 'participant', participantId: stillActive, point: 'baseline', formVersion: 1, status: 'declined', answers: his(3), recordedOn: today });
    expect(e9.fields?.answers).toMatch(/no answers/);
    // Nothing was saved by any of them.
    const o = await call(w.backend, 'outcomes.overview', { participantId: stillActive });
    expect(o.points.flatMap((p) => p.records)).toEqual([]);
    await w.loginAs('partner_worker');
    const e10 = await callError(w.backend, 'outcomes.recordPartner', { set: 'partner', partnerId: partners[0], participantId: men[0], point: 'end', formVersion: 1, answers: { ...hers(0, 11, 3) }, recordedOn: today });
    expect(e10.fields?.point ?? e10.fields?.['answers.safety']).toBeDefined();
    const e11 = await callError(w.backend, 'outcomes.recordPartner', { set: 'partner', partnerId: partners[5], participantId: men[5], point: 'end', formVersion: 1, answers: hers(0, 11, 3), recordedOn: today });
    expect(e11.fields?.['answers.safety']).toMatch(/0 to 10/);
    const e12 = await callError(w.backend, 'outcomes.recordPartner', { set: 'partner', partnerId: partners[5], participantId: men[0], point: 'end', formVersion: 1, answers: hers(0, 5, 3), recordedOn: today });
    expect(e12.fields?.participantId).toMatch(/not linked/);
  });

  it('a measure declined or not reachable is recorded, and counted', async () => {
    await w.loginAs('facilitator');
    const r = await record(men[8]!, 'end', {}, addDays(today, -98), { status: 'not_reachable' });
    expect(r).toMatchObject({ status: 'not_reachable', answers: {} });
    await w.loginAs('manager');
    const s = await call(w.backend, 'outcomes.summary', period);
    expect(s.notRecorded.find((n) => n.set === 'participant' && n.point === 'end')).toMatchObject({ declined: 'fewer than 5', notReachable: 'fewer than 5' });
  });
});

describe('due measures become tasks', () => {
  it('his baseline for the facilitators and hers for her worker, closed when recorded', async () => {
    await w.loginAs('manager');
    const her = await partnerOf(w, stillActive, 'Newly');
    // A log-in is a new day for the dated-task machinery.
    await w.loginAs('manager');
    await w.loginAs('partner_worker');
    const mine = await call(w.backend, 'tasks.list', { scope: 'mine' });
    const hersTask = mine.tasks.find((t) => t.kind === 'partner_outcome_due' && t.partnerId === her);
    expect(hersTask).toMatchObject({ dueOn: today });
    await recordHers(her, stillActive, 'baseline', hers(1, 5, 2), today);
    expect((await call(w.backend, 'tasks.list', { scope: 'mine' })).tasks.find((t) => t.id === hersTask!.id)).toBeUndefined();
    await w.loginAs('facilitator');
    const all = await call(w.backend, 'tasks.list', { scope: 'mine' });
    const hisTask = all.tasks.find((t) => t.kind === 'outcome_due' && t.participantId === stillActive);
    expect(hisTask?.title).toMatch(/baseline/);
    // The facilitator never sees her task.
    expect(all.tasks.some((t) => t.kind === 'partner_outcome_due')).toBe(false);
    await record(stillActive, 'baseline', his(3), today);
    expect((await call(w.backend, 'tasks.list', { scope: 'mine' })).tasks.find((t) => t.id === hisTask!.id)).toBeUndefined();
  });
});

describe('the wall', () => {
  it('a facilitator and an administrator get nothing of hers from any outcomes route', async () => {
    for (const role of ['facilitator', 'admin'] as const) {
      await w.loginAs(role);
      for (const [route, input] of [
        ['outcomes.partnerOverview', { participantId: men[0], partnerId: partners[0] }],
        ['outcomes.recordPartner', { set: 'partner', partnerId: partners[0], participantId: men[0], point: 'mid', formVersion: 1, answers: hers(1, 5, 1), recordedOn: today }],
        ['outcomes.summary', period],
        ['outcomes.dashboard', {}],
      ] as const) {
        const e = await callError(w.backend, route, input);
        expect(e.code, `${role} ${route}`).toBe('FORBIDDEN');
      }
      // The routes open to them hold no partner answers.
      const open = role === 'facilitator' ? [await call(w.backend, 'outcomes.overview', { participantId: men[0]! })] : [];
      open.push(await call(w.backend, 'outcomes.followUps', {}) as never);
      const text = JSON.stringify(open);
      expect(text).not.toContain(HER_NOTE);
      expect(text).not.toContain('"set":"partner"');
      expect(text).not.toContain(partners[0]);
    }
    // A facilitator cannot record his measures as hers.
    await w.loginAs('facilitator');
    expect((await callError(w.backend, 'outcomes.record', { set: 'partner', partnerId: partners[0], participantId: men[0], point: 'mid', formVersion: 1, answers: hers(1, 5, 1), recordedOn: today })).fields?.set).toBeDefined();
  });

  it('the manager sees her figures as aggregates only; her note never leaves her record', async () => {
    await w.loginAs('manager');
    const s = await call(w.backend, 'outcomes.summary', period);
    expect(s.partnerSide).toBe(true);
    expect(JSON.stringify(s)).not.toContain(HER_NOTE);
    expect(JSON.stringify(s)).not.toContain(partners[0]);
    await w.loginAs('partner_worker');
    const o = await call(w.backend, 'outcomes.partnerOverview', { participantId: men[0]!, partnerId: partners[0]! });
    expect(o.points.find((p) => p.point === 'baseline')!.records[0]).toMatchObject({ note: HER_NOTE, set: 'partner' });
  });
});

describe('the outputs: suppressed aggregates only', () => {
  const small = /^(?:\+)?[1-4]$/;
  it('the accreditation pack (Word and CSV) and the funders’ figures carry the outcomes, suppressed, and nothing of hers', async () => {
    await w.loginAs('manager');
    const d = await call(w.backend, 'reports.create', { type: 'accreditation_pack', periodFrom: period.from, periodTo: period.to });
    const out = await call(w.backend, 'reports.generate', { id: d.id, version: d.version });
    const doc = readDocx(Buffer.from(out.base64!, 'base64'));
    const text = plainText(doc.document);
    expect(text).toContain('Accreditation monitoring pack');
    expect(text).toContain('Partner support service: reach');
    expect(text).toContain('Abuse she reported (four kinds together)');
    expect(text).toContain('Her space for action');
    expect(text).toContain('His own view (four questions together)');
    // The ending for his own view: six with both, shown as in the page.
    expect(text).toMatch(/Ending\nabout 5\nnot shown\nfewer than 5\n0\n\+6\.7/);
    // No table cell or fact is a count from 1 to 4.
    for (const line of text.split('\n')) expect(line.trim(), 'a cell in the Word pack').not.toMatch(small);
    expect(doc.all).not.toContain(HER_NOTE);
    expect(doc.all).not.toContain('Partner0');
    // The CSV: made from the same content, recorded as a report of its own.
    const csv = await call(w.backend, 'outcomes.packCsv', { id: d.id });
    expect(csv.fileName).toMatch(/^accreditation-pack-.*\.csv$/);
    const rows = csv.csv.replace(/^\ufeff/, '').trim().split('\r\n').map((l) => l.split(','));
    expect(rows[0]).toEqual(['Section', 'Item', 'Column', 'Value']);
    expect(rows.some((r) => r[1]?.includes('His own view') && r[1].includes('Ending') && r[2] === 'Better' && r[3] === 'not shown')).toBe(true);
    for (const r of rows.slice(1)) if (r[2] !== 'Average change') expect(r[3], r.join(',')).not.toMatch(small);
    expect(csv.csv).not.toContain(HER_NOTE);
    const recorded = await w.backend.requireDb().selectFrom('reports').select(['file_name', 'sha256', 'status']).where('type', '=', 'accreditation_pack').execute();
    expect(recorded.map((r) => r.file_name!.slice(-4)).sort()).toEqual(['.csv', 'docx']);
    for (const r of recorded) expect(r).toMatchObject({ status: 'saved', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    // The funders' figures gain the outcomes section, with its charts.
    const f = await call(w.backend, 'reports.create', { type: 'funders_figures', periodFrom: period.from, periodTo: period.to });
    const fout = await call(w.backend, 'reports.generate', { id: f.id, version: f.version });
    const ftext = plainText(readDocx(Buffer.from(fout.base64!, 'base64')).document);
    expect(ftext).toContain('Outcomes');
    expect(ftext).toContain('Abuse she reported (four kinds together): people better than at baseline');
    expect(ftext).toContain('Number of people whose answer was better than at their baseline, at each point');
    for (const line of ftext.split('\n')) expect(line.trim(), 'a cell in the funders’ figures').not.toMatch(small);
  });

  it('a facilitator cannot make the pack or its CSV', async () => {
    await w.loginAs('manager');
    const [pack] = await call(w.backend, 'reports.list', { type: 'accreditation_pack' });
    await w.loginAs('facilitator');
    expect((await callError(w.backend, 'reports.create', { type: 'accreditation_pack', periodFrom: period.from, periodTo: period.to })).code).toBe('FORBIDDEN');
    expect((await callError(w.backend, 'outcomes.packCsv', { id: pack!.id })).code).toBe('FORBIDDEN');
    expect(await call(w.backend, 'reports.list', {})).toEqual([]);
  });
});
