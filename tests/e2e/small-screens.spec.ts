/**
 * Issue 16, item 10, in Chromium at 1366×768 and 1280×720: every main dialog's
 * buttons are on screen as soon as it opens (its body scrolls, its footer
 * stays; the page behind never scrolls), and no list page is wider than the
 * window (tables scroll inside themselves).
 */
import type { Locator, Page } from '@playwright/test';
import { expect, startHost, test, type Host } from './host';
import { nav } from './people';

let host: Host;
test.beforeAll(async () => {
  host = await startHost({ demo: true });
});
test.afterAll(async () => {
  await host?.stop();
});

async function logIn(page: Page, username: string, password: string) {
  await page.goto(host.url);
  await expect(page.getByRole('heading', { name: /^(Log in|Welcome)/ }).first()).toBeVisible();
  if (await page.getByRole('button', { name: 'Log out' }).isVisible()) await page.getByRole('button', { name: 'Log out' }).click();
  await page.getByLabel('User name').fill(username);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByRole('heading', { name: /^Welcome/ })).toBeVisible();
}

/** The whole of the element is inside the window, as it stands, with nothing scrolled. */
async function whollyOnScreen(page: Page, target: Locator) {
  const box = (await target.boundingBox())!;
  const view = page.viewportSize()!;
  return box.y >= 0 && box.x >= 0 && box.y + box.height <= view.height && box.x + box.width <= view.width;
}

/** [tab on his record, button that opens it, the dialog's name] */
const recordDialogs: Array<[string, string, string]> = [
  ['Referrals', 'Add a referral', 'Add a referral'],
  ['Risk', 'Add a risk rating', 'Add a risk rating'],
  ['Consent', 'Record consent', 'Record consent'],
  ['Case notes', 'Add a case note', 'Add a case note'],
  ['Goals and achievements', 'Add a goal or achievement', 'Add a goal or achievement'],
  ['Safeguarding', 'Raise a concern', 'Raise a safeguarding concern'],
  ['Information sharing', 'Record information shared', 'Record information shared'],
  ['Reports', 'New report or letter', 'Start a report'],
];

for (const size of [
  { width: 1366, height: 768 },
  { width: 1280, height: 720 },
]) {
  test(`at ${size.width}×${size.height}: dialog buttons on screen, tables inside the window`, async ({ page }) => {
    test.setTimeout(240_000);
    await page.setViewportSize(size);
    await logIn(page, 'manager', 'demo-manager-pass');

    // Every page in the menu: nothing wider than the window.
    const links = await nav(page).getByRole('link').allTextContents();
    for (const name of links) {
      await nav(page).getByRole('link', { name, exact: true }).click();
      await expect(page.locator('#main-content')).toBeVisible();
      await page.waitForLoadState('networkidle');
      const wide = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(wide, `${name} is ${wide} px wider than the window`).toBeLessThanOrEqual(0);
    }

    await nav(page).getByRole('link', { name: 'Participants', exact: true }).click();
    await page.getByRole('table', { name: 'Participants' }).getByRole('link').first().click();
    await expect(page.getByRole('tab', { name: 'Overview' })).toBeVisible();
    const record = page.url();
    for (const [tab, opener, title] of recordDialogs) {
      await page.goto(record);
      await page.getByRole('tab', { name: new RegExp(`^${tab}`) }).click();
      await page.getByRole('button', { name: opener, exact: true }).first().click();
      const dialog = page.getByRole('dialog', { name: title });
      await expect(dialog).toBeVisible();
      // The main button is the dialog's last (the footer: Cancel, then the action).
      const button = dialog.getByRole('button').last();
      await expect(button).toBeVisible();
      const submit = (await button.textContent()) ?? '';
      // Without any scrolling: the page behind is where it was, and the dialog's own body is at its top.
      expect(await page.evaluate(() => window.scrollY)).toBe(0);
      expect(await whollyOnScreen(page, button), `${title}: "${submit}" is off screen`).toBe(true);
      await expect(dialog.getByRole('button', { name: /^Cancel$/ }).last()).toBeInViewport({ ratio: 1 });
      await page.keyboard.press('Escape');
      await expect(dialog).toBeHidden();
    }
  });
}
