/**
 * What the end-to-end specs share about a person at the window: the main menu, logging in and
 * logging out. One host serves all of a spec's tests and keeps one session, so a test may find
 * someone still logged in from the test before.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './host';

/** The main menu down the side of every page after log-in. */
export const nav = (page: Page) => page.getByRole('navigation', { name: 'Main menu' });

/** Fills in the log-in screen (once it shows) and presses Log in; waits for nothing after, for a test of a wrong password or a first log-in's password change. */
export async function submitLogIn(page: Page, username: string, password: string): Promise<void> {
  await expect(page.getByRole('heading', { name: 'Log in' })).toBeVisible();
  await page.getByLabel('User name').fill(username);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
}

/** Logs out whoever is logged in, if anyone, and waits for the log-in screen. */
export async function logOutIfLoggedIn(page: Page): Promise<void> {
  const logOut = page.getByRole('button', { name: 'Log out' });
  const logInHeading = page.getByRole('heading', { name: 'Log in' });
  // Wait for the page to settle on one or the other before deciding.
  await expect(logOut.or(logInHeading)).toBeVisible();
  if (await logOut.isVisible()) await logOut.click();
  await expect(logInHeading).toBeVisible();
}

/**
 * Logs in and waits for the home page's welcome.
 * - `at`: the address to open first (the host's), leaving whatever page or dialog was open;
 * - `firstLogOut`: log out whoever the test before left logged in;
 * - `welcome`: the heading that shows the log-in worked (default: any "Welcome…").
 */
export async function logIn(
  page: Page,
  username: string,
  password: string,
  options: { at?: string; firstLogOut?: boolean; welcome?: string | RegExp } = {},
): Promise<void> {
  if (options.at) await page.goto(options.at);
  if (options.firstLogOut) await logOutIfLoggedIn(page);
  await submitLogIn(page, username, password);
  await expect(page.getByRole('heading', { name: options.welcome ?? /^Welcome/ })).toBeVisible();
}

/** After each test, whatever happened, the person logs out so the next test can log in. */
export function logOutAfterEach(hostUrl: () => string): void {
  test.afterEach(async ({ page }) => {
    await page.goto(hostUrl()); // leaves any dialog behind
    await logOutIfLoggedIn(page);
  });
}
