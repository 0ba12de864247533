/** Tasks: mine (or, for managers, everyone's), to do or done; mark done with a note; add one. */
import { Alert, Badge, Button, Card, Center, Group, Loader, SegmentedControl, Stack, Text } from '@mantine/core';
import { keepPreviousData } from '@tanstack/react-query';
import { IconChecklist, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { useApiQuery } from '../../app/api';
import { useSession } from '../../app/auth-context';
import { EmptyNote } from '../../components/empty-note';
import { ExportCsvButton } from '../../components/export-csv-button';
import { PageHeader } from '../../components/page-header';
import { Pager } from '../../components/pager';
import { AddTaskModal } from './add-task-modal';
import { TaskList } from './task-list';

const PAGE_SIZE = 25;

export function TasksPage() {
  const session = useSession();
  const isManager = session.role === 'manager';
  const [params, setParams] = useSearchParams();
  const scope = isManager && params.get('scope') === 'all' ? 'all' : 'mine';
  const status = params.get('status') === 'done' ? 'done' : 'open';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const [adding, setAdding] = useState(false);
  const list = useApiQuery(
    'tasks.list',
    { scope, status, page, pageSize: PAGE_SIZE },
    { placeholderData: keepPreviousData },
  );
  const data = list.data;

  const set = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v == null) next.delete(k);
      else next.set(k, v);
    }
    if (!('page' in changes)) next.delete('page');
    setParams(next, { replace: true });
  };

  return (
    <>
      <PageHeader
        title="Tasks"
        description="What needs doing, soonest first. The program adds some itself (consent and risk reviews, reports due, a rise in risk); anyone can add others. Tasks for your role are shared: whoever does one marks it done."
        actions={
          <Group gap="sm">
            <ExportCsvButton route="exports.tasks" input={{ scope, status }} what="tasks" />
            <Button leftSection={<IconPlus size={18} />} onClick={() => setAdding(true)}>
              Add a task
            </Button>
          </Group>
        }
      />
      <Stack gap="md">
        <Group gap="md">
          {isManager && (
            <SegmentedControl
              aria-label="Whose tasks"
              data={[
                { value: 'mine', label: 'Mine and my role’s' },
                { value: 'all', label: 'Everyone’s' },
              ]}
              value={scope}
              onChange={(v) => set({ scope: v === 'all' ? 'all' : null })}
            />
          )}
          <SegmentedControl
            aria-label="To do or done"
            data={[
              { value: 'open', label: 'To do' },
              { value: 'done', label: 'Done' },
            ]}
            value={status}
            onChange={(v) => set({ status: v === 'done' ? 'done' : null })}
          />
          {data && status === 'open' && (
            <Group gap="xs" aria-live="polite">
              <Badge variant="light" color="gray" size="lg">
                {data.total} to do
              </Badge>
              {data.overdue > 0 && (
                <Badge variant="filled" color="red" size="lg">
                  {data.overdue} overdue
                </Badge>
              )}
            </Group>
          )}
          {list.isFetching && <Loader size="xs" aria-label="Updating" />}
        </Group>
        {list.isError ? (
          <Alert color="red" role="alert" title="The tasks could not be loaded">
            {list.error.message}
          </Alert>
        ) : !data ? (
          <Center py="xl">
            <Loader aria-label="Loading the tasks" />
          </Center>
        ) : data.total === 0 ? (
          <Card withBorder radius="md">
            <EmptyNote
              title={status === 'open' ? 'Nothing to do' : 'No tasks done yet'}
              icon={<IconChecklist size={24} />}
            >
              {status === 'open'
                ? 'All caught up. New tasks appear here when the program raises them or someone adds one for you or your role.'
                : 'Tasks you mark as done appear here, with your note.'}
            </EmptyNote>
          </Card>
        ) : (
          <Card withBorder radius="md" padding="md">
            <Stack gap="sm">
              <TaskList tasks={data.tasks} busy={list.isFetching} />
              <Pager
                page={data.page}
                pageSize={PAGE_SIZE}
                total={data.total}
                noun="tasks"
                onChange={(p) => set({ page: p > 1 ? String(p) : null })}
              />
            </Stack>
          </Card>
        )}
        {status === 'open' && scope === 'mine' && (
          <Text size="xs" c="dimmed">
            Shows tasks for you and for everyone in your role (
            {session.role === 'partner_worker' ? 'partner support workers' : `${session.role}s`}).
          </Text>
        )}
      </Stack>
      {adding && <AddTaskModal onClose={() => setAdding(false)} />}
    </>
  );
}
