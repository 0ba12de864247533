/**
 * Issue 18's figures, as the manager (the partner side open): the outcomes page for all years of
 * the data set (every man and partner with generated measures), and the home page's dashboard.
 * Called by `npm run bench` on the ten-year data; on its own, `npx tsx scripts/bench-outcomes.ts
 * [participants]` builds a data set of that size (default 1,000) and measures it.
 * With DVPP_BENCH_DIR set, the data set is built once into that folder and kept; a later run with
 * the same folder logs in and measures without building again (building 5,000 takes long).
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createBackend } from '../src/main/backend';
import { generateLargeCharity } from '../src/main/demo/ten-years';
import { TEST_KDF } from '../src/main/vault/vault';
import type { RouteInput, RouteName, RouteOutput } from '../src/shared/api';
import { todayInLondon } from '../src/shared/dates';

type Call = <R extends RouteName>(route: R, input: RouteInput<R>) => Promise<RouteOutput<R>>;
type Report = (name: string, value: number, unit: string, note?: string) => void;

const p = (values: number[], q: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.ceil(q * values.length) - 1)]!;

export async function benchOutcomes(call: Call, report: Report): Promise<void> {
  const today = todayInLondon();
  const page: number[] = [];
  let people = '';
  for (let i = 0; i < 21; i++) {
    const start = performance.now();
    const s = await call('outcomes.summary', { from: '2000-01-01', to: today });
    page.push(performance.now() - start);
    people = `${s.people.participant} men, ${s.people.partner} partners`;
  }
  page.shift(); // the first warms the caches
  report('outcomes page, all years, p95', p(page, 0.95), 'ms', `${people} with a baseline; target under 200 ms`);
  const dash: number[] = [];
  for (let i = 0; i < 51; i++) {
    const start = performance.now();
    await call('outcomes.dashboard', {});
    dash.push(performance.now() - start);
  }
  dash.shift();
  report("manager's dashboard, p95", p(dash, 0.95), 'ms', 'target under 100 ms');
}

async function standalone() {
  const participants = Number(process.argv[2] ?? 1000);
  const keep = process.env.DVPP_BENCH_DIR;
  if (keep) mkdirSync(keep, { recursive: true });
  const dir = keep ?? mkdtempSync(join(tmpdir(), 'dvpp-bench-outcomes-'));
  const reuse = keep !== undefined && existsSync(join(keep, 'case.db'));
  try {
    const backend = await createBackend({ dataDir: dir, kdf: TEST_KDF });
    const call: Call = async (route, input) => {
      const r = await backend.invoke(route, input, { verified: true });
      if (!r.ok) throw new Error(`${route}: ${r.error.message}`);
      return r.value as never;
    };
    if (!reuse) {
      await call('auth.setup', { organisation: { name: 'Bench', shortName: 'Bench', address: '1 Street', charityNumber: '1', phone: '' }, admin: { fullName: 'Bench Admin', username: 'benchadmin', password: 'bench admin password' } });
      await call('auth.login', { username: 'benchadmin', password: 'bench admin password' });
      for (const [username, role] of [['benchfac', 'facilitator'], ['benchman', 'manager'], ['benchpw', 'partner_worker']] as const) {
        const created = await call('staff.create', { fullName: `Bench ${username}`, username, jobTitle: '', role });
        await backend.vault.setPassword(created.staff.id, username, 'bench password long', backend.opened!.key);
        await backend.requireDb().updateTable('staff').set({ must_change_password: 0 }).where('id', '=', created.staff.id).execute();
      }
      await call('auth.logout', {});
      await call('auth.login', { username: 'benchman', password: 'bench password long' });
      await generateLargeCharity(backend, participants);
      // A fresh log-in, as the manager would arrive at the home page (it also raises the outcome tasks).
      await call('auth.logout', {});
    }
    await call('auth.login', { username: 'benchman', password: 'bench password long' });
    await benchOutcomes(call, (name, value, unit, note = '') => console.log(`${name}: ${Math.round(value * 10) / 10} ${unit} (${note}) [${participants} participants, ${process.env.DVPP_DB_DRIVER ?? 'default driver'}]`));
    await backend.shutdown();
  } finally {
    if (!keep) rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1]?.endsWith('bench-outcomes.ts')) standalone().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
