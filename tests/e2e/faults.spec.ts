/**
 * Issue 14 in the window: a database found damaged at log-in goes to the problem screen with restore
 * offered, and an administrator is told when the newest audit entries are missing. The data folders
 * are prepared with the real back end, then damaged on disk, before the browser host starts on them.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { createBackend } from '../../src/main/backend';
// The browser host refuses a keyring cheaper than the program's minimum (issue 13), so the folder is made at that minimum.
import { MINIMUM_KDF } from '../../src/main/vault/keyring';
import { expect, startHost, test, type Host } from './host';

const ORG = { name: 'Faults Test Charity', shortName: 'FaultsTest', address: '3 High Street, Newtown, NT1 1AA', charityNumber: '', phone: '' };
const ADMIN = { fullName: 'Ada Administrator', username: 'ada', password: 'kettle orbit violet' };

async function ok(result: Promise<{ ok: boolean }>) {
  const r = await result;
  if (!r.ok) throw new Error(JSON.stringify(r));
}

/** A set-up data folder, logged out. `between` runs logged in, after `before` has seen the closed files. */
async function prepared(before?: (dir: string) => void, between?: (invoke: (route: string, input: unknown) => Promise<void>) => Promise<void>) {
  const dir = mkdtempSync(join(tmpdir(), 'dvpp-e2e-faults-'));
  const backend = await createBackend({ dataDir: dir, kdf: { ...MINIMUM_KDF } });
  const invoke = (route: string, input: unknown) => ok(backend.invoke(route, input, { verified: true }));
  await invoke('auth.setup', { organisation: ORG, admin: ADMIN });
  await invoke('auth.login', { username: ADMIN.username, password: ADMIN.password });
  await invoke('auth.logout', {});
  before?.(dir);
  if (between) {
    await invoke('auth.login', { username: ADMIN.username, password: ADMIN.password });
    await between(invoke);
    await invoke('auth.logout', {});
  }
  await backend.shutdown();
  return dir;
}

async function logIn(page: Page) {
  await expect(page.getByRole('heading', { name: 'Log in' })).toBeVisible();
  await page.getByLabel('User name').fill(ADMIN.username);
  await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
  await page.getByRole('button', { name: 'Log in' }).click();
}

let host: Host | null = null;
let dirs: string[] = [];
test.afterEach(async () => {
  await host?.stop();
  host = null;
  for (const d of dirs) rmSync(d, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
  dirs = [];
});

test('a database found damaged at log-in: the problem screen, with restore offered', async ({ page }) => {
  const dir = await prepared();
  dirs.push(dir);
  const file = join(dir, 'case.db');
  const bytes = readFileSync(file);
  for (let p = 1; p * 4096 < bytes.length; p++) bytes[p * 4096 + 2000] = (bytes[p * 4096 + 2000] ?? 0) ^ 0xff;
  writeFileSync(file, bytes);
  host = await startHost({ dataDir: dir });
  await page.goto(host.url);
  await logIn(page);
  await expect(page.getByRole('heading', { name: 'The program cannot open the records' })).toBeVisible();
  await expect(page.getByRole('alert')).toContainText('is damaged, or is not this installation’s');
  await expect(page.getByRole('button', { name: 'Restore from a backup' })).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('problem-screen.png'), fullPage: true });
  await page.getByRole('button', { name: 'Restore from a backup' }).click();
  await expect(page.getByText(/backup/i).first()).toBeVisible();
  expect(readFileSync(file).equals(bytes)).toBe(true);
});

test('a database engine that cannot load: said at start, no log-in, no restore offered', async ({ page }) => {
  // As on a computer where the installed engine's binary is missing or wrong: forced here through the setting.
  host = await startHost({ env: { DVPP_DB_DRIVER: 'no-such-driver' } });
  await page.goto(host.url);
  await expect(page.getByRole('heading', { name: 'The program cannot open the records' })).toBeVisible();
  await expect(page.getByRole('alert')).toContainText('DVPP_DB_DRIVER');
  await expect(page.getByText('Your records have not been opened, changed or replaced')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Restore from a backup' })).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Log in' })).toHaveCount(0);
});

test('newest audit entries missing: an administrator is told how many and since when', async ({ page }) => {
  const snap = mkdtempSync(join(tmpdir(), 'dvpp-e2e-snap-'));
  dirs.push(snap);
  const dir = await prepared(
    (d) => {
      for (const f of ['case.db', 'case.db-wal']) if (existsSync(join(d, f))) copyFileSync(join(d, f), join(snap, f));
    },
    async (invoke) => {
      await invoke('staff.create', { fullName: 'Moe Worker', username: 'moe', jobTitle: '', role: 'facilitator' });
    },
  );
  dirs.push(dir);
  for (const f of ['case.db', 'case.db-wal', 'case.db-shm']) rmSync(join(dir, f), { force: true });
  mkdirSync(dir, { recursive: true });
  for (const f of ['case.db', 'case.db-wal']) if (existsSync(join(snap, f))) copyFileSync(join(snap, f), join(dir, f));
  host = await startHost({ dataDir: dir });
  await page.goto(host.url);
  await logIn(page);
  const warning = page.getByTestId('audit-warning');
  await expect(warning).toContainText('The audit log is not complete');
  await expect(warning).toContainText(/\d+ audit entries are missing from the database/);
  await expect(warning).toContainText('Restore the newest backup');
  await page.screenshot({ path: test.info().outputPath('audit-warning.png'), fullPage: true });
  await page.getByRole('link', { name: 'Audit log', exact: true }).click();
  await page.getByRole('button', { name: 'Verify the audit chain' }).click();
  await expect(page.getByRole('alert', { name: 'Audit entries are missing' })).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('audit-verify.png'), fullPage: true });
});
