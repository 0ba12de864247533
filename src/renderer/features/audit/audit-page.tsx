/** The audit log: who did what and when, filtered and paged, and a check that the chain is intact. */
import '@mantine/dates/styles.css';
import { Alert, Center, Group, Loader, Pagination, Paper, Stack, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData } from '@tanstack/react-query';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { auditListInput } from '../../../shared/features/audit';
import type { RouteInput } from '../../../shared/api';
import { useApiQuery } from '../../app/api';
import { PageHeader } from '../../components/page-header';
import { AuditFilters, noFilters, type AuditFilterValues } from './audit-filters';
import { AuditTable } from './audit-table';
import { useVerifyChain, VerifyChainButton, VerifyChainResult } from './verify-chain';
import { ExportAuditButton } from './export-audit';

const PAGE_SIZE = 50;

function toInput(f: AuditFilterValues, subjectId: string, page: number): RouteInput<'audit.list'> {
  return {
    ...(f.staffId ? { staffId: f.staffId } : {}),
    ...(f.action ? { action: f.action } : {}),
    ...(f.outcome ? { outcome: f.outcome } : {}),
    ...(f.from ? { from: f.from } : {}),
    ...(f.to ? { to: f.to } : {}),
    ...(subjectId.trim() ? { subjectId: subjectId.trim() } : {}),
    page,
    pageSize: PAGE_SIZE,
  };
}

/** The list's filters without paging. */
function exportFilters(input: RouteInput<'audit.list'>): RouteInput<'audit.export'> {
  const { page: _page, pageSize: _size, ...filters } = input;
  return filters;
}

export function AuditPage() {
  // "Audit log for this record" on a record opens the log filtered to it.
  const [params] = useSearchParams();
  const [filters, setFilters] = useState<AuditFilterValues>(() => ({ ...noFilters, subjectId: params.get('subject') ?? '' }));
  const [page, setPage] = useState(1);
  const [subjectId] = useDebouncedValue(filters.subjectId, 400);
  const verify = useVerifyChain();
  const staff = useApiQuery('staff.list', {}, { staleTime: 60_000 });
  const staffNames = new Map((staff.data ?? []).map((m) => [m.id, m.fullName]));

  const input = toInput(filters, subjectId, page);
  const checked = auditListInput.safeParse(input);
  const errors: Partial<Record<keyof AuditFilterValues, string>> = {};
  if (!checked.success) {
    for (const issue of checked.error.issues) {
      const key = String(issue.path[0] ?? '') as keyof AuditFilterValues;
      errors[key] ??= issue.message;
    }
  }
  const list = useApiQuery('audit.list', input, { enabled: checked.success, placeholderData: keepPreviousData });
  const data = list.data;
  const pages = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;
  const first = data && data.total > 0 ? (data.page - 1) * data.pageSize + 1 : 0;
  const last = data ? Math.min(data.total, data.page * data.pageSize) : 0;

  const changeFilters = (next: AuditFilterValues) => {
    setFilters(next);
    setPage(1);
  };

  return (
    <>
      <PageHeader
        title="Audit log"
        description="Every log-in, every record opened and every change, with who did it and when. Entries cannot be edited or deleted, and each one carries a fingerprint of the one before it, so a change made outside the program shows up when you verify the chain."
        actions={
          <Group gap="sm">
            <ExportAuditButton filters={exportFilters(input)} disabled={!checked.success} />
            <VerifyChainButton verify={verify} />
          </Group>
        }
      />
      <Stack gap="lg">
        <VerifyChainResult verify={verify} />

        <Paper withBorder radius="md" p="md">
          <AuditFilters value={filters} onChange={changeFilters} actions={data?.actions ?? []} errors={errors} staff={staff.data ?? []} staffError={staff.isError} />
        </Paper>

        <Paper withBorder radius="md" p="md">
          {list.isError ? (
            <Alert color="red" role="alert" title="The audit log could not be loaded">
              {list.error.message}
            </Alert>
          ) : !data ? (
            checked.success ? (
              <Center py="xl">
                <Loader aria-label="Loading the audit log" />
              </Center>
            ) : (
              <Text py="lg" ta="center">
                Correct the filters above to see entries.
              </Text>
            )
          ) : data.total === 0 ? (
            <Text py="lg" ta="center">
              No entries match these filters. Try a wider date range, or choose &quot;Clear all filters&quot;.
            </Text>
          ) : (
            <Stack gap="sm">
              <Group justify="space-between">
                <Text size="sm" c="dimmed" aria-live="polite">
                  Showing {first}–{last} of {data.total} entries, newest first
                </Text>
                {list.isFetching && <Loader size="xs" aria-label="Updating" />}
              </Group>
              <AuditTable entries={data.entries} staffNames={staffNames} onSubject={(id) => changeFilters({ ...filters, subjectId: id })} />
              {pages > 1 && (
                <Group justify="center">
                  <Pagination
                    total={pages}
                    value={page}
                    onChange={setPage}
                    getControlProps={(control) => ({ 'aria-label': control === 'previous' ? 'Previous page' : control === 'next' ? 'Next page' : control === 'first' ? 'First page' : 'Last page' })}
                    getItemProps={(p) => ({ 'aria-label': `Page ${p}` })}
                  />
                </Group>
              )}
            </Stack>
          )}
        </Paper>
      </Stack>
    </>
  );
}
