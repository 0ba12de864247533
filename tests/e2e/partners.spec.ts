/**
 * The partner service and its wall, end to end in Chromium on the demo data:
 * the partner worker records a new partner for a demo man with safe-contact
 * instructions, logs a contact, completes a checklist scoring 14, is prompted
 * for MARAC and records the referral. A facilitator then opens the same man's
 * record and sees only the status of partner contact: not her name, her
 * phone, her code word, nor any way into the partner service.
 * Nothing may leave 127.0.0.1.
 */
import { checklistForms, CURRENT_CHECKLIST } from '../../src/shared/features/partners';
import { expect, startHost, test, watchNetwork, type Host } from './host';
import { logIn, nav } from './people';

const HER = { first: 'Zephyrine', last: 'Quillfeather', phone: '07700 900777', safeNumber: '07700 900778', code: 'bluebell-lantern', nameToGive: 'Jo from the surgery' };

let host: Host;

test.beforeAll(async () => {
  host = await startHost({ demo: true });
});

test.afterAll(async () => {
  await host?.stop();
});

test('a partner worker records a partner behind the wall; a facilitator sees only the contact status', async ({ page }) => {
  const outside = watchNetwork(page);
  await page.goto(host.url);
  await logIn(page, 'partner', 'demo-partner-pass', { welcome: 'Welcome, Pat Partner-Worker' });

  // Her day: the alerts and contacts due are on the home page.
  await expect(page.getByRole('region', { name: 'Today for the partner service' })).toBeVisible();
  await expect(nav(page).getByRole('link', { name: 'Partner service' })).toBeVisible();

  // A demo man, opened from the participants list.
  await nav(page).getByRole('link', { name: 'Participants', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Participants', level: 1 })).toBeVisible();
  const firstMan = page.getByRole('table', { name: 'Participants' }).getByRole('link').first();
  const manName = (await firstMan.textContent())!.trim();
  await firstMan.click();
  await expect(page.getByRole('heading', { level: 1, name: manName })).toBeVisible();
  const manId = /#\/participants\/([0-9a-f-]{36})/.exec(page.url())![1]!;

  // From his record: a new partner.
  await page.getByRole('region', { name: 'Partner contact' }).getByRole('link', { name: 'Add a partner' }).click();
  await expect(page.getByRole('heading', { name: 'New partner' })).toBeVisible();
  await expect(page.getByText(`Linked to ${manName}`)).toBeVisible();
  await page.getByRole('radio', { name: 'Current partner' }).check();
  await page.getByLabel('First name').fill(HER.first);
  await page.getByLabel('Last name').fill(HER.last);
  await page.getByLabel('Safe number to call (optional)').fill(HER.safeNumber);
  await page.getByLabel('Safe times to call (optional)').fill('Weekdays 10:00 to 12:00 only');
  await page.getByLabel('Name to give when calling (optional)').fill(HER.nameToGive);
  await page.getByLabel('Code word (optional)').fill(HER.code);
  await page.getByRole('radio', { name: 'No, never' }).check();
  await page.getByLabel('Phone (optional)').fill(HER.phone);
  await page.getByLabel('She agrees to support from the partner service').check();
  await page.getByRole('button', { name: 'Save her record' }).click();

  // Her record: the safe-contact instructions are at the top.
  await expect(page.getByRole('heading', { level: 1, name: `${HER.first} ${HER.last}` })).toBeVisible();
  const safe = page.getByTestId('safe-contact');
  await expect(safe).toContainText(HER.safeNumber);
  await expect(safe).toContainText('Weekdays 10:00 to 12:00 only');
  await expect(safe).toContainText(HER.code);
  await expect(safe).toContainText('Never');
  await expect(page.getByTestId('partner-reference')).toHaveText(/^W-\d{4}-\d{4}$/);

  // A contact: she spoke, next contact in a week.
  await page.getByRole('button', { name: 'Log a contact' }).click();
  const contact = page.getByRole('dialog', { name: 'Log a contact or an attempt' });
  await contact.getByRole('combobox', { name: 'What happened' }).click();
  await page.getByRole('option', { name: 'Spoke with her' }).click();
  await contact.getByLabel('Notes (optional)').fill('She is staying with her sister for now.');
  await contact.getByRole('button', { name: 'In a week' }).click();
  await contact.getByRole('button', { name: 'Log the contact' }).click();
  await expect(contact).toHaveCount(0);
  await expect(page.getByRole('table', { name: 'Contacts' })).toContainText('Spoke with her');
  await expect(page.getByRole('region', { name: 'Partner' })).toContainText('In contact');

  // The checklist: 14 "yes", 10 "no". The MARAC prompt shows as soon as it is saved.
  await page.getByRole('tab', { name: 'Risk checklist' }).click();
  await page.getByRole('button', { name: 'New checklist' }).click();
  const questions = checklistForms[CURRENT_CHECKLIST]!.questions;
  for (const [i, q] of questions.entries()) {
    await page.getByRole('radiogroup', { name: q.label }).getByRole('radio', { name: i < 14 ? 'Yes' : 'No', exact: true }).check();
  }
  await expect(page.getByTestId('checklist-score')).toContainText('Score: 14');
  await expect(page.getByTestId('checklist-score')).toContainText('24 of 24 answered');
  await page.getByTestId('checklist-score').getByRole('button', { name: 'Save the checklist' }).click();
  const prompt = page.getByTestId('marac-prompt');
  await expect(prompt).toContainText('High risk: refer to MARAC');
  await expect(page.getByRole('table', { name: 'Checklist history' })).toContainText('14');

  // The referral, pre-filled from the checklist.
  await prompt.getByRole('button', { name: 'Make a MARAC referral' }).click();
  const referral = page.getByRole('dialog', { name: 'Record a MARAC or MAPPA referral' });
  await expect(referral.getByRole('checkbox', { name: 'High risk score (14 or more)' })).toBeChecked();
  await referral.getByLabel('Actions agreed for this service (optional)').fill('Weekly safety calls from the partner service.');
  await referral.getByRole('button', { name: 'Record the referral' }).click();
  await expect(referral).toHaveCount(0);
  await expect(page.getByRole('region', { name: /^MARAC referral of/ })).toContainText('Weekly safety calls');

  // The partner worker sees her on his record.
  await page.evaluate((id) => (window.location.hash = `#/participants/${id}`), manId);
  await expect(page.getByRole('region', { name: 'Partner contact' }).getByRole('link', { name: `${HER.first} ${HER.last}` })).toBeVisible();
  await page.getByRole('button', { name: 'Log out' }).click();

  // The facilitator: only the status of partner contact.
  await logIn(page, 'facilitator', 'demo-facilitator-pass', { welcome: 'Welcome, Frankie Facilitator' });
  await expect(nav(page).getByRole('link', { name: 'Partner service' })).toHaveCount(0);
  await page.evaluate((id) => (window.location.hash = `#/participants/${id}`), manId);
  await expect(page.getByRole('heading', { level: 1, name: manName })).toBeVisible();
  await expect(page.getByTestId('partner-contact-status')).toContainText('In contact');
  await expect(page.getByRole('region', { name: 'Partner contact' })).toContainText('In contact');
  const text = (await page.locator('body').innerText()).toLowerCase();
  for (const secret of [HER.first, HER.last, HER.phone, HER.safeNumber, HER.code, HER.nameToGive]) {
    expect(text, `the facilitator's page shows "${secret}"`).not.toContain(secret.toLowerCase());
  }
  expect(await page.locator('a[href*="partners"]').count()).toBe(0);
  await expect(page.getByRole('link', { name: 'Partner service' })).toHaveCount(0);

  expect(outside.map((r) => r.url())).toEqual([]);
});

test('the partner list pages and filters; an earlier safety plan opens read-only; an incomplete checklist is continued', async ({ page }) => {
  const outside = watchNetwork(page);
  await page.goto(host.url);
  // The host keeps one person logged in; the test before ends as the facilitator.
  await expect(page.getByRole('heading', { name: /^(Log in|Welcome, .*)$/ })).toBeVisible();
  if (await page.getByRole('button', { name: 'Log out' }).isVisible()) await page.getByRole('button', { name: 'Log out' }).click();
  await logIn(page, 'partner', 'demo-partner-pass', { welcome: 'Welcome, Pat Partner-Worker' });

  // The list: a page at a time, with the total.
  await nav(page).getByRole('link', { name: 'Partner service' }).click();
  const table = page.getByRole('table', { name: 'Partners' });
  await expect(table).toBeVisible();
  const summary = page.getByText(/^Showing 1–25 of \d+ partners$/).first();
  await expect(summary).toBeVisible();
  const total = Number(/of (\d+) partners/.exec((await summary.textContent())!)![1]);
  expect(total).toBeGreaterThan(25);
  await page.getByRole('button', { name: 'Page 2' }).first().click();
  await expect(page.getByText(`Showing 26–${Math.min(50, total)} of ${total} partners`).first()).toBeVisible();
  await expect(table.getByRole('row')).toHaveCount(Math.min(50, total) - 25 + 1);

  // Filters: high risk, then only those with an open safeguarding concern. A filter starts again at page 1.
  await page.getByRole('combobox', { name: 'Risk' }).click();
  await page.getByRole('option', { name: 'High risk' }).click();
  await expect(page).toHaveURL(/risk=high/);
  await expect(page.getByText(/^Showing 1–\d+ of \d+ partners?$/).first()).toBeVisible();
  // Waits out the page before the filter: every row shown is high risk, and there is at least one.
  const rows = table.getByRole('row').filter({ has: page.getByRole('link') });
  await expect(rows.filter({ hasNotText: 'High risk' })).toHaveCount(0);
  await expect(rows.first()).toBeVisible();
  await page.getByLabel('Open safeguarding concern').click();
  await expect(page.getByText('Showing 1–1 of 1 partner', { exact: true }).first()).toBeVisible();
  await expect(table).toContainText('Open safeguarding concern');
  await page.getByLabel('My partners only').click();
  await expect(page).toHaveURL(/mine=1/);
  await expect(page.getByText('Showing 1–1 of 1 partner', { exact: true }).first()).toBeVisible();

  // Her safety plan, changed twice: the earlier versions say what they changed and open to read.
  await table.getByRole('link').first().click();
  await page.getByRole('tab', { name: 'Safety plan' }).click();
  for (const [section, text] of [
    ['At home (optional)', 'Locks changed; a doorbell camera; a panic alarm from the police.'],
    ['Technology and phone safety (optional)', 'A tracker was found on her car and removed.'],
  ] as const) {
    await page.getByRole('button', { name: 'Update the plan' }).click();
    await page.getByLabel(section).fill(text);
    await page.getByRole('button', { name: 'Save the safety plan' }).click();
    await expect(page.getByRole('button', { name: 'Update the plan' })).toBeVisible();
  }
  await expect(page.getByText('This version changed: Technology and phone safety.')).toBeVisible();
  const history = page.getByRole('table', { name: 'Safety plan history' });
  await expect(history.getByRole('row', { name: /^2 / })).toContainText('At home');
  await expect(history.getByRole('row', { name: /^1 / })).toContainText('First version');
  await history.getByRole('button', { name: 'Open version 2' }).click();
  const version = page.getByRole('dialog', { name: 'Safety plan, version 2' });
  await expect(version).toContainText('Locks changed; a doorbell camera; a panic alarm from the police.');
  await expect(version).not.toContainText('A tracker was found');
  await expect(version.getByText('Changed in this version', { exact: true })).toHaveCount(1);
  await expect(version.getByRole('textbox')).toHaveCount(0);
  await version.getByRole('button', { name: 'Older version' }).click();
  await expect(page.getByRole('dialog', { name: 'Safety plan, version 1' })).toContainText('The first version of her plan');
  // The dialog's own Close button at its foot (the corner's cross is named Close too).
  await page.getByRole('dialog').getByRole('button', { name: 'Close' }).last().click();

  // A checklist saved part-way is continued, not started again: one entry, scored once complete.
  await page.getByRole('tab', { name: 'Risk checklist' }).click();
  // Counted once the tab has drawn her history (the demo gave her one checklist), not before.
  const checklistHistory = page.getByRole('table', { name: 'Checklist history' });
  await expect(checklistHistory).toBeVisible();
  const entries = checklistHistory.getByRole('button', { name: /answers$/ });
  await expect(entries.first()).toBeVisible();
  const before = await entries.count();
  await page.getByRole('button', { name: 'New checklist' }).click();
  const questions = checklistForms[CURRENT_CHECKLIST]!.questions;
  for (const [i, q] of questions.slice(0, 6).entries()) {
    await page.getByRole('radiogroup', { name: q.label }).getByRole('radio', { name: i < 5 ? 'Yes' : 'No', exact: true }).check();
  }
  await page.getByLabel('Notes (optional)').fill('She had to end the call.');
  await page.getByTestId('checklist-score').getByRole('button', { name: 'Save as incomplete' }).click();
  await expect(page.getByText(/is incomplete: 6 of 24 answered/)).toBeVisible();
  await expect(entries).toHaveCount(before + 1);
  await page.getByRole('button', { name: 'Continue the checklist' }).click();
  await expect(page.getByRole('heading', { name: 'Continue the risk checklist' })).toBeVisible();
  await expect(page.getByRole('radiogroup', { name: questions[0]!.label }).getByRole('radio', { name: 'Yes', exact: true })).toBeChecked();
  await expect(page.getByLabel('Notes (optional)')).toHaveValue('She had to end the call.');
  await expect(page.getByTestId('checklist-score')).toContainText('6 of 24 answered');
  for (const [i, q] of questions.entries()) {
    if (i < 6) continue;
    await page.getByRole('radiogroup', { name: q.label }).getByRole('radio', { name: i < 15 ? 'Yes' : 'No', exact: true }).check();
  }
  await expect(page.getByTestId('checklist-score')).toContainText('Score: 14');
  await page.getByTestId('checklist-score').getByRole('button', { name: 'Save the checklist' }).click();
  await expect(page.getByTestId('marac-prompt')).toContainText('High risk: refer to MARAC');
  await expect(entries).toHaveCount(before + 1);
  await expect(page.getByRole('button', { name: /^Continue/ })).toHaveCount(0);
  await page.getByRole('button', { name: 'Log out' }).click();

  expect(outside.map((r) => r.url())).toEqual([]);
});
