/**
 * Which chain an audit entry goes to, and what of it is kept (DESIGN.md section 4, issue 13 part 6), with every
 * answer written here: a partner-side entry written while her file is not open (an administrator refused at a
 * partner route) keeps only that an attempt was made and the refusal's code, never her id or the fields asked
 * for; in a folder not yet converted (the partner tables still in the programme database) it stays whole, as it
 * always did. And entries appended in bulk, across the 500-rows-per-INSERT boundary, all go in once, in order,
 * chained. Run as the administrator, whose session never holds the partner file, on a real database.
 */
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../../src/main/backend';
import type { Database } from '../../../src/main/db/schema';
import { appendAudit, appendAuditEntries, isPartnerSideEntry, verifyAudit, type AuditInput } from '../../../src/main/audit/audit';
import { ADMIN, addStaff, call, setUpAndLogIn, switchTo, tempDir } from '../helpers';

let backend: Backend;
let cleanup: () => void;
let db: Kysely<Database>;
const HER_ID = '0f8e2a34-5b6c-4d7e-8f90-a1b2c3d4e5f6';

beforeAll(async () => {
  const t = tempDir();
  cleanup = t.cleanup;
  ({ backend } = await setUpAndLogIn(t.dir));
  // The first manager's log-in moves the partner tables into her file; the administrator then logs in without it.
  const manager = await addStaff(backend, 'morgan', 'manager');
  await switchTo(backend, 'morgan', manager.temporaryPassword);
  await call(backend, 'auth.logout', {});
  await call(backend, 'auth.login', { username: ADMIN.username, password: ADMIN.password });
  db = backend.requireDb();
  expect(Number((await sql<{ n: number }>`select count(*) as n from pragma_database_list where name = 'partner'`.execute(db)).rows[0]!.n)).toBe(0);
  expect(Number((await sql<{ n: number }>`select count(*) as n from main.sqlite_master where name = 'partners'`.execute(db)).rows[0]!.n)).toBe(0);
}, 60_000);

afterAll(async () => {
  await backend.shutdown();
  cleanup();
});

async function lastEntry() {
  return (await sql<{ seq: number; action: string; route: string | null; subject_type: string | null; subject_id: string | null; detail: string | null }>`
    select seq, action, route, subject_type, subject_id, detail from audit_log order by seq desc limit 1`.execute(db)).rows[0]!;
}

describe('what is a partner-side entry', () => {
  const side = (input: Partial<AuditInput>) => isPartnerSideEntry({ action: 'x.y', ...input });

  it('her own routes, and the two outcomes routes about her', () => {
    for (const route of ['partners.get', 'partners.logContact', 'partnerOutcomes.list', 'partner.anything', 'outcomes.recordPartner', 'outcomes.partnerOverview']) {
      expect(side({ route }), route).toBe(true);
    }
  });

  it('not a route that only has those words inside or at its end, nor another outcomes route', () => {
    for (const route of ['xpartners.get', 'reports.partners.get', 'x.outcomes.recordPartner', 'outcomes.recordPartnerLater', 'outcomes.partnerOverviewAll', 'outcomes.record', 'participants.get']) {
      expect(side({ route }), route).toBe(false);
    }
  });

  it('an entry with no route is judged by its action; one with a route by the route, not the action', () => {
    expect(side({ route: undefined, action: 'partners.create' })).toBe(true);
    expect(side({ route: null, action: 'partners.create' })).toBe(true);
    expect(side({ route: 'settings.update', action: 'partners.create' })).toBe(false);
    expect(side({ route: undefined, action: 'settings.update' })).toBe(false);
  });

  it('any entry whose subject is a partner', () => {
    expect(side({ route: 'settings.update', subjectType: 'partner' })).toBe(true);
  });
});

describe('a partner-side entry with her file not open', () => {
  it('keeps only the attempt and the refusal code: no id of hers, no fields', async () => {
    await appendAudit(db, { action: 'partners.get', route: 'partners.get', outcome: 'refused', subjectType: 'partner', subjectId: HER_ID, detail: { code: 'FORBIDDEN', fields: ['id'] } });
    expect(await lastEntry()).toMatchObject({ action: 'partners.get', subject_type: 'partner', subject_id: null, detail: '{"code":"FORBIDDEN"}' });
  });

  it('with a detail but no code, keeps no detail at all', async () => {
    await appendAudit(db, { action: 'partners.update', route: 'partners.update', outcome: 'refused', subjectType: 'partner', subjectId: HER_ID, detail: { fields: ['firstName', 'address'] } });
    expect(await lastEntry()).toMatchObject({ action: 'partners.update', subject_id: null, detail: null });
  });

  it('with no detail, keeps no detail (and does not fail)', async () => {
    await appendAudit(db, { action: 'partners.list', route: 'partners.list', outcome: 'refused' });
    expect(await lastEntry()).toMatchObject({ action: 'partners.list', subject_type: 'partner', subject_id: null, detail: null });
  });

  it('a programme-side entry is kept whole beside them', async () => {
    await appendAudit(db, { action: 'participants.get', route: 'participants.get', subjectType: 'participant', subjectId: HER_ID, detail: { fields: ['id'] } });
    expect(await lastEntry()).toMatchObject({ action: 'participants.get', subject_type: 'participant', subject_id: HER_ID, detail: '{"fields":["id"]}' });
  });

  it('in a folder not yet converted (a partners table still in the programme database), it is kept whole', async () => {
    await sql`create table main.partners (id text primary key)`.execute(db);
    try {
      await appendAudit(db, { action: 'partners.get', route: 'partners.get', outcome: 'ok', subjectType: 'partner', subjectId: HER_ID, detail: { fields: ['id'] } });
      expect(await lastEntry()).toMatchObject({ action: 'partners.get', subject_type: 'partner', subject_id: HER_ID, detail: '{"fields":["id"]}' });
    } finally {
      await sql`drop table main.partners`.execute(db);
    }
  });
});

describe('entries appended in bulk', () => {
  const many = (n: number, tag: string): AuditInput[] => Array.from({ length: n }, (_, i) => ({ action: `bulk.${tag}`, route: 'settings.update', detail: { i } }));
  const count = async (tag: string) => Number((await sql<{ n: number }>`select count(*) as n from audit_log where action = ${`bulk.${tag}`}`.execute(db)).rows[0]!.n);

  it('exactly 500 (one full INSERT) go in once each, and the chain holds', async () => {
    await appendAuditEntries(db, many(500, 'five-hundred'));
    expect(await count('five-hundred')).toBe(500);
    expect(await verifyAudit(db)).toMatchObject({ ok: true, firstBroken: null });
  });

  it('1,001 (three INSERTs) go in once each, in the order given, and the chain holds', async () => {
    const before = (await lastEntry()).seq;
    await appendAuditEntries(db, many(1001, 'thousand'));
    expect(await count('thousand')).toBe(1001);
    const order = (await sql<{ seq: number; detail: string }>`select seq, detail from audit_log where action = 'bulk.thousand' order by seq`.execute(db)).rows;
    expect(order.map((r) => (JSON.parse(r.detail) as { i: number }).i)).toEqual(Array.from({ length: 1001 }, (_, i) => i));
    expect(order[0]!.seq).toBe(before + 1);
    expect(await verifyAudit(db)).toMatchObject({ ok: true, firstBroken: null });
  });

  it('none at all writes nothing', async () => {
    const before = (await lastEntry()).seq;
    await appendAuditEntries(db, []);
    expect((await lastEntry()).seq).toBe(before);
  });
});

describe('a partner-side entry with her file open (a manager holding the partner key)', () => {
  it('goes whole into her chain in the partner file, and nothing of it into the programme chain', async () => {
    await call(backend, 'auth.logout', {});
    await call(backend, 'auth.login', { username: 'morgan', password: 'a new long password' });
    db = backend.requireDb();
    const programmeBefore = Number((await sql<{ n: number }>`select max(seq) as n from main.audit_log`.execute(db)).rows[0]!.n);
    await appendAudit(db, { action: 'partners.get', route: 'partners.get', outcome: 'ok', subjectType: 'partner', subjectId: HER_ID, detail: { fields: ['id'] } });
    const hers = (await sql<{ action: string; subject_id: string | null; detail: string | null }>`
      select action, subject_id, detail from partner.audit_log order by seq desc limit 1`.execute(db)).rows[0]!;
    expect(hers).toEqual({ action: 'partners.get', subject_id: HER_ID, detail: '{"fields":["id"]}' });
    // The programme chain had earlier refused attempts at partners.get kept (above): none is added now.
    expect(Number((await sql<{ n: number }>`select count(*) as n from main.audit_log where seq > ${programmeBefore} and action = 'partners.get'`.execute(db)).rows[0]!.n)).toBe(0);
    expect(programmeBefore).toBeGreaterThan(1000);
    expect(await verifyAudit(db, 'partner')).toMatchObject({ ok: true, firstBroken: null });
  });
});
