/**
 * Every route of the case record, refused for each role the permission matrix
 * keeps out, and for staff not named on a restricted record; each refusal audited.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, type RouteName } from '../../../src/shared/api';
import { addDays } from '../../../src/shared/dates';
import { CURRENT_ASSESSMENT_FORM } from '../../../src/shared/features/assessments';
import { can, roles, type Role } from '../../../src/shared/permissions';
import { addStaff, call, callError, switchTo, tempDir } from '../helpers';
import { referralInput, today, world, type World } from './fixtures';

let w: World;
let cleanup: () => void;
let other: { username: string; password: string; id: string };

const area = /^(participants|referrals|assessments|risk|consents|goals|notes|tasks)\./;
const areaRoutes = (Object.keys(api) as RouteName[]).filter((r) => area.test(r));

interface Ids {
  participant: string;
  version: number;
  details: Awaited<ReturnType<typeof call<'participants.get'>>>['details'];
  referral: { id: string; version: number; data: Record<string, unknown> };
  consent: string;
  note: string;
  goal: string;
  assessment: string;
  task: string;
}

/** A valid input for every route of this area, about one man and his records. */
function inputs(ids: Ids): Record<string, unknown> {
  const consent = { recipient: 'gp', purpose: 'Health', confidentialityExplained: true, howGiven: 'verbal', givenOn: addDays(today, -5), reviewOn: addDays(today, 200) };
  return {
    'participants.findDuplicates': { firstName: 'Liam', lastName: 'Smith', dateOfBirth: '1985-03-14' },
    'participants.create': { ...referralInput({ firstName: 'Another', lastName: 'Man', aliases: [] }), linkToParticipantId: ids.participant },
    'participants.list': {},
    'participants.search': { q: 'smith' },
    'participants.waitingList': {},
    'participants.get': { id: ids.participant },
    'participants.updateDetails': { id: ids.participant, version: ids.version, details: ids.details },
    'participants.setStatus': { id: ids.participant, version: ids.version, status: 'awaiting_assessment', effectiveOn: today },
    'participants.restrict': { id: ids.participant, version: ids.version, restricted: true, staffIds: [] },
    'participants.newPartnerDisclosed': { participantId: ids.participant, note: '' },
    'referrals.add': { participantId: ids.participant, referral: referralInput().referral },
    'referrals.update': { id: ids.referral.id, version: ids.referral.version, referral: ids.referral.data },
    'assessments.save': {
      participantId: ids.participant,
      id: ids.assessment,
      version: 1,
      formVersion: CURRENT_ASSESSMENT_FORM,
      ratings: {},
      assessorId: w.accounts.facilitator.id,
      meetingDates: [addDays(today, -3)],
    },
    'risk.add': { participantId: ids.participant, level: 'low', reasons: 'x', assessorId: w.accounts.facilitator.id, assessedOn: today, nextReviewOn: addDays(today, 30) },
    'consents.add': { participantId: ids.participant, ...consent },
    'consents.update': { id: ids.consent, version: 1, ...consent },
    'consents.withdraw': { id: ids.consent, version: 1, withdrawnOn: today },
    'notes.list': { participantId: ids.participant },
    'notes.add': { participantId: ids.participant, noteType: 'other', occurredOn: today, body: 'x' },
    'notes.update': { id: ids.note, version: 1, noteType: 'other', occurredOn: today, body: 'y' },
    'notes.history': { id: ids.note },
    'goals.add': { participantId: ids.participant, kind: 'goal', text: 'x', setOn: today },
    'goals.update': { id: ids.goal, version: 1, kind: 'goal', text: 'y', setOn: today },
    'tasks.list': { participantId: ids.participant },
    'tasks.add': { participantId: ids.participant, title: 'x', assigneeRole: 'manager', dueOn: today },
    'tasks.complete': { id: ids.task, note: 'Done' },
    'tasks.reopen': { id: ids.task },
  };
}

/** As the manager: a man with one of everything on his record. */
async function manWithRecords(firstName: string): Promise<Ids> {
  await w.loginAs('manager');
  const { id } = await call(w.backend, 'participants.create', referralInput({ firstName, lastName: 'Smith', aliases: [] }));
  const consent = await call(w.backend, 'consents.add', { participantId: id, recipient: 'probation', purpose: 'Risk', confidentialityExplained: true, howGiven: 'signed', givenOn: addDays(today, -10), reviewOn: addDays(today, 300) });
  const note = await call(w.backend, 'notes.add', { participantId: id, noteType: 'meeting', occurredOn: today, body: 'Met him' });
  const goal = await call(w.backend, 'goals.add', { participantId: id, kind: 'goal', text: 'Time-outs', setOn: today });
  const assessment = await call(w.backend, 'assessments.save', { participantId: id, formVersion: CURRENT_ASSESSMENT_FORM, ratings: {}, assessorId: w.accounts.manager.id, meetingDates: [addDays(today, -3)] });
  const task = await call(w.backend, 'tasks.add', { participantId: id, title: 'Chase letter', assigneeRole: 'admin', dueOn: today });
  const record = await call(w.backend, 'participants.get', { id });
  const r = record.referrals[0]!;
  const { id: _id, participantId: _p, version, createdAt: _c, createdByName: _n, ...data } = r;
  return { participant: id, version: record.version, details: record.details, referral: { id: r.id, version, data }, consent: consent.id, note: note.id, goal: goal.id, assessment: assessment.id, task: task.id };
}

async function lastSeq(): Promise<number> {
  const row = await w.backend.requireDb().selectFrom('audit_log').select('seq').orderBy('seq', 'desc').limit(1).executeTakeFirst();
  return row?.seq ?? 0;
}

async function refusedSince(seq: number, route: string, actorId: string) {
  return w.backend
    .requireDb()
    .selectFrom('audit_log')
    .selectAll()
    .where('seq', '>', seq)
    .where('action', '=', route)
    .where('outcome', '=', 'refused')
    .where('actor_id', '=', actorId)
    .executeTakeFirst();
}

let plain: Ids;
let restricted: Ids;

beforeAll(async () => {
  const t = tempDir();
  cleanup = t.cleanup;
  w = await world(t.dir);
  // A second manager, not named on the restricted record: being a manager is not enough.
  await w.loginAs('admin');
  const created = await addStaff(w.backend, 'manager2', 'manager');
  await call(w.backend, 'auth.logout', {});
  other = { username: 'manager2', password: await switchTo(w.backend, 'manager2', created.temporaryPassword, 'second long password'), id: created.staff.id };
  await call(w.backend, 'auth.logout', {});
  plain = await manWithRecords('Plain');
  restricted = await manWithRecords('Hidden');
  await call(w.backend, 'participants.restrict', { id: restricted.participant, version: restricted.version, restricted: true, staffIds: [w.accounts.partner_worker.id] });
  restricted.version += 1;
});
afterAll(async () => {
  await w.backend.shutdown();
  cleanup();
});

describe('permission refusals per role', () => {
  it('covers every route of the area', () => {
    expect(Object.keys(inputs(plain)).sort()).toEqual([...areaRoutes].sort());
  });

  for (const role of roles) {
    it(`refuses ${role} every route the matrix keeps from that role, and audits it`, async () => {
      await w.loginAs(role);
      const all = inputs(plain);
      const refused = areaRoutes.filter((r) => {
        const access = api[r].access;
        // Tasks are open to every session, but a task about a man is part of his case record.
        if (access === 'session') return !can(role, 'participants.view');
        return access !== 'public' && !can(role, access);
      });
      if (role === 'admin') expect(refused).toEqual(expect.arrayContaining(['participants.get', 'tasks.add', 'tasks.list', 'tasks.complete']));
      for (const route of refused) {
        const seq = await lastSeq();
        const error = await callError(w.backend, route, all[route]);
        expect(error.code, `${role} ${route}`).toBe('FORBIDDEN');
        expect(await refusedSince(seq, route, w.accounts[role].id), `${role} ${route} audited`).toBeDefined();
      }
    });
  }
});

describe('restricted records', () => {
  // What opens or changes his record; the name search and the lists are covered in participants.test.ts.
  const recordRoutes = areaRoutes.filter((r) => !['participants.findDuplicates', 'participants.list', 'participants.search', 'participants.waitingList'].includes(r));

  for (const who of ['facilitator', 'manager2'] as const) {
    it(`refuses ${who}, not named on it, every route that reads or writes it, and audits each attempt`, async () => {
      if (who === 'facilitator') await w.loginAs('facilitator');
      else {
        await call(w.backend, 'auth.logout', {});
        await call(w.backend, 'auth.login', { username: other.username, password: other.password });
      }
      const role: Role = who === 'facilitator' ? 'facilitator' : 'manager';
      const actor = who === 'facilitator' ? w.accounts.facilitator.id : other.id;
      const all = inputs(restricted);
      for (const route of recordRoutes) {
        const access = api[route].access;
        if (access !== 'session' && access !== 'public' && !can(role, access)) continue;
        const seq = await lastSeq();
        const error = await callError(w.backend, route, all[route]);
        expect(error.code, `${who} ${route}`).toBe('FORBIDDEN');
        expect(error.message, `${who} ${route}`).toMatch(/restricted/);
        expect(await refusedSince(seq, route, actor), `${who} ${route} audited`).toBeDefined();
      }
      // Nothing was changed by any of the attempts.
      await call(w.backend, 'auth.logout', {});
      await w.loginAs('manager');
      const record = await call(w.backend, 'participants.get', { id: restricted.participant });
      expect(record.version).toBe(restricted.version);
      expect(record.restricted).toBe(true);
      expect(record.consents.every((c) => c.withdrawnOn === null)).toBe(true);
    });
  }

  it('still lets the named staff in', async () => {
    await w.loginAs('partner_worker');
    expect((await call(w.backend, 'participants.get', { id: restricted.participant })).header.name).toBe('Hidden Smith');
  });
});
