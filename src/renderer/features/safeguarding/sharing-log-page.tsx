/**
 * The organisation's information-sharing log (managers, and so the data
 * protection lead): every disclosure on both sides, with its lawful basis,
 * filtered by date, basis, agency and whose record, paged, and exportable.
 * Opening it is audited.
 */
import '@mantine/dates/styles.css';
import { Alert, Anchor, Button, Center, Group, Loader, Paper, Select, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconFileExport, IconX } from '@tabler/icons-react';
import { keepPreviousData } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import type { RouteInput } from '../../../shared/api';
import { sharingLogBases, sharingLogInput, type SharingLogEntry } from '../../../shared/features/safeguarding';
import { useApiQuery } from '../../app/api';
import { formatDate } from '../../app/format';
import { EmptyNote } from '../../components/empty-note';
import { ExportCsvButton } from '../../components/export-csv-button';
import { PageHeader } from '../../components/page-header';
import { Pager } from '../../components/pager';
import { UkDateInput } from '../../components/uk-date-input';
import { basisShort, plainWhy, SharingBasisCell, SharingRecipientCell } from './sharing-cells';

const PAGE_SIZE = 50;

type Basis = (typeof sharingLogBases)[number];
interface Filters {
  from: string;
  to: string;
  basis: Basis | null;
  side: 'participant' | 'partner' | null;
  agency: string;
}
const noFilters: Filters = { from: '', to: '', basis: null, side: null, agency: '' };

function toInput(f: Filters, agency: string): RouteInput<'sharing.exportLog'> {
  return {
    ...(f.from ? { from: f.from } : {}),
    ...(f.to ? { to: f.to } : {}),
    ...(f.basis ? { basis: f.basis } : {}),
    ...(f.side ? { side: f.side } : {}),
    ...(agency.trim() ? { agency: agency.trim() } : {}),
  };
}

function RecordCell({ e }: { e: SharingLogEntry }) {
  const his = e.side === 'participant';
  const id = his ? e.participantId : e.partnerId;
  const label = e.subjectReference ?? 'Deleted record';
  return (
    <>
      {id && e.subjectReference ? (
        <Anchor component={Link} to={his ? `/participants/${id}/sharing` : `/partners/${id}/sharing`} size="sm" fw={600}>
          {label}
        </Anchor>
      ) : (
        <Text size="sm" c="dimmed">
          {label}
        </Text>
      )}
      <Text size="xs">{e.withheld ? 'Restricted record' : (e.subjectName ?? '')}</Text>
      <Text size="xs" c="dimmed">
        {his ? 'His record' : 'Her record (partner service)'}
      </Text>
    </>
  );
}

function LogTable({ entries }: { entries: SharingLogEntry[] }) {
  return (
    <Table.ScrollContainer minWidth={1000}>
      <Table verticalSpacing="sm" striped aria-label="Information shared">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={110}>Date</Table.Th>
            <Table.Th w={150}>Record</Table.Th>
            <Table.Th>What</Table.Th>
            <Table.Th w={170}>To</Table.Th>
            <Table.Th>Why</Table.Th>
            <Table.Th w={220}>Lawful basis</Table.Th>
            <Table.Th w={140}>Recorded by</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {entries.map((e) => (
            <Table.Tr key={e.id}>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(e.sharedOn)}</Table.Td>
              <Table.Td>
                <RecordCell e={e} />
              </Table.Td>
              <Table.Td>
                {e.withheld ? (
                  <Text size="sm" c="dimmed" fs="italic">
                    Restricted record: shown only to the staff named on it
                  </Text>
                ) : (
                  <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                    {e.what}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <SharingRecipientCell e={e} />
              </Table.Td>
              <Table.Td>
                <Text size="sm" c={e.withheld ? 'dimmed' : undefined} style={{ overflowWrap: 'anywhere' }}>
                  {e.withheld ? '–' : plainWhy(e.why)}
                </Text>
              </Table.Td>
              <Table.Td>
                <SharingBasisCell e={e} consentText={e.consentText} />
              </Table.Td>
              <Table.Td>
                <Text size="sm">{e.recordedByName ?? 'A former member of staff'}</Text>
                {e.automatic && (
                  <Text size="xs" c="dimmed">
                    Added by the program
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

export function SharingLogPage() {
  const [filters, setFilters] = useState<Filters>(noFilters);
  const [page, setPage] = useState(1);
  const [agency] = useDebouncedValue(filters.agency, 400);
  const set = <K extends keyof Filters>(key: K, value: Filters[K]) => {
    setFilters((f) => ({ ...f, [key]: value }));
    setPage(1);
  };
  const filterInput = toInput(filters, agency);
  const input = { ...filterInput, page, pageSize: PAGE_SIZE };
  const checked = sharingLogInput.safeParse(input);
  const errors: Record<string, string> = {};
  if (!checked.success) for (const issue of checked.error.issues) errors[String(issue.path[0] ?? '')] ??= issue.message;
  const list = useApiQuery('sharing.log', input, { enabled: checked.success, placeholderData: keepPreviousData });
  const data = list.data;
  const active = JSON.stringify(filters) !== JSON.stringify(noFilters);

  return (
    <>
      <PageHeader
        title="Information sharing"
        description="Every disclosure to another agency across the organisation, from both the programme and the partner service: what was shared, with whom, when, why, and the lawful basis. Entries are added from each record's Information sharing tab, and by the program for child-protection referrals, reports sent and subject access packs."
        actions={<ExportCsvButton route="sharing.exportLog" input={filterInput} what="the information-sharing log" disabled={!checked.success} />}
      />
      <Stack gap="lg">
        <Paper withBorder radius="md" p="md">
          <Stack gap="xs">
            <Group justify="space-between" mih={30}>
              <Title order={2} size="h4">
                Filter the entries
              </Title>
              {active && (
                <Button
                  variant="subtle"
                  size="compact-sm"
                  leftSection={<IconX size={16} />}
                  onClick={() => {
                    setFilters(noFilters);
                    setPage(1);
                  }}
                >
                  Clear all filters
                </Button>
              )}
            </Group>
            <SimpleGrid cols={{ base: 1, sm: 2, lg: 5 }} spacing="sm">
              <UkDateInput label="Shared from" value={filters.from} onChange={(v) => set('from', v)} clearable error={errors.from} />
              <UkDateInput label="Shared to" value={filters.to} onChange={(v) => set('to', v)} clearable error={errors.to} />
              <Select
                label="Lawful basis"
                placeholder="Any basis"
                data={sharingLogBases.map((b) => ({ value: b, label: basisShort[b] }))}
                value={filters.basis}
                onChange={(v) => set('basis', (v as Basis | null) ?? null)}
                clearable
              />
              <TextInput label="Agency" placeholder="Any agency" value={filters.agency} onChange={(e) => set('agency', e.currentTarget.value)} error={errors.agency} />
              <Select
                label="Whose record"
                placeholder="His and hers"
                data={[
                  { value: 'participant', label: 'His (the programme)' },
                  { value: 'partner', label: 'Hers (the partner service)' },
                ]}
                value={filters.side}
                onChange={(v) => set('side', (v as Filters['side']) ?? null)}
                clearable
              />
            </SimpleGrid>
          </Stack>
        </Paper>

        <Paper withBorder radius="md" p="md">
          {list.isError ? (
            <Alert color="red" role="alert" title="The log could not be loaded">
              {list.error.message}
            </Alert>
          ) : !data ? (
            checked.success ? (
              <Center py="xl">
                <Loader aria-label="Loading the information-sharing log" />
              </Center>
            ) : (
              <Text py="lg" ta="center">
                Correct the filters above to see entries.
              </Text>
            )
          ) : data.total === 0 ? (
            <EmptyNote title={active ? 'No entries match these filters' : 'Nothing shared yet'} icon={<IconFileExport size={24} />}>
              {active ? 'Try a wider date range, or choose "Clear all filters".' : "Disclosures recorded on anyone's record appear here."}
            </EmptyNote>
          ) : (
            <Stack gap="sm">
              <Group justify="space-between">
                <Text size="sm" c="dimmed">
                  Newest first
                </Text>
                {list.isFetching && <Loader size="xs" aria-label="Updating" />}
              </Group>
              <LogTable entries={data.entries} />
              <Pager page={data.page} pageSize={data.pageSize} total={data.total} onChange={setPage} noun="entries" />
            </Stack>
          )}
        </Paper>
      </Stack>
    </>
  );
}
