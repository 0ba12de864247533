/** The Reports area: drafts waiting for work or sign-off, and everything sent. */
import { Alert, Button, Center, Group, Loader, SegmentedControl, Stack } from '@mantine/core';
import { IconFilePlus, IconTextCaption } from '@tabler/icons-react';
import { useState } from 'react';
import type { ReportStatus } from '../../../shared/features/reports';
import { can } from '../../../shared/permissions';
import { useApiQuery } from '../../app/api';
import { useSession } from '../../app/auth-context';
import { EmptyNote } from '../../components/empty-note';
import { PageHeader } from '../../components/page-header';
import { NewReportModal } from './new-report-modal';
import { ReportList } from './report-list';
import { ReportWordingModal } from './wording-modal';

export function ReportsPage() {
  const [status, setStatus] = useState<ReportStatus | 'all'>('all');
  const [creating, setCreating] = useState(false);
  const [wording, setWording] = useState(false);
  const canWord = can(useSession().role, 'reports.wording');
  const list = useApiQuery('reports.list', status === 'all' ? {} : { status });
  return (
    <>
      <PageHeader
        title="Reports"
        description="Reports to courts, Cafcass, probation and children’s services, letters, and figures for funders. A manager signs off each report before it leaves."
        actions={
          <Group gap="sm">
            {canWord && (
              <Button variant="default" leftSection={<IconTextCaption size={18} />} onClick={() => setWording(true)}>
                Standard wording
              </Button>
            )}
            <Button leftSection={<IconFilePlus size={18} />} onClick={() => setCreating(true)}>
              New report
            </Button>
          </Group>
        }
      />
      <Stack gap="md">
        <SegmentedControl
          w="fit-content"
          value={status}
          onChange={(v) => setStatus(v as ReportStatus | 'all')}
          data={[
            { value: 'all', label: 'All' },
            { value: 'draft', label: 'Drafts' },
            { value: 'signed', label: 'Signed off, not saved' },
            { value: 'saved', label: 'Saved, not sent' },
            { value: 'sent', label: 'Sent' },
          ]}
          aria-label="Show reports"
        />
        {list.isPending ? (
          <Center py="xl">
            <Loader aria-label="Loading the reports" />
          </Center>
        ) : list.isError ? (
          <Alert color="red" role="alert" title="The reports could not be loaded">
            {list.error.message}
          </Alert>
        ) : list.data.length === 0 ? (
          <EmptyNote title={status === 'all' ? 'No reports yet' : 'Nothing here'}>
            Start one with “New report”, or from the Reports tab of a participant’s record.
          </EmptyNote>
        ) : (
          <ReportList reports={list.data} />
        )}
      </Stack>
      {creating && <NewReportModal opened onClose={() => setCreating(false)} />}
      {wording && <ReportWordingModal onClose={() => setWording(false)} />}
    </>
  );
}
