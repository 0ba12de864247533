/**
 * Safeguarding end to end in Chromium on the demo data. The demo's open
 * concern is on the partner side and names her child, who is his child too:
 * a facilitator sees the child flagged on his record but nothing the concern
 * says. A manager records a disclosure on his record and finds it in the
 * organisation's information-sharing log, filters it and exports it.
 * Nothing may leave 127.0.0.1.
 */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, startHost, test, watchNetwork, type Host } from './host';
import { logIn, nav } from './people';

let host: Host;

test.beforeAll(async () => {
  host = await startHost({ demo: true });
});

test.afterAll(async () => {
  await host?.stop();
});

/** The one demo man flagged by the partner service's open concern. */
async function openFlaggedMan(page: Page): Promise<string> {
  await page.goto(`${host.url}#/participants?flag=safeguarding`);
  const man = page.getByRole('table', { name: 'Participants' }).getByRole('link').first();
  const name = (await man.textContent())!.trim();
  await man.click();
  await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible();
  return name;
}

test('a child named in an open concern is flagged on his record, and only the flag crosses the wall', async ({ page }) => {
  const outside = watchNetwork(page);
  await page.goto(host.url);
  await logIn(page, 'facilitator', 'demo-facilitator-pass', { firstLogOut: true });
  await expect(nav(page).getByRole('link', { name: 'Information sharing' })).toHaveCount(0);
  await openFlaggedMan(page);
  const children = page.getByLabel('Children', { exact: true });
  await expect(children.getByText('Child A')).toBeVisible();
  await expect(children.getByText('Open safeguarding concern')).toBeVisible();

  await page.getByRole('tab', { name: 'Safeguarding' }).click();
  await expect(page.getByText('A child on his record named in an open safeguarding concern')).toBeVisible();
  // The concern is the partner service's: none of what it says is on his side.
  await expect(page.getByText('No concerns recorded')).toBeVisible();
  await expect(page.locator('main')).not.toContainText('push her');
  expect(outside).toEqual([]);
});

test('a manager finds every disclosure in the organisation’s log, filters it and exports it', async ({ page }) => {
  const outside = watchNetwork(page);
  await page.goto(host.url);
  await logIn(page, 'manager', 'demo-manager-pass', { firstLogOut: true });
  const name = await openFlaggedMan(page);

  await page.getByRole('tab', { name: 'Information sharing' }).click();
  await page.getByRole('button', { name: 'Record information shared' }).click();
  const dialog = page.getByRole('dialog', { name: 'Record information shared' });
  await dialog.getByLabel('What was shared').fill('Threats he made in session');
  await dialog.getByLabel('Agency').fill('Police');
  await dialog.getByLabel('Named person (optional)').fill('PC Jones');
  await dialog.getByLabel('Why it was shared').fill('Risk of serious harm to her');
  await dialog.getByLabel("Shared without consent, by a manager's decision").check();
  await dialog.getByLabel('Your reason for sharing without consent').fill('Risk to life outweighs his refusal.');
  await dialog.getByRole('button', { name: 'Record the disclosure' }).click();
  await expect(dialog).toBeHidden();

  await nav(page).getByRole('link', { name: 'Information sharing' }).click();
  await expect(page.getByRole('heading', { name: 'Information sharing', level: 1 })).toBeVisible();
  const table = page.getByRole('table', { name: 'Information shared' });
  const row = table.getByRole('row').filter({ hasText: 'Threats he made in session' });
  await expect(row).toContainText(name);
  await expect(row).toContainText('PC Jones');
  await expect(row).toContainText('Without consent');
  await expect(row).toContainText('Decided by Morgan Manager');

  await page.getByRole('combobox', { name: 'Lawful basis' }).click();
  await page.getByRole('option', { name: 'Without consent' }).click();
  // The new disclosure and the demo's one to the police, both without consent; none of the demo's
  // monthly updates to probation, which were under his consent.
  await expect(table.getByRole('row')).toHaveCount(3);
  await expect(row).toBeVisible();
  await expect(table).not.toContainText('Probation Service');
  await page.getByRole('textbox', { name: 'Agency' }).fill('no such agency');
  await expect(page.getByText('No entries match these filters')).toBeVisible();
  await page.getByRole('button', { name: 'Clear all filters' }).click();
  await expect(row).toBeVisible();

  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
  expect(csv.suggestedFilename()).toMatch(/^information-sharing-log-\d{4}-\d{2}-\d{2}-\d+-rows\.csv$/);
  const text = readFileSync(await csv.path()).toString('utf8');
  expect(text.startsWith('\ufeffDate shared,Record,Reference,Name,What was shared')).toBe(true);
  expect(text).toContain('Threats he made in session');
  expect(outside).toEqual([]);
});
