/**
 * npm run dev:browser -- --data-dir <folder> [--port <n>] [--demo] [--test-update-keys <file>]
 *
 * Builds the window if its sources changed, starts the browser host, and
 * prints one line `READY http://127.0.0.1:<port>/?token=<token>` when ready.
 * This command line is kept stable: tests and scripts rely on it.
 *
 * --test-update-keys: for end-to-end tests only, a JSON file of update keys
 * ([{ id, role, publicKey }]) trusted instead of the program's built-in ones,
 * so a test can sign an update with the test key pair. The browser host
 * refuses to run in a packaged build, and the desktop program has no such option.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startBrowserHost } from '../src/main/browser-host/server';
import { DEMO_ACCOUNTS, seedDemo } from '../src/main/demo/seed';
import { publicKeyFrom } from '../src/main/features/updates/ed25519';
import type { TrustedKey } from '../src/main/features/updates/trusted-keys';

function readTestKeys(file: string): TrustedKey[] {
  const keys = JSON.parse(readFileSync(file, 'utf8')) as TrustedKey[];
  if (!Array.isArray(keys) || keys.length === 0) throw new Error('--test-update-keys: a JSON list of keys is expected.');
  for (const key of keys) {
    publicKeyFrom(key.publicKey); // throws on anything but an Ed25519 public key
    if (typeof key.id !== 'string' || (key.role !== 'current' && key.role !== 'next')) throw new Error('--test-update-keys: each key needs an id and a role.');
  }
  return keys;
}

const root = resolve(__dirname, '..');
const rendererDir = join(root, 'dist', 'renderer');

function newest(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newest(join(path, name))));
}

function buildIfStale(): void {
  const built = join(rendererDir, 'index.html');
  const sources = ['src/renderer', 'src/shared', 'index.html', 'vite.renderer.config.mts'].map((p) => join(root, p));
  if (existsSync(built) && statSync(built).mtimeMs >= Math.max(...sources.filter(existsSync).map(newest))) return;
  console.error('Building the window (sources changed)...');
  execFileSync(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'vite.renderer.config.mts', '--logLevel', 'warn'], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
}

async function main() {
  const { values } = parseArgs({
    options: {
      'data-dir': { type: 'string' },
      port: { type: 'string' },
      demo: { type: 'boolean', default: false },
      'no-build': { type: 'boolean', default: false },
      'test-update-keys': { type: 'string' },
    },
  });
  if (!values['data-dir']) {
    console.error('Usage: npm run dev:browser -- --data-dir <folder> [--port <n>] [--demo]');
    process.exit(2);
  }
  const port = values.port ? Number(values.port) : 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error('--port must be a whole number from 0 to 65535');
    process.exit(2);
  }
  const dataDir = resolve(values['data-dir']);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  if (!values['no-build']) buildIfStale();

  const updateKeys = values['test-update-keys'] ? readTestKeys(values['test-update-keys']) : undefined;
  const host = await startBrowserHost({ dataDir, port, rendererDir, ...(updateKeys ? { updateKeys } : {}) });
  if (values.demo) {
    if (host.backend.vault.exists() || host.backend.databaseExists()) {
      console.error('--demo: this data folder is already set up; using it as it is.');
    } else {
      const recoveryKey = await seedDemo(host.backend);
      console.error('Demo Charity is set up. Accounts (user name / password):');
      for (const a of DEMO_ACCOUNTS) console.error(`  ${a.role.padEnd(15)} ${a.username.padEnd(12)} ${a.password}`);
      console.error(`  recovery key    ${recoveryKey}`);
    }
  }
  const stop = () => {
    void host.close().finally(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  console.log(`READY ${host.url}`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : 'The browser host could not start.');
  process.exit(1);
});
