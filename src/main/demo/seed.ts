/**
 * Demo data for `npm run dev:browser -- --demo`: "Demo Charity" with one
 * account per role. Later features add their own demo records here.
 */
import { randomUUID } from 'node:crypto';
import type { Backend } from '../backend';
import type { Role } from '../../shared/permissions';
import type { RouteInput, RouteName, RouteOutput } from '../../shared/api';
import { todayInLondon } from '../../shared/dates';
import { createStory, seedRestrictedCase, seeded } from './participants';
import { seedDemoGroups } from './groups';
import { seedDemoObjectives } from './objectives';
import { seedOutcomeMeasures } from './outcomes';
import { seedDemoPartners } from './partners';
import { seedLongClosedCase } from './retention';
import { seedDemoSharing } from './sharing';
import { writeSettings } from '../features/settings/service';

/** Demo staff genders, so the facilitator pair is the usual one man and one woman. */
const DEMO_GENDERS: Record<string, 'woman' | 'man'> = { facilitator: 'woman', facilitator2: 'man', manager: 'woman', partner: 'woman', admin: 'man' };

/** How many made-up participants the demo holds: enough to fill every status and list. */
export const DEMO_PARTICIPANTS = 36;

export const DEMO_ORGANISATION = {
  name: 'Demo Charity',
  shortName: 'DemoCharity',
  address: '1 Example Street, Exampletown, EX1 2MP',
  charityNumber: '1000000',
  phone: '01234 567890',
};

export const DEMO_ACCOUNTS: Array<{ username: string; password: string; fullName: string; role: Role }> = [
  { username: 'admin', password: 'demo-admin-pass', fullName: 'Alex Admin', role: 'admin' },
  { username: 'manager', password: 'demo-manager-pass', fullName: 'Morgan Manager', role: 'manager' },
  { username: 'facilitator', password: 'demo-facilitator-pass', fullName: 'Frankie Facilitator', role: 'facilitator' },
  { username: 'facilitator2', password: 'demo-facilitator2-pass', fullName: 'Sam Cole', role: 'facilitator' },
  { username: 'partner', password: 'demo-partner-pass', fullName: 'Pat Partner-Worker', role: 'partner_worker' },
];

const DEMO_JOB_TITLES: Record<string, string> = {
  manager: 'Programme manager',
  facilitator: 'Group facilitator',
  facilitator2: 'Group facilitator',
  partner: 'Partner support worker',
};

async function invoke(backend: Backend, route: string, input: unknown): Promise<unknown> {
  const result = await backend.invoke(route, input, { verified: true });
  if (!result.ok) throw new Error(`Demo set-up failed at ${route}: ${result.error.message}`);
  return result.value;
}

/** Sets up an empty data folder as the demo organisation. Returns the recovery key. */
export async function seedDemo(backend: Backend): Promise<string> {
  const [admin, ...others] = DEMO_ACCOUNTS;
  // Set-up refuses a password containing the user name ('demo-admin-pass'): set up with a throwaway one, then
  // give the demo administrator the known demo password directly, as the other demo accounts get theirs.
  const setupPassword = `set up ${randomUUID()}`;
  const { recoveryKey } = (await invoke(backend, 'auth.setup', {
    organisation: DEMO_ORGANISATION,
    admin: { fullName: admin!.fullName, username: admin!.username, password: setupPassword },
  })) as { recoveryKey: string };
  await invoke(backend, 'auth.login', { username: admin!.username, password: setupPassword });
  await backend.vault.setPassword(backend.session!.staffId, admin!.username, admin!.password, backend.opened!.key);
  for (const account of others) {
    const { staff } = (await invoke(backend, 'staff.create', {
      fullName: account.fullName,
      username: account.username,
      jobTitle: DEMO_JOB_TITLES[account.username] ?? '',
      role: account.role,
    })) as { staff: { id: string } };
    // Demo accounts get known passwords instead of temporary ones, so anyone can try each role.
    await backend.vault.setPassword(staff.id, account.username, account.password, backend.opened!.key);
    await backend.requireDb().updateTable('staff').set({ must_change_password: 0 }).where('id', '=', staff.id).execute();
  }
  for (const account of DEMO_ACCOUNTS) {
    await backend.requireDb().updateTable('staff').set({ gender: DEMO_GENDERS[account.username] ?? null }).where('username', '=', account.username).execute();
  }
  // The demo charity has one manager, so it lets the author of a report sign it off (each report says so).
  await writeSettings(backend.requireDb(), { allowSelfSignOff: true }, null, new Date(backend.now()).toISOString());
  await invoke(backend, 'auth.logout', {});

  // The case records, entered as the manager through the router like any other work.
  const manager = DEMO_ACCOUNTS.find((a) => a.role === 'manager')!;
  await invoke(backend, 'auth.login', { username: manager.username, password: manager.password });
  const staff = (await invoke(backend, 'staff.directory', {})) as Array<{ id: string; fullName: string; role: Role }>;
  const exec = <R extends RouteName>(route: R, input: RouteInput<R>) => invoke(backend, route, input) as Promise<RouteOutput<R>>;
  const rng = seeded(2026);
  const options = {
    today: todayInLondon(),
    spanDays: 365,
    notes: 3,
    manualTasks: 1,
    staff: { facilitators: staff.filter((s) => s.role === 'facilitator').map((s) => s.id), managers: staff.filter((s) => s.role === 'manager').map((s) => s.id) },
  };
  await seedDemoObjectives(exec);
  for (let i = 0; i < DEMO_PARTICIPANTS; i++) await createStory(exec, rng, i, options);
  await seedDemoGroups(exec, options.staff.facilitators.slice(0, 2));
  const longClosed = await seedLongClosedCase(exec);
  // Restricted to the manager (who restricts it) and the second facilitator, so the first sees it locked.
  const sam = staff.find((s) => s.fullName === 'Sam Cole')!;
  await seedRestrictedCase(exec, options.today, sam.id);
  await seedDemoSharing(exec);
  await invoke(backend, 'auth.logout', {});

  // The partner support service, entered by the partner worker.
  const partner = DEMO_ACCOUNTS.find((a) => a.role === 'partner_worker')!;
  await invoke(backend, 'auth.login', { username: partner.username, password: partner.password });
  await seedDemoPartners(exec, staff.find((s) => s.role === 'partner_worker')!.id, [longClosed]);
  // Outcome measures on both sides (issue 18), written while the partner side is open for her worker.
  await backend.requireDb().transaction().execute((trx) => seedOutcomeMeasures(trx, seeded(18), options.today, { partnerSide: true, staffId: backend.session!.staffId }));
  await invoke(backend, 'auth.logout', {});
  return recoveryKey;
}
