/**
 * Issue 15's speed figure on its own: a court end report for a man with 30
 * sessions, from the request (sign-off, then produce) to the file's bytes.
 * Median and p95 of 20 after a cold one (each way: signed off after the
 * preview was read, and straight after saving), how long the main thread was held
 * (a 5 ms timer), and the machine's load (the 2 cores here are shared).
 * `npm run bench` prints the same figure on its large data set.
 * Run: npx tsx scripts/bench-signoff.ts [runs]
 */
import { performance } from 'node:perf_hooks';
import { loadavg } from 'node:os';
import { DEMO_ACCOUNTS, seedDemo } from '../src/main/demo/seed';
import { writeSettings } from '../src/main/features/settings/service';
import { addDays, todayInLondon } from '../src/shared/dates';
import { reportTypes } from '../src/shared/features/reports';
import { call, newBackend, tempDir } from '../tests/main/helpers';
import { longestStall } from './stall';
import { pageCountsSettled } from '../src/main/features/reports/page-count-task';

async function main() {
  const runs = Number(process.argv[2] ?? 20);
  const t = tempDir();
  const backend = await newBackend(t.dir);
  await seedDemo(backend);
  const m = DEMO_ACCOUNTS.find((a) => a.username === 'manager')!;
  await call(backend, 'auth.login', { username: m.username, password: m.password });
  const today = todayInLondon();

  // A closed group of 30 weekly sessions, all in the past, every register taken: the man with 30 sessions.
  const programme = (await call(backend, 'programmes.list', {})).find((p) => p.kind === 'group')!;
  await call(backend, 'programmes.save', { ...programme, sessionsCount: 30 });
  const facilitators = (await call(backend, 'staff.directory', {})).filter((s) => s.role === 'facilitator').map((s) => s.id);
  const man = (await call(backend, 'participants.list', { status: 'waiting_list', pageSize: 200 })).rows.find((r) => r.canOpen)?.id
    ?? (await call(backend, 'participants.list', { pageSize: 200 })).rows.find((r) => r.canOpen)!.id;
  const group = await call(backend, 'groups.create', {
    programmeTypeId: programme.id, name: 'Bench group', venue: 'Bench room', weekday: 6, startTime: '09:00',
    startDate: addDays(today, -7 * 31), facilitatorIds: facilitators.slice(0, 2), capacity: 12, intake: 'closed', confirm: true,
  });
  if (!group.saved) throw new Error('bench group not saved');
  await call(backend, 'groups.enrol', { groupId: group.group.id, participantIds: [man], overrideReason: 'Benchmark', confirm: true });
  const sessions = (await call(backend, 'groups.get', { id: group.group.id })).sessions.filter((s) => s.date < today);
  for (const [i, s] of sessions.entries()) {
    const attendance = i % 7 === 3 ? 'absent_reason' : i % 5 === 2 ? 'late' : 'present';
    await call(backend, 'registers.save', {
      sessionId: s.id, version: 0,
      entries: [{ participantId: man, attendance: attendance as 'present', absenceReason: attendance === 'absent_reason' ? 'Unwell' : '', participation: attendance === 'absent_reason' ? null : 4, note: 'Engaged well', ...(attendance === 'late' ? { lateMinutes: 10 } : {}) }],
    });
  }
  // The benchmark signs off its own reports, as a one-manager charity may.
  await writeSettings(backend.requireDb(), { allowSelfSignOff: true }, null, new Date(backend.now()).toISOString());
  const sessionsFor = (await call(backend, 'attendance.summary', { participantId: man }))?.sessions.length ?? 0;

  const def = reportTypes.court_end;
  let n = 0;
  /**
   * One report, each with words of its own (an identical document would reuse the last one's page count).
   * `read`: the manager opens the draft's preview and reads it before pressing "Sign off" (the count made
   * while she reads is waited for, as her reading would); otherwise sign-off comes straight after the save.
   */
  async function once(read: boolean) {
    n++;
    const c = await call(backend, 'reports.create', { type: 'court_end', participantId: man, sessionId: null, periodFrom: addDays(today, -365), periodTo: today, recipient: 'cafcass_court' });
    const u = await call(backend, 'reports.update', {
      id: c.id, version: c.version, periodFrom: c.periodFrom, periodTo: c.periodTo, recipient: c.recipient, recipientName: c.recipientName,
      sections: Object.fromEntries(def.sections.map((s) => [s.key, `Example ${s.label.toLowerCase()} ${n}.\n\n${'He named his own behaviour. '.repeat(n % 9)}`])),
    });
    if (read) {
      await call(backend, 'reports.get', { id: u.id });
      await pageCountsSettled();
    }
    const start = performance.now();
    const s = await call(backend, 'reports.signOff', { id: u.id, version: u.version, withoutConsentReason: 'Court ordered' });
    const signedAt = performance.now();
    const g = await call(backend, 'reports.generate', { id: u.id, version: s.version });
    const end = performance.now();
    // BENCH_SAVE=<file>: keep the last file produced, to look at (LibreOffice, pdftoppm).
    if (process.env.BENCH_SAVE) (await import('node:fs')).writeFileSync(process.env.BENCH_SAVE, Buffer.from(g.base64 ?? '', 'base64'));
    return { total: end - start, signOff: signedAt - start, generate: end - signedAt, bytes: Buffer.from(g.base64 ?? '', 'base64').length };
  }
  const [coldStall, cold] = await longestStall(() => once(false));
  const all: Array<{ total: number; signOff: number; generate: number; stall: number; bytes: number }> = [];
  const straight: typeof all = [];
  for (let i = 0; i < runs; i++) {
    const [stall, r] = await longestStall(() => once(true));
    all.push({ ...r, stall });
    const [stall2, r2] = await longestStall(() => once(false));
    straight.push({ ...r2, stall: stall2 });
  }
  const pct = (a: number[], p: number) => [...a].sort((x, y) => x - y)[Math.min(a.length - 1, Math.floor(a.length * p))]!;
  const line = (name: string, xs: number[]) => console.log(`${name}: median ${pct(xs, 0.5).toFixed(0)} ms, p95 ${pct(xs, 0.95).toFixed(0)} ms, max ${Math.max(...xs).toFixed(0)} ms`);
  console.log(`sessions for the man: ${sessionsFor}; file ${all[0]!.bytes} bytes; ${runs} runs after a cold one`);
  line('court report, preview read then signed off: request to bytes (sign-off + produce)', all.map((r) => r.total));
  line('  of which sign-off', all.map((r) => r.signOff));
  line('  of which produce', all.map((r) => r.generate));
  line('longest main-thread stall per run', all.map((r) => r.stall));
  line('signed off straight after saving (the count still under way), request to bytes', straight.map((r) => r.total));
  line('  of which sign-off', straight.map((r) => r.signOff));
  line('  longest main-thread stall per run', straight.map((r) => r.stall));
  console.log(`cold (first after start): ${cold.total.toFixed(0)} ms, stall ${coldStall.toFixed(0)} ms`);
  console.log(`load average: ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  await backend.shutdown();
  t.cleanup();
}
void main().then(() => process.exit(0));
