/**
 * The waiting list follows the assessment, and groups are started from it
 * (issue 16, items 4 and 6), end to end in Chromium on the demo data:
 *
 * - a man awaiting assessment is marked as needing an interpreter, then his
 *   assessment is completed as "suitable for group": he is on the waiting list
 *   at once, with the date, without a second step;
 * - on the waiting list the manager ticks him and chooses "Start a group from
 *   these men": the new group page names him; the schedule skips the bank
 *   holidays on its day;
 * - once the group is set up, the enrol dialog opens with him ticked, and
 *   enrolling him asks first because he needs an interpreter;
 * - "Men on the group" shows his flags; the schedule shows each skipped date
 *   with its reason ("No session: Easter Monday").
 */
import type { Locator, Page } from '@playwright/test';
import { addDays, todayInLondon } from '../../src/shared/dates';
import { expect, startHost, test, watchNetwork, type Host } from './host';
import { nav } from './people';

const uk = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
let host: Host;

test.beforeAll(async () => {
  host = await startHost({ demo: true });
});
test.afterAll(async () => {
  await host?.stop();
});

async function choose(scope: Page | Locator, page: Page, label: string | RegExp, option: string | RegExp) {
  await scope.getByRole('combobox', { name: label, exact: typeof label === 'string' }).click();
  await page.getByRole('option', { name: option }).click();
}

test('suitable at assessment puts him on the waiting list; a group started from it asks before enrolling a man who needs an interpreter, shows his flags and the skipped dates', async ({ page }) => {
  test.setTimeout(180_000);
  const outside = watchNetwork(page);
  const today = todayInLondon();
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(host.url);
  await page.getByLabel('User name').fill('manager');
  await page.getByLabel('Password', { exact: true }).fill('demo-manager-pass');
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByRole('heading', { name: /^Welcome/ })).toBeVisible();

  let name = '';
  let reference = '';
  await test.step('open a man awaiting assessment and mark him as needing an interpreter', async () => {
    await page.evaluate(() => {
      location.hash = '#/participants?status=awaiting_assessment';
    });
    const rows = page.getByRole('table', { name: 'Participants' }).locator('tbody tr');
    await expect.poll(async () => {
      const texts = await rows.allTextContents();
      return texts.length > 0 && texts.every((t) => t.includes('Awaiting assessment'));
    }).toBe(true);
    const link = rows.first().getByRole('link').first();
    name = (await link.textContent())!.trim();
    await link.click();
    await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible();
    reference = (await page.getByTestId('participant-reference').textContent())!.trim();
    await page.getByRole('button', { name: 'Edit details' }).click();
    const details = page.getByRole('form', { name: 'Edit his details' });
    const interpreter = details.getByLabel('He needs an interpreter');
    if (!(await interpreter.isChecked())) await interpreter.check();
    await details.getByRole('button', { name: 'Save details' }).click();
    await expect(details).toBeHidden();
  });

  await test.step('complete his assessment as suitable for group: he is on the waiting list at once', async () => {
    await page.getByRole('tab', { name: 'Assessment' }).click();
    await page.getByRole('button', { name: 'Start the assessment' }).click();
    const form = page.getByRole('form', { name: 'Suitability assessment' });
    for (const question of ['1. Acknowledges a problem', '2. Takes responsibility for his behaviour', '3. Motivated to change']) {
      const group = form.getByRole('group', { name: question });
      await group.getByRole('radio', { name: 'Mostly' }).check();
      await group.getByLabel('Evidence').fill('Seen at both meetings.');
    }
    await form.getByLabel('He has given consent to take part and for information to be shared').check();
    await form.getByRole('radio', { name: 'Suitable for group' }).check();
    await form.getByLabel('Reason for the decision').fill('Meets the criteria for group work.');
    await form.getByRole('button', { name: 'Complete the assessment' }).click();
    await page.getByRole('dialog', { name: 'Complete the assessment?' }).getByRole('button', { name: 'Complete the assessment' }).click();
    // No second step: his status is the waiting list.
    await expect(page.getByRole('region', { name: 'Participant' })).toContainText('Waiting list');
  });

  await test.step('the waiting list shows him with the date; start a group from him', async () => {
    await nav(page).getByRole('link', { name: 'Waiting list' }).click();
    const row = page.getByRole('table', { name: 'Waiting list' }).getByRole('row', { name: new RegExp(reference) });
    await expect(row).toContainText(name);
    // The day of the decision (the last meeting, today).
    await expect(row).toContainText(uk(today));
    await expect(page.getByRole('button', { name: 'Start a group from these men' })).toBeDisabled();
    await row.getByRole('checkbox').check();
    await page.getByRole('button', { name: 'Start a group from these men' }).click();
    await expect(page.getByRole('heading', { name: 'New group', level: 1 })).toBeVisible();
    await expect(page.getByRole('alert').or(page.locator('.mantine-Alert-root')).first()).toContainText(name);
  });

  const groupName = 'Monday group from the waiting list';
  const skipped: Array<[string, string]> = [];
  await test.step('set up the group on Mondays: the preview names the bank holidays it skips', async () => {
    await choose(page, page, 'Programme', /^Group programme/);
    await page.getByLabel('Name of the group').fill(groupName);
    await choose(page, page, 'Day of the week', 'Monday');
    await page.getByLabel('Start time, hours').fill('10');
    await page.getByLabel('Start time, minutes').fill('00');
    await page.getByRole('combobox', { name: 'Venue' }).fill('Family Centre, Room B');
    await page.getByRole('combobox', { name: 'Venue' }).press('Escape');
    await choose(page, page, 'First facilitator', 'Morgan Manager (manager)');
    await page.getByLabel('Start date').fill(uk(addDays(today, 1)));
    await page.getByLabel('Start date').blur();
    const preview = page.getByTestId('schedule-preview');
    await expect(preview).toContainText('26 weekly sessions');
    // 26 Mondays always cross at least one bank holiday in England and Wales.
    const text = (await preview.textContent()) ?? '';
    // "Skipping 2 closure dates: Easter Monday (29/03/2027), Boxing Day (substitute day) (28/12/2026)"
    const list = text.slice(text.indexOf('closure date')).replace(/^closure dates?:\s*/, '');
    const parts = list.split(/\s\((\d{2}\/\d{2}\/\d{4})\)(?:,\s*)?/);
    for (let i = 0; i + 1 < parts.length; i += 2) skipped.push([parts[i]!.trim(), parts[i + 1]!]);
    expect(Number(/Skipping (\d+) closure date/.exec(text)?.[1])).toBe(skipped.length);
    expect(skipped.length).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Set up the group' }).click();
    await expect(page.getByRole('heading', { name: groupName, level: 1 })).toBeVisible();
  });

  await test.step('the enrol dialog opens with him ticked; enrolling asks first because he needs an interpreter', async () => {
    const dialog = page.getByRole('dialog', { name: `Enrol men on ${groupName}` });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole('checkbox', { name: new RegExp(reference) })).toBeChecked();
    await dialog.getByRole('button', { name: 'Enrol 1 man' }).click();
    const warnings = dialog.getByTestId('save-warnings');
    await expect(warnings).toContainText(`${reference} needs an interpreter`);
    await expect(warnings).toContainText('one-to-one');
    await warnings.getByRole('button', { name: 'Enrol anyway' }).click();
    await expect(dialog).toBeHidden();
  });

  await test.step('"Men on the group" shows his flags', async () => {
    await page.getByRole('tab', { name: /Men on the group/ }).click();
    const men = page.getByRole('table', { name: 'Men on this group' });
    await expect(men.getByRole('columnheader', { name: 'Flags' })).toBeVisible();
    await expect(men.getByRole('row', { name: new RegExp(name) })).toContainText('Interpreter');
  });

  await test.step('the schedule shows each skipped date with its reason', async () => {
    await page.getByRole('tab', { name: /Session schedule/ }).click();
    const schedule = page.getByRole('table', { name: 'Session schedule' });
    const rows = schedule.getByTestId('skipped-date');
    await expect(rows).toHaveCount(skipped.length);
    for (const [reason] of skipped) await expect(schedule).toContainText(`No session: ${reason}`);
  });

  expect(outside).toEqual([]);
});
