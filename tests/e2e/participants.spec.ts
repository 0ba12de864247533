/**
 * A participant from referral to the waiting list, end to end in Chromium, on
 * a fresh data folder set up through the window: a referral for a new man (an
 * alias with an accent, a surname with an apostrophe); a second referral with
 * the same name and date of birth, the duplicate warning and "same person";
 * the suitability assessment (suitable for group); consents, one due for
 * review in 10 days; the waiting list; search as you type without accents or
 * apostrophes; and the task the program raises for the consent review.
 * Nothing may leave 127.0.0.1.
 */
import type { Page } from '@playwright/test';
import { addDays, todayInLondon } from '../../src/shared/dates';
import { expect, startHost, test, watchNetwork, type Host } from './host';
import { nav, submitLogIn } from './people';

test.describe.configure({ mode: 'serial' });

const ADMIN = { fullName: 'Ada Administrator', username: 'ada', password: 'kettle orbit violet' };
const FACILITATOR = { fullName: 'Felix Facilitator', username: 'felix', password: 'lantern meadow copper' };
const MAN = { first: 'Eamonn', last: "D'Arcy", alias: 'Zoë Smith', dateOfBirth: '14/03/1985', name: "Eamonn D'Arcy" };

const uk = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

let host: Host;

test.beforeAll(async () => {
  host = await startHost();
});

test.afterAll(async () => {
  await host?.stop();
});

/** Opens a Mantine select by its label and picks an option. */
async function choose(page: Page, label: string | RegExp, option: string | RegExp, scope = page.locator('body')) {
  await scope.getByRole('combobox', { name: label, exact: typeof label === 'string' }).click();
  await page.getByRole('option', { name: option }).click();
}

async function setUpWithFacilitator(page: Page) {
  await expect(page.getByRole('heading', { name: 'Set up the program' })).toBeVisible();
  await page.getByLabel('Organisation name').fill('Safer Futures Test');
  await page.getByLabel('Short name').fill('SaferFutures');
  await page.getByLabel('Address').fill('2 High Street, Newtown, NT1 1AA');
  await page.getByLabel('Full name').fill(ADMIN.fullName);
  await page.getByLabel('User name').fill(ADMIN.username);
  await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
  await page.getByLabel('Type the password again').fill(ADMIN.password);
  await page.getByRole('button', { name: 'Set up the program' }).click();
  await page.getByLabel('I have printed or written down the recovery key and stored it somewhere safe').check();
  await page.getByRole('button', { name: 'Continue to log in' }).click();

  await submitLogIn(page, ADMIN.username, ADMIN.password);
  // An administrator runs the system, not cases: no participants, no search box.
  await expect(nav(page).getByRole('link', { name: 'Participants' })).toHaveCount(0);
  await expect(page.getByLabel('Search participants')).toHaveCount(0);
  await nav(page).getByRole('link', { name: 'Staff' }).click();
  await page.getByRole('button', { name: 'Add member of staff' }).click();
  const form = page.getByRole('dialog', { name: 'Add a member of staff' });
  await form.getByLabel('Full name').fill(FACILITATOR.fullName);
  await form.getByLabel('User name').fill(FACILITATOR.username);
  await form.getByRole('radio', { name: 'Facilitator' }).check();
  await form.getByRole('button', { name: 'Add member of staff' }).click();
  const shown = page.getByRole('dialog', { name: `Temporary password for ${FACILITATOR.fullName}` });
  const temporary = (await shown.getByTestId('temporary-password').textContent())?.trim() ?? '';
  await shown.getByRole('button', { name: 'Done' }).click();
  await page.getByRole('button', { name: 'Log out' }).click();

  await submitLogIn(page, FACILITATOR.username, temporary);
  await page.getByLabel(/^Temporary password/).fill(temporary);
  await page.getByLabel('New password', { exact: true }).fill(FACILITATOR.password);
  await page.getByLabel('Type the new password again').fill(FACILITATOR.password);
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page.getByRole('heading', { name: `Welcome, ${FACILITATOR.fullName}` })).toBeVisible();
}

/** Fills his details and a referral on the New referral page. */
async function fillReferral(page: Page, source: string, reason: string) {
  await nav(page).getByRole('link', { name: 'New referral' }).click();
  await expect(page.getByRole('heading', { name: 'New referral' })).toBeVisible();
  await page.getByLabel('First name', { exact: true }).fill(MAN.first);
  await page.getByLabel('Last name', { exact: true }).fill(MAN.last);
  await page.getByLabel('Date of birth').fill(MAN.dateOfBirth);
  await page.getByLabel('Date of birth').blur();
  await choose(page, 'Who referred him?', source);
  await page.getByLabel('Reason for the referral').fill(reason);
}

test('a referral to the waiting list: duplicates, assessment, consent, search and tasks', async ({ page }) => {
  const outside = watchNetwork(page);
  const today = todayInLondon();
  await page.goto(host.url);
  await setUpWithFacilitator(page);

  let reference = '';
  await test.step('record a referral for a new man', async () => {
    for (const name of ['Participants', 'Waiting list', 'Tasks'])
      await expect(nav(page).getByRole('link', { name })).toBeVisible();
    await fillReferral(page, 'Probation', 'Community order with a requirement to attend a programme.');
    const aliases = page.getByRole('combobox', { name: 'Other names he is known by (optional)' });
    await aliases.fill(MAN.alias);
    await aliases.press('Enter');
    await choose(page, 'Key worker (optional)', `${FACILITATOR.fullName} (facilitator)`);
    // The usual route for the source is filled in.
    await expect(page.getByRole('radio', { name: 'Criminal justice' })).toBeChecked();
    await page.getByRole('button', { name: 'Save referral' }).click();

    await expect(page.getByRole('heading', { name: MAN.name, level: 1 })).toBeVisible();
    reference = (await page.getByTestId('participant-reference').textContent())?.trim() ?? '';
    expect(reference).toMatch(/^P-\d{4}-\d{4}$/);
    const header = page.getByRole('region', { name: 'Participant' });
    await expect(header).toContainText('Referred');
    await expect(header).toContainText(FACILITATOR.fullName);
    await expect(page.getByText(MAN.alias)).toBeVisible();
  });

  await test.step('a second referral with the same name and date of birth: the duplicate warning, and "same person" links it', async () => {
    await fillReferral(page, 'Family court / Cafcass', 'Child arrangements proceedings: findings of domestic abuse.');
    await page.getByRole('button', { name: 'Save referral' }).click();
    const dialog = page.getByRole('dialog', { name: 'Is he already on record?' });
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText(MAN.name);
    await expect(dialog).toContainText(reference);
    await expect(dialog).toContainText('Same name and date of birth');
    await expect(dialog.getByRole('button', { name: 'Not the same person: create a new record' })).toBeVisible();
    await dialog.getByRole('button', { name: 'Same person: add this referral to his record' }).click();

    await expect(page.getByRole('heading', { name: MAN.name, level: 1 })).toBeVisible();
    await expect(page.getByTestId('participant-reference')).toHaveText(reference);
    await page.getByRole('tab', { name: 'Referrals (2)' }).click();
    await expect(page.getByRole('heading', { name: /^Family court \/ Cafcass, received/ })).toBeVisible();
    await expect(page.getByRole('heading', { name: /^Probation, received/ })).toBeVisible();
    // Still one man on record.
    await nav(page).getByRole('link', { name: 'Participants' }).click();
    await expect(page.getByRole('table', { name: 'Participants' }).getByRole('link', { name: MAN.name })).toHaveCount(
      1,
    );
    await expect(page.getByText('Showing 1–1 of 1 participants')).toBeVisible();
    await page.getByRole('table', { name: 'Participants' }).getByRole('link', { name: MAN.name }).click();
  });

  await test.step('complete a suitability assessment: suitable for group', async () => {
    await page.getByRole('tab', { name: 'Assessment' }).click();
    await page.getByRole('button', { name: 'Start the assessment' }).click();
    const form = page.getByRole('form', { name: 'Suitability assessment' });
    // Completing with answers missing names each one.
    await form.getByRole('button', { name: 'Complete the assessment' }).click();
    await expect(form.getByText('Give the evidence for this rating').first()).toBeVisible();
    const answers: Array<[string, string, string]> = [
      ['1. Acknowledges a problem', 'Mostly', 'Described the incidents in his own words.'],
      [
        '2. Takes responsibility for his behaviour',
        'Partly',
        'Still blames drink at times, less so by the second meeting.',
      ],
      ['3. Motivated to change', 'Fully', 'Wants to be a safe father to his children.'],
    ];
    for (const [question, rating, evidence] of answers) {
      const group = form.getByRole('group', { name: question });
      await group.getByRole('radio', { name: rating }).check();
      await group.getByLabel('Evidence').fill(evidence);
    }
    await form.getByLabel('He has given consent to take part and for information to be shared').check();
    await form.getByRole('radio', { name: 'Suitable for group' }).check();
    await form.getByLabel('Reason for the decision').fill('Meets the criteria for group work.');
    await form.getByRole('button', { name: 'Complete the assessment' }).click();
    const confirm = page.getByRole('dialog', { name: 'Complete the assessment?' });
    await confirm.getByRole('button', { name: 'Complete the assessment' }).click();

    const header = page.getByRole('region', { name: 'Participant' });
    // Suitable for group puts him on the waiting list at once.
    await expect(header).toContainText('Waiting list');
    await expect(page.getByRole('button', { name: /Completed .* Suitable for group/ })).toBeVisible();
    await expect(page.getByText('Described the incidents in his own words.')).toBeVisible();
    await expect(page.getByText('4 – Fully')).toBeVisible();
  });

  await test.step('record consents, one due for review in 10 days', async () => {
    await page.getByRole('tab', { name: 'Consent' }).click();

    await page.getByRole('button', { name: 'Record consent' }).click();
    let dialog = page.getByRole('dialog', { name: 'Record consent' });
    await choose(page, 'Who may receive information?', 'Probation', dialog);
    await dialog.getByRole('radio', { name: 'Signed' }).check();
    await dialog.getByRole('button', { name: 'In 12 months' }).click();
    // Without the limits of confidentiality explained, the consent is refused, next to the tick box.
    await dialog.getByRole('button', { name: 'Record consent' }).click();
    await expect(dialog.getByText(/only valid once the limits of confidentiality/)).toBeVisible();
    await dialog.getByLabel('I explained the limits of confidentiality to him').check();
    await dialog.getByRole('button', { name: 'Record consent' }).click();
    await expect(dialog).toBeHidden();

    await page.getByRole('button', { name: 'Record consent' }).click();
    dialog = page.getByRole('dialog', { name: 'Record consent' });
    await choose(page, 'Who may receive information?', /^Partner support service/, dialog);
    await dialog.getByRole('radio', { name: 'Verbally' }).check();
    await dialog.getByLabel('Witness (optional)').fill('Sam Colleague');
    await dialog.getByLabel('Review by').fill(uk(addDays(today, 10)));
    await dialog.getByLabel('Review by').blur();
    await dialog.getByLabel('I explained the limits of confidentiality to him').check();
    await dialog.getByRole('button', { name: 'Record consent' }).click();
    await expect(dialog).toBeHidden();

    const table = page.getByRole('table', { name: 'Consents' });
    await expect(table.getByRole('row', { name: /Probation/ })).toContainText('Current');
    await expect(table.getByRole('row', { name: /Partner support service/ })).toContainText('Due for review');
    await expect(table.getByRole('row', { name: /Partner support service/ })).toContainText(uk(addDays(today, 10)));
  });

  await test.step('a task "Consent is due for review" appears on his record, on Tasks and on Home', async () => {
    await page.getByRole('tab', { name: /^Tasks/ }).click();
    const title = /^Consent is due for review: Partner support service/;
    await expect(page.getByRole('table', { name: 'Tasks' }).getByText(title)).toBeVisible();
    await nav(page).getByRole('link', { name: 'Tasks' }).click();
    await expect(page.getByRole('table', { name: 'Tasks' }).getByText(title)).toBeVisible();
    await expect(
      page
        .getByRole('table', { name: 'Tasks' })
        .getByRole('row', { name: /Consent is due for review: Partner support service/ }),
    ).toContainText('Due in 10 days');
    await nav(page).getByRole('link', { name: 'Home' }).click();
    await expect(page.getByRole('region', { name: 'My tasks' }).getByText(title)).toBeVisible();
  });

  await test.step('the assessment put him on the waiting list; the waiting list shows him', async () => {

    await nav(page).getByRole('link', { name: 'Waiting list' }).click();
    const row = page.getByRole('table', { name: 'Waiting list' }).getByRole('row', { name: new RegExp(reference) });
    await expect(row).toContainText(MAN.name);
    await expect(row).toContainText('Suitable for group');
  });

  await test.step('search finds him by the alias typed without the accent, and by his surname without the apostrophe', async () => {
    await page.keyboard.press('Control+K');
    await expect(page.getByLabel('Search participants')).toBeFocused();
    await page.keyboard.type('zoe smi');
    const hit = page.getByRole('option', { name: new RegExp(MAN.name) });
    await expect(hit).toBeVisible();
    await expect(hit).toContainText('Found by alias');
    await expect(hit).toContainText(reference);
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { name: MAN.name, level: 1 })).toBeVisible();

    await nav(page).getByRole('link', { name: 'Home' }).click();
    await page.getByLabel('Search participants').fill('darcy');
    await expect(page.getByRole('option', { name: new RegExp(MAN.name) })).toContainText('Found by name');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { name: MAN.name, level: 1 })).toBeVisible();
  });

  expect(outside.map((r) => r.url())).toEqual([]);
});
