/**
 * Backups end to end in Chromium: the demo administrator sets a backup
 * passphrase and backs up to a folder (standing in for a USB stick); a second
 * browser host on a fresh, never set-up data folder restores that backup from
 * the first-run screen; the manager logs in with the password she had and
 * finds a participant. Nothing may leave 127.0.0.1.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, startHost, test, watchNetwork, type Host } from './host';
import { nav, submitLogIn } from './people';

test.describe.configure({ mode: 'serial' });

const PASSPHRASE = 'copper kettle under four moons';
let source: Host;
let fresh: Host;
let stick: string;

test.beforeAll(async () => {
  stick = mkdtempSync(join(tmpdir(), 'dvpp-e2e-stick-'));
  source = await startHost({ demo: true });
  fresh = await startHost();
});

test.afterAll(async () => {
  await source?.stop();
  await fresh?.stop();
  rmSync(stick, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
});

test('back up to a folder, restore it on a computer never set up, log in and find a participant', async ({ page }) => {
  test.setTimeout(180_000);
  // A laptop screen: the restore form is taller than the window, so its results must be brought into view.
  await page.setViewportSize({ width: 1366, height: 768 });
  const outside = watchNetwork(page);
  let participant = '';

  await test.step('the manager notes one participant on the original computer', async () => {
    await page.goto(source.url);
    await submitLogIn(page, 'manager', 'demo-manager-pass');
    await nav(page).getByRole('link', { name: 'Participants' }).click();
    const first = page.getByRole('table', { name: 'Participants' }).getByRole('link').first();
    participant = (await first.textContent())!.trim();
    expect(participant.length).toBeGreaterThan(2);
    await page.getByRole('button', { name: 'Log out' }).click();
  });

  await test.step('the administrator sets a backup passphrase and backs up to the folder', async () => {
    await submitLogIn(page, 'admin', 'demo-admin-pass');
    await expect(page.getByText('No backup has been made yet. Make one now.')).toBeVisible();
    await nav(page).getByRole('link', { name: 'Backups' }).click();
    await expect(page.getByRole('heading', { name: 'Backups', level: 1 })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Back up now' })).toBeDisabled();
    await page.getByLabel('New backup passphrase').fill(PASSPHRASE);
    await page.getByLabel('Type it again').fill(PASSPHRASE);
    await page.getByRole('button', { name: 'Set the passphrase' }).click();
    await expect(page.getByRole('button', { name: 'Change the passphrase' })).toBeVisible();
    await page.getByLabel('Folder', { exact: true }).fill(stick);
    await page.getByRole('button', { name: 'Back up now' }).click();
    await expect(page.getByText('Backup made and checked')).toBeVisible({ timeout: 60_000 });
    await expect(page.getByText(/^Backed up$/)).toBeVisible();
    const files = readdirSync(stick);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^DemoCharity-\d{4}-\d{2}-\d{2}-\d{4}\.dvppbak$/);
  });

  await test.step('a computer never set up restores it from the first-run screen', async () => {
    await page.goto(fresh.url);
    await expect(page.getByRole('heading', { name: 'Set up the program' })).toBeVisible();
    await page.getByRole('button', { name: 'Restore from a backup' }).click();
    await expect(page.getByRole('heading', { name: 'Restore from a backup' })).toBeVisible();
    // The hint says what the recovery key field accepts (any case, dashes or spaces, as the back end does).
    await page.getByText('Use the recovery key').click();
    await expect(page.getByText('Capitals, small letters, spaces and missing dashes are all fine')).toBeVisible();
    await page.getByText('Use the backup passphrase').click();

    // "A folder holding backups, or the backup file itself": the folder alone is enough (issue 16, item 8).
    await page.getByLabel('Folder or backup file').fill(stick);
    // A wrong passphrase is refused next to the field, and nothing happens.
    await page.getByLabel('Backup passphrase', { exact: true }).fill('not the passphrase at all');
    await page.getByRole('button', { name: 'Open the backup' }).click();
    await expect(page.getByText('This passphrase does not open this backup', { exact: false })).toBeVisible();
    await expect(page.getByRole('radio', { name: /^DemoCharity-/ })).toBeChecked();

    await page.getByLabel('Backup passphrase', { exact: true }).fill(PASSPHRASE);
    await page.getByRole('button', { name: 'Open the backup' }).click();
    await expect(page.getByText('This is what the backup holds.')).toBeVisible({ timeout: 60_000 });
    // The result is where the person is looking, with the focus on it.
    await expect(page.getByText('This is what the backup holds.')).toBeInViewport();
    await expect(page.getByRole('group', { name: 'What the backup holds' }).or(page.getByLabel('What the backup holds'))).toBeFocused();
    await expect(page.getByText('Demo Charity')).toBeVisible();
    await expect(
      page.getByText('everyone logs in with the user name and password they had', { exact: false }),
    ).toBeVisible();
    await page.getByRole('button', { name: 'Restore this backup' }).click();
    await expect(page.getByText('The backup has been restored')).toBeVisible({ timeout: 60_000 });
    await expect(page.getByText('The backup has been restored')).toBeInViewport();
    await page.getByRole('button', { name: 'Go to log-in' }).click();
  });

  await test.step('the manager logs in with her password and finds the participant', async () => {
    await submitLogIn(page, 'manager', 'demo-manager-pass');
    await page.getByLabel('Search participants').fill(participant);
    await page
      .getByRole('option', { name: new RegExp(participant) })
      .first()
      .click();
    await expect(page.getByRole('heading', { name: participant, level: 1 })).toBeVisible();
  });

  expect(outside.map((r) => r.url())).toEqual([]);
});
