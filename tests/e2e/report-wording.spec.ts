/**
 * Issue 15, item 12, in Chromium at 1366×768 on the demo data: a manager
 * words a kind of report's standard paragraphs in the organisation's own
 * words; an empty required paragraph is refused next to the field; saving
 * makes version 2, and a report started afterwards shows the new wording.
 * Facilitators do not see the button. Nothing may leave 127.0.0.1.
 */
import { expect, startHost, test, watchNetwork, type Host } from './host';
import { logIn, nav } from './people';

let host: Host;
test.beforeAll(async () => {
  host = await startHost({ demo: true });
});
test.afterAll(async () => {
  await host?.stop();
});

const CONFIDENTIAL = 'Confidential to the court. Do not copy; return it to {organisation} after the hearing.';

test('a manager words the court report’s standard paragraphs and the next report uses them', async ({ page }, info) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  const outside = watchNetwork(page);
  await page.goto(host.url);
  await logIn(page, 'manager', 'demo-manager-pass');
  await nav(page).getByRole('link', { name: 'Reports' }).click();
  await page.getByRole('button', { name: 'Standard wording' }).click();

  const dialog = page.getByRole('dialog', { name: 'Standard wording of reports' });
  await expect(dialog.getByLabel('Kind of report')).toHaveValue('Court / Cafcass report: mid-programme');
  await expect(dialog.getByText('Now using version 1: the program’s own wording.')).toBeVisible();
  await page.screenshot({ path: info.outputPath('wording-editor-1366x768.png') });

  // An empty declaration is refused next to the field; nothing is saved.
  await dialog.getByLabel('Declaration').fill('');
  await dialog.getByRole('button', { name: 'Save as version 2' }).click();
  await expect(dialog.getByText('Enter the declaration: a report of this kind cannot go without it')).toBeVisible();
  // Choosing another kind would lose the change, so it waits until the change is saved or cancelled.
  await expect(dialog.getByLabel('Kind of report')).toBeDisabled();

  await dialog.getByLabel('Declaration').fill('I confirm this report is true. Signed for {organisation}.');
  await dialog.getByLabel('Confidentiality statement').fill(CONFIDENTIAL);
  await dialog.getByRole('button', { name: 'Save as version 2' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(/Saved as version 2/)).toBeVisible();

  // A court report started now shows the organisation's wording, its name filled in.
  await nav(page).getByRole('link', { name: 'Participants', exact: true }).click();
  await page.getByRole('table', { name: 'Participants' }).getByRole('link').first().click();
  await page.getByRole('tab', { name: 'Reports' }).click();
  await page.getByRole('button', { name: 'New report or letter' }).click();
  const start = page.getByRole('dialog', { name: 'Start a report' });
  await start.getByLabel('Kind of report').click();
  await page.getByRole('option', { name: 'Court / Cafcass report: mid-programme' }).click();
  await start.getByRole('button', { name: 'Start the draft' }).click();
  const preview = page.getByRole('article', { name: 'Preview of the report' });
  await expect(preview).toContainText('Confidential to the court. Do not copy; return it to Demo Charity after the hearing.');
  await expect(preview).toContainText('I confirm this report is true. Signed for Demo Charity.');
  await expect(page.getByText(/use version 2 of your organisation’s wording/)).toBeVisible();

  // A facilitator has no such button.
  await page.getByRole('button', { name: 'Log out' }).click();
  await logIn(page, 'facilitator', 'demo-facilitator-pass');
  await nav(page).getByRole('link', { name: 'Reports' }).click();
  await expect(page.getByRole('button', { name: 'New report' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Standard wording' })).toHaveCount(0);
  expect(outside).toEqual([]);
});
