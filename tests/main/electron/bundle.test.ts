/**
 * The built main process as it would be packaged, run under plain Node: the
 * main and preload bundles from vite.main.config.mts and
 * vite.preload.config.mts, next to the node_modules that forge.config.ts's
 * packageAfterCopy hook copies, with `electron` replaced by
 * fixtures/fake-electron.cjs. It proves that the bundle needs nothing beyond
 * what is packaged (the real SQLCipher addon opens a real encrypted database),
 * that migrations travel inside the bundle, and that the app serves its
 * window, checks senders and refuses outside requests once built.
 */
import { spawnSync } from 'node:child_process';
import { builtinModules } from 'node:module';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyNativeModules } from '../../../forge.config';
import { workerBundles } from '../../../src/main/worker-entry';

const root = resolve(__dirname, '..', '..', '..');
/**
 * Where node_modules really is: a git worktree (or a CI cache) may hold it as a symlink to a
 * shared install, and Node resolves modules through the link, so the copy starts from there.
 */
const modulesHome = dirname(realpathSync(join(root, 'node_modules')));
const tmp = mkdtempSync(join(tmpdir(), 'dvpp-bundle-test-'));
const appDir = join(tmp, 'app');
const userData = join(tmp, 'user-data');
const steps = new Map<string, unknown>();
let output = '';

beforeAll(async () => {
  const outDir = join(appDir, '.vite', 'build');
  for (const config of ['vite.main.config.mts', 'vite.preload.config.mts']) {
    await build({ root, configFile: join(root, config), logLevel: 'silent', build: { outDir } });
  }
  // The worker threads: further main-process entries, each built on its own as forge builds them.
  for (const { name, source: entry } of workerBundles) {
    await build({
      root,
      configFile: join(root, 'vite.main.config.mts'),
      logLevel: 'silent',
      build: { outDir, lib: { entry, formats: ['cjs'], fileName: () => `${name}.cjs` } },
    });
  }
  const rendererDir = join(appDir, '.vite', 'renderer', 'main_window');
  mkdirSync(rendererDir, { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>bundle test</title>');
  await copyNativeModules(modulesHome, appDir);

  const setup = {
    organisation: {
      name: 'Bundle Charity',
      shortName: 'Bundle',
      address: '1 High Street',
      charityNumber: '',
      phone: '',
    },
    admin: { fullName: 'Ada Admin', username: 'ada', password: 'correct horse battery' },
  };
  const run = spawnSync(
    process.execPath,
    ['--require', join(__dirname, 'fixtures', 'fake-electron.cjs'), join(outDir, 'main.cjs')],
    {
      cwd: tmp,
      encoding: 'utf8',
      timeout: 60_000,
      env: { PATH: process.env.PATH, FAKE_ELECTRON_USER_DATA: userData, FAKE_ELECTRON_SETUP: JSON.stringify(setup) },
    },
  );
  output = `${run.stdout}\n${run.stderr}`;
  if (process.env.SHOW_BUNDLE_OUTPUT) console.log(output);
  for (const line of run.stdout.split('\n')) {
    if (!line.startsWith('{"step"')) continue;
    const { step, value } = JSON.parse(line) as { step: string; value: unknown };
    steps.set(step, value);
  }
}, 120_000);

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('the packaged main process (built, under a fake electron)', () => {
  it('requires only electron, Node built-ins and the packaged native modules', () => {
    const bundle = readFileSync(join(appDir, '.vite', 'build', 'main.cjs'), 'utf8');
    const required = new Set([...bundle.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]!));
    // Node's built-ins may be required by their bare names too (electron-updater's dependencies do).
    const allowed = (name: string) =>
      builtinModules.includes(name) || /^(electron|node:.+|@journeyapps\/sqlcipher|better-sqlite3-multiple-ciphers)$/.test(name);
    for (const name of required) expect(allowed(name), `${name}\n${output}`).toBe(true);
    for (const { name } of workerBundles) {
      const worker = readFileSync(join(appDir, '.vite', 'build', `${name}.cjs`), 'utf8');
      // Node's built-ins by bare name too (the import reader's read-excel-file needs fs, stream, zlib, module…); never electron.
      for (const [, required] of worker.matchAll(/require\("([^"]+)"\)/g))
        expect(allowed(required!) && required !== 'electron', `${name}: ${required}`).toBe(true);
    }
    const preload = readFileSync(join(appDir, '.vite', 'build', 'preload.cjs'), 'utf8');
    expect([...preload.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1])).toEqual(['electron']);
  });

  it('packages the SQLCipher addon without its sources', () => {
    const addon = join(appDir, 'node_modules', '@journeyapps', 'sqlcipher');
    expect(existsSync(join(addon, 'build', 'Release', 'node_sqlite3.node'))).toBe(true);
    expect(existsSync(join(addon, 'deps'))).toBe(false);
    expect(existsSync(join(addon, 'binding.gyp'))).toBe(false);
    expect(existsSync(join(appDir, 'node_modules', 'bindings', 'bindings.js'))).toBe(true);
    expect(existsSync(join(appDir, 'node_modules', 'file-uri-to-path', 'index.js'))).toBe(true);
    expect(existsSync(join(appDir, 'node_modules', 'node-addon-api'))).toBe(false);
  });

  it('copies the database on its worker thread from the built copy-worker.cjs, beside the packaged addon', () => {
    const key = '11'.repeat(32);
    const script = `
      const { Worker } = require('node:worker_threads');
      const sqlcipher = require(${JSON.stringify(join(appDir, 'node_modules', '@journeyapps', 'sqlcipher'))});
      const file = ${JSON.stringify(join(tmp, 'worker-source.db'))};
      const db = new sqlcipher.Database(file, () => db.exec("PRAGMA key = 'x''${key}'''; CREATE TABLE t (a); INSERT INTO t VALUES (1), (2);", () => db.close(() => {
        const w = new Worker(${JSON.stringify(join(appDir, '.vite', 'build', 'copy-worker.cjs'))}, {
          workerData: { kind: 'export', databaseFile: file, databaseKey: Buffer.from('${key}', 'hex'),
            copyFile: ${JSON.stringify(join(tmp, 'worker-copy.db'))}, copyKey: Buffer.alloc(32, 7) },
          env: { DVPP_DB_DRIVER: 'journeyapps' },
        });
        w.once('message', (m) => console.log(JSON.stringify(m)));
      })));`;
    const run = spawnSync(process.execPath, ['-e', script], { cwd: tmp, encoding: 'utf8', timeout: 60_000 });
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout.trim())).toEqual({ ok: true, value: { t: 2 } });
  });

  it('builds a subject access pack on its worker thread from the built pack-worker.cjs', () => {
    const task = {
      data: {
        participantId: 'p1',
        reference: 'P-2026-0001',
        name: 'Bundle Man',
        sections: [],
        disclosure: { sources: [], recipients: [], retentionYears: 6, retentionWhy: 'Usual period.', referralYears: 2 },
      },
      sections: [{ key: 'record', title: 'Your record', entries: [{ title: 'Referral', fields: [['Received', '01/02/2026']], data: {} }] }],
      opts: {
        letterhead: { name: 'Bundle Charity', address: '1 High Street', charityNumber: '', phone: '', logo: null, marking: 'OFFICIAL-SENSITIVE' },
        receivedOn: '2026-02-01',
        today: '2026-02-10',
        producedAt: '2026-02-10T10:00:00.000Z',
        released: 0,
        withheld: 0,
      },
    };
    const script = `
      const { Worker } = require('node:worker_threads');
      const w = new Worker(${JSON.stringify(join(appDir, '.vite', 'build', 'pack-worker.cjs'))}, { workerData: ${JSON.stringify(task)}, env: {} });
      w.once('message', (m) => console.log(JSON.stringify({ ok: m.ok, zip: m.ok && Buffer.from(m.value.bytes).subarray(0, 2).toString(), fileName: m.value && m.value.fileName })));`;
    const run = spawnSync(process.execPath, ['-e', script], { cwd: tmp, encoding: 'utf8', timeout: 60_000 });
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout.trim())).toEqual({ ok: true, zip: 'PK', fileName: 'subject-access-P-2026-0001-2026-02-10.zip' });
  });

  it('opens the window from app://bundle with the preload and the CSP', () => {
    expect(steps.get('window'), output).toEqual({
      url: 'app://bundle/index.html',
      preload: join(appDir, '.vite', 'build', 'preload.cjs'),
      sandbox: true,
    });
    const page = steps.get('page') as { status: number; csp: string; body: string };
    expect(page.status).toBe(200);
    expect(page.body).toContain('bundle test');
    expect(page.csp).toContain("default-src 'self'");
  });

  it('cancels a request to the internet', () => {
    expect(steps.get('outside request'), output).toEqual({ cancel: true });
  });

  it('refuses a call from another webContents and answers the window', () => {
    expect(steps.get('stranger'), output).toMatchObject({ ok: false, error: { code: 'BAD_SENDER' } });
    expect(steps.get('status'), output).toMatchObject({ ok: true });
  });

  it('sets up a real encrypted database through the packaged addon', () => {
    expect(steps.get('setup'), output).toEqual({ ok: true, error: null });
    expect(existsSync(join(userData, 'data', 'case.db')), output).toBe(true);
    expect(steps.get('status after set-up'), output).toMatchObject({ ok: true });
  });

  it('shuts down and quits when the window closes', () => {
    expect(steps.get('quit'), output).toBe(true);
    expect(steps.has('error'), output).toBe(false);
  });
});
