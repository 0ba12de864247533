/**
 * Checking and importing 5,000 participants with their referrals, then their 5,000
 * consents, from .xlsx: each phase timed, and the longest the main thread was held
 * (how long the window's progress calls could have waited). Part of `npm run bench`;
 * alone: `npx tsx scripts/bench-imports.ts` (DVPP_DB_DRIVER picks the driver).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import writeXlsxFile from 'write-excel-file/node';
import { createBackend, type Backend } from '../src/main/backend';
import { TEST_KDF } from '../src/main/vault/vault';
import type { RouteInput, RouteName, RouteOutput } from '../src/shared/api';
import { longestStall } from './stall';

type Report = (name: string, value: number, unit: string, note?: string) => void;
const ROWS = 5000;

async function call<R extends RouteName>(backend: Backend, route: R, input: RouteInput<R>): Promise<RouteOutput<R>> {
  const result = await backend.invoke(route, input, { verified: true });
  if (!result.ok) throw new Error(`${route}: ${result.error.message}`);
  return result.value as RouteOutput<R>;
}

const reference = (i: number) => `P-2024-${String(i + 1).padStart(4, '0')}`;

async function files() {
  const men = [
    ['Reference', 'First name', 'Last name', 'Date of birth', 'Referred by', 'Date referral received', 'Reason for referral', 'Route'],
    ...Array.from({ length: ROWS }, (_, i) => [reference(i), `Bench${i}`, `Person${i}`, new Date(Date.UTC(1970 + (i % 30), i % 12, 1 + (i % 28))), 'Probation', new Date(Date.UTC(2025, i % 12, 1 + (i % 28))), 'Bench referral', 'Criminal justice']),
  ];
  const consents = [
    ['Participant reference', 'Shared with', 'Purpose', 'How given', 'Limits of confidentiality explained', 'Date given', 'Review date'],
    ...Array.from({ length: ROWS }, (_, i) => [reference(i), 'Probation', 'Progress updates', 'Signed', 'Yes', new Date(Date.UTC(2026, 0, 10)), new Date(Date.UTC(2027, 0, 10))]),
  ];
  const xlsx = async (rows: unknown[][]) => ((await writeXlsxFile(rows as never, { dateFormat: 'dd/mm/yyyy' }).toBuffer()) as Buffer).toString('base64');
  return { men: await xlsx(men), consents: await xlsx(consents) };
}

export async function benchImports(dir: string, report: Report): Promise<void> {
  const backend = await createBackend({ dataDir: dir, kdf: TEST_KDF });
  try {
    await call(backend, 'auth.setup', {
      organisation: { name: 'Bench Charity', shortName: 'Bench', address: '1 Bench Street', charityNumber: '1', phone: '' },
      admin: { fullName: 'Bench Admin', username: 'bench', password: 'a long secret phrase' },
    });
    await call(backend, 'auth.login', { username: 'bench', password: 'a long secret phrase' });
    const manager = await call(backend, 'staff.create', { fullName: 'Bench Manager', username: 'benchmanager', jobTitle: '', role: 'manager' });
    await call(backend, 'auth.logout', {});
    await call(backend, 'auth.login', { username: 'benchmanager', password: manager.temporaryPassword });
    await call(backend, 'auth.changePassword', { currentPassword: manager.temporaryPassword, newPassword: 'another long secret phrase' });
    const { men, consents } = await files();
    for (const [kind, base64] of [['participants', men], ['consents', consents]] as const) {
      let start = performance.now();
      const [checkStall, checked] = await longestStall(() => call(backend, 'imports.check', { kind, base64 }));
      const checkSeconds = (performance.now() - start) / 1000;
      if (checked.problemCount > 0) throw new Error(`bench file has problems: ${JSON.stringify(checked.problems.slice(0, 3))}`);
      start = performance.now();
      const [runStall] = await longestStall(() => call(backend, 'imports.run', { kind, base64 }));
      const runSeconds = (performance.now() - start) / 1000;
      report(`import ${ROWS} ${kind} from .xlsx: check`, checkSeconds, 's', `main thread held at most ${Math.round(checkStall)} ms`);
      report(`import ${ROWS} ${kind} from .xlsx: import`, runSeconds, 's', `main thread held at most ${Math.round(runStall)} ms`);
    }
  } finally {
    await backend.shutdown();
  }
}

if (process.argv[1]?.endsWith('bench-imports.ts')) {
  const dir = mkdtempSync(join(tmpdir(), 'dvpp-bench-imports-'));
  benchImports(dir, (n, v, u, note) => console.log(`${process.env.DVPP_DB_DRIVER ?? 'journeyapps'}: ${n}: ${Math.round(v * 100) / 100} ${u}${note ? `  (${note})` : ''}`))
    .catch((err: unknown) => {
      console.error(err);
      process.exitCode = 1;
    })
    .finally(() => rmSync(dir, { recursive: true, force: true }));
}
