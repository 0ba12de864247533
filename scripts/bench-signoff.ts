/**
 * Sign-off + produce of a court end report on the demo data (issue 15's page
 * count): the median of 10 after a cold one, and how long the main thread was
 * held during one (a 5 ms timer and perf_hooks' event-loop delay monitor).
 * Run: npx tsx scripts/bench-signoff.ts
 */
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { DEMO_ACCOUNTS, seedDemo } from '../src/main/demo/seed';
import { addDays, todayInLondon } from '../src/shared/dates';
import { reportTypes } from '../src/shared/features/reports';
import { call, newBackend, tempDir } from '../tests/main/helpers';
import { longestStall } from './stall';

async function main() {
  const t = tempDir();
  const backend = await newBackend(t.dir);
  await seedDemo(backend);
  const m = DEMO_ACCOUNTS.find((a) => a.username === 'manager')!;
  await call(backend, 'auth.login', { username: m.username, password: m.password });
  const active = (await call(backend, 'participants.list', { status: 'active', pageSize: 200 })).rows.filter((r) => r.canOpen);
  let man = active[0]!.id;
  let best = -1;
  for (const r of active) {
    const s = await call(backend, 'attendance.summary', { participantId: r.id });
    if (s && s.sessions.length > best) [best, man] = [s.sessions.length, r.id];
  }
  const def = reportTypes.court_end;
  const today = todayInLondon();
  async function draft() {
    const c = await call(backend, 'reports.create', { type: 'court_end', participantId: man, sessionId: null, periodFrom: addDays(today, -365), periodTo: today });
    return call(backend, 'reports.update', {
      id: c.id, version: c.version, periodFrom: c.periodFrom, periodTo: c.periodTo, recipient: c.recipient, recipientName: c.recipientName,
      sections: Object.fromEntries(def.sections.map((s) => [s.key, `Example ${s.label.toLowerCase()}.`])),
    });
  }
  async function once() {
    const u = await draft();
    const start = performance.now();
    const s = await call(backend, 'reports.signOff', { id: u.id, version: u.version, withoutConsentReason: 'Court ordered' });
    await call(backend, 'reports.generate', { id: u.id, version: s.version });
    return performance.now() - start;
  }
  await once();
  const times: number[] = [];
  const stalls: number[] = [];
  const maxDelays: number[] = [];
  for (let i = 0; i < 10; i++) {
    const h = monitorEventLoopDelay({ resolution: 5 });
    h.enable();
    const [stall, ms] = await longestStall(once);
    h.disable();
    times.push(ms);
    stalls.push(stall);
    maxDelays.push(h.max / 1e6);
  }
  const med = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)]!;
  console.log(`sessions for the man: ${best}`);
  console.log(`sign-off + produce median ${med(times).toFixed(0)} ms (all: ${times.map((x) => x.toFixed(0)).join(', ')})`);
  console.log(`longest main-thread stall per run: median ${med(stalls).toFixed(0)} ms, max ${Math.max(...stalls).toFixed(0)} ms`);
  console.log(`event-loop delay max per run: median ${med(maxDelays).toFixed(0)} ms, max ${Math.max(...maxDelays).toFixed(0)} ms`);
  console.log(`load average: ${(await import('node:os')).loadavg().map((x) => x.toFixed(1)).join(' ')}`);
  t.cleanup();
}
void main().then(() => process.exit(0));
