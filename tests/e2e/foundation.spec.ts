/**
 * The foundation end to end, on a fresh empty data folder: first-run set-up,
 * the recovery key, staff administration, a temporary password and the forced
 * change, what a facilitator may and may not reach (in the window and at the
 * back end), and the window's own auto-lock. Nothing may leave 127.0.0.1.
 */
import type { Page, Request } from '@playwright/test';
import { expect, startHost, test, watchNetwork, type Host } from './host';
import { nav, submitLogIn } from './people';

test.describe.configure({ mode: 'serial' });

const ORGANISATION = { name: 'Safer Futures Test', shortName: 'SaferFutures', address: '2 High Street, Newtown, NT1 1AA' };
const ADMIN = { fullName: 'Ada Administrator', username: 'ada', password: 'kettle orbit violet' };
const FACILITATOR = { fullName: 'Felix Facilitator', username: 'felix', password: 'lantern meadow copper' };

let host: Host;

test.beforeAll(async () => {
  host = await startHost();
});

test.afterAll(async () => {
  await host?.stop();
});

async function logOut(page: Page) {
  await page.getByRole('button', { name: 'Log out' }).click();
  await expect(page.getByRole('heading', { name: 'Log in' })).toBeVisible();
}

function expectNoOutsideRequests(outside: Request[]) {
  expect(outside.map((r) => r.url())).toEqual([]);
}

test('first run, staff, temporary password and what a facilitator may reach', async ({ page }) => {
  const outside = watchNetwork(page);
  await page.goto(host.url);

  await test.step('first-run set-up', async () => {
    await expect(page.getByRole('heading', { name: 'Set up the program' })).toBeVisible();
    await page.getByLabel('Organisation name').fill(ORGANISATION.name);
    await page.getByLabel('Short name').fill(ORGANISATION.shortName);
    await page.getByLabel('Address').fill(ORGANISATION.address);
    await page.getByLabel('Full name').fill(ADMIN.fullName);
    await page.getByLabel('User name').fill(ADMIN.username);
    await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
    await page.getByLabel('Type the password again').fill('not the same password');
    await page.getByRole('button', { name: 'Set up the program' }).click();
    // The error sits next to the field, and nothing was set up yet.
    await expect(page.getByText('The two passwords are not the same')).toBeVisible();
    await page.getByLabel('Type the password again').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Set up the program' }).click();
  });

  await test.step('the recovery key is shown once and must be confirmed', async () => {
    await expect(page.getByRole('heading', { name: 'Your recovery key' })).toBeVisible();
    const key = (await page.getByTestId('recovery-key').textContent())?.trim() ?? '';
    expect(key).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){12}$/);
    const next = page.getByRole('button', { name: 'Continue to log in' });
    await expect(next).toBeDisabled();
    await page.getByLabel('I have printed or written down the recovery key and stored it somewhere safe').check();
    await next.click();
  });

  await test.step('a wrong password gives one plain error', async () => {
    await submitLogIn(page, ADMIN.username, 'wrong password here');
    await expect(page.getByRole('alert')).toContainText('The user name or password is not right');
  });

  let temporaryPassword = '';
  await test.step('the administrator adds a facilitator', async () => {
    await submitLogIn(page, ADMIN.username, ADMIN.password);
    await expect(page.getByRole('heading', { name: `Welcome, ${ADMIN.fullName}` })).toBeVisible();
    await expect(page.getByRole('banner')).toContainText(ORGANISATION.name);
    await nav(page).getByRole('link', { name: 'Staff' }).click();
    await expect(page.getByRole('table', { name: 'Staff' })).toContainText(ADMIN.username);

    await page.getByRole('button', { name: 'Add member of staff' }).click();
    const form = page.getByRole('dialog', { name: 'Add a member of staff' });
    await form.getByLabel('Full name').fill(FACILITATOR.fullName);
    await form.getByLabel('User name').fill(FACILITATOR.username);
    await form.getByLabel('Job title (optional)').fill('Group facilitator');
    await form.getByRole('radio', { name: 'Facilitator' }).check();
    await form.getByRole('button', { name: 'Add member of staff' }).click();

    const shown = page.getByRole('dialog', { name: `Temporary password for ${FACILITATOR.fullName}` });
    temporaryPassword = (await shown.getByTestId('temporary-password').textContent())?.trim() ?? '';
    expect(temporaryPassword).toMatch(/^\d{3}(-\d{3}){5}$/);
    await shown.getByRole('button', { name: 'Done' }).click();
    await expect(shown).toBeHidden();

    const row = page.getByRole('row', { name: new RegExp(FACILITATOR.fullName) });
    await expect(row).toContainText('Facilitator');
    await expect(row).toContainText('Temporary');
    await logOut(page);
  });

  await test.step('the facilitator must choose their own password first', async () => {
    await submitLogIn(page, FACILITATOR.username, temporaryPassword);
    await expect(page.getByRole('heading', { name: 'Choose your own password' })).toBeVisible();
    await page.getByLabel(/^Temporary password/).fill(temporaryPassword);
    await page.getByLabel('New password', { exact: true }).fill(FACILITATOR.password);
    await page.getByLabel('Type the new password again').fill(FACILITATOR.password);
    await page.getByRole('button', { name: 'Change password' }).click();
    await expect(page.getByRole('heading', { name: `Welcome, ${FACILITATOR.fullName}` })).toBeVisible();
  });

  await test.step('the facilitator does not see, or reach, staff, audit or settings', async () => {
    await expect(nav(page).getByRole('link', { name: 'Home' })).toBeVisible();
    for (const name of ['Staff', 'Audit log', 'Settings']) {
      await expect(nav(page).getByRole('link', { name })).toHaveCount(0);
    }
    await page.evaluate(() => {
      window.location.hash = '#/staff';
    });
    await expect(page.getByRole('heading', { name: 'Your role does not allow this' })).toBeVisible();
    await expect(page.getByRole('table')).toHaveCount(0);

    // Asking the back end directly, with the page's own token, is refused too.
    const answer = await page.evaluate(
      () =>
        new Promise<unknown>((resolve, reject) => {
          const token = new URLSearchParams(window.location.search).get('token') ?? '';
          const ws = new WebSocket(`ws://${window.location.host}/app:invoke?token=${encodeURIComponent(token)}`);
          ws.onopen = () => ws.send(JSON.stringify({ id: 1, route: 'staff.list', input: {} }));
          ws.onmessage = (event) => {
            resolve(JSON.parse(String(event.data)));
            ws.close();
          };
          ws.onerror = () => reject(new Error('the WebSocket could not connect'));
        }),
    );
    expect(answer).toMatchObject({ id: 1, result: { ok: false, error: { code: 'FORBIDDEN' } } });
    await logOut(page);
  });

  expectNoOutsideRequests(outside);
});

test('the window locks itself after the auto-lock time, and unlocks with the password', async ({ page }) => {
  const outside = watchNetwork(page);
  await page.clock.install();
  await page.goto(host.url);
  await submitLogIn(page, ADMIN.username, ADMIN.password);
  await expect(page.getByRole('heading', { name: `Welcome, ${ADMIN.fullName}` })).toBeVisible();

  await nav(page).getByRole('link', { name: 'Settings' }).click();
  const minutes = page.getByLabel('Lock the program after this many minutes without use');
  await expect(minutes).toHaveValue('10');
  await minutes.fill('1');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByText('The settings have been saved.')).toBeVisible();
  await expect(nav(page)).toContainText('Locks by itself after 1 minute without use');

  // Half a minute without use: still open. Past the minute: locked.
  await page.clock.fastForward('00:30');
  await expect(page.getByRole('button', { name: 'Lock' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Locked' })).toHaveCount(0);
  await page.clock.fastForward('00:45');
  await expect(page.getByRole('heading', { name: 'Locked' })).toBeVisible();
  await expect(page.getByText(`${ADMIN.fullName}, enter your password to unlock`)).toBeVisible();
  // Nothing from the app is left on screen.
  await expect(page.getByRole('navigation', { name: 'Main menu' })).toHaveCount(0);

  await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
  await page.getByRole('button', { name: 'Unlock' }).click();
  // Back where the person was.
  await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Lock' })).toBeVisible();

  await test.step('the Lock button does the same', async () => {
    await page.getByRole('button', { name: 'Lock' }).click();
    await expect(page.getByRole('heading', { name: 'Locked' })).toBeVisible();
    await page.getByRole('button', { name: 'Switch user' }).click();
    await expect(page.getByRole('heading', { name: 'Log in' })).toBeVisible();
  });

  expectNoOutsideRequests(outside);
});
