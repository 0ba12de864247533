/**
 * Nothing typed is lost in the other dialogs either (issue 16, item 1): a dialog
 * holding typed text asks "Discard your changes?" before Escape, its Cancel
 * button or a menu link throws the text away, and "Keep editing" keeps it.
 * Checked on three dialogs converted to FormModal: a risk rating, a task and
 * a man leaving a group; an untouched dialog closes without asking.
 */
import type { Page } from '@playwright/test';
import { expect, startHost, test, type Host } from './host';
import { nav } from './people';

let host: Host;

test.beforeAll(async () => {
  host = await startHost({ demo: true });
});
test.afterAll(async () => {
  await host?.stop();
});

const ask = (page: Page) => page.getByRole('dialog', { name: 'Discard your changes?' });

test('dialogs with typed text ask before closing; untouched ones do not', async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(host.url);
  await page.getByLabel('User name').fill('manager');
  await page.getByLabel('Password', { exact: true }).fill('demo-manager-pass');
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByRole('heading', { name: /^Welcome/ })).toBeVisible();

  await test.step('a risk rating: Escape asks, Keep editing keeps the text, Cancel asks again and discards', async () => {
    await page.evaluate(() => {
      location.hash = '#/participants?status=active';
    });
    await page.getByRole('table', { name: 'Participants' }).locator('tbody tr').first().getByRole('link').first().click();
    await page.getByRole('tab', { name: 'Risk' }).click();
    await page.getByRole('button', { name: 'Add a risk rating' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add a risk rating' });
    // Untouched: Escape closes at once.
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(ask(page)).toBeHidden();

    await page.getByRole('button', { name: 'Add a risk rating' }).click();
    await dialog.getByLabel('Reasons').fill('Threats made at the handover on Saturday.');
    await page.keyboard.press('Escape');
    await expect(ask(page)).toBeVisible();
    await ask(page).getByRole('button', { name: 'Keep editing' }).click();
    await expect(dialog.getByLabel('Reasons')).toHaveValue('Threats made at the handover on Saturday.');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(ask(page)).toBeVisible();
    await ask(page).getByRole('button', { name: 'Discard changes' }).click();
    await expect(dialog).toBeHidden();
  });

  await test.step('a task: Escape and a menu link ask before the text is lost', async () => {
    await nav(page).getByRole('link', { name: 'Tasks' }).click();
    await page.getByRole('button', { name: 'Add a task' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add a task' });
    await dialog.getByLabel('What needs doing').fill('Ring the probation officer back');
    await page.keyboard.press('Escape');
    await expect(ask(page)).toBeVisible();
    await ask(page).getByRole('button', { name: 'Keep editing' }).click();
    await expect(dialog.getByLabel('What needs doing')).toHaveValue('Ring the probation officer back');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await ask(page).getByRole('button', { name: 'Discard changes' }).click();
    await expect(dialog).toBeHidden();
  });

  await test.step('a man leaving a group: the reason is not lost to Escape', async () => {
    await nav(page).getByRole('link', { name: 'Groups' }).click();
    await page.getByRole('table', { name: 'Groups' }).getByRole('link', { name: 'Tuesday evening group' }).click();
    await page.getByRole('tab', { name: /Men on the group/ }).click();
    await page.getByRole('button', { name: /^Change .*'s place$/ }).first().click();
    await page.getByRole('menuitem', { name: 'He has left the group' }).click();
    const dialog = page.getByRole('dialog', { name: /leaves Tuesday evening group/ });
    await dialog.getByLabel('Reason').fill('Moved to Leeds for work.');
    await page.keyboard.press('Escape');
    await expect(ask(page)).toBeVisible();
    await ask(page).getByRole('button', { name: 'Keep editing' }).click();
    await expect(dialog.getByLabel('Reason')).toHaveValue('Moved to Leeds for work.');
  });
});
