/**
 * Nothing typed is silently changed (issue 16, item 2), in Chromium on the demo data:
 *
 * - an impossible date (31/02/2027) stays in the box with an error, and the referral is not saved;
 * - a hearing date years before the referral was received gets a warning, but is kept;
 * - a contact date in the future stays as typed with an error, instead of turning back into today;
 * - 0 places on a new group stays 0 with an error, instead of becoming 1.
 *
 * One browser host for the whole file.
 */
import { addDays, todayInLondon } from '../../src/shared/dates';
import { expect, startHost, test, type Host } from './host';
import { logIn, logOutAfterEach, nav } from './people';

test.describe.configure({ mode: 'serial' });

const uk = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

let host: Host;

test.beforeAll(async () => {
  host = await startHost({ demo: true });
});

test.afterAll(async () => {
  await host?.stop();
});

// One person is logged in at a time: each test logs out, whatever happened, so the next can log in.
logOutAfterEach(() => host.url);

test('an impossible or far-off date on a referral is kept as typed and shown, never dropped', async ({ page }) => {
  await logIn(page, 'manager', 'demo-manager-pass', { at: host.url });
  await nav(page).getByRole('link', { name: 'New referral' }).click();
  await expect(page.getByRole('heading', { name: 'New referral' })).toBeVisible();

  const due = page.getByLabel('Report due (optional)');
  await due.fill('31/02/2027');
  await page.getByLabel('Reason for the referral').click();
  await expect(due).toHaveValue('31/02/2027');
  await expect(due).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('There is no 31/02/2027: check the day and the month')).toBeVisible();

  // A hearing date years before the referral was received: a warning, and the date stays.
  const hearing = page.getByLabel('Hearing date (optional)');
  await hearing.fill('01/01/2019');
  await page.getByLabel('Reason for the referral').click();
  await expect(hearing).toHaveValue('01/01/2019');
  await expect(page.getByTestId('date-warning')).toContainText('more than a year before the date the referral was received');

  // Saving does not go ahead, and still nothing typed has changed.
  await page.getByRole('button', { name: 'Save referral' }).click();
  await expect(page.getByRole('heading', { name: 'New referral' })).toBeVisible();
  await expect(due).toHaveValue('31/02/2027');
  await expect(page.getByText('There is no 31/02/2027: check the day and the month')).toBeVisible();

  // Put right, the error goes.
  await due.fill('28/02/2027');
  await page.getByLabel('Reason for the referral').click();
  await expect(due).not.toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('There is no 31/02/2027')).toHaveCount(0);
});

test('a contact date in the future stays as typed, with an error; and so does a date in the past for the next contact', async ({ page }) => {
  await logIn(page, 'partner', 'demo-partner-pass', { at: host.url });
  await nav(page).getByRole('link', { name: 'Partner service' }).click();
  await page.getByRole('table', { name: 'Partners' }).locator('tbody tr a').first().click();
  await page.getByRole('button', { name: 'Log a contact' }).click();
  const dialog = page.getByRole('dialog', { name: 'Log a contact or an attempt' });

  const tomorrow = uk(addDays(todayInLondon(), 1));
  const date = dialog.getByLabel('Date', { exact: true });
  await date.fill(tomorrow);
  await dialog.getByLabel('Notes (optional)').click();
  await expect(date).toHaveValue(tomorrow);
  await expect(dialog.getByText(`${tomorrow} is in the future`)).toBeVisible();

  const yesterday = uk(addDays(todayInLondon(), -1));
  const next = dialog.getByLabel('Next contact due (optional)');
  await next.fill(yesterday);
  await dialog.getByLabel('Notes (optional)').click();
  await expect(next).toHaveValue(yesterday);
  await expect(dialog.getByText(`${yesterday} is in the past`)).toBeVisible();

  // Nothing is logged while the dates are wrong.
  await dialog.getByRole('button', { name: 'Log the contact' }).click();
  await expect(dialog).toBeVisible();
  await expect(date).toHaveValue(tomorrow);
  await expect(next).toHaveValue(yesterday);
});

test('0 places on a new group stays 0 and says what is allowed', async ({ page }) => {
  await logIn(page, 'manager', 'demo-manager-pass', { at: host.url });
  await page.evaluate(() => {
    location.hash = '#/groups/new';
  });
  const places = page.getByRole('textbox', { name: 'Places' });
  await places.fill('0');
  await places.blur();
  await expect(places).toHaveValue('0');
  await page.getByRole('button', { name: 'Set up the group' }).click();
  await expect(places).toHaveValue('0');
  await expect(page.getByText('At least 1 place')).toBeVisible();
});
