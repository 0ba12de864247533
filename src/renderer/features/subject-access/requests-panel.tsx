/** Subject access requests: open ones first with their deadline, and the way in to review and produce each pack. */
import { Alert, Badge, Button, Center, Group, Loader, SegmentedControl, Stack, Table, Text } from '@mantine/core';
import { IconFileZip, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useApiQuery } from '../../app/api';
import { formatDate, formatDateTime } from '../../app/format';
import { EmptyNote } from '../../components/empty-note';
import { LogRequestModal } from './log-request-modal';
import { leaveAfterSaving } from '../../components/unsaved-changes';

export function SubjectAccessPanel() {
  const [status, setStatus] = useState<'open' | 'all'>('open');
  const [logging, setLogging] = useState(false);
  const navigate = useNavigate();
  const list = useApiQuery('subjectAccess.list', { status });
  const rows = list.data ?? [];
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <SegmentedControl
          aria-label="Which requests"
          value={status}
          onChange={(v) => setStatus(v as 'open' | 'all')}
          data={[
            { value: 'open', label: 'Still to answer' },
            { value: 'all', label: 'All requests' },
          ]}
        />
        <Button leftSection={<IconPlus size={18} />} onClick={() => setLogging(true)}>
          Log a request
        </Button>
      </Group>
      {list.isPending ? (
        <Center py="xl">
          <Loader aria-label="Loading the requests" />
        </Center>
      ) : list.isError ? (
        <Alert color="red" role="alert" title="The requests could not be loaded">
          {list.error.message}
        </Alert>
      ) : rows.length === 0 ? (
        <EmptyNote
          title={status === 'open' ? 'No request is waiting for an answer' : 'No subject access request yet'}
          icon={<IconFileZip size={24} />}
        >
          When a man asks for a copy of what we hold about him, choose &quot;Log a request&quot;. The program sets the
          one-month deadline as a task and builds the pack, leaving out what would tell him about anyone else until you
          decide.
        </EmptyNote>
      ) : (
        <Table.ScrollContainer minWidth={800}>
          <Table verticalSpacing="sm" highlightOnHover aria-label="Subject access requests">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Who</Table.Th>
                <Table.Th>Received</Table.Th>
                <Table.Th>Due by</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r) => (
                <Table.Tr key={r.id}>
                  <Table.Td>
                    <Text size="sm" fw={600}>
                      {r.participantName ?? 'Record no longer identifiable'}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {r.participantReference}
                    </Text>
                  </Table.Td>
                  <Table.Td>{formatDate(r.receivedOn)}</Table.Td>
                  <Table.Td>
                    {formatDate(r.dueOn)}{' '}
                    {r.overdue && (
                      <Badge color="red" ml={4}>
                        Overdue
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>
                    {r.status === 'open' ? (
                      <Badge color="orange" variant="light">
                        To answer
                      </Badge>
                    ) : (
                      <Text size="xs">
                        Pack produced {formatDateTime(r.producedAt)}
                        {r.producedByName ? ` by ${r.producedByName}` : ''}; {r.withheld}{' '}
                        {r.withheld === 1 ? 'item' : 'items'} withheld, {r.released} released
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    {r.participantId && (
                      <Button
                        size="xs"
                        variant={r.status === 'open' ? 'filled' : 'default'}
                        component={Link}
                        to={`/data-protection/requests/${r.id}`}
                      >
                        {r.status === 'open' ? 'Review and produce' : 'Open'}
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {logging && (
        <LogRequestModal
          onClose={() => setLogging(false)}
          onLogged={(r) => {
            setLogging(false);
            leaveAfterSaving(() => navigate(`/data-protection/requests/${r.id}`));
          }}
        />
      )}
    </Stack>
  );
}
