/** Everyone on record: filtered, sorted and paged. Restricted records show that they exist, and open only for named staff. */
import { Alert, Button, Center, Group, Loader, Paper, Select, SimpleGrid, Stack, Title } from '@mantine/core';
import { keepPreviousData } from '@tanstack/react-query';
import { IconFilterOff, IconUserPlus, IconUsers } from '@tabler/icons-react';
import { Link, useSearchParams } from 'react-router';
import type { RouteInput } from '../../../shared/api';
import {
  flagLabels,
  flagNames,
  listSorts,
  referralRouteLabels,
  referralRoutes,
  referralSourceLabels,
  referralSources,
  statusLabels,
  statuses,
} from '../../../shared/features/participants';
import { can } from '../../../shared/permissions';
import { useApiQuery } from '../../app/api';
import { useSession } from '../../app/auth-context';
import { EmptyNote } from '../../components/empty-note';
import { ExportCsvButton } from '../../components/export-csv-button';
import { PageHeader } from '../../components/page-header';
import { Pager } from '../../components/pager';
import { staffOptions, useStaffDirectory } from '../../components/staff-select';
import { hasFilters, listInputFrom, nextSort, paramsFrom, type FilterKey, type ListInput } from './list-params';
import { ParticipantsTable } from './participants-table';

type SortKey = (typeof listSorts)[number];

const sortLabels: Record<SortKey, string> = {
  name: 'Name',
  reference: 'Reference',
  referred: 'Date referred',
  status: 'Status',
  updated: 'Last changed',
};

/** The list's filters and sort without its paging: the export holds every matching row. */
function exportInput({ page: _page, pageSize: _pageSize, ...rest }: ListInput): RouteInput<'exports.participants'> {
  return rest;
}

export function ParticipantsPage() {
  const session = useSession();
  const canEdit = can(session.role, 'participants.edit');
  const [params, setParams] = useSearchParams();
  const input = listInputFrom(params);
  const list = useApiQuery('participants.list', input, { placeholderData: keepPreviousData });
  const directory = useStaffDirectory();

  const update = (changes: Partial<ListInput>, keepPage = false) => {
    setParams(paramsFrom({ ...input, ...changes, page: keepPage ? (changes.page ?? input.page) : 1 }), {
      replace: true,
    });
  };
  const setFilter = (key: FilterKey, value: string | null) => update({ [key]: value ?? undefined });
  const filtered = hasFilters(input);
  const data = list.data;

  return (
    <>
      <PageHeader
        title="Participants"
        description="Everyone referred to the programme, whatever their status. Choose a name to open his record. To find someone quickly, use the search box at the top of the screen (Ctrl+K)."
        actions={
          <Group gap="sm">
            <ExportCsvButton route="exports.participants" input={exportInput(input)} what="the participants list" />
            {canEdit && (
              <Button component={Link} to="/participants/new" leftSection={<IconUserPlus size={18} />}>
                New referral
              </Button>
            )}
          </Group>
        }
      />
      <Stack gap="lg">
        <Paper withBorder radius="md" p="md" component="section" aria-label="Filters">
          <Group justify="space-between" mb="xs" mih={30}>
            <Title order={2} size="h4">
              Filter the list
            </Title>
            {filtered && (
              <Button
                variant="subtle"
                size="compact-sm"
                leftSection={<IconFilterOff size={16} />}
                onClick={() =>
                  update({
                    status: undefined,
                    route: undefined,
                    source: undefined,
                    keyWorkerId: undefined,
                    flag: undefined,
                  })
                }
              >
                Clear all filters
              </Button>
            )}
          </Group>
          <SimpleGrid cols={{ base: 1, sm: 3, lg: 6 }} spacing="sm">
            <Select
              label="Status"
              placeholder="Any status"
              data={statuses.map((s) => ({ value: s, label: statusLabels[s] }))}
              value={input.status ?? null}
              onChange={(v) => setFilter('status', v)}
              clearable
            />
            <Select
              label="Route"
              placeholder="Any route"
              data={referralRoutes.map((r) => ({ value: r, label: referralRouteLabels[r] }))}
              value={input.route ?? null}
              onChange={(v) => setFilter('route', v)}
              clearable
            />
            <Select
              label="Key worker"
              placeholder="Anyone"
              data={staffOptions(directory.data ?? [], ['manager', 'facilitator'])}
              value={input.keyWorkerId ?? null}
              onChange={(v) => setFilter('keyWorkerId', v)}
              clearable
              searchable
              nothingFoundMessage="Nobody by that name"
            />
            <Select
              label="Flag"
              placeholder="Any or none"
              data={flagNames.map((f) => ({ value: f, label: flagLabels[f] }))}
              value={input.flag ?? null}
              onChange={(v) => setFilter('flag', v)}
              clearable
            />
            <Select
              label="Referred by"
              placeholder="Any source"
              data={referralSources.map((s) => ({ value: s, label: referralSourceLabels[s] }))}
              value={input.source ?? null}
              onChange={(v) => setFilter('source', v)}
              clearable
            />
            <Select
              label="Sort by"
              data={listSorts.map((s) => ({ value: s, label: sortLabels[s] }))}
              value={input.sort ?? 'name'}
              onChange={(v) => v && update(nextSort({ ...input, sort: undefined }, v as SortKey))}
              allowDeselect={false}
            />
          </SimpleGrid>
        </Paper>

        <Paper withBorder radius="md" p="md">
          {list.isError ? (
            <Alert color="red" role="alert" title="The list could not be loaded">
              {list.error.message}
            </Alert>
          ) : !data ? (
            <Center py="xl">
              <Loader aria-label="Loading the participants" />
            </Center>
          ) : data.total === 0 ? (
            filtered ? (
              <EmptyNote
                title="Nobody matches these filters"
                icon={<IconFilterOff size={24} />}
                action={
                  <Button
                    variant="light"
                    onClick={() =>
                      update({
                        status: undefined,
                        route: undefined,
                        source: undefined,
                        keyWorkerId: undefined,
                        flag: undefined,
                      })
                    }
                  >
                    Clear all filters
                  </Button>
                }
              >
                Try fewer filters, or search by name at the top of the screen.
              </EmptyNote>
            ) : (
              <EmptyNote
                title="Nobody is on record yet"
                icon={<IconUsers size={24} />}
                action={
                  canEdit && (
                    <Button component={Link} to="/participants/new" leftSection={<IconUserPlus size={18} />}>
                      Record the first referral
                    </Button>
                  )
                }
              >
                {canEdit
                  ? 'When a referral comes in, choose "New referral" to record him.'
                  : 'Participants appear here once a facilitator or manager records a referral.'}
              </EmptyNote>
            )
          ) : (
            <Stack gap="sm">
              <Group justify="space-between">
                <Pager
                  page={data.page}
                  pageSize={data.pageSize}
                  total={data.total}
                  noun="participants"
                  onChange={(page) => update({ page }, true)}
                />
                {list.isFetching && <Loader size="xs" aria-label="Updating" />}
              </Group>
              <ParticipantsTable
                rows={data.rows}
                sort={input.sort ?? 'name'}
                direction={input.direction ?? 'asc'}
                onSort={(s) => update(nextSort(input, s))}
              />
              {data.total > data.pageSize && (
                <Pager
                  page={data.page}
                  pageSize={data.pageSize}
                  total={data.total}
                  noun="participants"
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
