/**
 * Nothing typed is ever lost (issue 16, item 1), in Chromium on the demo data:
 *
 * - Escape, Cancel, a menu link or Back with unsaved changes asks "Discard your changes?";
 *   "Keep editing" keeps everything as typed;
 * - Escape in a date picker inside a dialog closes the picker only;
 * - a half-written session log survives a lock: the same person gets it back, another does not;
 * - a partner worker's half-written contact note survives auto-lock with the dialog open (a partner-side draft).
 *
 * One browser host for the whole file.
 */
import type { Page } from '@playwright/test';
import { expect, startHost, test, type Host } from './host';
import { logIn, logOutAfterEach, nav } from './people';

test.describe.configure({ mode: 'serial' });

let host: Host;

test.beforeAll(async () => {
  host = await startHost({ demo: true });
});

test.afterAll(async () => {
  await host?.stop();
});

// One person is logged in at a time: each test logs out, whatever happened, so the next can log in.
logOutAfterEach(() => host.url);

const askDiscard = (page: Page) => page.getByRole('dialog', { name: 'Discard your changes?' });

/** Locks with the Lock button and unlocks with the same password: back where the person was. */
async function lockAndUnlock(page: Page, password: string) {
  await page.getByRole('button', { name: 'Lock' }).click();
  await expect(page.getByRole('heading', { name: 'Locked' })).toBeVisible();
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.getByRole('button', { name: 'Lock' })).toBeVisible();
}

/** The first session of the first group, on its register. */
async function openFirstSession(page: Page) {
  await nav(page).getByRole('link', { name: 'Groups' }).click();
  await page.getByRole('table', { name: 'Groups' }).locator('tbody tr a').first().click();
  await page.getByRole('tab', { name: /^Session schedule/ }).click();
  await page.getByRole('table', { name: 'Session schedule' }).getByRole('link', { name: /^Session 1 of / }).click();
  await expect(page.getByRole('heading', { name: /^Session 1 of /, level: 1 })).toBeVisible();
  await expect(page.getByRole('form', { name: 'Register and session log' })).toBeVisible();
}

test('a case note dialog asks before discarding, and Escape in its date picker closes only the picker', async ({ page }) => {
  await logIn(page, 'facilitator', 'demo-facilitator-pass', { at: host.url });
  await nav(page).getByRole('link', { name: 'Participants' }).click();
  await page.getByRole('table', { name: 'Participants' }).locator('tbody tr a').first().click();
  await page.getByRole('tab', { name: /^Case notes/ }).click();
  await page.getByRole('button', { name: 'Add a case note' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add a case note' });
  const body = dialog.getByLabel('Note', { exact: true });
  await body.fill('Rang to rearrange; he was calm and asked about the next session.');

  // Escape in the date picker: the picker closes, the dialog and its text stay.
  const date = dialog.getByLabel('Date it happened');
  await date.click();
  const picker = page.locator('[data-dates-dropdown]');
  await expect(picker).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(picker).toBeHidden();
  await expect(dialog).toBeVisible();
  await expect(askDiscard(page)).toHaveCount(0);
  await expect(body).toHaveValue('Rang to rearrange; he was calm and asked about the next session.');

  // Escape on the dialog: asked first; keep editing keeps the text.
  await body.focus();
  await page.keyboard.press('Escape');
  await expect(askDiscard(page)).toBeVisible();
  await askDiscard(page).getByRole('button', { name: 'Keep editing' }).click();
  await expect(askDiscard(page)).toHaveCount(0);
  await expect(dialog).toBeVisible();
  await expect(body).toHaveValue('Rang to rearrange; he was calm and asked about the next session.');

  // Cancel: asked too; discarding closes the dialog, and the draft goes with it.
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await askDiscard(page).getByRole('button', { name: 'Discard changes' }).click();
  await expect(dialog).toHaveCount(0);
  await page.getByRole('button', { name: 'Add a case note' }).click();
  await expect(page.getByRole('dialog', { name: 'Add a case note' }).getByLabel('Note', { exact: true })).toHaveValue('');
  await expect(page.getByTestId('draft-restored')).toHaveCount(0);
});

test('a half-written session log survives a lock for the same person only; leaving asks first', async ({ page }) => {
  const NOTE = 'Half-written: he spoke about the argument at the handover and';
  await logIn(page, 'facilitator', 'demo-facilitator-pass', { at: host.url });
  await openFirstSession(page);
  const firstNote = page.getByRole('group', { name: /^Register for / }).nth(0).getByLabel(/session log: a short note|^Note \(optional\)/);
  await firstNote.fill(NOTE);

  // A menu link asks; keep editing stays.
  await nav(page).getByRole('link', { name: 'Home' }).click();
  await expect(askDiscard(page)).toBeVisible();
  await askDiscard(page).getByRole('button', { name: 'Keep editing' }).click();
  await expect(page.getByRole('heading', { name: /^Session 1 of /, level: 1 })).toBeVisible();
  await expect(firstNote).toHaveValue(NOTE);

  // Back asks too.
  await page.goBack();
  await expect(askDiscard(page)).toBeVisible();
  await askDiscard(page).getByRole('button', { name: 'Keep editing' }).click();
  await expect(page.getByRole('heading', { name: /^Session 1 of /, level: 1 })).toBeVisible();
  await expect(firstNote).toHaveValue(NOTE);

  // Locked straight away (no waiting for the 2-second write): the text is written before the lock, and comes back.
  await lockAndUnlock(page, 'demo-facilitator-pass');
  await expect(page.getByRole('heading', { name: /^Session 1 of /, level: 1 })).toBeVisible();
  await expect(page.getByTestId('draft-restored')).toBeVisible();
  await expect(firstNote).toHaveValue(NOTE);
  await page.getByRole('button', { name: 'Log out' }).click();

  // Someone else on the same session: not theirs to see.
  await logIn(page, 'manager', 'demo-manager-pass', { at: host.url });
  await openFirstSession(page);
  await expect(page.getByRole('group', { name: /^Register for / }).nth(0).getByLabel(/session log: a short note|^Note \(optional\)/)).not.toHaveValue(NOTE);
  await expect(page.getByTestId('draft-restored')).toHaveCount(0);
});

test('a partner worker’s half-written contact note survives auto-lock', async ({ page }) => {
  const NOTES = 'She said he has been driving past the house again; we agreed';
  await page.clock.install();
  await logIn(page, 'partner', 'demo-partner-pass', { at: host.url });
  await nav(page).getByRole('link', { name: 'Partner service' }).click();
  await page.getByRole('table', { name: 'Partners' }).locator('tbody tr a').first().click();
  await page.getByRole('button', { name: 'Log a contact' }).click();
  await page.getByRole('dialog', { name: 'Log a contact or an attempt' }).getByLabel('Notes (optional)').fill(NOTES);

  // Away from the desk past the auto-lock time (10 minutes in the demo), with the dialog open.
  await page.clock.fastForward('11:00');
  await expect(page.getByRole('heading', { name: 'Locked' })).toBeVisible();
  await page.getByLabel('Password', { exact: true }).fill('demo-partner-pass');
  await page.getByRole('button', { name: 'Unlock' }).click();
  await page.getByRole('button', { name: 'Log a contact' }).click();
  const dialog = page.getByRole('dialog', { name: 'Log a contact or an attempt' });
  await expect(dialog.getByTestId('draft-restored')).toBeVisible();
  await expect(dialog.getByLabel('Notes (optional)')).toHaveValue(NOTES);
});

test('a half-written report observation survives auto-lock', async ({ page }) => {
  const OBSERVATIONS = 'In session 4 he named his own behaviour for the first time, and then';
  await page.clock.install();
  await logIn(page, 'facilitator', 'demo-facilitator-pass', { at: host.url });
  await nav(page).getByRole('link', { name: 'Participants', exact: true }).click();
  await page.getByRole('table', { name: 'Participants' }).getByRole('link').first().click();
  await page.getByRole('tab', { name: 'Reports' }).click();
  await page.getByRole('button', { name: 'New report or letter' }).click();
  const start = page.getByRole('dialog', { name: 'Start a report' });
  await start.getByLabel('Kind of report').click();
  await page.getByRole('option', { name: 'Court / Cafcass report: mid-programme' }).click();
  await start.getByRole('button', { name: 'Start the draft' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Court / Cafcass report: mid-programme' })).toBeVisible();
  await page.getByLabel('Facilitators’ observations').fill(OBSERVATIONS);

  // Away from the desk past the auto-lock time (10 minutes in the demo), nothing saved.
  await page.clock.fastForward('11:00');
  await expect(page.getByRole('heading', { name: 'Locked' })).toBeVisible();
  await page.getByLabel('Password', { exact: true }).fill('demo-facilitator-pass');
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Court / Cafcass report: mid-programme' })).toBeVisible();
  await expect(page.getByTestId('draft-restored')).toBeVisible();
  await expect(page.getByLabel('Facilitators’ observations')).toHaveValue(OBSERVATIONS);

  // Saved: the kept draft goes, and the report holds the text.
  await page.getByRole('button', { name: 'Save draft and update the preview' }).click();
  await expect(page.getByRole('article', { name: 'Preview of the report' })).toContainText(OBSERVATIONS);
  await page.reload();
  await expect(page.getByLabel('Facilitators’ observations')).toHaveValue(OBSERVATIONS);
  await expect(page.getByTestId('draft-restored')).toHaveCount(0);
});
