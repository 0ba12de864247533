/** The partner service's list: every partner and ex-partner, with how contact stands, her risk, her worker and the next contact due. */
import { Alert, Anchor, Button, Center, Group, Loader, Paper, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData } from '@tanstack/react-query';
import { IconSearch, IconUserPlus, IconUsers } from '@tabler/icons-react';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { todayInLondon } from '../../../shared/dates';
import { relationshipLabels } from '../../../shared/features/partners';
import { can } from '../../../shared/permissions';
import { useApiQuery } from '../../app/api';
import { useSession } from '../../app/auth-context';
import { formatDate } from '../../app/format';
import { EmptyNote } from '../../components/empty-note';
import { PageHeader } from '../../components/page-header';
import { dueText } from '../tasks/task-labels';
import { ContactStatusBadge, RiskBandBadge, SafeguardingBadge } from './partner-badges';

export function PartnersPage() {
  const session = useSession();
  const [params, setParams] = useSearchParams();
  const [search, setSearch] = useState(params.get('q') ?? '');
  const [q] = useDebouncedValue(search.trim(), 200);
  const all = useApiQuery('partners.list', {}, { enabled: q === '' });
  const found = useApiQuery('partners.search', { q }, { enabled: q !== '', placeholderData: keepPreviousData });
  const list = q === '' ? all : found;
  const today = todayInLondon();
  const canEdit = can(session.role, 'partners.edit');

  return (
    <>
      <PageHeader
        title="Partner service"
        description="The partners and ex-partners of the men on the programme. Choose a name to open her record: her safe-contact instructions are at the top. Nothing here is ever shown to facilitators."
        actions={
          canEdit && (
            <Button component={Link} to="/partners/new" leftSection={<IconUserPlus size={18} />}>
              New partner
            </Button>
          )
        }
      />
      <Stack gap="md">
        <TextInput
          label="Find a partner"
          placeholder="Her name, her reference (W-…) or his reference"
          leftSection={<IconSearch size={16} aria-hidden />}
          value={search}
          onChange={(e) => {
            setSearch(e.currentTarget.value);
            setParams(e.currentTarget.value ? { q: e.currentTarget.value } : {}, { replace: true });
          }}
          maw={520}
        />
        <Paper withBorder radius="md" p="md">
          {list.isPending ? (
            <Center py="lg">
              <Loader aria-label="Loading the partners" />
            </Center>
          ) : list.isError ? (
            <Alert color="red" role="alert" title="The list could not be loaded">
              {list.error.message}
            </Alert>
          ) : list.data.length === 0 ? (
            <EmptyNote title={q ? 'Nobody found' : 'No partners on record yet'} icon={<IconUsers size={24} />}>
              {q
                ? 'Check the spelling, or try her reference or his.'
                : 'Add a partner with "New partner", or from his record once he has been assessed.'}
            </EmptyNote>
          ) : (
            <Table.ScrollContainer minWidth={980}>
              <Table verticalSpacing="sm" highlightOnHover aria-label="Partners">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Name</Table.Th>
                    <Table.Th>Linked to</Table.Th>
                    <Table.Th>Contact</Table.Th>
                    <Table.Th>Risk</Table.Th>
                    <Table.Th>Worker</Table.Th>
                    <Table.Th>Next contact</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {list.data.map((p) => (
                    <Table.Tr key={p.id}>
                      <Table.Td>
                        <Anchor component={Link} to={`/partners/${p.id}`} fw={600} size="sm">
                          {p.name}
                        </Anchor>
                        <Text size="xs" c="dimmed">
                          {p.reference}
                        </Text>
                        {p.openSafeguarding && <SafeguardingBadge size="sm" />}
                      </Table.Td>
                      <Table.Td>
                        {p.links.map((l) => (
                          <Text size="sm" key={l.id}>
                            {l.participantName ?? `Restricted record ${l.participantReference}`}{' '}
                            <Text span size="xs" c="dimmed">
                              {relationshipLabels[l.relationship].toLowerCase()}
                            </Text>
                          </Text>
                        ))}
                      </Table.Td>
                      <Table.Td>
                        <ContactStatusBadge status={p.contactStatus} />
                      </Table.Td>
                      <Table.Td>
                        <RiskBandBadge level={p.riskLevel} />
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{p.workerName ?? 'Not assigned'}</Text>
                      </Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>
                        {p.nextContactDue ? (
                          <>
                            <Text size="sm" c={p.nextContactDue < today ? 'red.8' : undefined} fw={p.nextContactDue <= today ? 700 : 500}>
                              {dueText(p.nextContactDue, today)}
                            </Text>
                            <Text size="xs" c="dimmed">
                              {formatDate(p.nextContactDue)}
                            </Text>
                          </>
                        ) : (
                          <Text size="sm" c="dimmed">
                            None set
                          </Text>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </Paper>
        {list.data && list.data.length > 0 && (
          <Group>
            <Text size="sm" c="dimmed">
              {list.data.length} {list.data.length === 1 ? 'partner' : 'partners'}
            </Text>
          </Group>
        )}
      </Stack>
    </>
  );
}
