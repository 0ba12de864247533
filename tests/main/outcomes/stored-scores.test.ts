/**
 * Issue 18, speed: each outcome record keeps its scores and bands in columns (migration 0025,
 * partner upgrade 6) and the outcomes page counts them with GROUP BY. The figures must be exactly
 * those of the old computation (every record's answers read and scored in the program, kept in
 * old-summary.ts), the stored columns exactly what the scoring rules give each record's answers,
 * and the back-fill of records saved before the change must give the same columns and figures.
 * On the demo's records (hundreds of his and hers, with declined, unreachable and missing points).
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../../src/main/backend';
import { migrate } from '../../../src/main/db/migrator';
import { DEMO_ACCOUNTS, seedDemo } from '../../../src/main/demo/seed';
import { indicators } from '../../../src/main/features/outcomes/scoring';
import { bandColumn, scoreColumn, scoreColumns, scoreColumnTypes } from '../../../src/main/features/outcomes/stored-scores';
import { addDays } from '../../../src/shared/dates';
import type { MeasureSet } from '../../../src/shared/features/outcomes';
import { call, newBackend, tempDir } from '../helpers';
import { oldOutcomesSummary } from './old-summary';
import { testToday } from '../test-clock';

const temp = tempDir();
let backend: Backend;
const today = testToday;
const manager = DEMO_ACCOUNTS.find((a) => a.username === 'manager')!;
const logIn = async () => {
  if (backend.session) await call(backend, 'auth.logout', {});
  await call(backend, 'auth.login', { username: 'manager', password: manager.password });
};

beforeAll(async () => {
  backend = await newBackend(temp.dir);
  await seedDemo(backend);
  await logIn();
}, 180_000);
afterAll(async () => {
  await backend?.shutdown();
  temp.cleanup();
});

/** Every period and group the page can be asked for, more or less: all years, recent years, one year, each programme type, each group. */
async function scopes() {
  const db = backend.requireDb();
  const out: Array<{ from: string; to: string; programmeTypeId: string | null; groupId: string | null }> = [];
  for (const from of ['2000-01-01', addDays(today, -365 * 3), addDays(today, -365), addDays(today, -120)]) out.push({ from, to: today, programmeTypeId: null, groupId: null });
  out.push({ from: addDays(today, -365 * 2), to: addDays(today, -365), programmeTypeId: null, groupId: null });
  for (const t of await db.selectFrom('programme_types').select('id').execute()) out.push({ from: '2000-01-01', to: today, programmeTypeId: t.id, groupId: null });
  for (const g of await db.selectFrom('groups').select('id').limit(6).execute()) out.push({ from: '2000-01-01', to: today, programmeTypeId: null, groupId: g.id });
  return out;
}

const scoreNames = (table: 'his' | 'hers') => scoreColumnTypes(table).map(([c]) => c);
async function storedColumns() {
  const db = backend.requireDb();
  const his = await db.selectFrom('outcome_records').selectAll().orderBy('id').execute();
  const hers = await db.selectFrom('partner_outcomes').selectAll().orderBy('id').execute();
  const pick = (row: Record<string, unknown>, table: 'his' | 'hers') => Object.fromEntries([['id', row.id], ...scoreNames(table).map((c) => [c, row[c]])]);
  return { his: his.map((r) => pick(r, 'his')), hers: hers.map((r) => pick(r, 'hers')), rows: { his, hers } };
}

describe('scores and bands stored on each record', () => {
  it('no indicator has bands that overlap, so one band a record is what the old count of each band gave', () => {
    for (const def of indicators) {
      const values = def.key === 'progress' ? Array.from({ length: 41 }, (_, i) => 1 + i / 10) : Array.from({ length: 51 }, (_, i) => i);
      for (const v of values) expect(def.bands.filter((b) => b.test(v)).length, `${def.key} ${v}`).toBeLessThanOrEqual(1);
    }
  });

  it('every record of the demo keeps the scores the scoring rules give its answers; none declined has any', async () => {
    const { rows } = await storedColumns();
    expect(rows.his.length).toBeGreaterThan(40);
    expect(rows.hers.length).toBeGreaterThan(20);
    for (const r of rows.his) {
      const want = scoreColumns('his', r.set_name as MeasureSet, r.status, JSON.parse(r.answers) as Record<string, number | null>);
      expect(Object.fromEntries(scoreNames('his').map((c) => [c, (r as Record<string, unknown>)[c]])), r.id).toEqual(want);
    }
    for (const r of rows.hers) {
      const want = scoreColumns('hers', 'partner', r.status, JSON.parse(r.answers) as Record<string, number | null>);
      expect(Object.fromEntries(scoreNames('hers').map((c) => [c, (r as Record<string, unknown>)[c]])), r.id).toEqual(want);
    }
    // The demo has declined and blank answers: their columns are empty.
    expect(rows.his.some((r) => r.status !== 'recorded' && r.score_his_total === null)).toBe(true);
    expect(rows.hers.some((r) => r.status === 'recorded' && r.score_parenting === null)).toBe(true);
  });
});

describe('the outcomes page counted in SQL', () => {
  it('gives exactly the figures of the old computation, for every period, programme type and group', async () => {
    const db = backend.requireDb();
    let shown = 0;
    for (const scope of await scopes()) {
      const now = await call(backend, 'outcomes.summary', scope);
      const before = await oldOutcomesSummary(db, scope, true);
      expect(now.partnerSide).toBe(true);
      expect(now, JSON.stringify(scope)).toEqual(before);
      if (now.indicators.length) shown += 1;
    }
    // Not only empty pages: most scopes have figures for every set.
    expect(shown).toBeGreaterThan(3);
    const all = await call(backend, 'outcomes.summary', { from: '2000-01-01', to: today });
    expect(new Set(all.indicators.map((i) => i.set))).toEqual(new Set(['partner', 'participant', 'rating']));
  });
});

describe('records saved before the change are scored by the upgrade', () => {
  it('migration 0025 and partner upgrade 6 give the same columns and the same page', async () => {
    const before = await storedColumns();
    const pageBefore = await call(backend, 'outcomes.summary', { from: '2000-01-01', to: today });
    let db = backend.requireDb();

    // SQLite checks every schema when a column is dropped; the in-memory views that show a shared table as
    // one while the partner file is attached (db/partner-file.ts) would fail that check. This connection
    // is closed at the log-in below; the next one makes them again.
    for (const v of (await sql<{ name: string }>`select name from temp.sqlite_master where type = 'view'`.execute(db)).rows)
      await sql`drop view temp.${sql.ref(v.name)}`.execute(db);
    // His table as migration 0024 left it: no score columns, the indexes of migration 0023.
    await sql`drop index outcome_records_cohort`.execute(db);
    await sql`drop index outcome_records_scores`.execute(db);
    for (const c of scoreNames('his')) await sql`alter table outcome_records drop column ${sql.ref(c)}`.execute(db);
    await sql`create index outcome_records_cohort on outcome_records (set_name, point, recorded_on, status, participant_id)`.execute(db);
    await sql`create index outcome_records_answers on outcome_records (participant_id, set_name, point, status, form_version, answers)`.execute(db);
    await sql`delete from schema_migrations where name = '0025_outcome_scores'`.execute(db);
    expect(await migrate(db)).toEqual(['0025_outcome_scores']);

    // Her file as upgrade 5 left it.
    await sql`drop index partner.partner_outcomes_cohort`.execute(db);
    await sql`drop index partner.partner_outcomes_scores`.execute(db);
    for (const c of scoreNames('hers')) await sql`alter table partner.partner_outcomes drop column ${sql.ref(c)}`.execute(db);
    await sql`create index partner.partner_outcomes_cohort on partner_outcomes (point, recorded_on, status, partner_id, participant_id)`.execute(db);
    await sql`create index partner.partner_outcomes_answers on partner_outcomes (partner_id, participant_id, point, status, form_version, answers)`.execute(db);
    await sql`pragma partner.user_version = 5`.execute(db);
    // The upgrade runs when a holder's session attaches the file.
    await logIn();
    db = backend.requireDb();
    expect(Number((await sql<{ user_version: number }>`pragma partner.user_version`.execute(db)).rows[0]!.user_version)).toBe(6);

    const after = await storedColumns();
    expect(after.his).toEqual(before.his);
    expect(after.hers).toEqual(before.hers);
    expect(await call(backend, 'outcomes.summary', { from: '2000-01-01', to: today })).toEqual(pageBefore);
    // The indexes the page reads are back.
    const names = async (table: string, schema: string) => (await sql<{ name: string }>`select name from pragma_index_list(${table}, ${schema})`.execute(db)).rows.map((r) => r.name);
    expect(await names('outcome_records', 'main')).toEqual(expect.arrayContaining(['outcome_records_cohort', 'outcome_records_scores']));
    expect(await names('outcome_records', 'main')).not.toContain('outcome_records_answers');
    expect(await names('partner_outcomes', 'partner')).toEqual(expect.arrayContaining(['partner_outcomes_cohort', 'partner_outcomes_scores']));
    expect(await names('partner_outcomes', 'partner')).not.toContain('partner_outcomes_answers');
    // Every stored column is named by the scoring rules (no stray names).
    for (const def of indicators) expect([scoreColumn(def), bandColumn(def)].every((c) => scoreNames(def.set === 'partner' ? 'hers' : 'his').includes(c))).toBe(true);
  }, 60_000);
});
