/**
 * The partner worker's day (issue 16, item 5), end to end in Chromium on the demo:
 * her home page groups alerts by the woman concerned (named, with her risk
 * level), with dates as dd/mm/yyyy; "Find a partner" finds a woman by the name
 * of the man she is linked to; an empty safety plan cannot be saved.
 */
import { expect, startHost, test, type Host } from './host';

let host: Host;
test.beforeAll(async () => {
  host = await startHost({ demo: true });
});
test.afterAll(async () => {
  await host?.stop();
});

let herName = '';
let hisName = '';

test("the partner worker's home page, finding her by his name, and no empty safety plan", async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(host.url);
  await page.getByLabel('User name').fill('partner');
  await page.getByLabel('Password', { exact: true }).fill('demo-partner-pass');
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByRole('heading', { name: /^Welcome/ })).toBeVisible();

  await test.step('alerts are grouped by the woman, named, with her risk level and UK dates', async () => {
    const today = page.getByRole('region', { name: 'Today for the partner service' });
    const groups = today.getByRole('region', { name: /^Alerts about / });
    await expect(groups.first()).toBeVisible();
    const first = groups.first();
    await expect(first).toContainText(/High risk|Standard risk|No risk level yet|No partner on record yet/);
    for (const line of await first.getByTestId('alert-line').all()) await expect(line).toContainText(/\d{2}\/\d{2}\/\d{4}/);
    // One section per woman: no woman twice (men with no partner yet each have their own).
    const names = (await groups.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''))).filter((n) => /W-\d{4}-\d{4}/.test(n));
    expect(names.length).toBeGreaterThan(0);
    expect(new Set(names).size).toBe(names.length);
  });

  await test.step('"Find a partner" finds her by his name', async () => {
    await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Partner service' }).click();
    const row = page.getByRole('table', { name: 'Partners' }).locator('tbody tr').first();
    herName = (await row.getByRole('link').first().textContent())!.trim();
    await row.getByRole('link').first().click();
    await expect(page.getByRole('heading', { name: herName, level: 1 })).toBeVisible();
    const text = (await page.locator('main').textContent()) ?? '';
    hisName = /Her link to ([^\n(]+?)(?:Edit|\(|$)/.exec(text)?.[1]?.trim() ?? '';
    if (!hisName) {
      const m = /([A-Z][a-z]+ [A-Z][A-Za-z'-]+)\s*\(?P-\d{4}-\d{4}/.exec(text);
      hisName = m?.[1] ?? '';
    }
    expect(hisName).not.toBe('');
    await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Partner service' }).click();
    await page.getByLabel('Find a partner').fill(hisName);
    await expect(page.getByRole('table', { name: 'Partners' }).getByRole('link', { name: herName })).toBeVisible();
  });

  await test.step('the top search box finds her by her name and by his, labelled as a partner record', async () => {
    const search = page.getByLabel('Search participants and partners');
    for (const q of [herName, hisName]) {
      await search.fill(q);
      const partnerGroup = page.getByRole('listbox').getByRole('group', { name: 'Partner records (partner support service)' });
      await expect(partnerGroup.getByRole('option', { name: new RegExp(`^Partner record: ${herName}, W-`) }).first()).toBeVisible();
    }
    await search.fill(herName);
    await page.getByRole('option', { name: new RegExp(`^Partner record: ${herName}, W-`) }).first().click();
    await expect(page.getByRole('heading', { name: herName, level: 1 })).toBeVisible();
    await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Partner service' }).click();
  });

  await test.step('an empty safety plan cannot be saved', async () => {
    await page.getByRole('table', { name: 'Partners' }).getByRole('link', { name: herName }).first().click();
    await page.getByRole('tab', { name: /Safety plan/ }).click();
    await page.getByRole('button', { name: /Make a safety plan|Update the plan/ }).click();
    for (const box of await page.getByRole('textbox', { name: /\(optional\)$/ }).all()) await box.fill('');
    await page.getByRole('button', { name: 'Save the safety plan' }).click();
    await expect(page.getByText('Write at least one part of the safety plan before saving it')).toBeVisible();
  });
});

test('for a facilitator the top search box never shows a partner record', async ({ page }) => {
  // Run alone, this test has no partner to look for: it fails plainly rather than skipping in silence.
  expect(herName, 'the first test in this file finds a partner and her man').not.toBe('');
  await page.goto(host.url);
  const logOut = page.getByRole('button', { name: 'Log out' });
  await expect(logOut.or(page.getByRole('heading', { name: 'Log in' }))).toBeVisible();
  if (await logOut.isVisible()) await logOut.click();
  await page.getByLabel('User name').fill('facilitator');
  await page.getByLabel('Password', { exact: true }).fill('demo-facilitator-pass');
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByRole('heading', { name: /^Welcome/ })).toBeVisible();
  const search = page.getByLabel('Search participants');
  await expect(search).toHaveAttribute('placeholder', /^Find a participant:/);
  await search.fill(hisName);
  await expect(page.getByRole('option', { name: new RegExp(hisName) }).first()).toBeVisible();
  await expect(page.getByRole('listbox')).not.toContainText(herName);
  await expect(page.getByRole('listbox')).not.toContainText(/partner/i);
  await search.fill(herName);
  await expect(page.getByText(`Nobody found for “${herName}”`)).toBeVisible();
});
