/**
 * WCAG 2.2 AA as a checked property (issue 16, item 9): axe-core over every screen of the demo,
 * as each role, with zero serious or critical violations. The count per screen is printed.
 *
 * The screens are the menu's own links for each role, plus the first record each list opens
 * (a man's record with each tab, a group, a session, a partner, a report), and the log-in screen.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, startHost, test, type Host } from './host';


let host: Host;
test.beforeAll(async () => {
  host = await startHost({ demo: true });
});
test.afterAll(async () => {
  await host?.stop();
});

const ACCOUNTS = [
  { username: 'manager', password: 'demo-manager-pass' },
  { username: 'facilitator', password: 'demo-facilitator-pass' },
  { username: 'partner', password: 'demo-partner-pass' },
  { username: 'admin', password: 'demo-admin-pass' },
];

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

interface Found {
  screen: string;
  serious: string[];
  total: number;
}

async function check(page: Page, screen: string, found: Found[]) {
  // Wait for the screen to settle: no loaders left.
  await expect(page.locator('.mantine-Loader-root')).toHaveCount(0, { timeout: 15_000 });
  // …and no transition still running: a dialog fading in is measured at part opacity, so its text fails contrast.
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'), undefined, { timeout: 15_000 });
  const result = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  const serious = result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}, ${v.nodes.length}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
  found.push({ screen, serious, total: result.violations.length });
  console.log(`axe ${screen}: ${serious.length} serious or critical, ${result.violations.length} in all`);
}

async function go(page: Page, hash: string) {
  await page.evaluate((h) => {
    location.hash = h;
  }, hash);
}

/** The first link in a table's body, if there is one. */
async function firstLinkIn(page: Page, table: string): Promise<string | null> {
  const link = page.getByRole('table', { name: table }).locator('tbody tr a').first();
  if ((await link.count()) === 0) return null;
  return link.getAttribute('href');
}

test('the log-in screen', async ({ page }) => {
  const found: Found[] = [];
  await page.goto(host.url);
  await expect(page.getByRole('heading', { name: 'Log in' })).toBeVisible();
  await check(page, 'log-in', found);
  expect(found.flatMap((f) => f.serious.map((s) => `${f.screen}: ${s}`))).toEqual([]);
});

for (const account of ACCOUNTS) {
  test(`every screen as ${account.username}`, async ({ page }) => {
    test.setTimeout(300_000);
    const found: Found[] = [];
    await page.goto(host.url);
    await page.getByLabel('User name').fill(account.username);
    await page.getByLabel('Password', { exact: true }).fill(account.password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await expect(page.getByRole('heading', { name: /^Welcome/ })).toBeVisible();

    const menu = page.getByRole('navigation', { name: 'Main menu' }).getByRole('link');
    const hrefs = [...new Set((await menu.evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''))).filter(Boolean))];
    for (const href of hrefs) {
      await go(page, href);
      await check(page, `${account.username} ${href}`, found);
      // The first record each list opens.
      for (const [table, tabs] of [
        ['Participants', ['overview', 'referrals', 'status', 'assessment', 'risk', 'consent', 'attendance', 'notes', 'goals', 'tasks', 'safeguarding', 'sharing', 'reports', 'outcomes']],
        ['Groups', ['sessions', 'men']],
        ['Partners', ['contacts', 'details', 'checklist', 'safety-plan', 'marac', 'outcomes']],
        ['Reports', []],
      ] as const) {
        const target = await firstLinkIn(page, table);
        if (!target || !target.startsWith('#/')) continue;
        await go(page, target);
        await check(page, `${account.username} ${table.toLowerCase()} record`, found);
        for (const tab of tabs) {
          const base = target.replace(/^#\//, '').split('/').slice(0, 2).join('/');
          await go(page, `#/${base}/${tab}`);
          await check(page, `${account.username} ${table.toLowerCase()} record, ${tab}`, found);
        }
        if (table === 'Groups') {
          const session = await firstLinkIn(page, 'Session schedule');
          if (session) {
            await go(page, session);
            await check(page, `${account.username} session`, found);
          }
        }
      }
    }
    await page.getByRole('button', { name: 'Log out' }).click();
    expect(found.flatMap((f) => f.serious.map((s) => `${f.screen}: ${s}`))).toEqual([]);
  });
}

test('the outcomes page with every measure shown, and the dashboard on the home page, as the manager (issue 18)', async ({ page }) => {
  test.setTimeout(120_000);
  const found: Found[] = [];
  await page.goto(host.url);
  const logOut = page.getByRole('button', { name: 'Log out' });
  await expect(logOut.or(page.getByRole('heading', { name: 'Log in' }))).toBeVisible();
  if (await logOut.isVisible()) await logOut.click();
  await page.getByLabel('User name').fill('manager');
  await page.getByLabel('Password', { exact: true }).fill('demo-manager-pass');
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByRole('region', { name: 'Dashboard' }).getByText('Caseload by status')).toBeVisible();
  await check(page, 'manager dashboard', found);
  await go(page, '#/outcomes');
  await expect(page.getByRole('region', { name: 'Abuse she reported (four kinds together)' })).toBeVisible();
  await page.getByRole('combobox', { name: 'Show' }).click();
  await page.getByRole('option', { name: 'Every measure' }).click();
  await expect(page.getByRole('region', { name: 'Physical abuse' })).toBeVisible();
  await check(page, 'manager outcomes, every measure', found);
  expect(found.flatMap((f) => f.serious.map((s) => `${f.screen}: ${s}`))).toEqual([]);
});

/** [tab on his record, button that opens it, the dialog's name] (issue 16, item 9: the main dialogs too). */
const DIALOGS: Array<[string, string, string]> = [
  ['referrals', 'Add a referral', 'Add a referral'],
  ['risk', 'Add a risk rating', 'Add a risk rating'],
  ['consent', 'Record consent', 'Record consent'],
  ['notes', 'Add a case note', 'Add a case note'],
  ['goals', 'Add a goal or achievement', 'Add a goal or achievement'],
  ['safeguarding', 'Raise a concern', 'Raise a safeguarding concern'],
  ['sharing', 'Record information shared', 'Record information shared'],
  ['reports', 'New report or letter', 'Start a report'],
];

test('the main dialogs of his record, open, as the manager', async ({ page }) => {
  // Nine dialogs, each opened, checked by axe and closed: minutes on a busy 2-core machine.
  test.setTimeout(420_000);
  const found: Found[] = [];
  await page.goto(host.url);
  const logOut = page.getByRole('button', { name: 'Log out' });
  await expect(page.getByRole('heading', { name: 'Log in' }).or(logOut)).toBeVisible();
  if (await logOut.isVisible()) await logOut.click();
  await page.getByLabel('User name').fill('manager');
  await page.getByLabel('Password', { exact: true }).fill('demo-manager-pass');
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByRole('heading', { name: /^Welcome/ })).toBeVisible();
  await go(page, '#/participants');
  await expect(page.getByRole('table', { name: 'Participants' }).locator('tbody tr a').first()).toBeVisible();
  const target = await firstLinkIn(page, 'Participants');
  const base = target!.replace(/^#\//, '').split('/').slice(0, 2).join('/');
  for (const [tab, opener, title] of DIALOGS) {
    await go(page, `#/${base}/${tab}`);
    await page.getByRole('button', { name: opener, exact: true }).first().click();
    const dialog = page.getByRole('dialog', { name: title });
    await expect(dialog).toBeVisible();
    await check(page, `manager dialog: ${title}`, found);
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
  }
  // Sign-off with no consent to share: the decision is part of the dialog.
  await go(page, `#/${base}/reports`);
  await page.getByRole('button', { name: 'New report or letter' }).click();
  const start = page.getByRole('dialog', { name: 'Start a report' });
  await start.getByLabel('Kind of report').click();
  await page.getByRole('option', { name: 'Probation update' }).click();
  await start.getByRole('button', { name: 'Start the draft' }).click();
  await page.getByLabel('Facilitators’ observations').fill('He attends.');
  await page.getByLabel('Recommendations', { exact: true }).fill('Continue.');
  await page.getByRole('button', { name: 'Save draft and update the preview' }).click();
  await expect(page.getByRole('button', { name: 'Sign off' })).toBeEnabled();
  await page.getByRole('button', { name: 'Sign off' }).click();
  await expect(page.getByRole('dialog', { name: 'Sign off this report?' })).toBeVisible();
  await check(page, 'manager dialog: Sign off this report?', found);
  expect(found.flatMap((f) => f.serious.map((s) => `${f.screen}: ${s}`))).toEqual([]);
});
