/** The Reports tab of his record: reports and letters about him, and a button to start one. */
import { Alert, Button, Center, Group, Loader, Stack, Text } from '@mantine/core';
import { IconFilePlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useApiQuery } from '../../app/api';
import { EmptyNote } from '../../components/empty-note';
import type { RecordTabProps } from '../participants/record-tab';
import { NewReportModal } from './new-report-modal';
import { ReportList } from './report-list';

export function ParticipantReportsTab({ record }: RecordTabProps) {
  const [creating, setCreating] = useState(false);
  const list = useApiQuery('reports.list', { participantId: record.header.id });
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          Court, Cafcass, probation and children’s services reports, his record and letters. Nothing from the partner
          support service goes into them.
        </Text>
        <Button leftSection={<IconFilePlus size={18} />} onClick={() => setCreating(true)}>
          New report or letter
        </Button>
      </Group>
      {list.isPending ? (
        <Center py="lg">
          <Loader aria-label="Loading his reports" />
        </Center>
      ) : list.isError ? (
        <Alert color="red" role="alert">
          {list.error.message}
        </Alert>
      ) : list.data.length === 0 ? (
        <EmptyNote title="No reports about him yet">Start one with “New report or letter”.</EmptyNote>
      ) : (
        <ReportList reports={list.data} showSubject={false} />
      )}
      {creating && <NewReportModal opened onClose={() => setCreating(false)} participantId={record.header.id} />}
    </Stack>
  );
}
