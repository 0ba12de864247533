import { afterAll, beforeAll } from 'vitest';
import type { Backend } from '../../../src/main/backend';
import type { RouteInput } from '../../../src/shared/api';
import { addDays } from '../../../src/shared/dates';
import type { Role } from '../../../src/shared/permissions';
import { ADMIN, addStaff, call, setUpAndLogIn, switchTo, tempDir } from '../helpers';
import { testToday } from '../test-clock';


/** The run's day (tests/main/test-clock.ts): the test back ends judge "today" on it too. */
export const today = testToday;

export function referralInput(overrides: Partial<RouteInput<'participants.create'>['details']> = {}, referral: Partial<RouteInput<'participants.create'>['referral']> = {}) {
  return {
    details: { firstName: 'Liam', lastName: "O'Brien", dateOfBirth: '1985-03-14', aliases: ['Zoë Smith'], ...overrides },
    referral: {
      source: 'family_court_cafcass' as const,
      agency: 'Cafcass',
      contactName: 'Jo Bloggs',
      receivedOn: addDays(today, -40),
      reason: 'Child arrangements order: domestic abuse found',
      route: 'family_court' as const,
      courtReference: 'ZW24C00123',
      reportDueDate: addDays(today, 60),
      ...referral,
    },
  };
}

export interface World {
  backend: Backend;
  accounts: Record<Role, { username: string; password: string; id: string }>;
  loginAs(role: Role): Promise<void>;
}

/** An installation with one account per role, logged in as the manager. */
export async function world(dir: string): Promise<World> {
  const { backend } = await setUpAndLogIn(dir);
  const accounts = { admin: { username: ADMIN.username, password: ADMIN.password, id: backend.session!.staffId } } as World['accounts'];
  for (const role of ['manager', 'facilitator', 'partner_worker'] as const) {
    const username = role.replace('_', '');
    const created = await addStaff(backend, username, role);
    await call(backend, 'auth.logout', {});
    const password = await switchTo(backend, username, created.temporaryPassword, `long password ${username.length}${role.length} here`);
    accounts[role] = { username, password, id: created.staff.id };
    await call(backend, 'auth.logout', {});
    await call(backend, 'auth.login', { username: ADMIN.username, password: ADMIN.password });
  }
  const loginAs = async (role: Role) => {
    if (backend.session?.role === role) return;
    if (backend.session) await call(backend, 'auth.logout', {});
    await call(backend, 'auth.login', { username: accounts[role].username, password: accounts[role].password });
  };
  await loginAs('manager');
  // Partner access is sealed by a holder of the partner key (the manager), never by the administrator who made the account.
  await call(backend, 'staff.grantPartnerAccess', { id: accounts.partner_worker.id });
  return { backend, accounts, loginAs };
}

/**
 * One world for the whole test file, the set-up many files wrote out by hand: made in a
 * `beforeAll` (logged in as `role`) and shut down, its folder removed, in an `afterAll`.
 * Call it at the top of the file; use the result like a World inside tests and hooks.
 */
export function worldForFile(role: Role = 'manager', timeoutMs = 60_000): World & { readonly dir: string } {
  let made: World | undefined;
  let dir = '';
  let cleanup = () => {};
  beforeAll(async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    dir = t.dir;
    made = await world(t.dir);
    await made.loginAs(role);
  }, timeoutMs);
  afterAll(async () => {
    await made?.backend.shutdown();
    cleanup();
  });
  const ready = () => {
    if (!made) throw new Error('The world is made in beforeAll: use it inside tests and hooks.');
    return made;
  };
  return {
    get backend() {
      return ready().backend;
    },
    get accounts() {
      return ready().accounts;
    },
    loginAs: (r: Role) => ready().loginAs(r),
    get dir() {
      return dir;
    },
  };
}
