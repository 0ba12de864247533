/**
 * A court report end to end in Chromium on the demo data: a manager starts a
 * draft from a man's record, writes the observations and recommendations,
 * previews it, records why it is shared without consent as part of signing it
 * off (never at download), and downloads it. The file is a Word document (a zip
 * with word/document.xml) holding what was written; the report is then "Saved",
 * and "Sent" only when someone records the day and how (issue 16, item 7).
 * Nothing may leave 127.0.0.1.
 */
import { readFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import { expect, startHost, test, watchNetwork, type Host } from './host';
import { logIn, nav } from './people';

let host: Host;

test.beforeAll(async () => {
  host = await startHost({ demo: true });
});

test.afterAll(async () => {
  await host?.stop();
});

const OBSERVATIONS = "Zoë O'Brien's facilitators saw him take part: he named his own behaviour.";

test('a manager drafts, previews, signs off and downloads a court report, which is recorded', async ({ page }) => {
  const outside = watchNetwork(page);
  await page.goto(host.url);
  await logIn(page, 'manager', 'demo-manager-pass', { welcome: 'Welcome, Morgan Manager' });
  await expect(nav(page).getByRole('link', { name: 'Reports' })).toBeVisible();

  await nav(page).getByRole('link', { name: 'Participants', exact: true }).click();
  const firstMan = page.getByRole('table', { name: 'Participants' }).getByRole('link').first();
  const manName = (await firstMan.textContent())!.trim();
  await firstMan.click();
  await expect(page.getByRole('heading', { level: 1, name: manName })).toBeVisible();
  await page.getByRole('tab', { name: 'Reports' }).click();
  await page.getByRole('button', { name: 'New report or letter' }).click();

  const dialog = page.getByRole('dialog', { name: 'Start a report' });
  await dialog.getByLabel('Kind of report').click();
  await page.getByRole('option', { name: 'Court / Cafcass report: mid-programme' }).click();
  await dialog.getByRole('button', { name: 'Start the draft' }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'Court / Cafcass report: mid-programme' })).toBeVisible();
  const preview = page.getByRole('article', { name: 'Preview of the report' });
  await expect(preview).toContainText('Report to the family court / Cafcass: mid-programme');
  await expect(preview).toContainText('Attendance');
  await expect(page.getByText('Write the facilitators’ observations before it is signed off.')).toBeVisible();

  await page.getByLabel('Facilitators’ observations').fill(OBSERVATIONS);
  await page.getByLabel('Recommendations', { exact: true }).fill('He should finish the programme.');
  await page.getByRole('button', { name: 'Save draft and update the preview' }).click();
  await expect(preview).toContainText(OBSERVATIONS);

  // No consent to share with Cafcass in the demo: the decision is made before sign-off, in the sign-off dialog.
  await expect(page.getByText(/He has no current consent to share with Cafcass/)).toBeVisible();
  await page.getByRole('button', { name: 'Sign off' }).click();
  const sign = page.getByRole('dialog', { name: 'Sign off this report?' });
  await expect(sign.getByRole('button', { name: 'Record the decision and sign off' })).toBeDisabled();
  await sign.getByLabel('Reason for sharing without his consent').fill('Ordered by the family court.');
  await sign.getByRole('button', { name: 'Record the decision and sign off' }).click();
  await expect(sign).toBeHidden();
  await expect(page.getByText('Signed off', { exact: true })).toBeVisible();
  await expect(preview).toContainText('Morgan Manager');
  await expect(page.getByText('Shared without his consent: a manager’s decision')).toBeVisible();

  // Downloading asks nothing more, and the report is "Saved", not "Sent".
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download the Word document' }).click(),
  ]);
  await expect(page.getByRole('dialog')).toHaveCount(0);
  expect(download.suggestedFilename()).toMatch(
    /^court-report-mid-programme_P-\d{4}-\d{4}_\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}_[0-9a-f]{8}_\d{4}-\d{2}-\d{2}\.docx$/,
  );
  const path = await download.path();
  const files = unzipSync(new Uint8Array(readFileSync(path)));
  expect(Object.keys(files)).toContain('word/document.xml');
  const xml = strFromU8(files['word/document.xml']!);
  expect(xml).toContain('he named his own behaviour');
  expect(strFromU8(files['word/header1.xml']!)).toContain('OFFICIAL-SENSITIVE');

  await expect(page.getByText('Saved, not yet sent')).toBeVisible();
  await expect(page.getByText('Sent', { exact: true })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Download again' })).toBeVisible();
  // The file's fingerprint is in the details, not in the messages.
  await expect(page.locator('.mantine-Alert-root, [role="alert"]').filter({ hasText: /SHA-256|[0-9a-f]{16}/ })).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'File details' })).toContainText(/SHA-256.*[0-9a-f]{64}/);

  // Sending is its own step, with the day and how.
  await page.getByRole('button', { name: 'Record that it was sent' }).click();
  const sent = page.getByRole('dialog', { name: 'Record that it was sent' });
  await sent.getByRole('button', { name: 'Record as sent' }).click();
  await expect(sent.getByText('Choose how it was sent')).toBeVisible();
  await sent.getByRole('radiogroup', { name: 'How it was sent' }).getByLabel('By secure email').check();
  await sent.getByRole('button', { name: 'Record as sent' }).click();
  await expect(sent).toBeHidden();
  await expect(page.getByText(/^Sent on \d{2}\/\d{2}\/\d{4}, by secure email\./)).toBeVisible();

  // Recorded: in the Reports area under Sent, and in his information-sharing log.
  await nav(page).getByRole('link', { name: 'Reports' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Reports' })).toBeVisible();
  await page.getByRole('radiogroup', { name: 'Show reports' }).getByText('Sent', { exact: true }).click();
  await expect(page.getByRole('link', { name: 'Court / Cafcass report: mid-programme' })).toBeVisible();
  await nav(page).getByRole('link', { name: 'Participants', exact: true }).click();
  await page.getByRole('table', { name: 'Participants' }).getByRole('link', { name: manName }).click();
  await page.getByRole('tab', { name: 'Information sharing' }).click();
  await expect(page.getByText('Ordered by the family court.')).toBeVisible();
  await expect(page.getByText(/Report signed off and sent by secure email/)).toBeVisible();
  await expect(page.getByText(/SHA-256/)).toHaveCount(0);
  expect(outside.map((r) => r.url())).toEqual([]);
});

test('a safeguarding concern appears in the court report in words the facilitators can change before sign-off', async ({
  page,
}) => {
  const outside = watchNetwork(page);
  await page.goto(host.url);
  // The host keeps the earlier test's session: log in only when asked to.
  await expect(page.getByRole('heading', { name: /^(Log in|Welcome, Morgan Manager)$/ })).toBeVisible();
  if (await page.getByRole('heading', { name: 'Log in' }).isVisible())
    await logIn(page, 'manager', 'demo-manager-pass', { welcome: 'Welcome, Morgan Manager' });
  await nav(page).getByRole('link', { name: 'Participants', exact: true }).click();
  const man = page.getByRole('table', { name: 'Participants' }).getByRole('link').nth(1);
  const manName = (await man.textContent())!.trim();
  await man.click();
  await expect(page.getByRole('heading', { level: 1, name: manName })).toBeVisible();

  await page.getByRole('tab', { name: 'Safeguarding' }).click();
  await page.getByRole('button', { name: 'Raise a concern' }).first().click();
  const raise = page.getByRole('dialog', { name: 'Raise a safeguarding concern' });
  await raise.getByLabel('Child protection').check();
  await raise.getByLabel('What was seen or heard').fill('Police were called to a handover; the children were present.');
  await raise.getByLabel("Referred to children's services").check();
  await raise.getByRole('button', { name: 'Raise the concern' }).click();
  await expect(raise).toBeHidden();

  await page.getByRole('tab', { name: 'Reports' }).click();
  await page.getByRole('button', { name: 'New report or letter' }).click();
  const dialog = page.getByRole('dialog', { name: 'Start a report' });
  await dialog.getByLabel('Kind of report').click();
  await page.getByRole('option', { name: 'Court / Cafcass report: mid-programme' }).click();
  await dialog.getByRole('button', { name: 'Start the draft' }).click();

  const preview = page.getByRole('article', { name: 'Preview of the report' });
  await expect(preview).toContainText('What was raised: Police were called to a handover; the children were present.');
  const box = page.getByLabel(/^Safeguarding concern raised on \d{2}\/\d{2}\/\d{4}/);
  await expect(box).toHaveValue('Police were called to a handover; the children were present.');
  await box.fill('At a handover the police attended; both children saw him shouting.');
  await page.getByRole('button', { name: 'Save draft and update the preview' }).click();
  await expect(preview).toContainText(
    'What was raised: At a handover the police attended; both children saw him shouting.',
  );
  await expect(preview).toContainText('Who was told: children’s services.');
  expect(outside).toEqual([]);
});
