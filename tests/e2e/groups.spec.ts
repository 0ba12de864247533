/**
 * Groupwork end to end in Chromium, on the demo data (`--demo`):
 *
 * - as the manager, set up a 26-session group. Its first session was a week
 *   ago on today's weekday, so that two sessions (last week's and today's) can
 *   have registers: the program warns that the start date is in the past, and
 *   the test confirms with "Save anyway";
 * - enrol 10 men: everyone on the demo's waiting list (3 or 4 men, depending
 *   on the day the demo is made), and the rest found by reference (men
 *   referred, awaiting assessment or assessed, read from the participants list) and
 *   enrolled with a manager's reason: the override path for men not assessed
 *   as suitable;
 * - write today's plan from the suggested curriculum template and mark it ready;
 * - take last week's register with each attendance state (present, late with
 *   minutes, left early, absent with a reason, absent without a reason);
 * - see the absent man's attendance summary on his record, then again after
 *   today's register, where he is absent without a reason a second time, and
 *   see the exit-review task the rule (2 in a row) raises;
 * - a partner support worker has no Groups or Calendar in the menu.
 *
 * Nothing may leave 127.0.0.1.
 */
import type { Locator, Page } from '@playwright/test';
import { addDays, todayInLondon } from '../../src/shared/dates';
import { expect, startHost, test, watchNetwork, type Host } from './host';
import { logIn, nav } from './people';

test.describe.configure({ mode: 'serial' });

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const uk = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
const weekdayOf = (iso: string) => WEEKDAYS[(new Date(`${iso}T00:00:00Z`).getUTCDay() + 6) % 7]!;

let host: Host;

test.beforeAll(async () => {
  host = await startHost({ demo: true });
});

test.afterAll(async () => {
  await host?.stop();
});

/** Opens a Mantine select by its label and picks an option. */
async function choose(scope: Page | Locator, page: Page, label: string | RegExp, option: string | RegExp) {
  await scope.getByRole('combobox', { name: label, exact: typeof label === 'string' }).click();
  await page.getByRole('option', { name: option }).click();
}

/** A segmented control's choice: its radio input is hidden under its label, so the label is clicked. */
async function pick(scope: Locator, text: string | RegExp) {
  await scope.locator('label').filter({ hasText: text }).first().click();
}

function registerRows(page: Page) {
  return page.getByRole('group', { name: /^Register for / });
}

/** Reads the references of men with a status from the participants list (the address holds its filter), leaving out restricted records. */
async function referencesWithStatus(page: Page, status: string, label: string): Promise<string[]> {
  await page.evaluate((s) => {
    location.hash = `#/participants?status=${s}`;
  }, status);
  const rows = page.getByRole('table', { name: 'Participants' }).locator('tbody tr');
  // Wait until the list shows this status only (not the previous list while the new one loads).
  await expect
    .poll(async () => {
      const texts = await rows.allTextContents();
      return texts.length > 0 && texts.every((t) => t.includes(label));
    })
    .toBe(true);
  const out: string[] = [];
  for (const row of await rows.all()) {
    const ref = (await row.locator('td').nth(1).textContent())?.trim() ?? '';
    const restricted = (await row.textContent())?.includes('Restricted record');
    if (/^P-\d{4}-\d{4}$/.test(ref) && !restricted) out.push(ref);
  }
  return out;
}

test('a group from set-up to the exit review: schedule, enrolment, plan, registers, attendance, tasks', async ({ page }) => {
  test.setTimeout(180_000);
  const outside = watchNetwork(page);
  const today = todayInLondon();
  const groupName = `E2E ${weekdayOf(today)} group`;
  await page.goto(host.url);
  await logIn(page, 'manager', 'demo-manager-pass');

  // Men not on any group, for the override path: referred, awaiting assessment, assessed.
  const candidates = new Set<string>();
  for (const [status, label] of [['referred', 'Referred'], ['awaiting_assessment', 'Awaiting assessment'], ['assessed', 'Assessed']] as const) {
    for (const ref of await referencesWithStatus(page, status, label)) candidates.add(ref);
  }
  expect(candidates.size).toBeGreaterThanOrEqual(7);

  await test.step('set up a 26-session group, confirming the warning about a start date in the past', async () => {
    for (const name of ['Groups', 'Calendar', 'Programme settings']) await expect(nav(page).getByRole('link', { name })).toBeVisible();
    await nav(page).getByRole('link', { name: 'Groups' }).click();
    await expect(page.getByRole('table', { name: 'Groups' })).toContainText('Tuesday evening group');
    await page.getByRole('link', { name: 'New group' }).click();
    await expect(page.getByRole('heading', { name: 'New group', level: 1 })).toBeVisible();

    await choose(page, page, 'Programme', /^Group programme/);
    await expect(page.getByText('26 sessions of 2 h 30 min')).toBeVisible();
    await page.getByLabel('Name of the group').fill(groupName);
    await choose(page, page, 'Day of the week', weekdayOf(today));
    await page.getByLabel('Start time, hours').fill('13');
    await page.getByLabel('Start time, minutes').fill('00');
    await page.getByRole('combobox', { name: 'Venue' }).fill('Family Centre, Room A');
    await page.getByRole('combobox', { name: 'Venue' }).press('Escape');
    await choose(page, page, 'First facilitator', 'Morgan Manager (manager)');
    await choose(page, page, 'Second facilitator (optional)', 'Frankie Facilitator (facilitator)');
    await expect(page.getByLabel('Places')).toHaveValue('10');

    // A week ago on today's weekday; two weeks if that day is a closure date.
    const preview = page.getByTestId('schedule-preview');
    let start = addDays(today, -7);
    await page.getByLabel('Start date').fill(uk(start));
    await page.getByLabel('Start date').blur();
    await expect(preview).toContainText('26 weekly sessions');
    if (!(await preview.textContent())?.includes(`from ${uk(start)}`)) {
      start = addDays(today, -14);
      await page.getByLabel('Start date').fill(uk(start));
      await page.getByLabel('Start date').blur();
      await expect(preview).toContainText(`from ${uk(start)}`);
    }
    await expect(preview).toContainText('The first session is in the past');

    await page.getByRole('button', { name: 'Set up the group' }).click();
    const warnings = page.getByTestId('save-warnings');
    await expect(warnings).toContainText('The start date is in the past');
    await warnings.getByRole('button', { name: 'Save anyway' }).click();

    await expect(page.getByRole('heading', { name: groupName, level: 1 })).toBeVisible();
    const about = page.getByRole('region', { name: 'About this group' });
    await expect(about).toContainText('0 of 10 places');
    await expect(about).toContainText('0 of 26');
    await expect(about).toContainText('Morgan Manager and Frankie Facilitator');
    await expect(page.getByRole('tab', { name: 'Session schedule (26)' })).toBeVisible();
  });

  await test.step("enrol 10 men: everyone on the waiting list, and the rest with a manager's reason", async () => {
    await page.getByRole('tab', { name: /^Men on the group/ }).click();
    await page.getByRole('button', { name: 'Enrol from the waiting list' }).click();
    const dialog = page.getByRole('dialog', { name: `Enrol men on ${groupName}` });
    const waiting = dialog.getByRole('table', { name: 'Men on the waiting list' });
    await expect(waiting.locator('tbody tr').first()).toBeVisible();
    const onList = await waiting.locator('tbody tr').count();
    expect(onList).toBeGreaterThanOrEqual(3);
    for (const box of await waiting.getByRole('checkbox').all()) await box.check();
    const search = dialog.getByRole('combobox', { name: 'Someone not on the waiting list (optional)' });
    for (const ref of [...candidates].slice(0, 10 - onList)) {
      await search.fill(ref);
      await page.getByRole('option', { name: new RegExp(`\\(${ref}\\)`) }).click();
      await expect(dialog.getByRole('button', { name: new RegExp(`^Remove .*\\(${ref}\\)$`) })).toBeVisible();
    }
    await dialog.getByLabel('Reason for enrolling someone not assessed as suitable').fill('Agreed at case review: assessment booked for next week.');
    await dialog.getByRole('button', { name: 'Enrol 10 men' }).click();
    // Warnings (for example a man on another group) are confirmed.
    const anyway = dialog.getByRole('button', { name: 'Enrol anyway' });
    const done = page.getByText(`10 men enrolled on ${groupName}. They start at session 1.`);
    await expect(anyway.or(done)).toBeVisible();
    if (await anyway.isVisible()) await anyway.click();
    await expect(done).toBeVisible();
    await expect(dialog).toBeHidden();
    const men = page.getByRole('table', { name: 'Men on this group' });
    await expect(men.locator('tbody').getByText('On the group', { exact: true })).toHaveCount(10);
    expect(await men.getByText(/^Enrolled without a suitable assessment: Agreed at case review/).count()).toBeGreaterThan(0);
    await expect(page.getByRole('region', { name: 'About this group' })).toContainText('10 of 10 places');
  });

  await test.step("write today's plan from the curriculum template and mark it ready", async () => {
    await page.getByRole('tab', { name: /^Session schedule/ }).click();
    const schedule = page.getByRole('table', { name: 'Session schedule' });
    await schedule.getByRole('link', { name: new RegExp(`^Session 2 of 26, `) }).click();
    await expect(page.getByRole('heading', { name: /^Session 2 of 26/, level: 1 })).toBeVisible();
    await page.getByRole('tab', { name: /^Session plan/ }).click();
    await expect(page.getByText('No plan yet')).toBeVisible();
    // The second session of the first theme: its second template is suggested.
    const suggested = page.locator('.mantine-Card-root').filter({ hasText: 'Suggested' });
    const templateTitle = (await suggested.locator('p').first().textContent())?.trim() ?? '';
    await suggested.getByRole('button', { name: /^Use the template/ }).click();
    const plan = page.getByRole('form', { name: 'Session plan' });
    await expect(plan.getByLabel('Title')).toHaveValue(templateTitle);
    await expect(plan.getByTestId('activities-total')).toContainText('of 150 minutes');
    await pick(plan, /^Ready$/);
    await plan.getByRole('button', { name: 'Save the plan' }).click();
    await expect(page.getByText('Plan saved and marked ready.')).toBeVisible();
    await expect(plan.getByText('Ready', { exact: true }).first()).toBeVisible();
    await expect(page.getByRole('tab', { name: /^Session plan/ })).not.toContainText('none yet');
  });

  let absentName = '';
  await test.step("last week's register with each attendance state", async () => {
    await page.getByRole('link', { name: groupName }).click();
    await page.getByRole('table', { name: 'Session schedule' }).getByRole('link', { name: /^Session 1 of 26, / }).click();
    await expect(page.getByRole('heading', { name: /^Session 1 of 26/, level: 1 })).toBeVisible();
    await expect(page.getByRole('tab', { name: /^Register and session log/ })).toHaveAttribute('aria-selected', 'true');
    const rows = registerRows(page);
    await expect(rows).toHaveCount(10);

    await pick(rows.nth(0), /^Present$/);
    await pick(rows.nth(0), /^4/);
    await rows.nth(0).getByLabel('His session log: a short note (optional)').fill('Gave an honest example about last week.');
    await pick(rows.nth(1), /^Late$/);
    await rows.nth(1).getByLabel('Minutes late').fill('15');
    await pick(rows.nth(2), /^Left early$/);
    await rows.nth(2).getByLabel('Minutes before the end he left (optional)').fill('30');
    await pick(rows.nth(3), /^Absent: reason given$/);
    await rows.nth(3).getByLabel('Reason he gave').fill('Hospital appointment');
    await pick(rows.nth(4), /^Absent: no reason$/);
    await expect(rows.nth(4)).toContainText('The partner support service is alerted');
    absentName = (await rows.nth(4).getByRole('link').first().textContent())?.trim() ?? '';
    expect(absentName).not.toBe('');
    await page.getByRole('button', { name: 'Mark everyone present' }).click();
    await expect(page.getByText('6 present · 1 late · 1 left early · 1 absent with a reason · 1 absent without a reason')).toBeVisible();
    await page.getByLabel("The facilitators' debrief (optional)").fill('First session went well; two men quiet.');
    await page.getByRole('button', { name: 'Save the register' }).click();
    await expect(page.getByText(/^Register for session 1 saved\./)).toBeVisible();
    await expect(page.getByText(/^Taken by Morgan Manager on /)).toBeVisible();
    await expect(rows.nth(1).getByLabel('Minutes late')).toHaveValue('15 min');
  });

  await test.step('his attendance summary on his record', async () => {
    await registerRows(page).nth(4).getByRole('link', { name: absentName }).click();
    await expect(page.getByRole('heading', { name: absentName, level: 1 })).toBeVisible();
    await page.getByRole('tab', { name: 'Groups and attendance' }).click();
    await expect(page.getByTestId('attendance-headline')).toHaveText('Attended 0 of 1 session');
    const sessions = page.getByRole('table', { name: 'His sessions' });
    await expect(sessions.getByText('Absent, no reason')).toBeVisible();
    await expect(page.getByRole('table', { name: 'His groups' })).toContainText(groupName);
    await expect(page.getByTestId('completion-rule')).toContainText('Behind the completion rule');
    await page.goBack();
  });

  await test.step("today's register: a second absence without a reason", async () => {
    await page.getByRole('link', { name: groupName }).first().click();
    await page.getByRole('table', { name: 'Session schedule' }).getByRole('link', { name: /^Session 2 of 26, / }).click();
    await page.getByRole('tab', { name: /^Register and session log/ }).click();
    const rows = registerRows(page);
    await expect(rows).toHaveCount(10);
    const his = page.getByRole('group', { name: `Register for ${absentName}` });
    await pick(his, /^Absent: no reason$/);
    await page.getByRole('button', { name: 'Mark everyone present' }).click();
    await expect(page.getByText('9 present · 1 absent without a reason')).toBeVisible();
    await page.getByRole('button', { name: 'Save the register' }).click();
    await expect(page.getByText(/^Register for session 2 saved\./)).toBeVisible();
  });

  await test.step('his summary updates, and the exit review is raised', async () => {
    await page.getByRole('group', { name: `Register for ${absentName}` }).getByRole('link', { name: absentName }).click();
    await page.getByRole('tab', { name: 'Groups and attendance' }).click();
    await expect(page.getByTestId('attendance-headline')).toHaveText('Attended 0 of 2 sessions');
    await expect(page.getByRole('table', { name: 'His sessions' }).getByText('Absent, no reason')).toHaveCount(2);
    await page.getByRole('tab', { name: /^Tasks/ }).click();
    const tasks = page.getByRole('table', { name: 'Tasks' });
    await expect(tasks.getByText(/^Exit review: 2 absences in a row without reason/)).toHaveCount(1);
    // Each absence without a reason alerted the partner support service (managers see those alerts too).
    await expect(tasks.getByText(/^Unplanned absence \(P-\d{4}-\d{4}\)/)).toHaveCount(2);
  });

  await test.step('a partner support worker has no groups or calendar', async () => {
    await page.getByRole('button', { name: 'Log out' }).click();
    await logIn(page, 'partner', 'demo-partner-pass');
    for (const name of ['Groups', 'Calendar', 'Programme settings']) await expect(nav(page).getByRole('link', { name })).toHaveCount(0);
    await expect(page.getByRole('region', { name: "Today's sessions" })).toHaveCount(0);
    await page.getByRole('button', { name: 'Log out' }).click();
  });

  expect(outside.map((r) => r.url())).toEqual([]);
});
