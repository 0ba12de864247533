/**
 * The manager's dashboard on the home page: caseload by status, waiting times, attendance this
 * quarter, risk levels now, and reviews and follow-ups overdue. Each figure links to its list.
 */
import { Anchor, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useApiQuery } from '../../app/api';
import { formatDate } from '../../app/format';

function Figure({ label, value, to, hint }: { label: string; value: ReactNode; to: string; hint?: ReactNode }) {
  return (
    // No aria-label: the link's name is what it shows (label, figure, hint), so speech input can say what is on the screen.
    <Anchor component={Link} to={to} underline="never" c="inherit" title="Open the list">
      <Card withBorder radius="md" padding="sm" h="100%">
        <Text size="sm" c="dimmed">
          {label}
        </Text>
        <Text fw={700} size="xl">
          {value}
        </Text>
        {hint && (
          <Text size="xs" c="dimmed">
            {hint}
          </Text>
        )}
      </Card>
    </Anchor>
  );
}

const days = (n: number | null) => (n === null ? '–' : `${n} day${n === 1 ? '' : 's'}`);

export function DashboardCard() {
  const q = useApiQuery('outcomes.dashboard', {});
  const d = q.data;
  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-label="Dashboard">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4">
          Your service at a glance
        </Title>
        <Anchor component={Link} to="/outcomes" size="sm">
          Outcomes
        </Anchor>
      </Group>
      {!d ? (
        <Text c="dimmed">{q.isError ? q.error.message : 'Loading…'}</Text>
      ) : (
        <Stack gap="md">
          <div>
            <Title order={3} size="h6" mb={6}>
              Caseload by status
            </Title>
            <SimpleGrid cols={{ base: 2, sm: 4, lg: 7 }} spacing="xs">
              {d.caseload.map((c) => (
                <Figure key={c.status} label={c.label} value={c.count} to={`/participants?status=${c.status}`} />
              ))}
            </SimpleGrid>
          </div>
          <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }} spacing="xs">
            <Figure label="Waiting to start" value={d.waiting.count} to="/waiting-list" hint={`median ${days(d.waiting.medianDays)}, longest ${days(d.waiting.longestDays)} since referral`} />
            <Figure
              label="Attendance this quarter"
              value={d.attendance.percent === null ? 'No sessions yet' : `${d.attendance.percent.toFixed(1)}%`}
              to="/groups"
              hint={`${d.attendance.attended} of ${d.attendance.marked} places since ${formatDate(d.attendance.quarterFrom)}`}
            />
            {d.risk.map((r) => (
              <Figure key={r.level} label={`${r.label} risk now`} value={r.count} to={r.level === 'high' ? '/participants?flag=high_risk' : '/participants'} hint="men not yet ended, by latest rating" />
            ))}
            <Figure label="Overdue reviews and follow-ups" value={d.overdue.reviews + d.overdue.followUps} to="/tasks?scope=all" hint={`${d.overdue.reviews} risk reviews, ${d.overdue.followUps} outcome measures`} />
          </SimpleGrid>
        </Stack>
      )}
    </Card>
  );
}
