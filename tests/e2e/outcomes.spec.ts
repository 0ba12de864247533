/**
 * Outcomes end to end (issue 18), in Chromium through the browser host: a partner worker records a
 * woman's baseline and her 6-month follow-up from the due tasks ("Done" takes her to the Outcomes
 * tab of her record); a manager then sees the change on the outcomes page, and downloads the
 * accreditation pack as Word and as CSV, both read back here: the outcomes section is there and
 * no count from 1 to 4 is.
 *
 * The folder is set up with the real back end before the host starts: six men who left the
 * programme just over six months ago (so the 6-month follow-up is due now), each with a partner;
 * five partners already have a baseline and a follow-up, so with hers there are six people behind
 * the change, enough for a manager to see it (counts of 1 to 4 are never shown).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { strFromU8, unzipSync } from 'fflate';
import Papa from 'papaparse';
import { createBackend } from '../../src/main/backend';
import { addDays, todayInLondon } from '../../src/shared/dates';
// The browser host refuses a keyring cheaper than the program's minimum (issue 13), so the folder is made at that minimum.
import { MINIMUM_KDF } from '../../src/main/vault/keyring';
import { expect, startHost, test, watchNetwork, type Host } from './host';

const ORG = { name: 'Outcomes Test Charity', shortName: 'OutcomesTest', address: '5 High Street, Newtown, NT1 1AA', charityNumber: '1234567', phone: '' };
const ADMIN = { fullName: 'Ada Administrator', username: 'ada', password: 'kettle orbit violet' };
const MANAGER = { fullName: 'Mo Manager', username: 'morgan', password: 'manager long password' };
const WORKER = { fullName: 'Pat Partnerworker', username: 'patsy', password: 'partner long password' };
const today = todayInLondon();
/** Six months and a few days ago: his 6-month follow-up fell due a few days ago. */
const ENDED = addDays(today, -186);

/** Her answers: each kind of abuse at `abuse` (0–3), her safety (0–10), her space for action at `space` (0–3). */
const hers = (abuse: number, safety: number, space: number) => ({
  physical: abuse,
  sexual: abuse,
  harassment: abuse,
  controlling: abuse,
  safety,
  children: 0,
  injuries: 0,
  police: 0,
  see_people: space,
  go_out: space,
  decide: space,
  parenting: null,
});

async function prepare(dir: string): Promise<{ herName: string }> {
  const backend = await createBackend({ dataDir: dir, kdf: { ...MINIMUM_KDF } });
  const invoke = async <T = unknown>(route: string, input: unknown): Promise<T> => {
    const r = await backend.invoke(route, input, { verified: true });
    if (!r.ok) throw new Error(`${route}: ${JSON.stringify(r.error)}`);
    return r.value as T;
  };
  const as = async (who: { username: string; password: string }) => {
    if (backend.session) await invoke('auth.logout', {});
    await invoke('auth.login', who);
  };
  await invoke('auth.setup', { organisation: ORG, admin: ADMIN });
  await as(ADMIN);
  const ids: Record<string, string> = {};
  for (const [who, role] of [
    [MANAGER, 'manager'],
    [WORKER, 'partner_worker'],
  ] as const) {
    await as(ADMIN);
    const made = await invoke<{ staff: { id: string }; temporaryPassword: string }>('staff.create', { fullName: who.fullName, username: who.username, jobTitle: '', role });
    ids[role] = made.staff.id;
    await as({ username: who.username, password: made.temporaryPassword });
    await invoke('auth.changePassword', { currentPassword: made.temporaryPassword, newPassword: who.password });
  }
  // Partner access is sealed by a holder of the partner key (the manager), never by the administrator.
  await as(MANAGER);
  await invoke('staff.grantPartnerAccess', { id: ids.partner_worker });

  const men: string[] = [];
  for (let i = 0; i < 6; i++) {
    const { id } = await invoke<{ id: string }>('participants.create', {
      details: { firstName: `Man${'ABCDEF'[i]}`, lastName: 'Outcome', dateOfBirth: '1985-03-14', aliases: [] },
      referral: { source: 'probation', agency: 'Probation', contactName: '', receivedOn: addDays(today, -400), reason: 'Referred for the programme', route: 'criminal_justice', courtReference: '', reportDueDate: '' },
    });
    for (const [status, effectiveOn] of [
      ['assessed', addDays(today, -390)],
      ['active', addDays(today, -380)],
      ['exited', ENDED],
    ] as const) {
      const r = await invoke<{ version: number }>('participants.get', { id });
      await invoke('participants.setStatus', { id, version: r.version, status, outcome: status === 'assessed' ? 'suitable_group' : null, exitReason: status === 'exited' ? 'withdrew' : null, effectiveOn });
    }
    men.push(id);
  }

  await as(WORKER);
  const herName = 'Rosalind Testpartner';
  for (let i = 0; i < 6; i++) {
    const [first, last] = i === 5 ? herName.split(' ') : [`Woman${'ABCDE'[i]}`, 'Outcome'];
    const { id } = await invoke<{ id: string }>('partners.create', {
      details: {
        firstName: first,
        lastName: last,
        phone: '07700 900111',
        address: '1 Test Street',
        safeContact: { safeNumber: '07700 900111', safeTimes: 'Weekdays', messageAllowed: 'no', nameToGive: 'Sam', codeWord: '', notes: '' },
        consentToService: true,
        workerId: ids.partner_worker,
      },
      link: { participantId: men[i], relationship: 'ex', from: '2018-01-01', to: '' },
    });
    if (i < 5) {
      // Five women already answered: a lot of abuse at first, none six months after his ending.
      const base = { set: 'partner', partnerId: id, participantId: men[i], formVersion: 1 };
      await invoke('outcomes.recordPartner', { ...base, point: 'baseline', answers: hers(3, 2, 0), recordedOn: addDays(today, -30) });
      await invoke('outcomes.recordPartner', { ...base, point: 'fu6', answers: hers(0, 8, 3), recordedOn: addDays(today, -1) });
    }
  }
  await invoke('auth.logout', {});
  await backend.shutdown();
  return { herName };
}

let host: Host;
let dir = '';
let herName = '';

test.beforeAll(async () => {
  test.setTimeout(180_000);
  dir = mkdtempSync(join(tmpdir(), 'dvpp-e2e-outcomes-'));
  ({ herName } = await prepare(dir));
  host = await startHost({ dataDir: dir });
});

test.afterAll(async () => {
  await host?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
});

async function logIn(page: Page, who: { username: string; password: string; fullName: string }) {
  await page.goto(host.url);
  const logOut = page.getByRole('button', { name: 'Log out' });
  await expect(logOut.or(page.getByRole('heading', { name: 'Log in' }))).toBeVisible();
  if (await logOut.isVisible()) await logOut.click();
  await page.getByLabel('User name').fill(who.username);
  await page.getByLabel('Password', { exact: true }).fill(who.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByRole('heading', { name: `Welcome, ${who.fullName}` })).toBeVisible();
}

async function openTasks(page: Page) {
  await page.evaluate(() => {
    location.hash = '#/tasks?scope=all';
  });
  await expect(page.getByRole('table', { name: 'Tasks' })).toBeVisible();
}

/** Picks an answer in one of the measure's drop-down lists. */
async function choose(page: Page, question: string, answer: string) {
  await page.getByRole('dialog').getByLabel(question, { exact: false }).click();
  await page.getByRole('option', { name: answer, exact: true }).click();
}

async function answerHers(page: Page, a: { abuse: string; safety: string; police: string; freedom: string }) {
  for (const q of ['physically abusive', 'sexually abusive', 'harassed or stalked', 'jealous or controlling']) await choose(page, q, a.abuse);
  await choose(page, 'How safe does she feel now?', a.safety);
  await choose(page, 'did the children see or hear abuse?', 'No');
  await choose(page, 'was she injured by him?', 'No');
  await page.getByRole('dialog').getByLabel('how many times were the police called', { exact: false }).fill(a.police);
  for (const q of ['Can she see family and friends', 'Can she go out', 'Can she make her own decisions']) await choose(page, q, a.freedom);
}

/** The row of the abuse card's table for the 6-month follow-up, as the manager sees it. */
const abuseRow = (page: Page) => page.getByRole('table', { name: 'Abuse she reported (four kinds together): change from baseline' }).getByRole('row', { name: /^6 months after/ });

test('a partner worker records from due tasks; a manager sees the change and downloads the pack', async ({ page }) => {
  test.setTimeout(240_000);
  const outside = watchNetwork(page);
  await page.setViewportSize({ width: 1366, height: 768 });

  await test.step('before: the manager sees five people with both points', async () => {
    await logIn(page, { ...MANAGER });
    await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Outcomes' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Outcomes' })).toBeVisible();
    await expect(abuseRow(page).getByRole('cell')).toHaveText(['6 months after', '5', '5', '0', '0', '-12.0']);
  });

  await test.step('the partner worker records her baseline from its due task', async () => {
    await logIn(page, { ...WORKER });
    await openTasks(page);
    const task = page.getByRole('table', { name: 'Tasks' }).locator('tbody tr').filter({ hasText: /Outcome measures with partner W-\d{4}-\d{4}: baseline/ });
    await expect(task).toHaveCount(1);
    await task.getByRole('link', { name: /^Done: Outcome measures with partner/ }).click();
    await expect(page.getByRole('heading', { level: 1, name: herName })).toBeVisible();
    await expect(page.getByRole('tab', { name: /Outcomes/ })).toHaveAttribute('aria-selected', 'true');
    await page.getByRole('button', { name: 'Record baseline: what his partner or ex-partner reports' }).click();
    await expect(page.getByRole('dialog', { name: /^Baseline/ })).toBeVisible();
    await answerHers(page, { abuse: 'Often', safety: '1', police: '2', freedom: 'Never' });
    await page.getByRole('dialog').getByRole('button', { name: 'Save' }).click();
    await expect(page.getByRole('dialog')).toHaveCount(0);
    await expect(page.getByRole('row', { name: /^Baseline/ })).toContainText('Recorded');
    // She can read back what was recorded, in the wording it was asked in.
    await page.getByRole('button', { name: 'See what was recorded: baseline, what his partner or ex-partner reports' }).click();
    const answers = page.getByRole('dialog', { name: 'Baseline: What his partner or ex-partner reports' }).getByRole('table', { name: 'Answers' });
    await expect(answers.getByRole('row', { name: /physically abusive/ })).toContainText('Often');
    await expect(answers.getByRole('row', { name: /How safe does she feel/ })).toContainText('1');
    // The dialog as a screen reader meets it (WCAG 2.2 AA, as every other screen): nothing serious or critical.
    await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));
    const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
    expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
    await page.getByRole('dialog').getByRole('button', { name: 'Close', exact: true }).last().click();
    await expect(page.getByRole('dialog')).toHaveCount(0);
  });

  await test.step('and her 6-month follow-up from its due task; both tasks close', async () => {
    await openTasks(page);
    const task = page.getByRole('table', { name: 'Tasks' }).locator('tbody tr').filter({ hasText: /Outcome measures with partner W-\d{4}-\d{4}: 6 months after/ });
    await expect(task).toHaveCount(1);
    await task.getByRole('link', { name: /^Done: Outcome measures with partner/ }).click();
    await expect(page.getByRole('tab', { name: /Outcomes/ })).toHaveAttribute('aria-selected', 'true');
    await page.getByRole('button', { name: 'Record 6 months after: what his partner or ex-partner reports' }).click();
    await answerHers(page, { abuse: 'Never', safety: '9', police: '0', freedom: 'Always' });
    await page.getByRole('dialog').getByRole('button', { name: 'Save' }).click();
    await expect(page.getByRole('dialog')).toHaveCount(0);
    await expect(page.getByRole('row', { name: /^6 months after/ })).toContainText('Recorded');
    await openTasks(page);
    await expect(page.getByRole('table', { name: 'Tasks' })).not.toContainText('Outcome measures with partner');
  });

  await test.step('the manager sees the change: six people with both, all better', async () => {
    await logIn(page, { ...MANAGER });
    await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Outcomes' }).click();
    await expect(abuseRow(page).getByRole('cell')).toHaveText(['6 months after', '6', '6', '0', '0', '-12.0']);
    await page.screenshot({ path: test.info().outputPath('outcomes-page.png'), fullPage: true });
  });

  await test.step('and downloads the accreditation pack, Word and CSV', async () => {
    await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Reports' }).click();
    await page.getByRole('button', { name: 'New report' }).click();
    const dialog = page.getByRole('dialog', { name: 'Start a report' });
    await dialog.getByLabel('Kind of report').click();
    await page.getByRole('option', { name: 'Accreditation monitoring pack' }).click();
    await dialog.getByRole('button', { name: 'Start the draft' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Accreditation monitoring pack' })).toBeVisible();

    await expect(page.getByRole('button', { name: 'Download the Word document' })).toBeEnabled();
    const [word] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download the Word document' }).click()]);
    expect(word.suggestedFilename()).toMatch(/\.docx$/);
    expect(word.suggestedFilename()).not.toContain(herName.split(' ')[1]!);
    const xml = strFromU8(unzipSync(new Uint8Array(readFileSync(await word.path())))['word/document.xml']!);
    const text = xml.replace(/<w:tab\/>/g, ' ').replace(/<\/w:p>/g, '\n').replace(/<[^>]+>/g, '');
    expect(text).toContain('Outcomes');
    expect(text).toContain('Abuse she reported (four kinds together)');
    expect(text).toContain('Partner support service: reach');
    expect(text).not.toContain(herName.split(' ')[1]!);
    // Every table cell: a count from 1 to 4 never stands alone.
    const cells = [...xml.matchAll(/<w:tc>(.*?)<\/w:tc>/gs)].map((m) => m[1]!.replace(/<[^>]+>/g, '').trim());
    expect(cells.length).toBeGreaterThan(0);
    expect(cells.filter((c) => /^[1-4]$/.test(c))).toEqual([]);

    await expect(page.getByRole('button', { name: 'Download the CSV' })).toBeVisible();
    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download the CSV' }).click()]);
    expect(csv.suggestedFilename()).toMatch(/^accreditation-pack-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}-[0-9a-f]{8}-\d{4}-\d{2}-\d{2}\.csv$/);
    // The file starts with a byte-order mark so that Excel reads it as UTF-8.
    const rows = Papa.parse<string[]>(readFileSync(await csv.path(), 'utf8').replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;
    expect(rows[0]).toEqual(['Section', 'Item', 'Column', 'Value']);
    expect(rows.some((r) => r[0] === 'Outcomes' && r[1]!.startsWith('Abuse she reported (four kinds together)'))).toBe(true);
    // The change from baseline she contributed to is there: six people with both points, six better.
    expect(rows.filter((r) => r[0] === 'Outcomes' && r[1]!.startsWith('Abuse she reported') && r[1]!.includes('6 months after')).map((r) => r[3])).toEqual(expect.arrayContaining(['6']));
    expect(rows.flat().join('\n')).not.toContain(herName.split(' ')[1]!);
    expect(rows.slice(1).filter((r) => /^[1-4]$/.test(r[3] ?? ''))).toEqual([]);
  });
  expect(outside.map((r) => r.url())).toEqual([]);
});

test('a manager sets the follow-ups and enters licensed wording, confirmed, as a new version', async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1366, height: 768 });
  await logIn(page, { ...MANAGER });
  await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Programme settings' }).click();
  await page.getByRole('tab', { name: 'Outcome measures' }).click();

  const months = page.getByLabel('Follow-ups, in months after his ending');
  await expect(months).toHaveValue('6, 12');
  await months.fill('6, twelve');
  await page.getByRole('button', { name: 'Save the follow-ups' }).click();
  await expect(page.getByText('Enter whole numbers of months, separated by commas')).toBeVisible();
  await expect(months).toHaveValue('6, twelve');
  await months.fill('6, 40');
  await page.getByRole('button', { name: 'Save the follow-ups' }).click();
  await expect(page.getByText('At most 36 months')).toBeVisible();
  await months.fill('18, 6, 12');
  await page.getByRole('button', { name: 'Save the follow-ups' }).click();
  await expect(page.getByText('Follow-ups are now 6 and 12 and 18 months after his ending.')).toBeVisible();
  await expect(months).toHaveValue('6, 12, 18');

  await page.getByRole('button', { name: 'Enter licensed wording: His own view' }).click();
  const dialog = page.getByRole('dialog', { name: 'Wording: His own view' });
  await dialog.getByLabel('Question 1').fill('');
  await dialog.getByRole('button', { name: 'Save as a new version' }).click();
  await expect(dialog.getByText('Enter the wording for every item')).toBeVisible();
  await dialog.getByLabel('Question 1').fill('He accepts that what he did was abuse');
  await dialog.getByLabel('Licence or source').fill('Licensed measure, 2026');
  await dialog.getByRole('button', { name: 'Save as a new version' }).click();
  const confirm = page.getByRole('dialog', { name: 'Replace the wording?' });
  await expect(confirm).toContainText('Answers already recorded keep the wording they were asked in');
  await confirm.getByRole('button', { name: 'Save as version 2' }).click();
  await expect(page.getByRole('table', { name: 'Measure sets' }).getByRole('row', { name: /^His own view/ })).toContainText('Version 2');
  await expect(page.getByRole('table', { name: 'Measure sets' }).getByRole('row', { name: /^His own view/ })).toContainText('Licensed measure, 2026');
});
