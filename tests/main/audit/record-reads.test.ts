/**
 * Issue 2: "every route that opens a person's record" writes an audit entry.
 * The rule is checked for every read route in the contract whose input names
 * a man or a partner, so a new route is covered the day it is added.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { z } from 'zod';
import type { Backend } from '../../../src/main/backend';
import { seedDemo } from '../../../src/main/demo/seed';
import { api, type RouteName } from '../../../src/shared/api';
import { DEMO_ACCOUNTS } from '../../../src/main/demo/seed';
import { call, newBackend, tempDir } from '../helpers';

/** Read routes whose `id` is a person's (the rest name a note, a group, a report...). */
const PERSON_BY_ID: Partial<Record<RouteName, 'participant' | 'partner'>> = { 'participants.get': 'participant' };

const temp = tempDir();
let backend: Backend;
let participantId: string;
let partnerId: string;

beforeAll(async () => {
  backend = await newBackend(temp.dir);
  await seedDemo(backend);
  const manager = DEMO_ACCOUNTS.find((a) => a.role === 'manager')!;
  await call(backend, 'auth.login', { username: manager.username, password: manager.password });
  const link = await backend
    .requireDb()
    .selectFrom('partner_links')
    .select(['participant_id', 'partner_id'])
    .executeTakeFirstOrThrow();
  participantId = link.participant_id;
  partnerId = link.partner_id;
}, 120_000);

afterAll(async () => {
  await backend?.shutdown();
  temp.cleanup();
});

type PersonRoute = { route: RouteName; key: string; type: 'participant' | 'partner'; alsoMan?: true };

function personRoutes(): PersonRoute[] {
  const out: PersonRoute[] = [];
  for (const [name, def] of Object.entries(api) as Array<[RouteName, (typeof api)[RouteName]]>) {
    if (def.writes || !(def.input instanceof z.ZodObject)) continue;
    const keys = Object.keys(def.input.shape as object);
    // A read about her in relation to one man (her outcome measures) names both; it is about her.
    if (keys.includes('participantId') && !keys.includes('partnerId')) out.push({ route: name, key: 'participantId', type: 'participant' });
    if (keys.includes('partnerId')) out.push({ route: name, key: 'partnerId', type: 'partner', ...(keys.includes('participantId') ? { alsoMan: true } : {}) });
    const byId = PERSON_BY_ID[name];
    if (byId && keys.includes('id')) out.push({ route: name, key: 'id', type: byId });
  }
  return out;
}

it('finds the routes the rule is about', () => {
  const names = personRoutes().map((r) => r.route);
  for (const r of [
    'partners.forParticipant',
    'safeguarding.list',
    'sharing.list',
    'attendance.summary',
    'enrolments.forParticipant',
    'participants.get',
    'partners.get',
  ]) {
    expect(names).toContain(r);
  }
});

it('every read that names a man or a partner writes an audit entry naming them', async () => {
  const db = backend.requireDb();
  const missing: string[] = [];
  for (const { route, key, type, alsoMan } of personRoutes()) {
    const subjectId = type === 'partner' ? partnerId : participantId;
    // Both chains: the partner side's entries are in its own (issue 13 part 6).
    const chains = [db, db.withSchema('partner')];
    const before = await Promise.all(
      chains.map((c) => c.selectFrom('audit_log').select((eb) => eb.fn.max('seq').as('seq')).executeTakeFirstOrThrow()),
    );
    const result = await backend.invoke(route, { [key]: subjectId, ...(alsoMan ? { participantId } : {}) }, { verified: true });
    expect(result.ok, `${route} with ${key}: ${JSON.stringify(result)}`).toBe(true);
    const entries = [];
    for (const [i, c] of chains.entries())
      entries.push(
        ...(await c
          .selectFrom('audit_log')
          .select(['subject_type', 'subject_id', 'outcome', 'route'])
          .where('seq', '>', Number(before[i]!.seq ?? 0))
          .execute()),
      );
    const named = entries.some(
      (e) => e.subject_id === subjectId && e.subject_type === type && e.outcome === 'ok' && e.route === route,
    );
    if (!named) missing.push(`${route} (${key})`);
  }
  expect(missing).toEqual([]);
});

it('finds a person in the audit log by reference or name, and shows the reference', async () => {
  const db = backend.requireDb();
  const man = await db
    .selectFrom('participants')
    .select(['reference', 'first_name', 'last_name'])
    .where('id', '=', participantId)
    .executeTakeFirstOrThrow();
  const her = await db
    .selectFrom('partners')
    .select(['reference'])
    .where('id', '=', partnerId)
    .executeTakeFirstOrThrow();
  await call(backend, 'participants.get', { id: participantId });
  await call(backend, 'partners.get', { partnerId });

  const byReference = await call(backend, 'audit.list', { subjectId: man.reference.toLowerCase() });
  expect(byReference.total).toBeGreaterThan(0);
  expect(byReference.entries.every((e) => e.subjectId === participantId && e.subjectReference === man.reference)).toBe(
    true,
  );
  const byName = await call(backend, 'audit.list', { subjectId: `${man.first_name} ${man.last_name}` });
  expect(byName.entries.map((e) => e.subjectId)).toContain(participantId);
  expect((await call(backend, 'audit.list', { subjectId: her.reference })).entries[0]).toMatchObject({
    subjectId: partnerId,
    subjectReference: her.reference,
  });
  expect((await call(backend, 'audit.list', { subjectId: 'P-1900-0001' })).total).toBe(0);

  // An administrator reads the log but is not behind the partner wall and does not look people up by name.
  await call(backend, 'auth.logout', {});
  const admin = DEMO_ACCOUNTS.find((a) => a.role === 'admin')!;
  await call(backend, 'auth.login', { username: admin.username, password: admin.password });
  // The administrator reads the programme's chain only: a partner-side look-up about him (in the partner side's chain) is not there.
  expect((await call(backend, 'audit.list', { subjectId: man.reference })).total).toBe(
    byReference.entries.filter((e) => e.chain === 'programme').length,
  );
  expect((await call(backend, 'audit.list', { subjectId: `${man.first_name} ${man.last_name}` })).total).toBe(0);
  expect((await call(backend, 'audit.list', { subjectId: her.reference })).total).toBe(0);
  // Nor anything under her id: her entries are in the partner side's chain (issue 13 part 6).
  const mixed = await call(backend, 'audit.list', { subjectId: partnerId });
  expect(mixed.total).toBe(0);
  expect(mixed.entries.every((e) => e.subjectReference === null)).toBe(true);
});
