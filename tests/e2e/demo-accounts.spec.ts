/** Each demo account (`--demo`) logs in and sees the menu its role allows, and nothing else. */
import { can, type Permission, type Role } from '../../src/shared/permissions';
import { expect, startHost, test, watchNetwork, type Host } from './host';

const accounts: Array<{ username: string; password: string; fullName: string; role: Role; roleLabel: string }> = [
  { username: 'admin', password: 'demo-admin-pass', fullName: 'Alex Admin', role: 'admin', roleLabel: 'Administrator' },
  { username: 'manager', password: 'demo-manager-pass', fullName: 'Morgan Manager', role: 'manager', roleLabel: 'Manager' },
  { username: 'facilitator', password: 'demo-facilitator-pass', fullName: 'Frankie Facilitator', role: 'facilitator', roleLabel: 'Facilitator' },
  { username: 'partner', password: 'demo-partner-pass', fullName: 'Pat Partner-Worker', role: 'partner_worker', roleLabel: 'Partner support worker' },
];

/** The areas in the menu and the permission each needs. */
const areas: Array<{ label: string; permission?: Permission }> = [
  { label: 'Home' },
  { label: 'New referral', permission: 'participants.edit' },
  { label: 'Participants', permission: 'participants.view' },
  { label: 'Waiting list', permission: 'participants.view' },
  { label: 'Groups', permission: 'groups.view' },
  { label: 'Calendar', permission: 'groups.view' },
  { label: 'Partner service', permission: 'partners.view' },
  { label: 'Tasks' },
  { label: 'Reports', permission: 'reports.draft' },
  { label: 'Information sharing', permission: 'sharing.log' },
  { label: 'Staff', permission: 'staff.view' },
  { label: 'Audit log', permission: 'audit.view' },
  { label: 'Data protection', permission: 'retention.review' },
  { label: 'Programme settings', permission: 'curriculum.manage' },
  { label: 'Settings', permission: 'settings.manage' },
  { label: 'Backups', permission: 'backups.manage' },
  { label: 'Updates', permission: 'updates.install' },
];

let host: Host;

test.beforeAll(async () => {
  host = await startHost({ demo: true });
});

test.afterAll(async () => {
  await host?.stop();
});

test('each demo account logs in and sees the right menu', async ({ page }) => {
  const outside = watchNetwork(page);
  await page.goto(host.url);
  for (const account of accounts) {
    await test.step(account.username, async () => {
      await expect(page.getByRole('heading', { name: 'Log in' })).toBeVisible();
      await page.getByLabel('User name').fill(account.username);
      await page.getByLabel('Password', { exact: true }).fill(account.password);
      await page.getByRole('button', { name: 'Log in' }).click();

      await expect(page.getByRole('heading', { name: `Welcome, ${account.fullName}` })).toBeVisible();
      await expect(page.getByRole('banner')).toContainText('Demo Charity');
      await expect(page.getByTestId('current-user')).toContainText(account.roleLabel);
      const menu = page.getByRole('navigation', { name: 'Main menu' });
      for (const area of areas) {
        const link = menu.getByRole('link', { name: area.label, exact: true });
        if (!area.permission || can(account.role, area.permission)) await expect(link).toBeVisible();
        else await expect(link).toHaveCount(0);
      }
      // The search box is only for those who may see participants.
      await expect(page.getByRole('textbox', { name: 'Search participants' }).or(page.getByRole('combobox', { name: 'Search participants' }))).toHaveCount(
        can(account.role, 'participants.view') ? 1 : 0,
      );

      await page.getByRole('button', { name: 'Log out' }).click();
    });
  }
  await expect(page.getByRole('heading', { name: 'Log in' })).toBeVisible();
  expect(outside.map((r) => r.url())).toEqual([]);
});
