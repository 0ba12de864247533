/** Marking a task done by hand: it always says what was done, or why it is no longer needed (audited; it can be reopened). */
import { Alert, Button, Group, Stack, Text, Textarea } from '@mantine/core';
import { IconCheck } from '@tabler/icons-react';
import { useState } from 'react';
import type { Task } from '../../../shared/features/tasks';
import { useApiMutation } from '../../app/api';
import { apiErrorOf } from '../../app/form-errors';
import { notifySuccess } from '../../app/notify';
import { CancelButton, FormModal } from '../../components/unsaved-changes';

export function CompleteTaskModal({ task, onClose }: { task: Task; onClose: () => void }) {
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [noteError, setNoteError] = useState<string | null>(null);
  const complete = useApiMutation('tasks.complete', ['tasks.', 'participants.get', 'audit.']);
  const submit = () => {
    setError(null);
    if (!note.trim()) {
      setNoteError('Say what was done, or why the task is no longer needed');
      return;
    }
    setNoteError(null);
    complete
      .mutateAsync({ id: task.id, note })
      .then(() => {
        notifySuccess(`Done: ${task.title}`);
        onClose();
      })
      .catch((err: unknown) => setError(apiErrorOf(err).message));
  };
  return (
    <FormModal dirty={note.trim() !== ''} opened onClose={onClose} title="Mark the task as done" size="lg">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Stack gap="md">
          <Text size="sm" fw={600}>
            {task.title}
          </Text>
          {task.detail && <Text size="sm">{task.detail}</Text>}
          <Textarea
            label="What was done, or why it is no longer needed"
            description="For example: letter from the GP received and filed. This is kept with the task."
            autosize
            minRows={3}
            data-autofocus
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            error={noteError}
          />
          {error && (
            <Alert color="red" role="alert">
              {error}
            </Alert>
          )}
          <Group justify="flex-end">
            <CancelButton onCancel={onClose} />
            <Button type="submit" leftSection={<IconCheck size={18} />} loading={complete.isPending}>
              Mark as done
            </Button>
          </Group>
        </Stack>
      </form>
    </FormModal>
  );
}
