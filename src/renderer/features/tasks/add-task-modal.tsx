/** Adding a task by hand: what, by when, for a person or everyone in a role, and optionally about a participant. */
import {
  Button,
  Checkbox,
  Group,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Input,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconDeviceFloppy } from '@tabler/icons-react';
import { useState } from 'react';
import { todayInLondon } from '../../../shared/dates';
import { taskAddInput } from '../../../shared/features/tasks';
import { can, roles, type Role } from '../../../shared/permissions';
import { useApiMutation } from '../../app/api';
import { useSession } from '../../app/auth-context';
import { focusFirstError, validateWith } from '../../app/form-errors';
import { notifySuccess } from '../../app/notify';
import { FormAlert, placeApiError, type FormProblem } from '../../components/form-alert';
import { ParticipantPicker } from '../../components/participant-picker';
import { StaffSelect } from '../../components/staff-select';
import { UkDateInput } from '../../components/uk-date-input';
import { roleChoiceLabel } from './task-labels';
import { CancelButton, FormModal } from '../../components/unsaved-changes';

interface Values {
  title: string;
  detail: string;
  assignTo: 'person' | 'role';
  assigneeId: string | null;
  assigneeRole: Role | null;
  dueOn: string;
  urgent: boolean;
  participantId: string | null;
}

const check = validateWith<Record<string, unknown>>(taskAddInput);
const fields = ['title', 'detail', 'assigneeId', 'assigneeRole', 'dueOn', 'urgent', 'participantId'];

function inputOf(v: Values) {
  return {
    title: v.title,
    detail: v.detail,
    assigneeId: v.assignTo === 'person' ? v.assigneeId : null,
    assigneeRole: v.assignTo === 'role' ? v.assigneeRole : null,
    dueOn: v.dueOn,
    urgent: v.urgent,
    participantId: v.participantId,
  };
}

interface Props {
  /** fixed when the task is added from his record */
  participant?: { id: string; name: string; reference: string };
  onClose: () => void;
}

export function AddTaskModal({ participant, onClose }: Props) {
  const session = useSession();
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const add = useApiMutation('tasks.add', ['tasks.', 'participants.get', 'audit.']);
  const form = useForm<Values>({
    initialValues: {
      title: '',
      detail: '',
      assignTo: 'person',
      assigneeId: session.staffId,
      assigneeRole: null,
      dueOn: todayInLondon(),
      urgent: false,
      participantId: participant?.id ?? null,
    },
    validate: (v) => {
      const errors = check(inputOf(v));
      // The back end names the person field when neither is chosen; with "a role" chosen, say it there.
      if (errors.assigneeId && v.assignTo === 'role')
        return { ...errors, assigneeId: undefined, assigneeRole: 'Choose a role' };
      return errors;
    },
  });
  const v = form.getValues();
  const submit = form.onSubmit(async (values) => {
    setProblem(null);
    try {
      await add.mutateAsync(inputOf(values));
      notifySuccess('The task has been added.');
      onClose();
    } catch (err) {
      setProblem(placeApiError(form, err, (p) => fields.includes(p)));
    }
  }, focusFirstError);
  const canPickParticipant = !participant && can(session.role, 'participants.view');

  return (
    <FormModal dirty={form.isDirty()}
      opened
      onClose={onClose}
      size="lg"
      title={participant ? `Add a task about ${participant.name}` : 'Add a task'}
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <TextInput
            label="What needs doing"
            placeholder="For example: Chase the GP letter"
            data-autofocus
            key={form.key('title')}
            {...form.getInputProps('title')}
          />
          <Textarea
            label="More detail (optional)"
            autosize
            minRows={2}
            key={form.key('detail')}
            {...form.getInputProps('detail')}
          />
          <Input.Wrapper label="Who is it for?">
            <SegmentedControl
              mt={4}
              data={[
                { value: 'person', label: 'A member of staff' },
                { value: 'role', label: 'Everyone in a role' },
              ]}
              value={v.assignTo}
              onChange={(x) => form.setFieldValue('assignTo', x as Values['assignTo'])}
              aria-label="Who is it for?"
            />
          </Input.Wrapper>
          {v.assignTo === 'person' ? (
            <StaffSelect label="Member of staff" key={form.key('assigneeId')} {...form.getInputProps('assigneeId')} />
          ) : (
            <Select
              label="Role"
              description="Anyone with this role sees the task and can mark it done"
              data={roles.map((r) => ({ value: r, label: roleChoiceLabel(r) }))}
              key={form.key('assigneeRole')}
              {...form.getInputProps('assigneeRole')}
            />
          )}
          <SimpleGrid cols={2} spacing="sm">
            <UkDateInput label="Due by" key={form.key('dueOn')} {...form.getInputProps('dueOn')} />
            <Checkbox
              mt={30}
              label="Urgent"
              description="Shown in red at the top"
              key={form.key('urgent')}
              {...form.getInputProps('urgent', { type: 'checkbox' })}
            />
          </SimpleGrid>
          {canPickParticipant && (
            <ParticipantPicker
              label="About a participant (optional)"
              placeholder="Type his name or reference"
              key={form.key('participantId')}
              {...form.getInputProps('participantId')}
            />
          )}
          {participant && (
            <Text size="sm" c="dimmed">
              About {participant.name} ({participant.reference})
            </Text>
          )}
          <FormAlert problem={problem} />
          <Group justify="flex-end">
            <CancelButton onCancel={onClose} />
            <Button type="submit" leftSection={<IconDeviceFloppy size={18} />} loading={add.isPending}>
              Add task
            </Button>
          </Group>
        </Stack>
      </form>
    </FormModal>
  );
}
