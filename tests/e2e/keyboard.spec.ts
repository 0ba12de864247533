/**
 * Keyboard only (issue 16, item 9): log in and skip past the header and menu to the page,
 * without the mouse. (Search, a referral, a register and a case note by keyboard are not yet covered.)
 */
import { expect, startHost, test, type Host } from './host';

let host: Host;
test.beforeAll(async () => {
  host = await startHost({ demo: true });
});
test.afterAll(async () => {
  await host?.stop();
});

test('log in and reach the page with the keyboard alone, through "Skip to content"', async ({ page }) => {
  await page.goto(host.url);
  await expect(page.getByRole('heading', { name: 'Log in' })).toBeVisible();
  // From the top of the page, Tab to the user name, then the password, then Enter.
  await expect(async () => {
    await page.keyboard.press('Tab');
    await expect(page.getByLabel('User name')).toBeFocused({ timeout: 200 });
  }).toPass();
  await page.keyboard.type('facilitator');
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Password', { exact: true })).toBeFocused();
  await page.keyboard.type('demo-facilitator-pass');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: /^Welcome/ })).toBeVisible();

  // The first Tab reaches "Skip to content", shown while it has focus; Enter moves to the page.
  await page.locator('body').focus();
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to content' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press('Enter');
  await expect(page.locator('#main-content')).toBeFocused();
  // The next Tab lands inside the page, not in the header or the menu.
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.getElementById('main-content')?.contains(document.activeElement))).toBe(true);
});
