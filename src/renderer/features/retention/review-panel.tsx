/** Records past their retention date, oldest first, with a manager's three choices for each. */
import { Alert, Anchor, Badge, Button, Center, Group, Loader, Stack, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import { IconCircleCheck } from '@tabler/icons-react';
import { useState } from 'react';
import {
  retentionRuleLabels,
  type RetentionOutcome,
  type RetentionReviewRow,
} from '../../../shared/features/retention';
import { useApiQuery } from '../../app/api';
import { formatDate } from '../../app/format';
import { EmptyNote } from '../../components/empty-note';
import { AnonymiseModal, DeleteModal, ExtendModal } from './decision-modals';

type Open = { kind: 'extend' | 'anonymise' | 'delete'; row: RetentionReviewRow } | null;

export function RetentionReviewPanel() {
  const review = useApiQuery('retention.review', {}, { staleTime: 0 });
  const [open, setOpen] = useState<Open>(null);
  const [done, setDone] = useState<{ outcome: RetentionOutcome; reference: string } | null>(null);
  const finished = (outcome: RetentionOutcome, row: RetentionReviewRow) => {
    setOpen(null);
    setDone({ outcome, reference: row.reference });
  };
  if (review.isPending)
    return (
      <Center py="xl">
        <Loader aria-label="Loading the retention review" />
      </Center>
    );
  if (review.isError)
    return (
      <Alert color="red" role="alert" title="The retention review could not be loaded">
        {review.error.message}
      </Alert>
    );
  const { due, dueSoon, anonymised } = review.data;
  return (
    <Stack gap="md">
      {done && (
        <Alert
          color="green"
          icon={<IconCircleCheck />}
          title={`${done.reference} has been ${done.outcome.action}`}
          withCloseButton
          onClose={() => setDone(null)}
          role="status"
        >
          {done.outcome.backupNote}
        </Alert>
      )}
      <Text size="sm">
        Records past the date the retention policy sets, the longest overdue first. Open a record to check it before you
        decide. Nothing is removed until a manager chooses.
      </Text>
      <Text size="sm" c="dimmed">
        {dueSoon > 0
          ? `${dueSoon} more ${dueSoon === 1 ? 'record falls' : 'records fall'} due in the next 90 days. `
          : ''}
        {anonymised > 0
          ? `${anonymised} ${anonymised === 1 ? 'record has' : 'records have'} been anonymised so far; anonymised records still count in the figures.`
          : ''}
      </Text>
      {due.length === 0 ? (
        <EmptyNote title="No record is past its retention date" icon={<IconCircleCheck size={24} />}>
          When a closed case or a partner&apos;s record passes the date set in the retention policy, it appears here for
          a manager to decide what happens to it.
        </EmptyNote>
      ) : (
        <Table.ScrollContainer minWidth={960}>
          <Table verticalSpacing="sm" highlightOnHover aria-label="Records past their retention date">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Record</Table.Th>
                <Table.Th>Kind</Table.Th>
                <Table.Th>Closed</Table.Th>
                <Table.Th>Keep until</Table.Th>
                <Table.Th>Why</Table.Th>
                <Table.Th>Decide</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {due.map((row) => (
                <Table.Tr key={`${row.subject}:${row.id}`}>
                  <Table.Td>
                    <Anchor
                      component={Link}
                      to={row.subject === 'participant' ? `/participants/${row.id}` : `/partners/${row.id}`}
                      size="sm"
                      fw={600}
                    >
                      {row.name}
                    </Anchor>
                    <Text size="xs" c="dimmed">
                      {row.reference}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={row.subject === 'partner' ? 'grape' : 'blue'}>
                      {retentionRuleLabels[row.rule]}
                    </Badge>
                  </Table.Td>
                  <Table.Td>{formatDate(row.closedOn)}</Table.Td>
                  <Table.Td>{formatDate(row.keepUntil)}</Table.Td>
                  <Table.Td>
                    <Text size="xs">
                      {row.longerBecause.length
                        ? `Kept longer: ${row.longerBecause.join('; ').toLowerCase()}`
                        : 'The usual period'}
                    </Text>
                    {row.extended && (
                      <Text size="xs" c="dimmed">
                        Extended on {formatDate(row.extended.on)}
                        {row.extended.byName ? ` by ${row.extended.byName}` : ''}: {row.extended.reason}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                      <Button
                        size="xs"
                        variant="default"
                        onClick={() => setOpen({ kind: 'extend', row })}
                        aria-label={`Keep ${row.reference} longer`}
                      >
                        Keep longer
                      </Button>
                      <Button
                        size="xs"
                        variant="light"
                        color="orange"
                        onClick={() => setOpen({ kind: 'anonymise', row })}
                        aria-label={`Anonymise ${row.reference}`}
                      >
                        Anonymise
                      </Button>
                      <Button
                        size="xs"
                        variant="light"
                        color="red"
                        onClick={() => setOpen({ kind: 'delete', row })}
                        aria-label={`Delete ${row.reference}`}
                      >
                        Delete
                      </Button>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {open?.kind === 'extend' && <ExtendModal row={open.row} onClose={() => setOpen(null)} />}
      {open?.kind === 'anonymise' && <AnonymiseModal row={open.row} onClose={() => setOpen(null)} onDone={finished} />}
      {open?.kind === 'delete' && <DeleteModal row={open.row} onClose={() => setOpen(null)} onDone={finished} />}
    </Stack>
  );
}
