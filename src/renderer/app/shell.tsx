/** The frame of the app once someone is logged in: header (who, lock, log out) and the menu of areas their role may use. */
import { AppShell, Box, Button, Center, Group, Loader, NavLink, Stack, Text } from '@mantine/core';
import { IconAdjustmentsHorizontal, IconArrowsExchange, IconChartBar, IconDatabaseExport, IconFileImport, IconCalendarWeek, IconChecklist, IconCircles, IconClipboardList, IconFileText, IconHome, IconHeartHandshake, IconHourglass, IconKey, IconLock, IconLogout, IconPackage, IconSettings, IconShieldLock, IconUserPlus, IconUsers, IconUsersGroup } from '@tabler/icons-react';
import { Suspense, useState, type ComponentType } from 'react';
import { Link, Outlet, useLocation } from 'react-router';
import { useFocusReturn } from '../components/focus-return';
import { UnsavedChangesGuard } from '../components/unsaved-changes';
import { can, roleLabels, type Permission } from '../../shared/permissions';
import { ChangePasswordModal } from '../features/auth/change-password-modal';
import { HeaderSearch } from '../features/participants/header-search';
import { AuditWarning } from '../features/audit/audit-warning';
import { useApiQuery } from './api';
import { useAuth, useSession } from './auth-context';

interface Area {
  to: string;
  label: string;
  icon: ComponentType<{ size?: number }>;
  permission?: Permission;
}

/** Only the areas that exist. Later features add theirs here. */
export const areas: Area[] = [
  { to: '/', label: 'Home', icon: IconHome },
  { to: '/participants', label: 'Participants', icon: IconUsersGroup, permission: 'participants.view' },
  { to: '/waiting-list', label: 'Waiting list', icon: IconHourglass, permission: 'participants.view' },
  { to: '/groups', label: 'Groups', icon: IconCircles, permission: 'groups.view' },
  { to: '/calendar', label: 'Calendar', icon: IconCalendarWeek, permission: 'groups.view' },
  { to: '/partners', label: 'Partner service', icon: IconHeartHandshake, permission: 'partners.view' },
  { to: '/tasks', label: 'Tasks', icon: IconChecklist },
  { to: '/reports', label: 'Reports', icon: IconFileText, permission: 'reports.draft' },
  { to: '/outcomes', label: 'Outcomes', icon: IconChartBar, permission: 'outcomes.view' },
  { to: '/information-sharing', label: 'Information sharing', icon: IconArrowsExchange, permission: 'sharing.log' },
  { to: '/staff', label: 'Staff', icon: IconUsers, permission: 'staff.view' },
  { to: '/audit', label: 'Audit log', icon: IconClipboardList, permission: 'audit.view' },
  { to: '/import', label: 'Import', icon: IconFileImport, permission: 'imports.run' },
  { to: '/data-protection', label: 'Data protection', icon: IconShieldLock, permission: 'retention.review' },
  { to: '/programme-settings', label: 'Programme settings', icon: IconAdjustmentsHorizontal, permission: 'curriculum.manage' },
  { to: '/settings', label: 'Settings', icon: IconSettings, permission: 'settings.manage' },
  { to: '/backups', label: 'Backups', icon: IconDatabaseExport, permission: 'backups.manage' },
  { to: '/updates', label: 'Updates', icon: IconPackage, permission: 'updates.install' },
];

export function Shell() {
  const session = useSession();
  const { lock, logout } = useAuth();
  const location = useLocation();
  const [changingPassword, setChangingPassword] = useState(false);
  // Closing a dialog puts the focus back on the button that opened it.
  useFocusReturn();
  // The name as saved in Settings (the session's copy is from log-in time).
  const settings = useApiQuery('settings.get', {}, { staleTime: Infinity });
  const organisationName = settings.data?.organisation.name || session.organisationName;

  const visible = areas.filter((a) => !a.permission || can(session.role, a.permission));
  const isActive = (to: string) =>
    to === '/' ? location.pathname === '/' : location.pathname.startsWith(to) && location.pathname !== '/participants/new';

  return (
    <AppShell header={{ height: 64 }} navbar={{ width: 240, breakpoint: 'xs' }} padding="lg">
      {/* The first thing Tab reaches: past the header and menu to the page itself (WCAG 2.4.1). It moves focus
          itself, because the hash router would read "#main" as a page address. */}
      <a
        href="#/"
        className="skip-link"
        onClick={(e) => {
          e.preventDefault();
          document.getElementById('main-content')?.focus();
        }}
      >
        Skip to content
      </a>
      <AppShell.Header>
        <Group h="100%" px="lg" justify="space-between" wrap="nowrap" gap="md">
          <Text fw={700} size="lg" truncate="end" title={organisationName} style={{ flexShrink: 1, minWidth: 80 }}>
            {organisationName}
          </Text>
          {can(session.role, 'participants.view') && (
            <Box style={{ flex: '1 1 320px', maxWidth: 440 }}>
              <HeaderSearch />
            </Box>
          )}
          <Group gap="sm" wrap="nowrap">
            <Stack gap={0} align="flex-end" data-testid="current-user">
              <Text fw={600} size="sm" lh={1.3}>
                {session.fullName}
              </Text>
              <Text size="xs" c="dimmed" lh={1.3}>
                {roleLabels[session.role]}
              </Text>
            </Stack>
            <Button variant="subtle" leftSection={<IconKey size={18} />} onClick={() => setChangingPassword(true)}>
              Change my password
            </Button>
            <Button
              variant="light"
              leftSection={<IconLock size={18} />}
              onClick={() => void lock()}
              title="Lock the program when you leave the computer. Unlock with your password."
            >
              Lock
            </Button>
            <Button
              variant="default"
              leftSection={<IconLogout size={18} />}
              onClick={() => void logout()}
            >
              Log out
            </Button>
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="sm" aria-label="Main menu">
        {/* The menu scrolls on its own when it is taller than the window (a 720-pixel-high screen). */}
        <AppShell.Section grow style={{ overflowY: 'auto', minHeight: 0 }}>
          {can(session.role, 'participants.edit') && (
            <Button
              component={Link}
              to="/participants/new"
              fullWidth
              leftSection={<IconUserPlus size={18} />}
              mb="sm"
              variant={location.pathname === '/participants/new' ? 'filled' : 'light'}
            >
              New referral
            </Button>
          )}
          {visible.map((area) => (
            <NavLink
              key={area.to}
              component={Link}
              to={area.to}
              label={area.label}
              leftSection={<area.icon size={20} />}
              active={isActive(area.to)}
              aria-current={isActive(area.to) ? 'page' : undefined}
              className="app-nav-link"
              variant="light"
              mb={4}
            />
          ))}
        </AppShell.Section>
        <AppShell.Section>
          <Text size="xs" c="dimmed" px="sm" pb="xs">
            Locks by itself after {session.autoLockMinutes} minute{session.autoLockMinutes === 1 ? '' : 's'} without use.
          </Text>
        </AppShell.Section>
      </AppShell.Navbar>

      <AppShell.Main bg="gray.0" id="main-content" tabIndex={-1} style={{ outline: 'none' }}>
        <Box maw={1400}>
          <AuditWarning message={session.auditWarning} />
          <Suspense
            fallback={
              <Center py="xl">
                <Loader aria-label="Loading the page" />
              </Center>
            }
          >
            <Outlet />
            <UnsavedChangesGuard />
          </Suspense>
        </Box>
      </AppShell.Main>
      <ChangePasswordModal opened={changingPassword} onClose={() => setChangingPassword(false)} />
    </AppShell>
  );
}
