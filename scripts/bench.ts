/**
 * npm run bench [-- --json <file>]
 *
 * Prints one line per figure; with --json also writes [{name, value, unit}].
 * Figures, not assertions: tests never assert on timings.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { createBackend } from '../src/main/backend';
import { openDatabase } from '../src/main/db/open';
import { calibrateKdf, TEST_KDF } from '../src/main/vault/vault';
import { chromiumLaunch } from '../playwright.config';

interface Figure {
  name: string;
  value: number;
  unit: string;
}
const figures: Figure[] = [];
const root = resolve(__dirname, '..');

function report(name: string, value: number, unit: string, note = ''): void {
  const rounded = Math.round(value * 1000) / 1000;
  figures.push({ name, value: rounded, unit });
  console.log(`${name}: ${rounded} ${unit}${note ? `  (${note})` : ''}`);
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function time<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const start = performance.now();
  const value = await fn();
  return [performance.now() - start, value];
}

const ORGANISATION = { name: 'Bench Charity', shortName: 'Bench', address: '1 Bench Street, Benchtown', charityNumber: '', phone: '' };
const ADMIN = { fullName: 'Bench Admin', username: 'bench', password: 'bench password long' };

async function ok(result: Promise<{ ok: boolean }>): Promise<void> {
  const r = await result;
  if (!r.ok) throw new Error(`bench call failed: ${JSON.stringify(r)}`);
}

async function benchDatabase(dir: string) {
  const backend = await createBackend({ dataDir: dir, kdf: TEST_KDF });
  await ok(backend.invoke('auth.setup', { organisation: ORGANISATION, admin: ADMIN }, { verified: true }));
  await ok(backend.invoke('auth.login', { username: ADMIN.username, password: ADMIN.password }, { verified: true }));
  const key = Buffer.from(backend.opened!.key);
  await backend.shutdown();

  // From the unwrapped key to the first query answered (open, key, pragmas, migration check, one read).
  const opens: number[] = [];
  for (let i = 0; i < 15; i++) {
    const [ms, opened] = await time(async () => {
      const o = await openDatabase(join(dir, 'case.db'), key);
      await o.db.selectFrom('settings').select(['key', 'value']).execute();
      return o;
    });
    opens.push(ms);
    await opened.db.destroy();
  }
  report('key to first query', median(opens), 'ms', 'median of 15; target under 150 ms');

  // A simple read through the whole router against the same query through the raw driver.
  const b2 = await createBackend({ dataDir: dir, kdf: TEST_KDF });
  await ok(b2.invoke('auth.login', { username: ADMIN.username, password: ADMIN.password }, { verified: true }));
  const raw = b2.opened!.raw;
  const N = 3000;
  for (let i = 0; i < 300; i++) {
    await raw.all('select "key", "value" from "settings"');
    await b2.invoke('settings.get', {}, { verified: true });
  }
  const [rawMs] = await time(async () => {
    for (let i = 0; i < N; i++) await raw.all('select "key", "value" from "settings"');
  });
  const [routerMs] = await time(async () => {
    for (let i = 0; i < N; i++) await b2.invoke('settings.get', {}, { verified: true });
  });
  report('raw driver read', (rawMs / N) * 1000, 'us per call');
  report('router read (settings.get)', (routerMs / N) * 1000, 'us per call');
  report('router / raw driver ratio', routerMs / rawMs, 'x', 'target at most 2');

  // A write through the router: transaction, change and audit entry, fsynced.
  const [writeMs] = await time(async () => {
    for (let i = 0; i < 50; i++) {
      await ok(b2.invoke('settings.update', { organisation: { ...ORGANISATION, name: `Bench Charity ${i}` }, autoLockMinutes: 10 }, { verified: true }));
    }
  });
  report('router write with audit entry', writeMs / 50, 'ms per call');
  const [verifyMs] = await time(() => b2.invoke('audit.verify', {}, { verified: true }));
  report('audit chain verify', verifyMs, 'ms');
  await b2.shutdown();
}

async function benchKeyStretching() {
  const params = await calibrateKdf();
  report('scrypt cost chosen (N)', params.N, 'N', 'tuned to about 0.5 s on this machine');
  const { scrypt } = await import('../src/main/vault/crypto');
  const [ms] = await time(() => scrypt('a password of some length', randomBytes(16), params));
  report('key stretching per log-in', ms, 'ms');
}

function benchBundle() {
  const dir = join(root, 'dist/renderer');
  const html = readFileSync(join(dir, 'index.html'), 'utf8');
  const initial = [...html.matchAll(/(?:src|href)="\.?\/?(assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
  const all = readdirSync(join(dir, 'assets')).filter((f) => f.endsWith('.js')).map((f) => `assets/${f}`);
  const gz = (files: string[]) => files.reduce((sum, f) => sum + gzipSync(readFileSync(join(dir, f))).length, 0) / 1024;
  report('renderer JS loaded at start (gzipped)', gz(initial), 'KiB', 'target under 1024 KiB');
  report('renderer JS in all (gzipped)', gz(all), 'KiB');
}

async function benchHost(dir: string) {
  const started = performance.now();
  const child = spawn(join(root, 'node_modules/.bin/tsx'), ['scripts/dev-browser.ts', '--data-dir', dir, '--no-build'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((done, fail) => {
    let out = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /READY (\S+)/.exec(out);
      if (m) done(m[1]!);
    });
    child.on('exit', (code) => fail(new Error(`host exited ${code}`)));
  });
  const ready = performance.now();
  const browser = await chromium.launch({ ...chromiumLaunch, headless: true });
  const page = await browser.newPage();
  const shown = performance.now();
  await page.goto(url);
  await page.getByLabel('User name').waitFor({ state: 'visible' });
  const done = performance.now();
  report('browser host process start to READY', ready - started, 'ms');
  report('browser host READY to log-in screen shown', done - shown, 'ms', 'target under 1000 ms; Chromium launch excluded');
  await browser.close();
  child.kill('SIGTERM');
}

async function main() {
  const { values } = parseArgs({ options: { json: { type: 'string' } } });
  const dir = mkdtempSync(join(tmpdir(), 'dvpp-bench-'));
  try {
    await benchDatabase(dir);
    await benchKeyStretching();
    benchBundle();
    await benchHost(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  if (values.json) writeFileSync(values.json, `${JSON.stringify(figures, null, 2)}\n`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
