/** Every group and one-to-one case: when and where it meets, who runs it, how full it is and how far it has got. */
import { Alert, Anchor, Badge, Button, Center, Group, Loader, Paper, Progress, SegmentedControl, Stack, Table, Text } from '@mantine/core';
import { IconAlertTriangle, IconPlus, IconUsersGroup } from '@tabler/icons-react';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { Group as GroupRow } from '../../../shared/features/groups';
import { programmeKindLabels } from '../../../shared/features/programmes';
import { can } from '../../../shared/permissions';
import { useApiQuery } from '../../app/api';
import { useSession } from '../../app/auth-context';
import { formatDate } from '../../app/format';
import { EmptyNote } from '../../components/empty-note';
import { PageHeader } from '../../components/page-header';
import { dayTimeText, groupStatusColours, groupStatusLabels } from './group-labels';

export function GroupNotes({ notes, size = 'sm' }: { notes: readonly string[]; size?: 'xs' | 'sm' }) {
  if (notes.length === 0) return null;
  return (
    <Stack gap={2} mt={4}>
      {notes.map((n) => (
        <Group key={n} gap={4} wrap="nowrap" align="flex-start">
          <IconAlertTriangle size={14} color="var(--mantine-color-orange-7)" style={{ flexShrink: 0, marginTop: 2 }} aria-hidden />
          <Text size={size} c="orange.8">
            {n}
          </Text>
        </Group>
      ))}
    </Stack>
  );
}

function Fill({ group }: { group: GroupRow }) {
  if (group.kind === 'one_to_one') return <Text size="sm">One man</Text>;
  const over = group.enrolled > group.capacity;
  return (
    <Stack gap={4} miw={90}>
      <Text size="sm" c={over ? 'red' : undefined} fw={over ? 700 : undefined}>
        {group.enrolled} of {group.capacity}
      </Text>
      <Progress value={Math.min(100, (group.enrolled / Math.max(1, group.capacity)) * 100)} color={over ? 'red' : 'indigo'} size="sm" aria-hidden />
    </Stack>
  );
}

export function GroupsPage() {
  const session = useSession();
  const navigate = useNavigate();
  const groups = useApiQuery('groups.list', {});
  const [show, setShow] = useState<'current' | 'all'>('current');
  const all = groups.data ?? [];
  const rows = show === 'all' ? all : all.filter((g) => g.status !== 'finished');
  const finished = all.length - all.filter((g) => g.status !== 'finished').length;

  return (
    <>
      <PageHeader
        title="Groups"
        description="Every group and one-to-one case. Open one to see its sessions, the men on it, and to take a register."
        actions={
          can(session.role, 'groups.manage') && (
            <Button component={Link} to="/groups/new" leftSection={<IconPlus size={18} />}>
              New group
            </Button>
          )
        }
      />
      <Paper withBorder radius="md" p="md">
        {groups.isPending ? (
          <Center py="xl">
            <Loader aria-label="Loading the groups" />
          </Center>
        ) : groups.isError ? (
          <Alert color="red" role="alert" title="The groups could not be loaded">
            {groups.error.message}
          </Alert>
        ) : all.length === 0 ? (
          <EmptyNote title="No groups yet" icon={<IconUsersGroup size={24} />}>
            {can(session.role, 'groups.manage')
              ? 'Set up your first group with "New group": the program makes its weekly schedule and you can then enrol men from the waiting list.'
              : 'A manager sets up groups. Once there is one, it appears here with its sessions.'}
          </EmptyNote>
        ) : (
          <Stack gap="sm">
            <Group justify="space-between">
              <Text size="sm" c="dimmed" aria-live="polite">
                {rows.length} {rows.length === 1 ? 'group' : 'groups'}
                {show === 'current' && finished > 0 ? ` running or about to start (${finished} finished not shown)` : ''}
              </Text>
              <SegmentedControl
                size="xs"
                value={show}
                onChange={(v) => setShow(v as 'current' | 'all')}
                data={[
                  { value: 'current', label: 'Running and planned' },
                  { value: 'all', label: 'All, with finished' },
                ]}
                aria-label="Which groups to show"
              />
            </Group>
            <Table.ScrollContainer minWidth={880}>
              <Table highlightOnHover verticalSpacing="sm" aria-label="Groups">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Group</Table.Th>
                    <Table.Th>When</Table.Th>
                    <Table.Th>Venue</Table.Th>
                    <Table.Th>Facilitators</Table.Th>
                    <Table.Th>Men</Table.Th>
                    <Table.Th style={{ whiteSpace: 'nowrap' }}>Held</Table.Th>
                    <Table.Th>Status</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {rows.map((g) => (
                    <Table.Tr key={g.id} onClick={() => void navigate(`/groups/${g.id}`)} style={{ cursor: 'pointer' }}>
                      <Table.Td maw={320}>
                        <Anchor component={Link} to={`/groups/${g.id}`} fw={600} size="sm" onClick={(e) => e.stopPropagation()}>
                          {g.name}
                        </Anchor>
                        <Text size="xs" c="dimmed">
                          {g.programmeName || programmeKindLabels[g.kind]} · {g.intake === 'rolling' ? 'rolling intake' : 'closed intake'}
                          {g.interpreterNeeded ? ' · interpreter needed' : ''}
                        </Text>
                        <GroupNotes notes={g.notes} size="xs" />
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{dayTimeText(g.weekday, g.startTime)}</Text>
                        <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                          {formatDate(g.startDate)}
                          {g.endDate ? ` to ${formatDate(g.endDate)}` : ''}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{g.venue}</Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{g.facilitatorNames.join(' and ')}</Text>
                      </Table.Td>
                      <Table.Td>
                        <Fill group={g} />
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">
                          {g.sessionsHeld} of {g.sessionsTotal}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Badge color={groupStatusColours[g.status]} variant="light">
                          {groupStatusLabels[g.status]}
                        </Badge>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Stack>
        )}
      </Paper>
    </>
  );
}
