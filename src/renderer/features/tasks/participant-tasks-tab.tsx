/** What needs doing for him: his open tasks (complete with a note), and adding one. */
import { Button, Card, Group, Stack, Text } from '@mantine/core';
import { IconChecklist, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { EmptyNote } from '../../components/empty-note';
import type { RecordTabProps } from '../participants/record-tab';
import { AddTaskModal } from './add-task-modal';
import { TaskList } from './task-list';

export function ParticipantTasksTab({ record, canEdit }: RecordTabProps) {
  const [adding, setAdding] = useState(false);
  const tasks = record.openTasks;
  const overdue = tasks.filter((t) => t.overdue).length;
  return (
    <Stack gap="lg">
      <Group justify="space-between">
        <Text size="sm" c="dimmed" maw={720}>
          Open tasks about him, soonest first{overdue > 0 ? `; ${overdue} overdue` : ''}. The program adds some itself
          (consent reviews, risk reviews, reports due, a rise in risk); anyone can add others. Done tasks are on the
          Tasks page.
        </Text>
        {canEdit && (
          <Button leftSection={<IconPlus size={18} />} onClick={() => setAdding(true)}>
            Add a task
          </Button>
        )}
      </Group>
      {tasks.length === 0 ? (
        <Card withBorder radius="md">
          <EmptyNote title="Nothing to do for him" icon={<IconChecklist size={24} />}>
            {canEdit ? 'Choose "Add a task" to remind yourself or a colleague of something.' : ''}
          </EmptyNote>
        </Card>
      ) : (
        <TaskList tasks={tasks} hideParticipant />
      )}
      {adding && (
        <AddTaskModal
          participant={{ id: record.header.id, name: record.header.name, reference: record.header.reference }}
          onClose={() => setAdding(false)}
        />
      )}
    </Stack>
  );
}
