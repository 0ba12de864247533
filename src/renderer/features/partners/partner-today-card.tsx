/**
 * The partner worker's day on her home page: the alerts from the programme
 * side and the contacts due, each with whether contact has been made.
 */
import { Anchor, Badge, Button, Card, Group, Loader, Stack, Table, Text, ThemeIcon, Title } from '@mantine/core';
import { IconAlertCircle, IconBell, IconCircleCheck } from '@tabler/icons-react';
import { Link } from 'react-router';
import { todayInLondon } from '../../../shared/dates';
import { contactOutcomeLabels, type AlertGroup, type contactOutcomes } from '../../../shared/features/partners';
import { partnerTaskKinds, type Task } from '../../../shared/features/tasks';
import { useApiQuery } from '../../app/api';
import { formatDate, formatDateTime } from '../../app/format';
import { dueText } from '../tasks/task-labels';
import { riskBandColours, riskBandLabels } from './partner-labels';

/** One woman's alerts: named, with her risk level, identical alerts merged with a count, dates dd/mm/yyyy. */
function WomanAlerts({ group }: { group: AlertGroup }) {
  const who = group.name ? `${group.name}${group.reference ? ` (${group.reference})` : ''}` : 'No partner on record yet';
  return (
    <Card withBorder radius="md" padding="sm" component="section" aria-label={`Alerts about ${who}`}>
      <Group justify="space-between" wrap="nowrap" mb={6}>
        <Group gap="xs">
          <Text fw={700} size="sm">
            {who}
          </Text>
          {group.partnerId && (
            <Badge color={group.riskLevel ? riskBandColours[group.riskLevel] : 'gray'} variant="light" size="sm">
              {group.riskLevel ? riskBandLabels[group.riskLevel] : 'No risk level yet'}
            </Badge>
          )}
        </Group>
        {group.partnerId ? (
          <Button component={Link} to={`/partners/${group.partnerId}/contacts`} size="compact-sm" variant="light">
            Open her record
          </Button>
        ) : group.participantId ? (
          <Anchor component={Link} to={`/participants/${group.participantId}`} size="sm">
            His record
          </Anchor>
        ) : null}
      </Group>
      <Stack gap={4}>
        {group.alerts.map((a) => (
          <Group key={a.title} gap={6} wrap="nowrap" align="flex-start" data-testid="alert-line">
            {a.urgent && (
              <Badge color="red" size="sm" leftSection={<IconAlertCircle size={12} aria-hidden />} style={{ flexShrink: 0 }}>
                Urgent
              </Badge>
            )}
            <Text size="sm" style={{ flex: 1 }}>
              {a.title}
              {a.count > 1 && (
                <Text span fw={700}>
                  {' '}
                  ({a.count} times)
                </Text>
              )}
            </Text>
            <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
              {formatDate(a.newestAt)}
            </Text>
          </Group>
        ))}
      </Stack>
    </Card>
  );
}

function Row({ t, today }: { t: Task; today: string }) {
  const open = t.status === 'open';
  return (
    <Table.Tr bg={open && t.overdue ? 'red.0' : undefined}>
      <Table.Td style={{ whiteSpace: 'nowrap' }} w={150}>
        <Text size="sm" fw={open && t.dueOn <= today ? 700 : 500} c={open && t.overdue ? 'red.8' : undefined}>
          {open ? dueText(t.dueOn, today) : 'Done'}
        </Text>
        <Text size="xs" c="dimmed">
          {formatDate(t.dueOn)}
        </Text>
      </Table.Td>
      <Table.Td>
        <Group gap={6} wrap="nowrap" align="flex-start">
          {t.urgent && open && (
            <Badge color="red" size="sm" leftSection={<IconAlertCircle size={12} aria-hidden />} style={{ flexShrink: 0 }}>
              Urgent
            </Badge>
          )}
          <Text size="sm" fw={600}>
            {t.title}
          </Text>
        </Group>
        {t.detail && (
          <Text size="xs" c="dimmed" lineClamp={2}>
            {t.detail}
          </Text>
        )}
      </Table.Td>
      <Table.Td w={220}>
        {open && t.lastAttempt ? (
          <>
            <Text size="sm" c="orange.8" fw={600}>
              Attempted, not yet spoken to her
            </Text>
            <Text size="xs" c="dimmed">
              {contactOutcomeLabels[t.lastAttempt.outcome as (typeof contactOutcomes)[number]] ?? t.lastAttempt.outcome}, {formatDateTime(t.lastAttempt.at)}
            </Text>
          </>
        ) : open ? (
          <Text size="sm" c="orange.8" fw={600}>
            Contact not yet made
          </Text>
        ) : t.doneNote.startsWith('Contact made') ? (
          <Group gap={4} wrap="nowrap">
            <IconCircleCheck size={16} color="var(--mantine-color-green-7)" aria-hidden />
            <Text size="sm">Contact made {formatDateTime(t.doneAt).slice(11)}</Text>
          </Group>
        ) : (
          <Text size="sm">Closed {formatDateTime(t.doneAt).slice(11)}</Text>
        )}
      </Table.Td>
      <Table.Td w={170}>
        {t.partnerId ? (
          <Button component={Link} to={`/partners/${t.partnerId}/contacts`} size="compact-sm" variant={open ? 'light' : 'subtle'}>
            Open her record
          </Button>
        ) : t.participantId ? (
          <Anchor component={Link} to={`/participants/${t.participantId}`} size="sm">
            His record (no partner yet)
          </Anchor>
        ) : null}
      </Table.Td>
    </Table.Tr>
  );
}

export function PartnerTodayCard() {
  const today = todayInLondon();
  const open = useApiQuery('tasks.list', { scope: 'mine', status: 'open', page: 1, pageSize: 200 });
  const done = useApiQuery('tasks.list', { scope: 'mine', status: 'done', page: 1, pageSize: 50 });
  const openTasks = (open.data?.tasks ?? []).filter((t) => partnerTaskKinds.includes(t.kind) && t.dueOn <= today);
  const doneToday = (done.data?.tasks ?? []).filter((t) => t.kind === 'partner_alert' && t.doneAt && formatDate(t.doneAt) === formatDate(today));
  const alerts = openTasks.filter((t) => t.kind === 'partner_alert');
  const grouped = useApiQuery('partners.today', {});
  const contacts = openTasks.filter((t) => t.kind === 'partner_contact_due');

  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-label="Today for the partner service">
      <Group justify="space-between" mb="sm">
        <Group gap="sm">
          <ThemeIcon variant="light" size="lg" radius="md" aria-hidden>
            <IconBell size={20} />
          </ThemeIcon>
          <Title order={2} size="h4">
            Partner service today
          </Title>
          <Badge variant={alerts.length ? 'filled' : 'light'} color={alerts.length ? 'red' : 'gray'}>
            {alerts.length} {alerts.length === 1 ? 'alert' : 'alerts'} to answer
          </Badge>
          <Badge variant="light" color="blue">
            {contacts.length} {contacts.length === 1 ? 'contact' : 'contacts'} due
          </Badge>
        </Group>
        <Button component={Link} to="/partners" variant="light">
          All partners
        </Button>
      </Group>
      {open.isPending ? (
        <Loader size="sm" aria-label="Loading today's work" />
      ) : open.isError ? (
        <Text c="red" size="sm">
          Today&apos;s work could not be loaded: {open.error.message}
        </Text>
      ) : openTasks.length === 0 && doneToday.length === 0 ? (
        <Text size="sm" c="dimmed">
          Nothing due today. Alerts from the programme side (a missed session, a man leaving, a rise in his risk) appear here the moment
          they are raised.
        </Text>
      ) : (
        <Stack gap="md">
          {alerts.length + doneToday.length > 0 && (
            <Stack gap={4}>
              <Text size="sm" fw={700}>
                Alerts from the programme side
              </Text>
              {(grouped.data ?? []).map((g) => (
                <WomanAlerts key={g.partnerId ?? `none-${g.participantId}`} group={g} />
              ))}
              {doneToday.length > 0 && (
                <Text size="sm" fw={700} mt="sm">
                  Answered today
                </Text>
              )}
              {doneToday.length > 0 && (
                <Table verticalSpacing={6} aria-label="Alerts answered today">
                  <Table.Tbody>
                    {doneToday.map((t) => (
                      <Row key={t.id} t={t} today={today} />
                    ))}
                  </Table.Tbody>
                </Table>
              )}
            </Stack>
          )}
          {contacts.length > 0 && (
            <Stack gap={4}>
              <Text size="sm" fw={700}>
                Contacts due
              </Text>
              <Table verticalSpacing={6} aria-label="Contacts due">
                <Table.Tbody>
                  {contacts.map((t) => (
                    <Row key={t.id} t={t} today={today} />
                  ))}
                </Table.Tbody>
              </Table>
            </Stack>
          )}
        </Stack>
      )}
    </Card>
  );
}
