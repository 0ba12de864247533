/**
 * Import, end to end in Chromium on the demo data, as a manager who has never used it:
 * choose a CSV whose first-name column the program cannot guess, map it, see the row
 * with a date it cannot read, fix the file, import, and find him by search.
 * Screenshots at 1366x768 go to test-results/imports/ for a look at the page.
 */
import type { Page } from '@playwright/test';
import { expect, startHost, test, watchNetwork, type Host } from './host';

let host: Host;

test.beforeAll(async () => {
  host = await startHost({ demo: true });
});

test.afterAll(async () => {
  await host?.stop();
});

test.use({ viewport: { width: 1366, height: 768 } });

const HEADER = 'Christian name;Surname;DOB;Referral source;Referral date;Reason for referral;Route';
const file = (dob: string) => ({
  name: 'caseload.csv',
  mimeType: 'text/csv',
  buffer: Buffer.from(`${HEADER}\nBartholomew;Quennell-Yardley;${dob};Probation;3/11/25;Coercive control;Criminal justice\n`, 'utf8'),
});

async function logIn(page: Page, username = 'manager') {
  // The host keeps one session: a test after another may find someone still logged in.
  const logOut = page.getByRole('button', { name: 'Log out' });
  await expect(page.getByRole('heading', { name: 'Log in' }).or(logOut)).toBeVisible();
  if (await logOut.isVisible()) await logOut.click();
  await expect(page.getByRole('heading', { name: 'Log in' })).toBeVisible();
  await page.getByLabel('User name').fill(username);
  await page.getByLabel('Password', { exact: true }).fill(`demo-${username}-pass`);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByRole('navigation', { name: 'Main menu' })).toBeVisible();
}

test('a manager maps the columns, sees the problem, fixes it, imports and finds him', async ({ page }) => {
  const outside = watchNetwork(page);
  await page.goto(host.url);
  await logIn(page);
  await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Import' }).click();
  await expect(page.getByRole('heading', { name: 'Import records from a spreadsheet' })).toBeVisible();
  await page.screenshot({ path: 'test-results/imports/1-start.png', fullPage: true });

  // The file: its first-name column has a name the program does not know, and a date that does not exist.
  await page.locator('input[type="file"]').setInputFiles(file('31/02/1984'));
  await expect(page.getByRole('table', { name: 'Problems found' })).toContainText('No column is chosen for “First name”');
  await page.screenshot({ path: 'test-results/imports/2-unmapped.png', fullPage: true });

  await page.getByRole('combobox', { name: /^First name/ }).click();
  await page.getByRole('option', { name: 'Christian name' }).click();
  await page.getByRole('button', { name: 'Check again with these columns' }).click();
  const problems = page.getByRole('table', { name: 'Problems found' });
  await expect(problems.getByRole('row', { name: /DOB/ })).toContainText('Cannot read this date');
  await expect(problems.getByRole('row', { name: /DOB/ })).toContainText('2');
  await expect(page.getByRole('button', { name: 'Import (fix the problems first)' })).toBeDisabled();
  await page.screenshot({ path: 'test-results/imports/3-problem.png', fullPage: true });

  // Fixed in the file, chosen again: the mapping is kept, every row passes, the preview shows him.
  await page.locator('input[type="file"]').setInputFiles(file('28/02/1984'));
  await expect(page.getByText('Every row can be imported')).toBeVisible();
  await expect(page.getByRole('table', { name: 'Preview of the first rows' })).toContainText('28/02/1984');
  await page.screenshot({ path: 'test-results/imports/4-ready.png', fullPage: true });
  await page.getByRole('button', { name: 'Import 1 row' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Imported' })).toContainText('1 record was imported');
  await page.screenshot({ path: 'test-results/imports/5-done.png', fullPage: true });

  await page.getByLabel('Search participants').fill('Quennell');
  await page.getByRole('option', { name: /Bartholomew Quennell-Yardley/ }).click();
  await expect(page.getByRole('heading', { name: 'Bartholomew Quennell-Yardley', level: 1 })).toBeVisible();
  expect(outside).toEqual([]);
});

test('an administrator imports staff accounts and sees each temporary password once', async ({ page }) => {
  const outside = watchNetwork(page);
  await page.goto(host.url);
  await logIn(page, 'admin');
  await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Import' }).click();
  // An administrator imports staff accounts only: case records are a manager's.
  await page.getByRole('combobox', { name: 'The file holds' }).click();
  await expect(page.getByRole('option')).toHaveText(['Staff accounts (names, user names, roles)']);
  await page.keyboard.press('Escape');
  await page.locator('input[type="file"]').setInputFiles({
    name: 'team.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('Name,Username,Role,Job title\nImogen Thackeray,ithackeray,Group worker,Co-facilitator\nRuth Okonedo,rokonedo,Partner support,Women’s worker\n', 'utf8'),
  });
  await expect(page.getByText('Every row can be imported')).toBeVisible();
  await expect(page.getByRole('table', { name: 'Preview of the first rows' })).toContainText('Partner support worker');
  await page.screenshot({ path: 'test-results/imports/6-staff-ready.png', fullPage: true });
  await page.getByRole('button', { name: 'Import all 2 rows' }).click();
  const passwords = page.getByRole('table', { name: 'Temporary passwords of the new accounts' });
  await expect(passwords.getByRole('row', { name: /Ruth Okonedo/ })).toContainText(/\d{3}-\d{3}-\d{3}-\d{3}-\d{3}-\d{3}/);
  await page.screenshot({ path: 'test-results/imports/7-staff-passwords.png', fullPage: true });
  await page.getByRole('link', { name: 'Open the staff list' }).click();
  await expect(page.getByText('Imogen Thackeray')).toBeVisible();
  expect(outside).toEqual([]);
});

test('a manager answers a possible match row by row before anything is imported', async ({ page }) => {
  await page.goto(host.url);
  await logIn(page);
  await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Import' }).click();
  const rows = ['Jon;Ashcombe-Vere;01/01/1990', 'John;Ashcombe-Vere;01/01/1990'].map((r) => `${r};Probation;3/11/25;Coercive control;Criminal justice`);
  await page.locator('input[type="file"]').setInputFiles({
    name: 'caseload.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(`First name;Last name;DOB;Referral source;Referral date;Reason for referral;Route\n${rows.join('\n')}\n`, 'utf8'),
  });
  const matches = page.getByRole('table', { name: 'Possible matches' });
  await expect(matches).toContainText('row 2 (Jon Ashcombe-Vere)');
  await expect(page.getByRole('button', { name: 'Import (fix the problems first)' })).toBeDisabled();
  await page.screenshot({ path: 'test-results/imports/8-possible-match.png', fullPage: true });
  await matches.getByRole('radio', { name: 'A different man: import him' }).check();
  await page.getByRole('button', { name: 'Check again with these answers' }).click();
  await expect(page.getByText('Every row can be imported')).toBeVisible();
  await page.getByRole('button', { name: 'Import all 2 rows' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Imported' })).toContainText('2 records were imported');
  await page.screenshot({ path: 'test-results/imports/9-possible-match-imported.png', fullPage: true });
});
