/** The first page after logging in: who you are, what your role is for, and where to go. No figures until there are real ones. */
import { Anchor, Button, Card, Group, List, SimpleGrid, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconAdjustmentsHorizontal, IconCalendarWeek, IconCircles, IconClipboardList, IconHourglass, IconLock, IconSettings, IconShieldLock, IconUsers, IconUsersGroup } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { can, roleDescriptions, roleLabels } from '../../../shared/permissions';
import { useSession } from '../../app/auth-context';
import { PageHeader } from '../../components/page-header';
import { TodaysSessionsCard, WithoutReadyPlanCard } from '../calendar/session-cards';
import { PartnerTodayCard } from '../partners/partner-today-card';
import { MyTasksCard } from '../tasks/my-tasks-card';
import { BackupCard } from '../backups/backup-card';
import { DataProtectionSummary } from '../retention/home-summary';
import { DashboardCard } from '../outcomes/dashboard-card';

function AreaCard({ icon, title, children, to, action }: { icon: ReactNode; title: string; children: ReactNode; to: string; action: string }) {
  return (
    <Card withBorder radius="md" padding="lg">
      <Stack gap="sm" h="100%">
        <Group gap="sm" wrap="nowrap">
          <ThemeIcon variant="light" size="lg" radius="md" aria-hidden>
            {icon}
          </ThemeIcon>
          <Title order={2} size="h4">
            {title}
          </Title>
        </Group>
        <Text size="sm" style={{ flexGrow: 1 }}>
          {children}
        </Text>
        <Group>
          <Button component={Link} to={to} variant="light">
            {action}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

export function HomePage() {
  const session = useSession();
  const { role } = session;
  const cards: ReactNode[] = [];
  if (can(role, 'participants.edit')) {
    cards.push(
      <AreaCard key="participants" icon={<IconUsersGroup size={20} />} title="Participants" to="/participants" action="Open the participants list">
        Everyone referred to the programme. Record a new referral with &quot;New referral&quot; in the menu, or find someone with the
        search box at the top (Ctrl+K).
      </AreaCard>,
    );
  } else if (can(role, 'participants.view')) {
    cards.push(
      <AreaCard key="participants" icon={<IconUsersGroup size={20} />} title="Participants" to="/participants" action="Open the participants list">
        Everyone referred to the programme, their status, risk and consent. Find someone with the search box at the top (Ctrl+K).
      </AreaCard>,
    );
  }
  if (can(role, 'participants.view')) {
    cards.push(
      <AreaCard key="waiting" icon={<IconHourglass size={20} />} title="Waiting list" to="/waiting-list" action="Open the waiting list">
        Men assessed as suitable and waiting to start, with how long each has waited.
      </AreaCard>,
    );
  }
  if (can(role, 'groups.view')) {
    cards.push(
      <AreaCard key="groups" icon={<IconCircles size={20} />} title="Groups" to="/groups" action="Open the groups">
        {can(role, 'groups.manage')
          ? "Set up a group or one-to-one work, enrol men from the waiting list, and see each session's plan and register."
          : 'Your groups and one-to-one work: the session schedule, the men on each group, plans and registers.'}
      </AreaCard>,
      <AreaCard key="calendar" icon={<IconCalendarWeek size={20} />} title="Calendar" to="/calendar" action="Open the calendar">
        Every session by week or month, for one facilitator or venue. Open a session to plan it, take its register, move or cancel it.
      </AreaCard>,
    );
  }
  if (can(role, 'curriculum.manage')) {
    cards.push(
      <AreaCard key="programmes" icon={<IconAdjustmentsHorizontal size={20} />} title="Programme settings" to="/programme-settings" action="Open programme settings">
        Programme types, the curriculum themes and session templates, closure dates and the attendance rules.
      </AreaCard>,
    );
  }
  if (can(role, 'staff.manage')) {
    cards.push(
      <AreaCard key="staff" icon={<IconUsers size={20} />} title="Staff" to="/staff" action="Manage staff accounts">
        Add the people who use the program, give each the right role, reset a forgotten password, and deactivate the account
        of someone who has left.
      </AreaCard>,
    );
  } else if (can(role, 'staff.view')) {
    cards.push(
      <AreaCard key="staff" icon={<IconUsers size={20} />} title="Staff" to="/staff" action="See the staff list">
        See who can use the program and what role each person has. An administrator makes any changes.
      </AreaCard>,
    );
  }
  if (can(role, 'audit.view')) {
    cards.push(
      <AreaCard key="audit" icon={<IconClipboardList size={20} />} title="Audit log" to="/audit" action="Open the audit log">
        A record of who logged in, what was opened and what was changed, and when. It cannot be edited, and you can check
        that nothing has been removed.
      </AreaCard>,
    );
  }
  if (can(role, 'retention.review')) {
    cards.push(
      <AreaCard key="data-protection" icon={<IconShieldLock size={20} />} title="Data protection" to="/data-protection" action="Open data protection">
        <DataProtectionSummary />
      </AreaCard>,
    );
  }
  if (can(role, 'settings.manage')) {
    cards.push(
      <AreaCard key="settings" icon={<IconSettings size={20} />} title="Settings" to="/settings" action="Open settings">
        Your organisation&apos;s details, how soon the program locks itself, and the recovery key.
      </AreaCard>,
    );
  }

  return (
    <>
      <PageHeader
        title={`Welcome, ${session.fullName}`}
        description={
          <>
            You are logged in as <b>{roleLabels[role].toLowerCase()}</b>: {roleDescriptions[role].toLowerCase()}.
          </>
        }
      />
      <Stack gap="lg">
      {can(role, 'outcomes.view') && <DashboardCard />}
      {can(role, 'groups.view') && (
        <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
          <TodaysSessionsCard />
          <WithoutReadyPlanCard />
        </SimpleGrid>
      )}
      {can(role, 'partners.view') && <PartnerTodayCard />}
      <MyTasksCard />
      {can(role, 'backups.manage') && <BackupCard />}
      {cards.length > 0 ? (
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="lg">
          {cards}
        </SimpleGrid>
      ) : (
        <Card withBorder radius="md" padding="lg" maw={760}>
          <Title order={2} size="h4" mb="xs">
            Your work in the program
          </Title>
          <Text size="sm">
            The parts of the program for your role ({roleDescriptions[role].toLowerCase()}) are not in this version yet. When
            they are added, they will appear in the menu on the left. For now you can change your password from the top of
            the screen.
          </Text>
        </Card>
      )}

      <Card withBorder radius="md" padding="lg" maw={760}>
        <Group gap="sm" mb="xs" wrap="nowrap">
          <ThemeIcon variant="light" color="orange" size="lg" radius="md" aria-hidden>
            <IconLock size={20} />
          </ThemeIcon>
          <Title order={2} size="h4">
            Keeping the records safe
          </Title>
        </Group>
        <List size="sm" spacing={4}>
          <List.Item>
            Press <b>Lock</b> at the top of the screen whenever you step away from the computer, even for a minute.
          </List.Item>
          <List.Item>
            The program locks by itself after {session.autoLockMinutes} minute{session.autoLockMinutes === 1 ? '' : 's'}{' '}
            without use. Unlock it with your password.
          </List.Item>
          <List.Item>
            Never share your password. If someone else needs to use the program, an administrator can give them their own
            account.
          </List.Item>
          <List.Item>
            Finished for the day? <b>Log out</b>.{' '}
            {can(role, 'settings.manage') && (
              <>
                You can change the lock time in <Anchor component={Link} to="/settings" inherit>
                  Settings
                </Anchor>.
              </>
            )}
          </List.Item>
        </List>
      </Card>
      </Stack>
    </>
  );
}
