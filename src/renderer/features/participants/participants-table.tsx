/** The participants list as a table. Column headings sort; a restricted record shows only that it exists. */
import { Anchor, Group, Table, Text, Tooltip, UnstyledButton } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconArrowsSort, IconLock } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { Link, useNavigate } from 'react-router';
import { todayInLondon } from '../../../shared/dates';
import {
  referralRouteLabels,
  referralSourceLabels,
  type listSorts,
  type ParticipantRow,
} from '../../../shared/features/participants';
import { formatDate } from '../../app/format';
import { FlagBadges, StatusBadge } from '../../components/participant-badges';
import { ageText } from './participant-labels';

type SortKey = (typeof listSorts)[number];

interface Props {
  rows: ParticipantRow[];
  sort: SortKey;
  direction: 'asc' | 'desc';
  onSort: (sort: SortKey) => void;
}

function SortHeading({
  label,
  column,
  sort,
  direction,
  onSort,
}: { label: string; column: SortKey } & Omit<Props, 'rows'>) {
  const active = sort === column;
  const Icon = !active ? IconArrowsSort : direction === 'asc' ? IconArrowUp : IconArrowDown;
  return (
    <Table.Th aria-sort={active ? (direction === 'asc' ? 'ascending' : 'descending') : undefined}>
      <UnstyledButton onClick={() => onSort(column)} fw={700} fz="sm" title={`Sort by ${label.toLowerCase()}`}>
        <Group gap={4} wrap="nowrap">
          {label}
          <Icon size={14} aria-hidden opacity={active ? 1 : 0.4} />
        </Group>
      </UnstyledButton>
    </Table.Th>
  );
}

export const RESTRICTED_HELP = 'Only the staff named on this record can open it. Ask a manager if you need to see it.';

export function RestrictedName({ children }: { children?: ReactNode }) {
  return (
    <Tooltip label={RESTRICTED_HELP} multiline w={260}>
      <Group gap={6} wrap="nowrap" c="dimmed" tabIndex={0} aria-label={`Restricted record. ${RESTRICTED_HELP}`}>
        <IconLock size={16} aria-hidden />
        <Text size="sm" fs="italic" span>
          Restricted record
        </Text>
        {children}
      </Group>
    </Tooltip>
  );
}

export function ParticipantsTable({ rows, sort, direction, onSort }: Props) {
  const navigate = useNavigate();
  const today = todayInLondon();
  const heading = { sort, direction, onSort };
  return (
    <Table.ScrollContainer minWidth={940}>
      <Table highlightOnHover verticalSpacing="sm" horizontalSpacing="xs" aria-label="Participants">
        <Table.Thead>
          <Table.Tr>
            <SortHeading label="Name" column="name" {...heading} />
            <SortHeading label="Reference" column="reference" {...heading} />
            <Table.Th>Date of birth</Table.Th>
            <SortHeading label="Status" column="status" {...heading} />
            <Table.Th>Route and referrer</Table.Th>
            <SortHeading label="Referred" column="referred" {...heading} />
            <Table.Th>Key worker</Table.Th>
            <Table.Th>Flags</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => {
            const open = () => void navigate(`/participants/${row.id}`);
            const age = ageText(row.dateOfBirth, today);
            return (
              <Table.Tr
                key={row.id}
                onClick={row.canOpen ? open : undefined}
                style={{ cursor: row.canOpen ? 'pointer' : 'default' }}
                bg={row.canOpen ? undefined : 'gray.0'}
              >
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
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  {row.dateOfBirth ? (
                    <>
                      {formatDate(row.dateOfBirth)}
                      {age && (
                        <Text span c="dimmed" size="sm">
                          {' '}
                          ({age})
                        </Text>
                      )}
                    </>
                  ) : (
                    <Text span c="dimmed" size="sm">
                      –
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <StatusBadge status={row.status} size="sm" />
                </Table.Td>
                <Table.Td>
                  {row.route ? (
                    <>
                      <Text size="sm">{referralRouteLabels[row.route]}</Text>
                      {row.source && (
                        <Text size="xs" c="dimmed">
                          {referralSourceLabels[row.source]}
                        </Text>
                      )}
                    </>
                  ) : (
                    <Text span c="dimmed" size="sm">
                      –
                    </Text>
                  )}
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(row.referredOn)}</Table.Td>
                <Table.Td>
                  {row.keyWorkerName ?? (
                    <Text span c="dimmed" size="sm">
                      {row.canOpen ? 'None' : '–'}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <FlagBadges flags={row.flags} size="sm" />
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
