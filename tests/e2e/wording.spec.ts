/**
 * Issue 16, item 8, in Chromium at 1366×768: the log-in screen names the
 * organisation before anyone logs in; the audit log says what happened in
 * plain words ("Tried to add a case note with a missing date"), never an
 * error code, and it and the information-sharing log fit the screen with
 * their detail wrapped; a new password containing the user name is refused;
 * a temporary password has no letter case to get wrong.
 */
import type { Page } from '@playwright/test';
import { expect, startHost, test, watchNetwork, type Host } from './host';
import { nav, submitLogIn } from './people';

let host: Host;
test.beforeAll(async () => {
  host = await startHost({ demo: true });
});
test.afterAll(async () => {
  await host?.stop();
});

/** Sends one request to the back end with the page's own token, as a window that skipped its own checks would. */
async function invokeRaw(page: Page, route: string, input: unknown) {
  return page.evaluate(
    ([r, i]) =>
      new Promise<unknown>((resolve, reject) => {
        const token = new URLSearchParams(window.location.search).get('token') ?? '';
        const ws = new WebSocket(`ws://${window.location.host}/app:invoke?token=${encodeURIComponent(token)}`);
        ws.onopen = () => ws.send(JSON.stringify({ id: 1, route: r, input: i }));
        ws.onmessage = (event) => {
          resolve(JSON.parse(String(event.data)));
          ws.close();
        };
        ws.onerror = () => reject(new Error('the WebSocket could not connect'));
      }),
    [route, input] as const,
  );
}

/** Neither the page nor the table's own scroller needs a sideways scroll. */
async function fitsAcross(page: Page, table: string) {
  return page.evaluate((label) => {
    const t = document.querySelector<HTMLElement>(`table[aria-label="${label}"]`)!;
    let scroller: HTMLElement | null = t.parentElement;
    while (scroller && scroller.scrollWidth <= scroller.clientWidth && scroller !== document.body) scroller = scroller.parentElement;
    return {
      page: document.documentElement.scrollWidth <= window.innerWidth,
      table: scroller === document.body || scroller === null,
    };
  }, table);
}

test('the log-in names the organisation; the logs speak plainly and fit at 1366 px; passwords', async ({ page }) => {
  const outside = watchNetwork(page);
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(host.url);
  await expect(page.getByRole('heading', { name: 'Log in' })).toBeVisible();
  await expect(page.getByTestId('organisation-name')).toHaveText('Demo Charity');

  await submitLogIn(page, 'facilitator', 'demo-facilitator-pass');
  await expect(page.getByRole('heading', { name: /^Welcome/ })).toBeVisible();
  // A case note with no date, sent past the window's own checks: the back end refuses it and audits the refusal.
  const answer = await invokeRaw(page, 'notes.add', {
    participantId: '6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b',
    noteType: 'meeting',
    body: 'A note',
  });
  expect(answer).toMatchObject({ result: { ok: false, error: { code: 'VALIDATION' } } });

  // A new password with the user name in it is refused, next to the field.
  await page.getByRole('button', { name: 'Change my password' }).click();
  const change = page.getByRole('dialog', { name: 'Change my password' });
  await change.getByLabel('Current password').fill('demo-facilitator-pass');
  await change.getByLabel('New password', { exact: true }).fill('Facilitator-2026-new');
  await change.getByLabel('Type the new password again').fill('Facilitator-2026-new');
  await change.getByRole('button', { name: 'Change password' }).click();
  await expect(change.getByText('Password must not contain the user name')).toBeVisible();
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Log out' }).click();

  await submitLogIn(page, 'manager', 'demo-manager-pass');
  await nav(page).getByRole('link', { name: 'Audit log' }).click();
  const table = page.getByRole('table', { name: 'Audit log entries' });
  await expect(table).toBeVisible();
  await expect(table.getByText('Tried to add a case note with a missing date')).toBeVisible();
  await expect(table).not.toContainText('VALIDATION');
  await expect(table).not.toContainText('code:');
  await expect(table).not.toContainText(/\b[a-z]+\.[a-z][A-Za-z]+\b/); // no route names such as notes.add
  expect(await fitsAcross(page, 'Audit log entries')).toEqual({ page: true, table: true });

  await nav(page).getByRole('link', { name: 'Information sharing' }).click();
  await expect(page.getByRole('table', { name: 'Information shared' })).toBeVisible();
  expect(await fitsAcross(page, 'Information shared')).toEqual({ page: true, table: true });
  await page.getByRole('button', { name: 'Log out' }).click();

  // A temporary password: digits only, so it logs in however the keyboard's caps lock is set.
  await submitLogIn(page, 'admin', 'demo-admin-pass');
  await nav(page).getByRole('link', { name: 'Staff' }).click();
  await page.getByRole('row', { name: /Fran|Facilitator/ }).first().getByRole('button', { name: 'Actions' }).click();
  await page.getByRole('menuitem', { name: 'Reset password' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Reset password' }).click();
  const temporary = ((await page.getByTestId('temporary-password').textContent()) ?? '').trim();
  expect(temporary).toMatch(/^\d{3}(-\d{3}){5}$/);
  expect(temporary.toUpperCase()).toBe(temporary.toLowerCase());
  expect(outside).toEqual([]);
});
