/**
 * Tasks that carry risk cannot be waved away (issue 16, item 3), in Chromium on the demo data:
 *
 * - "Done" on a risk review due opens his Risk tab (the task closes when the review is recorded), and
 *   the task stays open;
 * - a task closed by hand needs a reason, and can be reopened.
 */
import type { Page } from '@playwright/test';
import { expect, startHost, test, type Host } from './host';
import { logIn } from './people';

let host: Host;

test.beforeAll(async () => {
  host = await startHost({ demo: true });
});

test.afterAll(async () => {
  await host?.stop();
});

async function showTasks(page: Page, status: 'open' | 'done', n = 1) {
  await page.evaluate(
    ([s, p]) => {
      location.hash = `#/tasks?scope=all${s === 'done' ? '&status=done' : ''}${p > 1 ? `&page=${p}` : ''}`;
    },
    [status, n] as const,
  );
  await expect(page.getByRole('table', { name: 'Tasks' })).toBeVisible();
  // The list keeps the previous page on screen while the next loads: wait for this one's numbers.
  await expect(page.getByText(new RegExp(`^Showing ${(n - 1) * 25 + 1}–`))).toBeVisible();
  // …and for the list not to be fetched again: a page seen before shows first from memory, then as it is now.
  await expect(page.getByRole('table', { name: 'Tasks' })).toHaveAttribute('aria-busy', 'false');
}

/** The page of the list (25 a page, soonest first) a task is on: the demo's own tasks are spread over several. */
async function showTasksWith(page: Page, status: 'open' | 'done', text: string): Promise<void> {
  for (let n = 1; n <= 20; n++) {
    await showTasks(page, status, n);
    if ((await page.getByRole('table', { name: 'Tasks' }).locator('tbody tr').filter({ hasText: text }).count()) > 0) return;
  }
  throw new Error(`No ${status} task "${text}" in the first 20 pages`);
}

test('a risk review cannot be waved away; a task closed by hand says why and can be reopened', async ({ page }) => {
  await logIn(page, 'manager', 'demo-manager-pass', { at: host.url });
  await showTasks(page, 'open');
  const tasks = page.getByRole('table', { name: 'Tasks' });

  // "Done" on a risk review due: his Risk tab, where the review is recorded. The task is still open.
  const review = tasks.locator('tbody tr').filter({ hasText: /^.*Risk review due \(P-\d{4}-\d{4}\)/ }).first();
  const title = (await review.getByText(/^Risk review due \(P-/).textContent())!;
  await review.getByRole('link', { name: /^Done: Risk review due/ }).click();
  await expect(page).toHaveURL(/#\/participants\/[^/]+\/risk$/);
  await expect(page.getByRole('tab', { name: 'Risk' })).toHaveAttribute('aria-selected', 'true');
  await showTasks(page, 'open');
  await expect(tasks.getByText(title, { exact: true })).toBeVisible();

  // A task closed by hand: the reason is asked for.
  await showTasksWith(page, 'open', 'Send appointment letter');
  const letterRow = tasks.locator('tbody tr').filter({ hasText: 'Send appointment letter' }).first();
  // The demo has several such letters: this one is told apart by the man it is about (the row's link).
  const about = ((await letterRow.getByRole('link').first().textContent()) ?? '').trim();
  const letter = tasks.locator('tbody tr').filter({ hasText: 'Send appointment letter' }).filter({ hasText: about });
  await letter.getByRole('button', { name: 'Mark as done: Send appointment letter' }).click();
  const dialog = page.getByRole('dialog', { name: 'Mark the task as done' });
  await dialog.getByRole('button', { name: 'Mark as done' }).click();
  await expect(dialog.getByText('Say what was done, or why the task is no longer needed')).toBeVisible();
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('What was done, or why it is no longer needed').fill('Letter posted first class');
  await dialog.getByRole('button', { name: 'Mark as done' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(letter).toHaveCount(0);

  // Reopened from the done list: open again, with what it was closed with kept.
  await showTasksWith(page, 'done', 'Letter posted first class');
  const closed = tasks.locator('tbody tr').filter({ hasText: 'Letter posted first class' });
  await expect(closed).toContainText('Letter posted first class');
  await closed.getByRole('button', { name: 'Reopen: Send appointment letter' }).click();
  const reopen = page.getByRole('dialog', { name: 'Reopen the task' });
  await reopen.getByLabel('Why it is open again (optional)').fill('Returned: wrong address');
  await reopen.getByRole('button', { name: 'Reopen' }).click();
  await expect(reopen).toHaveCount(0);
  await showTasksWith(page, 'open', 'Returned: wrong address');
  await expect(tasks.locator('tbody tr').filter({ hasText: 'Returned: wrong address' })).toContainText('Send appointment letter');
});
