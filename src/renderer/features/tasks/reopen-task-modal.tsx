/** Opening again a task closed by hand (closed by mistake, or the problem came back). Audited. */
import { Alert, Button, Group, Stack, Text, Textarea } from '@mantine/core';
import { IconArrowBackUp } from '@tabler/icons-react';
import { useState } from 'react';
import type { Task } from '../../../shared/features/tasks';
import { useApiMutation } from '../../app/api';
import { apiErrorOf } from '../../app/form-errors';
import { notifySuccess } from '../../app/notify';
import { CancelButton, FormModal } from '../../components/unsaved-changes';

export function ReopenTaskModal({ task, onClose }: { task: Task; onClose: () => void }) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const reopen = useApiMutation('tasks.reopen', ['tasks.', 'participants.get', 'audit.']);
  const submit = () => {
    setError(null);
    reopen
      .mutateAsync({ id: task.id, reason })
      .then(() => {
        notifySuccess(`Open again: ${task.title}`);
        onClose();
      })
      .catch((err: unknown) => setError(apiErrorOf(err).message));
  };
  return (
    <FormModal dirty={reason.trim() !== ''} opened onClose={onClose} title="Reopen the task" size="lg">
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
          {task.doneNote && <Text size="sm">Closed with the note: {task.doneNote}</Text>}
          <Textarea label="Why it is open again (optional)" autosize minRows={2} data-autofocus value={reason} onChange={(e) => setReason(e.currentTarget.value)} />
          {error && (
            <Alert color="red" role="alert">
              {error}
            </Alert>
          )}
          <Group justify="flex-end">
            <CancelButton onCancel={onClose} />
            <Button type="submit" leftSection={<IconArrowBackUp size={18} />} loading={reopen.isPending}>
              Reopen
            </Button>
          </Group>
        </Stack>
      </form>
    </FormModal>
  );
}
