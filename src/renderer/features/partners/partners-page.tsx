/**
 * The partner service's list: every partner and ex-partner, with how contact stands, her risk, her worker and the
 * next contact due; filtered and paged in name order. The search finds her by name or reference across everyone.
 */
import { Alert, Anchor, Button, Center, Checkbox, Group, Loader, Paper, Select, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData } from '@tanstack/react-query';
import { IconFilterOff, IconSearch, IconUserPlus, IconUsers } from '@tabler/icons-react';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { todayInLondon } from '../../../shared/dates';
import { contactStatuses, contactStatusLabels, relationshipLabels, riskFilterLabels, riskFilters, type PartnerSummary } from '../../../shared/features/partners';
import { can } from '../../../shared/permissions';
import { useApiQuery } from '../../app/api';
import { useSession } from '../../app/auth-context';
import { formatDate } from '../../app/format';
import { EmptyNote } from '../../components/empty-note';
import { PageHeader } from '../../components/page-header';
import { Pager } from '../../components/pager';
import { dueText } from '../tasks/task-labels';
import { ContactStatusBadge, RiskBandBadge, SafeguardingBadge } from './partner-badges';
import { hasPartnerFilters, noPartnerFilters, paramsFromView, partnerViewFrom, type PartnerListInput } from './partner-list-params';

function PartnersTable({ rows }: { rows: PartnerSummary[] }) {
  const today = todayInLondon();
  return (
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
          {rows.map((p) => (
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
  );
}

const Loading = () => (
  <Center py="lg">
    <Loader aria-label="Loading the partners" />
  </Center>
);

export function PartnersPage() {
  const session = useSession();
  const [params, setParams] = useSearchParams();
  const view = partnerViewFrom(params);
  const { input } = view;
  const [search, setSearch] = useState(view.q);
  const [q] = useDebouncedValue(search.trim(), 200);
  const list = useApiQuery('partners.list', input, { enabled: q === '', placeholderData: keepPreviousData });
  const found = useApiQuery('partners.search', { q }, { enabled: q !== '', placeholderData: keepPreviousData });
  const canEdit = can(session.role, 'partners.edit');
  const filtered = hasPartnerFilters(input);
  const searching = q !== '';

  const update = (changes: Partial<PartnerListInput>, keepPage = false) =>
    setParams(paramsFromView({ q: search, input: { ...input, ...changes, page: keepPage ? (changes.page ?? input.page) : 1 } }), { replace: true });
  const clearFilters = () => update(noPartnerFilters);
  const noun = (n: number) => (n === 1 ? 'partner' : 'partners');

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
          placeholder="Her name or reference (W-…), or his name or reference"
          leftSection={<IconSearch size={16} aria-hidden />}
          value={search}
          onChange={(e) => {
            setSearch(e.currentTarget.value);
            setParams(paramsFromView({ q: e.currentTarget.value, input }), { replace: true });
          }}
          maw={520}
        />
        <Paper withBorder radius="md" p="md" component="section" aria-label="Filters">
          <Group justify="space-between" mb="xs" mih={30}>
            <Title order={2} size="h4">
              Filter the list
            </Title>
            {filtered && !searching && (
              <Button variant="subtle" size="compact-sm" leftSection={<IconFilterOff size={16} />} onClick={clearFilters}>
                Clear all filters
              </Button>
            )}
          </Group>
          {searching && (
            <Text size="sm" c="dimmed" mb="xs">
              The search looks through every partner. Clear the search to use the filters.
            </Text>
          )}
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm" verticalSpacing="sm">
            <Select
              label="Contact"
              placeholder="Any"
              description="How contact with her stands"
              data={contactStatuses.map((s) => ({ value: s, label: contactStatusLabels[s] }))}
              value={input.contactStatus ?? null}
              onChange={(v) => update({ contactStatus: (v as PartnerListInput['contactStatus']) ?? undefined })}
              disabled={searching}
              clearable
            />
            <Select
              label="Risk"
              placeholder="Any"
              description="From her latest completed checklist"
              data={riskFilters.map((r) => ({ value: r, label: riskFilterLabels[r] }))}
              value={input.risk ?? null}
              onChange={(v) => update({ risk: (v as PartnerListInput['risk']) ?? undefined })}
              disabled={searching}
              clearable
            />
            <Checkbox
              label="My partners only"
              description="Those you are the worker for"
              checked={input.mine ?? false}
              onChange={(e) => update({ mine: e.currentTarget.checked })}
              disabled={searching}
              mt={{ lg: 'lg' }}
            />
            <Checkbox
              label="Open safeguarding concern"
              description="About her, her children or him"
              checked={input.openSafeguarding ?? false}
              onChange={(e) => update({ openSafeguarding: e.currentTarget.checked })}
              disabled={searching}
              mt={{ lg: 'lg' }}
            />
          </SimpleGrid>
        </Paper>
        <Paper withBorder radius="md" p="md">
          {searching ? (
            found.isError ? (
              <Alert color="red" role="alert" title="The search did not work">
                {found.error.message}
              </Alert>
            ) : !found.data ? (
              <Loading />
            ) : found.data.length === 0 ? (
              <EmptyNote title="Nobody found" icon={<IconUsers size={24} />}>
                Check the spelling, or try her reference or his.
              </EmptyNote>
            ) : (
              <Stack gap="sm">
                <Text size="sm" c="dimmed" aria-live="polite">
                  {found.data.length} {noun(found.data.length)} found
                </Text>
                <PartnersTable rows={found.data} />
              </Stack>
            )
          ) : list.isError ? (
            <Alert color="red" role="alert" title="The list could not be loaded">
              {list.error.message}
            </Alert>
          ) : !list.data ? (
            <Loading />
          ) : list.data.total === 0 ? (
            filtered ? (
              <EmptyNote
                title="Nobody matches these filters"
                icon={<IconFilterOff size={24} />}
                action={
                  <Button variant="light" onClick={clearFilters}>
                    Clear all filters
                  </Button>
                }
              >
                Try fewer filters, or search for her by name.
              </EmptyNote>
            ) : (
              <EmptyNote title="No partners on record yet" icon={<IconUsers size={24} />}>
                Add a partner with &quot;New partner&quot;, or from his record once he has been assessed.
              </EmptyNote>
            )
          ) : list.data.rows.length === 0 ? (
            <EmptyNote
              title="This page is past the end of the list"
              icon={<IconUsers size={24} />}
              action={
                <Button variant="light" onClick={() => update({ page: 1 }, true)}>
                  Go to the first page
                </Button>
              }
            >
              The list has become shorter since this page was opened.
            </EmptyNote>
          ) : (
            <Stack gap="sm">
              <Group justify="space-between">
                <Pager
                  page={list.data.page}
                  pageSize={list.data.pageSize}
                  total={list.data.total}
                  noun={noun(list.data.total)}
                  onChange={(page) => update({ page }, true)}
                />
                {list.isFetching && <Loader size="xs" aria-label="Updating" />}
              </Group>
              <PartnersTable rows={list.data.rows} />
              {list.data.total > list.data.pageSize && (
                <Pager
                  page={list.data.page}
                  pageSize={list.data.pageSize}
                  total={list.data.total}
                  noun={noun(list.data.total)}
                  onChange={(page) => update({ page }, true)}
                />
              )}
            </Stack>
          )}
        </Paper>
      </Stack>
    </>
  );
}
