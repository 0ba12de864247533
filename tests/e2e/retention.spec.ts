/**
 * Data protection end to end in Chromium on the demo data: a manager exports
 * the waiting list as CSV, logs a subject access request for a demo man,
 * produces the pack (a zip with the Word document and the JSON, downloaded),
 * and anonymises the demo case that closed long ago from the retention review.
 * Nothing may leave 127.0.0.1.
 */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { strFromU8, unzipSync } from 'fflate';
import { expect, startHost, test, watchNetwork, type Host } from './host';
import { nav } from './people';

let host: Host;

test.beforeAll(async () => {
  host = await startHost({ demo: true });
});

test.afterAll(async () => {
  await host?.stop();
});

async function logIn(page: Page) {
  await expect(page.getByRole('heading', { name: 'Log in' })).toBeVisible();
  await page.getByLabel('User name').fill('manager');
  await page.getByLabel('Password', { exact: true }).fill('demo-manager-pass');
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByRole('heading', { name: /^Welcome/ })).toBeVisible();
}

test('a manager exports a list, answers a subject access request and anonymises a record past its date', async ({
  page,
}) => {
  const outside = watchNetwork(page);
  await page.goto(host.url);
  await logIn(page);

  // The waiting list as a spreadsheet.
  await nav(page).getByRole('link', { name: 'Waiting list' }).click();
  await expect(page.getByRole('heading', { name: 'Waiting list', level: 1 })).toBeVisible();
  const [csv] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export CSV' }).click(),
  ]);
  expect(csv.suggestedFilename()).toMatch(/^waiting-list-\d{4}-\d{2}-\d{2}-\d+-rows\.csv$/);
  const csvText = readFileSync(await csv.path()).toString('utf8');
  expect(csvText.startsWith('\ufeffNo.,Reference,Name,Date referred,Days waiting')).toBe(true);

  // A demo man's name, from the participants list.
  await nav(page).getByRole('link', { name: 'Participants', exact: true }).click();
  const firstMan = page.getByRole('table', { name: 'Participants' }).getByRole('link').first();
  const manName = (await firstMan.textContent())!.trim();

  // Log his request: the deadline is a month away and becomes a task.
  await nav(page).getByRole('link', { name: 'Data protection' }).click();
  await expect(page.getByRole('heading', { name: 'Data protection', level: 1 })).toBeVisible();
  await page.getByRole('button', { name: 'Log a request' }).click();
  const dialog = page.getByRole('dialog', { name: 'Log a subject access request' });
  await dialog.getByRole('combobox', { name: 'Who is asking' }).fill(manName.split(' ')[0]!);
  await page.getByRole('option', { name: new RegExp(`^${manName} \\(`) }).click();
  await dialog.getByRole('combobox', { name: 'How it came' }).click();
  await page.getByRole('option', { name: 'Letter' }).click();
  await expect(dialog.getByText(/The answer is due by \d{2}\/\d{2}\/\d{4}/)).toBeVisible();
  await dialog.getByRole('button', { name: 'Log the request' }).click();

  // The review: what always goes in, what is left out until released.
  await expect(page.getByRole('heading', { name: `Subject access: ${manName}` })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Always in the pack' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Left out unless you release it' })).toBeVisible();
  await page.getByRole('button', { name: 'Produce the pack' }).click();
  const confirm = page.getByRole('dialog', { name: 'Produce the pack?' });
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    confirm.getByRole('button', { name: 'Produce and save' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^subject-access-P-\d{4}-\d{4}-\d{4}-\d{2}-\d{2}\.zip$/);
  const files = unzipSync(new Uint8Array(readFileSync(await download.path())));
  expect(Object.keys(files).sort()).toEqual(['read-me.txt', 'subject-access.docx', 'subject-access.json']);
  const json = JSON.parse(strFromU8(files['subject-access.json']!)) as {
    sections: { details: { entries: Array<{ firstName: string; lastName: string }> } };
  };
  const details = json.sections.details.entries[0]!;
  expect(`${details.firstName} ${details.lastName}`).toBe(manName);
  const docx = unzipSync(files['subject-access.docx']!);
  expect(strFromU8(docx['word/document.xml']!)).toContain(manName.split(' ')[1]!);
  await expect(page.getByText('The pack has been produced')).toBeVisible();

  // The retention review: the demo case that closed in 2010 is past its date.
  await page.getByRole('link', { name: 'Back to all requests' }).click();
  await page.getByRole('tab', { name: 'Retention review' }).click();
  const table = page.getByRole('table', { name: 'Records past their retention date' });
  const row = table.getByRole('row', { name: /Desmond Oldacre/ });
  await expect(row).toContainText('15/01/2010');
  const reference = (await row.locator('td').first().locator('p, div').last().textContent())!.trim();
  await row.getByRole('button', { name: `Anonymise ${reference}` }).click();
  const anonymise = page.getByRole('dialog', { name: /Anonymise Desmond Oldacre/ });
  await expect(anonymise.getByText('The counts stay')).toBeVisible();
  await anonymise.getByRole('button', { name: 'Anonymise the record' }).click();
  await expect(page.getByRole('status').getByText(/Backups made before today still hold this record/)).toBeVisible();
  await expect(table.getByRole('row', { name: /Desmond Oldacre/ })).toHaveCount(0);

  expect(outside).toEqual([]);
});
