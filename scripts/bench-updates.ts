/**
 * Verifying an update's installer: the copy from the stick into the program's
 * folder with its SHA-512 (copyInstaller, one pass) against a plain copy of the
 * same file (the same streams, no hash), and against the system's own copy
 * (fs.copyFile). A 150 MB installer; each run three times, the median shown.
 * Run on its own (`npx tsx scripts/bench-updates.ts`) or as part of `npm run bench`.
 * The file is read from the page cache on every run (a real stick is slower,
 * which makes the hash matter less): so this is the hash's worst case.
 */
import { randomBytes } from 'node:crypto';
import { copyFileSync, createReadStream, createWriteStream, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pipeline } from 'node:stream/promises';
import { copyInstaller, dropIncoming } from '../src/main/features/updates/copy-installer';
import { describeInstaller } from '../src/main/features/updates/sign';

type Report = (name: string, value: number, unit: string, note?: string) => void;

const SIZE = 150 * 1024 * 1024;

async function median(runs: number, fn: () => Promise<void>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
}

export async function benchUpdates(dir: string, report: Report): Promise<void> {
  const stick = join(dir, 'update-stick');
  const dataDir = join(dir, 'update-data');
  mkdirSync(stick, { recursive: true });
  mkdirSync(dataDir, { recursive: true });
  const name = 'dvpp-case-manager_9.9.9_amd64.deb';
  const chunk = randomBytes(1024 * 1024);
  const parts: Buffer[] = [];
  for (let i = 0; i < SIZE / chunk.length; i++) parts.push(chunk);
  writeFileSync(join(stick, name), Buffer.concat(parts));
  const installer = await describeInstaller(stick, name);
  const plainTarget = join(dataDir, 'plain.deb');

  const plainCopy = async () => {
    await pipeline(createReadStream(join(stick, name), { highWaterMark: 1024 * 1024 }), createWriteStream(plainTarget, { flush: true }));
    rmSync(plainTarget);
  };
  const systemCopy = async () => {
    copyFileSync(join(stick, name), plainTarget);
    rmSync(plainTarget);
  };
  const verifiedCopy = async () => {
    await copyInstaller(stick, dataDir, installer, () => {}, { freeBytes: () => Number.MAX_SAFE_INTEGER });
    dropIncoming(dataDir);
  };
  // Interleaved, so a busy moment on a shared machine falls on all three alike; medians of five.
  const times: Record<'plain' | 'system' | 'verified', number[]> = { plain: [], system: [], verified: [] };
  const ratios: number[] = [];
  for (let i = 0; i < 5; i++) {
    const p = await median(1, plainCopy);
    const v = await median(1, verifiedCopy);
    times.plain.push(p);
    times.verified.push(v);
    times.system.push(await median(1, systemCopy));
    ratios.push(v / p);
  }
  const mid = (list: number[]) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)]!;
  report('update: copy a 150 MB installer, plain streams', mid(times.plain), 'ms');
  report('update: copy a 150 MB installer, fs.copyFile', mid(times.system), 'ms');
  report(
    'update: copy a 150 MB installer and check its SHA-512',
    mid(times.verified),
    'ms',
    `median ${mid(ratios).toFixed(2)}x the plain copy run just before it; target within 2x`,
  );
  const hashStart = performance.now();
  await describeInstaller(stick, name);
  report('update: SHA-512 of the 150 MB installer alone, read from the page cache', performance.now() - hashStart, 'ms');
  rmSync(stick, { recursive: true, force: true });
  rmSync(dataDir, { recursive: true, force: true });
}

if (require.main === module) {
  const dir = mkdtempSync(join(tmpdir(), 'dvpp-bench-updates-'));
  benchUpdates(dir, (name, value, unit, note) => console.log(`${name}: ${Math.round(value)} ${unit}${note ? `  (${note})` : ''}`))
    .finally(() => rmSync(dir, { recursive: true, force: true }))
    .catch((err: unknown) => {
      console.error(err);
      process.exit(1);
    });
}
