/**
 * The partner side's audit entries (issue 13, part 6): a second hash chain in the partner file.
 * After a partner worker's day, an administrator's audit listing and export hold nothing of hers
 * (no subject, no id, no partner-side action); a manager's hold both parts, merged by time and
 * labelled. A facilitator's refused attempt at her record stays in the programme's chain without
 * her id. Tampering with either chain is found, and the reply names the chain.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../../src/shared/dates';
import type { AuditEntry } from '../../../src/shared/features/audit';
import { call, callError, tempDir } from '../helpers';
import { referralInput, today, world, type World } from '../participants/fixtures';
import { testNowIso } from '../test-clock';

let w: World;
let cleanup: () => void;
let man: string;
let partnerId: string;

const HER_ACTIONS = ['partners.create', 'partners.open', 'partners.logContact', 'partners.saveSafetyPlan'];

async function everyEntry(): Promise<AuditEntry[]> {
  const out: AuditEntry[] = [];
  for (let page = 1; ; page++) {
    const got = await call(w.backend, 'audit.list', { page, pageSize: 200 });
    out.push(...got.entries);
    if (out.length >= got.total || got.entries.length === 0) return out;
  }
}

beforeAll(async () => {
  const t = tempDir();
  cleanup = t.cleanup;
  w = await world(t.dir);
  await w.loginAs('facilitator');
  ({ id: man } = await call(w.backend, 'participants.create', referralInput({ firstName: 'Audited', lastName: 'Chainman', aliases: [] })));
  // A partner worker's day: her record, a contact, a safety plan, a concern on her side, a task about her done.
  await w.loginAs('partner_worker');
  ({ id: partnerId } = await call(w.backend, 'partners.create', {
    details: { firstName: 'Chainette', lastName: 'Ledgerwood', consentToService: true, workerId: w.accounts.partner_worker.id },
    link: { participantId: man, relationship: 'current', from: '2019-01-01', to: '' },
  }));
  await call(w.backend, 'partners.get', { partnerId });
  await call(w.backend, 'partners.logContact', { partnerId, at: testNowIso(), method: 'phone', outcome: 'spoke', notes: 'First call', nextContactDue: addDays(today, 7) });
  const sections = { safe_contacts: 'Neighbour', leaving_plan: '', children: '', technology: '', at_home: '', at_work: '' };
  await call(w.backend, 'partners.saveSafetyPlan', { partnerId, version: 0, sections, reviewOn: addDays(today, 30) });
  await call(w.backend, 'safeguarding.raise', { partnerId, kind: 'adult_at_risk', raisedOn: today, what: 'She is frightened' });
  // A facilitator's attempt at her record is refused, and recorded without her id.
  await w.loginAs('facilitator');
  expect((await callError(w.backend, 'partners.get', { partnerId })).code).toBe('FORBIDDEN');
});
afterAll(async () => {
  await w.backend.shutdown();
  cleanup();
});

describe('the partner side’s own audit chain', () => {
  it('an administrator’s listing and export hold nothing of hers after a partner worker’s day', async () => {
    await w.loginAs('admin');
    const entries = await everyEntry();
    expect(entries.length).toBeGreaterThan(5);
    const text = JSON.stringify(entries);
    expect(text).not.toContain(partnerId);
    expect(entries.filter((e) => e.subjectType === 'partner' && e.subjectId !== null)).toEqual([]);
    expect(entries.filter((e) => HER_ACTIONS.includes(e.action) && e.outcome === 'ok')).toEqual([]);
    expect(entries.filter((e) => e.chain === 'partner')).toEqual([]);
    expect(entries.filter((e) => e.action === 'safeguarding.raise' && e.subjectType === 'partner')).toEqual([]);
    // The facilitator's refused attempt is there, as an attempt at a partner route, without her.
    const refused = entries.find((e) => e.action === 'partners.get' && e.outcome === 'refused');
    expect(refused).toBeDefined();
    expect(refused!.subjectId).toBeNull();
    const csv = (await call(w.backend, 'audit.export', {})).csv;
    expect(csv).not.toContain(partnerId);
    expect(csv).not.toContain('partners.create');
    expect(csv).not.toContain('partners.saveSafetyPlan');
    expect(csv.replace(/^\ufeff/, '').split('\r\n')[0]).toBe('No.,Time (UTC),Member of staff,Role,Action,Outcome,Record type,Record,Detail');
  });

  it('a manager’s listing holds both parts, merged by time and labelled; the export says which part each entry is in', async () => {
    await w.loginAs('manager');
    const entries = await everyEntry();
    const hers = entries.filter((e) => e.chain === 'partner');
    for (const action of HER_ACTIONS) expect(hers.map((e) => e.action), action).toContain(action);
    expect(hers.some((e) => e.action === 'safeguarding.raise' && e.subjectId === partnerId)).toBe(true);
    expect(entries.some((e) => e.chain === 'programme' && e.action === 'participants.create')).toBe(true);
    const times = entries.map((e) => e.at);
    expect(times).toEqual([...times].sort().reverse());
    // Filtering by her finds her entries (in the partner side's chain).
    const byHer = await call(w.backend, 'audit.list', { subjectId: partnerId, pageSize: 200 });
    expect(byHer.entries.length).toBeGreaterThan(0);
    expect(byHer.entries.every((e) => e.chain === 'partner')).toBe(true);
    const csv = (await call(w.backend, 'audit.export', {})).csv;
    expect(csv.split('\r\n')[0]).toMatch(/,Part of the log$/);
    expect(csv).toContain('Partner side');
    expect(csv).toContain('partners.saveSafetyPlan');
  });

  it('verify checks both chains for a manager, the programme’s for an administrator, and names the broken one', async () => {
    await w.loginAs('manager');
    const intact = await call(w.backend, 'audit.verify', {});
    expect(intact.ok).toBe(true);
    expect(intact.chains?.map((c) => c.chain)).toEqual(['programme', 'partner']);
    let db = w.backend.requireDb();
    // Someone edits the partner file behind the program's back (lifting its append-only trigger first).
    const victim = (await sql<{ seq: number; detail: string | null }>`select seq, detail from partner.audit_log where action = 'partners.logContact'`.execute(db)).rows[0]!;
    const trigger = (await sql<{ sql: string }>`select sql from partner.sqlite_master where name = 'audit_log_no_update'`.execute(db)).rows[0]!.sql;
    await sql`drop trigger partner.audit_log_no_update`.execute(db);
    await sql`update partner.audit_log set detail = ${'{"fields":[]}'} where seq = ${victim.seq}`.execute(db);
    const broken = await call(w.backend, 'audit.verify', {});
    expect(broken.ok).toBe(false);
    expect(broken.firstBroken?.chain).toBe('partner');
    expect(broken.firstBroken?.seq).toBe(victim.seq);
    expect(broken.firstBroken?.reason).toMatch(/partner side/);
    // The administrator's check covers the programme's chain only: intact, and it says nothing of hers.
    await w.loginAs('admin');
    const admins = await call(w.backend, 'audit.verify', {});
    expect(admins.ok).toBe(true);
    expect(admins.chains?.map((c) => c.chain)).toEqual(['programme']);
    // Put the entry back; then the programme's chain is the one changed.
    await w.loginAs('manager');
    db = w.backend.requireDb();
    await sql`update partner.audit_log set detail = ${victim.detail} where seq = ${victim.seq}`.execute(db);
    await sql.raw(trigger.replace(/^CREATE TRIGGER\s+"?(\w+)"?/i, 'CREATE TRIGGER partner.$1')).execute(db);
    expect((await call(w.backend, 'audit.verify', {})).ok).toBe(true);
    const programmeTrigger = (await sql<{ sql: string }>`select sql from main.sqlite_master where name = 'audit_log_no_update'`.execute(db)).rows[0]!.sql;
    await sql`drop trigger main.audit_log_no_update`.execute(db);
    const first = (await sql<{ seq: number }>`select seq from main.audit_log order by seq limit 1 offset 2`.execute(db)).rows[0]!;
    await sql`update main.audit_log set action = ${'changed'} where seq = ${first.seq}`.execute(db);
    await sql.raw(programmeTrigger).execute(db);
    const programme = await call(w.backend, 'audit.verify', {});
    expect(programme.ok).toBe(false);
    expect(programme.firstBroken?.chain).toBe('programme');
    expect(programme.firstBroken?.reason).toMatch(/programme/);
    await w.loginAs('admin');
    const adminSees = await call(w.backend, 'audit.verify', {});
    expect(adminSees.ok).toBe(false);
    expect(adminSees.firstBroken?.chain).toBe('programme');
  });
});
