/**
 * Updates end to end in Chromium, through the browser host (which runs every
 * check but cannot install): the demo administrator points at a folder with a
 * valid signed update (a dummy installer, signed with the test key the host
 * was told to trust), sees its version and notes, and the run passes every
 * check and the backup up to installing; a tampered update is refused with its
 * own message. Nothing may leave 127.0.0.1.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Platform } from '../../src/main/features/updates/manifest';
import { refusalMessages } from '../../src/main/features/updates/messages';
import { INSTALLER, makeUpdateFolder, TEST_KEYS } from '../main/updates/fixtures';
import { expect, startHost, test, watchNetwork, type Host } from './host';
import { nav, submitLogIn } from './people';

test.describe.configure({ mode: 'serial' });

const PASSPHRASE = 'copper kettle under four moons';
const platform = `${process.platform}-${process.arch}` as Platform;
let host: Host;
let work: string;

test.beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'dvpp-e2e-update-'));
  writeFileSync(join(work, 'keys.json'), JSON.stringify(TEST_KEYS));
  await makeUpdateFolder(join(work, 'good'), { platform, notes: 'Adds the Updates page.\nFixes the register total.' });
  await makeUpdateFolder(join(work, 'tampered'), { platform });
  // A signed manifest, but the installer beside it changed after signing (same size).
  const installerBytes = await makeUpdateFolder(join(work, 'bad-installer'), { platform });
  installerBytes[100] = installerBytes[100]! ^ 0xff;
  writeFileSync(join(work, 'bad-installer', INSTALLER), installerBytes);
  const file = join(work, 'tampered', 'update.json');
  writeFileSync(file, readFileSync(file, 'utf8').replace('Fixes the register total.', 'Fixes the register tota1.'));
  host = await startHost({ demo: true, testUpdateKeys: join(work, 'keys.json') });
});

test.afterAll(async () => {
  await host?.stop();
  rmSync(work, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
});

test('a signed update passes every check and the backup; a tampered one is refused with its message', async ({ page }) => {
  test.setTimeout(180_000);
  const outside = watchNetwork(page);
  await page.goto(host.url);
  await submitLogIn(page, 'admin', 'demo-admin-pass');

  await test.step('a backup passphrase is set (a backup is made before every update)', async () => {
    await nav(page).getByRole('link', { name: 'Backups' }).click();
    await page.getByLabel('New backup passphrase').fill(PASSPHRASE);
    await page.getByLabel('Type it again').fill(PASSPHRASE);
    await page.getByRole('button', { name: 'Set the passphrase' }).click();
    await expect(page.getByRole('button', { name: 'Change the passphrase' })).toBeVisible();
  });

  await test.step('the tampered update is refused with its own message', async () => {
    await nav(page).getByRole('link', { name: 'Updates' }).click();
    await expect(page.getByRole('heading', { name: 'Updates', level: 1 })).toBeVisible();
    await expect(page.getByText('This computer runs version')).toBeVisible();
    await page.getByLabel('Folder holding the update').fill(join(work, 'tampered'));
    await page.getByRole('button', { name: 'Check the update' }).click();
    await expect(page.getByRole('alert').filter({ hasText: refusalMessages.BAD_SIGNATURE })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Back up and install' })).toHaveCount(0);
  });

  await test.step('a folder with no update says so', async () => {
    await page.getByLabel('Folder holding the update').fill(work);
    await page.getByRole('button', { name: 'Check the update' }).click();
    await expect(page.getByRole('alert').filter({ hasText: refusalMessages.NO_UPDATE })).toBeVisible();
  });

  await test.step('an installer changed after signing is refused when copied, before any backup', async () => {
    await page.getByLabel('Folder holding the update').fill(join(work, 'bad-installer'));
    await page.getByRole('button', { name: 'Check the update' }).click();
    await expect(page.getByTestId('update-preview').getByText('This update may be installed')).toBeVisible();
    await page.getByRole('button', { name: 'Back up and install' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Back up and install' }).click();
    await expect(page.getByRole('alert').filter({ hasText: refusalMessages.HASH_MISMATCH })).toBeVisible({ timeout: 60_000 });
    expect(readdirSync(host.dataDir)).not.toContain('safety-backups');
  });

  await test.step('the signed update shows its version and notes, and may be installed', async () => {
    await page.getByLabel('Folder holding the update').fill(join(work, 'good'));
    await page.getByRole('button', { name: 'Check the update' }).click();
    const preview = page.getByTestId('update-preview');
    await expect(preview.getByText('version 0.2.0')).toBeVisible();
    await expect(preview.getByText('Fixes the register total.')).toBeVisible();
    await expect(preview.getByText('This update may be installed')).toBeVisible();
  });

  await test.step('back up and install: every check and the backup pass, then the browser host stops before installing', async () => {
    const backups = join(work, 'backup-drive');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(backups);
    await page.getByLabel('Backup folder').fill(backups);
    await page.getByRole('button', { name: 'Back up and install' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Back up and install' }).click();
    await expect(page.getByText('Every check passed and the backup was made')).toBeVisible({ timeout: 60_000 });
    expect(readdirSync(backups).filter((n) => n.endsWith('.dvppbak'))).toHaveLength(1);
    expect(readdirSync(join(host.dataDir, 'updates', 'incoming'))).toContain('dvpp-case-manager_0.2.0_amd64.deb');
  });

  expect(outside.map((r) => r.url())).toEqual([]);
});
