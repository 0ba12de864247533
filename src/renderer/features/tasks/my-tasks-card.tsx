/** The home page's "My tasks": how many, how many overdue, and the next few due. */
import { Badge, Button, Card, Group, Loader, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconChecklist } from '@tabler/icons-react';
import { Link } from 'react-router';
import { useApiQuery } from '../../app/api';
import { TaskList } from './task-list';

const SHOWN = 5;

export function MyTasksCard() {
  const tasks = useApiQuery('tasks.list', { scope: 'mine', status: 'open', page: 1, pageSize: 10 });
  const data = tasks.data;
  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-label="My tasks">
      <Group justify="space-between" mb="sm" wrap="nowrap">
        <Group gap="sm" wrap="nowrap">
          <ThemeIcon variant="light" size="lg" radius="md" aria-hidden>
            <IconChecklist size={20} />
          </ThemeIcon>
          <Title order={2} size="h4">
            My tasks
          </Title>
          {data && (
            <Group gap={6}>
              <Badge variant="light" color="gray">
                {data.total} to do
              </Badge>
              {data.overdue > 0 && (
                <Badge variant="filled" color="red">
                  {data.overdue} overdue
                </Badge>
              )}
            </Group>
          )}
        </Group>
        <Button component={Link} to="/tasks" variant="light">
          All my tasks
        </Button>
      </Group>
      {tasks.isPending ? (
        <Loader size="sm" aria-label="Loading your tasks" />
      ) : tasks.isError ? (
        <Text size="sm" c="red">
          Your tasks could not be loaded: {tasks.error.message}
        </Text>
      ) : data!.total === 0 ? (
        <Text size="sm" c="dimmed">
          Nothing to do at the moment. Tasks for you and your role appear here.
        </Text>
      ) : (
        <Stack gap="xs">
          <Text size="sm" c="dimmed">
            Next due:
          </Text>
          <TaskList tasks={data!.tasks.slice(0, SHOWN)} compact />
          {data!.total > SHOWN && (
            <Text size="sm" c="dimmed">
              and {data!.total - SHOWN} more on the Tasks page
            </Text>
          )}
        </Stack>
      )}
    </Card>
  );
}
