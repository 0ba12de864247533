/** Sessions as cards and short lines, and the two lists facilitators need every day: this week's sessions without a ready plan, and today's sessions. */
import { Alert, Anchor, Badge, Button, Card, Group, Loader, Paper, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconAlertTriangle, IconCalendarEvent, IconNotes } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { todayInLondon } from '../../../shared/dates';
import type { Session } from '../../../shared/features/groups';
import { useApiQuery } from '../../app/api';
import { endTime, planStatusColours, planStatusLabels, sessionPath } from '../groups/group-labels';
import { SessionBadges } from '../groups/session-badges';
import { dayShortDate } from './calendar-helpers';

export function SessionCard({ session, today, showDate }: { session: Session; today: string; showDate?: boolean }) {
  const cancelled = session.status === 'cancelled';
  return (
    <Card
      withBorder
      radius="md"
      padding="sm"
      component={Link}
      to={sessionPath(session)}
      // Named by what it shows (WCAG 2.5.3, label in name); the day is the name of the column around it.
      w={300}
      style={{ opacity: cancelled ? 0.65 : 1, borderLeft: `4px solid var(--mantine-color-${session.catchUpForSessionId ? 'grape' : session.kind === 'one_to_one' ? 'cyan' : 'indigo'}-5)` }}
      data-testid="calendar-session"
    >
      <Stack gap={4}>
        <Text size="sm" fw={700} td={cancelled ? 'line-through' : undefined}>
          {showDate ? `${dayShortDate(session.date)}, ` : ''}
          {session.startTime}–{endTime(session.startTime, session.minutes)}
        </Text>
        <Text size="sm" fw={600} c="indigo.8" lineClamp={2}>
          {session.groupName}
        </Text>
        <Text size="xs" c="dimmed">
          {session.catchUpForSessionId ? `Catch-up, session ${session.number}` : `Session ${session.number}`}
          {session.themeName ? ` · ${session.themeName}` : ''}
        </Text>
        <Text size="xs" c="dimmed" lineClamp={1}>
          {session.venue} · {session.facilitatorNames.join(', ')}
        </Text>
        <SessionBadges session={session} today={today} />
      </Stack>
    </Card>
  );
}

/** One line per session, for the home page and the "without a plan" list. */
export function SessionLine({ session, extra }: { session: Session; extra?: ReactNode }) {
  return (
    <Group justify="space-between" wrap="nowrap" gap="sm" py={4} style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }}>
      <Stack gap={0}>
        <Anchor component={Link} to={sessionPath(session)} size="sm" fw={600}>
          {session.groupName}, session {session.number}
          {session.themeName ? `: ${session.themeName}` : ''}
        </Anchor>
        <Text size="xs" c="dimmed">
          {dayShortDate(session.date)} at {session.startTime} · {session.venue} · {session.facilitatorNames.join(' and ')}
        </Text>
      </Stack>
      {extra}
    </Group>
  );
}

/** This week's sessions with no plan marked ready: shown prominently, because facilitators should not arrive without one. */
export function WithoutReadyPlanCard({ compact }: { compact?: boolean }) {
  const list = useApiQuery('sessions.withoutReadyPlan', {});
  if (list.isPending) return compact ? null : <Loader size="sm" aria-label="Checking this week's plans" />;
  if (list.isError) {
    return (
      <Alert color="red" title="This week's plans could not be checked">
        {list.error.message}
      </Alert>
    );
  }
  const sessions = list.data;
  if (sessions.length === 0) {
    return compact ? null : (
      <Paper withBorder radius="md" p="md" component="section" aria-label="Sessions this week without a ready plan">
        <Group gap="sm" mb="xs" wrap="nowrap">
          <ThemeIcon variant="light" color="teal" size="lg" radius="md" aria-hidden>
            <IconNotes size={20} />
          </ThemeIcon>
          <Title order={2} size="h4">
            This week&apos;s session plans
          </Title>
        </Group>
        <Text size="sm" c="dimmed">
          Every session still to come this week has a plan marked ready.
        </Text>
      </Paper>
    );
  }
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-label="Sessions this week without a ready plan" style={{ borderColor: 'var(--mantine-color-orange-5)', borderWidth: 2 }}>
      <Group gap="sm" mb="xs" wrap="nowrap">
        <ThemeIcon variant="light" color="orange" size="lg" radius="md" aria-hidden>
          <IconAlertTriangle size={20} />
        </ThemeIcon>
        <Title order={2} size="h4">
          Sessions this week without a ready plan
        </Title>
        <Badge color="orange">{sessions.length}</Badge>
      </Group>
      <Stack gap={0}>
        {sessions.map((s) => (
          <SessionLine
            key={s.id}
            session={s}
            extra={
              <Group gap="xs" wrap="nowrap">
                <Badge color={planStatusColours[s.planStatus]} variant="outline">
                  {planStatusLabels[s.planStatus]}
                </Badge>
                <Button component={Link} to={sessionPath(s, 'plan')} size="xs" variant="light">
                  {s.planStatus === 'none' ? 'Write the plan' : 'Finish the plan'}
                </Button>
              </Group>
            }
          />
        ))}
      </Stack>
    </Paper>
  );
}

/** Today's sessions, each with a way straight to its register. */
export function TodaysSessionsCard() {
  const today = todayInLondon();
  const list = useApiQuery('sessions.calendar', { from: today, to: today });
  const sessions = (list.data ?? []).filter((s) => s.status !== 'cancelled');
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-label="Today's sessions">
      <Group justify="space-between" mb="xs" wrap="nowrap">
        <Group gap="sm" wrap="nowrap">
          <ThemeIcon variant="light" size="lg" radius="md" aria-hidden>
            <IconCalendarEvent size={20} />
          </ThemeIcon>
          <Title order={2} size="h4">
            Today&apos;s sessions
          </Title>
        </Group>
        <Button component={Link} to="/calendar" variant="light">
          Open the calendar
        </Button>
      </Group>
      {list.isPending ? (
        <Loader size="sm" aria-label="Loading today's sessions" />
      ) : list.isError ? (
        <Text size="sm" c="red">
          Today&apos;s sessions could not be loaded: {list.error.message}
        </Text>
      ) : sessions.length === 0 ? (
        <Text size="sm" c="dimmed">
          No sessions today.
        </Text>
      ) : (
        <Stack gap={0}>
          {sessions.map((s) => (
            <SessionLine
              key={s.id}
              session={s}
              extra={
                <Group gap="xs" wrap="nowrap">
                  {s.planStatus !== 'ready' && (
                    <Button component={Link} to={sessionPath(s, 'plan')} size="xs" variant="light" color="orange">
                      {s.planStatus === 'none' ? 'Write the plan' : 'Finish the plan'}
                    </Button>
                  )}
                  <Button component={Link} to={sessionPath(s, 'register')} size="xs" variant={s.registerTaken ? 'default' : 'filled'}>
                    {s.registerTaken ? 'Register taken' : 'Take the register'}
                  </Button>
                </Group>
              }
            />
          ))}
        </Stack>
      )}
    </Paper>
  );
}
