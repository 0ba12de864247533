/** The demo holds one restricted record: the manager and one facilitator open it; everyone else sees it locked. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Backend } from '../../../src/main/backend';
import { DEMO_ACCOUNTS, DEMO_PARTICIPANTS, seedDemo } from '../../../src/main/demo/seed';
import { call, callError, newBackend, tempDir } from '../helpers';

const temp = tempDir();
let backend: Backend;
beforeAll(async () => {
  backend = await newBackend(temp.dir);
  await seedDemo(backend);
}, 120_000);
afterAll(async () => {
  await backend?.shutdown();
  temp.cleanup();
});

async function loginAs(username: string) {
  if (backend.session) await call(backend, 'auth.logout', {});
  const account = DEMO_ACCOUNTS.find((a) => a.username === username)!;
  await call(backend, 'auth.login', { username, password: account.password });
}

it('has one restricted, high-profile man, open to the manager and one facilitator only', async () => {
  await loginAs('manager');
  const restricted = await call(backend, 'participants.list', { flag: 'restricted' });
  expect(restricted.total).toBe(1);
  const row = restricted.rows[0]!;
  expect(row).toMatchObject({ name: 'Jordan Wyatt', status: 'active', canOpen: true, flags: expect.arrayContaining(['restricted', 'high_profile']) });
  // The stories, the long-closed case and him.
  expect((await call(backend, 'participants.list', {})).total).toBe(DEMO_PARTICIPANTS + 2);
  const record = await call(backend, 'participants.get', { id: row.id });
  expect(record.accessStaffIds).toHaveLength(2);

  await loginAs('facilitator2');
  expect((await call(backend, 'participants.get', { id: row.id })).header.name).toBe('Jordan Wyatt');
  for (const other of ['facilitator', 'partner']) {
    await loginAs(other);
    expect((await callError(backend, 'participants.get', { id: row.id })).code).toBe('FORBIDDEN');
    expect((await call(backend, 'participants.list', { flag: 'restricted' })).rows[0]).toMatchObject({ id: row.id, name: null, canOpen: false });
  }
});

it('shows the information-sharing log with disclosures under each lawful basis, and no alert about the long-closed case on the partner worker’s list', async () => {
  await loginAs('manager');
  const log = await call(backend, 'sharing.log', { pageSize: 50 });
  const bases = new Set(log.entries.map((e) => e.basis));
  expect([...bases].sort()).toEqual(['child_protection', 'consent', 'without_consent']);
  const longClosed = (await call(backend, 'participants.list', { status: 'exited', pageSize: 200 })).rows.find((r) => r.name === 'Desmond Oldacre')!;
  expect(longClosed).toBeDefined();
  await loginAs('partner');
  const alerts = (await call(backend, 'tasks.list', { scope: 'mine', pageSize: 200 })).tasks.filter((t) => t.kind === 'partner_alert');
  expect(alerts.length).toBeGreaterThan(0);
  expect(alerts.filter((t) => t.participantId === longClosed.id)).toEqual([]);
});
