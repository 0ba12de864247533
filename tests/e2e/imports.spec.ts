/**
 * Import, end to end in Chromium on the demo data, as a manager who has never used it:
 * choose a CSV whose first-name column the program cannot guess, map it, see the row
 * with a date it cannot read, fix the file, import, and find him by search.
 * Screenshots at 1366x768 go to test-results/imports/ for a look at the page.
 */
import type { Page } from '@playwright/test';
import { addDays, todayInLondon } from '../../src/shared/dates';
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
  await expect(page.getByRole('status').filter({ hasText: 'Imported' })).toContainText('1 man was imported');
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
  await expect(page.getByRole('status').filter({ hasText: 'Imported' })).toContainText('2 men were imported');
  await page.screenshot({ path: 'test-results/imports/9-possible-match-imported.png', fullPage: true });
});

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const uk = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
const weekdayOf = (iso: string) => WEEKDAYS[(new Date(`${iso}T00:00:00Z`).getUTCDay() + 6) % 7]!;
async function choose(page: Page, label: string, option: string | RegExp) {
  await page.getByRole('combobox', { name: label, exact: true }).click();
  await page.getByRole('option', { name: option }).click();
}

test('a manager imports past registers for a group: sees the bad row, fixes it, imports, and the same file again is refused', async ({ page }) => {
  test.setTimeout(120_000);
  const outside = watchNetwork(page);
  await page.goto(host.url);
  await logIn(page);
  const nav = page.getByRole('navigation', { name: 'Main menu' });

  // A group set up after it started (two past sessions without registers), with one man from the waiting list.
  const groupName = 'Paper-register group';
  await nav.getByRole('link', { name: 'Groups' }).click();
  await page.getByRole('link', { name: 'New group' }).click();
  await choose(page, 'Programme', /^Group programme/);
  await page.getByLabel('Name of the group').fill(groupName);
  const today = todayInLondon();
  let start = addDays(today, -14);
  await choose(page, 'Day of the week', weekdayOf(start));
  await page.getByLabel('Start time, hours').fill('18');
  await page.getByLabel('Start time, minutes').fill('00');
  await page.getByRole('combobox', { name: 'Venue' }).fill('Family Centre, Room A');
  await page.getByRole('combobox', { name: 'Venue' }).press('Escape');
  await choose(page, 'First facilitator', 'Morgan Manager (manager)');
  const preview = page.getByTestId('schedule-preview');
  await page.getByLabel('Start date').fill(uk(start));
  await page.getByLabel('Start date').blur();
  await expect(preview).toContainText('weekly sessions');
  if (!(await preview.textContent())?.includes(`from ${uk(start)}`)) {
    // A closure date that day: a week earlier.
    start = addDays(start, -7);
    await page.getByLabel('Start date').fill(uk(start));
    await page.getByLabel('Start date').blur();
    await expect(preview).toContainText(`from ${uk(start)}`);
  }
  await page.getByRole('button', { name: 'Set up the group' }).click();
  await page.getByTestId('save-warnings').getByRole('button', { name: 'Save anyway' }).click();
  await expect(page.getByRole('heading', { name: groupName, level: 1 })).toBeVisible();
  await page.getByRole('tab', { name: /^Men on the group/ }).click();
  await page.getByRole('button', { name: 'Enrol from the waiting list' }).click();
  const dialog = page.getByRole('dialog', { name: `Enrol men on ${groupName}` });
  const first = dialog.getByRole('table', { name: 'Men on the waiting list' }).locator('tbody tr').first();
  const reference = /P-\d{4}-\d{4}/.exec((await first.textContent()) ?? '')![0];
  await first.getByRole('checkbox').check();
  await dialog.getByRole('button', { name: /^Enrol 1 m/ }).click();
  const anyway = dialog.getByRole('button', { name: 'Enrol anyway' });
  // Warnings (for example a man on another group) are confirmed.
  const done = page.getByText(new RegExp(`enrolled on ${groupName}`));
  await expect(anyway.or(done)).toBeVisible();
  if (await anyway.isVisible()) await anyway.click();
  await expect(dialog).toBeHidden();

  // His first two sessions from a paper register; one attendance mark the program does not know.
  await nav.getByRole('link', { name: 'Import' }).click();
  await page.getByRole('combobox', { name: 'The file holds' }).click();
  await page.getByRole('option', { name: /^Group attendance so far/ }).click();
  const register = (second: string) => ({
    name: 'registers.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(`Client ref,Group name,Date of session,Attended,Minutes late\n${reference},${groupName},${uk(start)},Present,\n${reference},${groupName},${uk(addDays(start, 7))},${second}\n`, 'utf8'),
  });
  await page.locator('input[type="file"]').setInputFiles(register('Sleeping,'));
  const problems = page.getByRole('table', { name: 'Problems found' });
  await expect(problems.getByRole('row', { name: /Attended/ })).toContainText('Not one of the choices');
  await expect(page.getByRole('button', { name: 'Import (fix the problems first)' })).toBeDisabled();
  await page.screenshot({ path: 'test-results/imports/10-attendance-problem.png', fullPage: true });

  await page.locator('input[type="file"]').setInputFiles(register('Late,10'));
  await expect(page.getByText('Every row can be imported')).toBeVisible();
  await expect(page.getByRole('table', { name: 'Preview of the first rows' })).toContainText(uk(start));
  await page.screenshot({ path: 'test-results/imports/11-attendance-ready.png', fullPage: true });
  await page.getByRole('button', { name: 'Import all 2 rows' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Imported' })).toContainText('2 attendance marks were imported');
  await page.screenshot({ path: 'test-results/imports/12-attendance-done.png', fullPage: true });

  // His registers are there: the group's page opens from the result.
  await page.getByRole('link', { name: 'Open the groups' }).click();
  await expect(page.getByRole('table', { name: 'Groups' })).toContainText(groupName);

  // The same file again: both rows are already on record, and nothing can be imported twice.
  await nav.getByRole('link', { name: 'Import' }).click();
  await page.getByRole('combobox', { name: 'The file holds' }).click();
  await page.getByRole('option', { name: /^Group attendance so far/ }).click();
  await page.locator('input[type="file"]').setInputFiles(register('Late,10'));
  await expect(problems).toContainText('His attendance at this session is already on record');
  await expect(page.getByRole('button', { name: 'Import (fix the problems first)' })).toBeDisabled();
  expect(outside).toEqual([]);
});
