/** Who is waiting to start, longest wait first (by the date he was referred). */
import { Alert, Anchor, Badge, Button, Center, Checkbox, Group, Loader, Paper, Table, Text } from '@mantine/core';
import { IconHourglass, IconUsersGroup } from '@tabler/icons-react';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { can } from '../../../shared/permissions';
import { useSession } from '../../app/auth-context';
import { assessmentOutcomeLabels, referralRouteLabels } from '../../../shared/features/participants';
import { useApiQuery } from '../../app/api';
import { formatDate } from '../../app/format';
import { EmptyNote } from '../../components/empty-note';
import { FlagBadges } from '../../components/participant-badges';
import { ExportCsvButton } from '../../components/export-csv-button';
import { PageHeader } from '../../components/page-header';
import { daysText } from './participant-labels';
import { RestrictedName } from './participants-table';

/** Over this many days, the wait is shown in orange. */
const LONG_WAIT_DAYS = 90;

export function WaitingListPage() {
  const list = useApiQuery('participants.waitingList', {});
  const navigate = useNavigate();
  const session = useSession();
  const rows = list.data ?? [];
  // A manager may tick men and start a new group (or one-to-one work) from them.
  const canStart = can(session.role, 'groups.manage');
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const picked = rows.filter((r) => chosen.has(r.id));
  const toggle = (id: string) =>
    setChosen((c) => {
      const next = new Set(c);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  return (
    <>
      <PageHeader
        title="Waiting list"
        description="Men assessed as suitable who are waiting to start, the longest wait first (counted from the date the referral was received)."
        actions={<ExportCsvButton route="exports.waitingList" input={{}} what="the waiting list" disabled={rows.length === 0} />}
      />
      <Paper withBorder radius="md" p="md">
        {list.isPending ? (
          <Center py="xl">
            <Loader aria-label="Loading the waiting list" />
          </Center>
        ) : list.isError ? (
          <Alert color="red" role="alert" title="The waiting list could not be loaded">
            {list.error.message}
          </Alert>
        ) : rows.length === 0 ? (
          <EmptyNote title="Nobody is waiting" icon={<IconHourglass size={24} />}>
            When an assessment is completed as suitable for group or one-to-one work, he is put on the waiting list at
            once, and appears here until he starts.
          </EmptyNote>
        ) : (
          <>
            <Group justify="space-between" mb="sm">
              <Text size="sm" c="dimmed" aria-live="polite">
                {rows.length} {rows.length === 1 ? 'man is' : 'men are'} waiting.
                {canStart && (picked.length === 0 ? ' Tick men to start a group from them.' : ` ${picked.length} chosen.`)}
              </Text>
              {canStart && (
                <Button
                  leftSection={<IconUsersGroup size={18} />}
                  disabled={picked.length === 0}
                  onClick={() => void navigate(`/groups/new?men=${picked.map((r) => r.id).join(',')}`)}
                >
                  Start a group from these men
                </Button>
              )}
            </Group>
            <Table.ScrollContainer minWidth={900}>
              <Table highlightOnHover verticalSpacing="sm" aria-label="Waiting list">
                <Table.Thead>
                  <Table.Tr>
                    {canStart && <Table.Th w={40} />}
                    <Table.Th>No.</Table.Th>
                    <Table.Th>Name</Table.Th>
                    <Table.Th>Reference</Table.Th>
                    <Table.Th>Referred</Table.Th>
                    <Table.Th>On the list since</Table.Th>
                    <Table.Th>Days waiting</Table.Th>
                    <Table.Th>Assessed as</Table.Th>
                    <Table.Th>Route</Table.Th>
                    <Table.Th>Flags</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {rows.map((row, i) => (
                    <Table.Tr
                      key={row.id}
                      onClick={row.canOpen ? () => void navigate(`/participants/${row.id}`) : undefined}
                      style={{ cursor: row.canOpen ? 'pointer' : 'default' }}
                    >
                      {canStart && (
                        <Table.Td onClick={(e) => e.stopPropagation()}>
                          <Checkbox aria-label={`Choose ${row.name ?? 'restricted record'} (${row.reference})`} checked={chosen.has(row.id)} onChange={() => toggle(row.id)} />
                        </Table.Td>
                      )}
                      <Table.Td c="dimmed">{i + 1}</Table.Td>
                      <Table.Td>
                        {row.canOpen && row.name ? (
                          <Anchor
                            component={Link}
                            to={`/participants/${row.id}`}
                            fw={600}
                            size="sm"
                            onClick={(e) => e.stopPropagation()}
                          >
                            {row.name}
                          </Anchor>
                        ) : (
                          <RestrictedName />
                        )}
                      </Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>{row.reference}</Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(row.referredOn)}</Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>{row.waitingSince ? formatDate(row.waitingSince) : '–'}</Table.Td>
                      <Table.Td>
                        <Badge variant="light" color={row.daysWaiting > LONG_WAIT_DAYS ? 'orange' : 'gray'}>
                          {daysText(row.daysWaiting)}
                        </Badge>
                      </Table.Td>
                      <Table.Td>{row.outcome ? assessmentOutcomeLabels[row.outcome] : '–'}</Table.Td>
                      <Table.Td>{row.route ? referralRouteLabels[row.route] : '–'}</Table.Td>
                      <Table.Td>
                        <FlagBadges flags={row.flags} size="sm" />
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </>
        )}
      </Paper>
    </>
  );
}
