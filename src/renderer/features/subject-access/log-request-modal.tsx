/** Logging a subject access request: who asked, when it came and how. The one-month deadline becomes a task for the managers. */
import { Button, Group, Select, Stack, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconDeviceFloppy } from '@tabler/icons-react';
import { useState } from 'react';
import { todayInLondon } from '../../../shared/dates';
import {
  oneMonthAfter,
  sarChannelLabels,
  sarChannels,
  sarLogInput,
  type SubjectAccessRequest,
} from '../../../shared/features/subject-access';
import { useApiMutation } from '../../app/api';
import { focusFirstError, validateWith } from '../../app/form-errors';
import { formatDate } from '../../app/format';
import { FormAlert, placeApiError, type FormProblem } from '../../components/form-alert';
import { ParticipantPicker } from '../../components/participant-picker';
import { UkDateInput } from '../../components/uk-date-input';
import { CancelButton, FormModal } from '../../components/unsaved-changes';

interface Values {
  participantId: string | null;
  receivedOn: string;
  channel: string | null;
  note: string;
}
const check = validateWith<Record<string, unknown>>(sarLogInput);

export function LogRequestModal({
  onClose,
  onLogged,
}: {
  onClose: () => void;
  onLogged: (r: SubjectAccessRequest) => void;
}) {
  const log = useApiMutation('subjectAccess.log', ['subjectAccess.', 'tasks.', 'audit.']);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const form = useForm<Values>({
    initialValues: { participantId: null, receivedOn: todayInLondon(), channel: null, note: '' },
    validate: (v) => check({ ...v }),
  });
  const received = form.getValues().receivedOn;
  const submit = form.onSubmit(
    async (v) => {
      setProblem(null);
      try {
        onLogged(
          await log.mutateAsync({
            participantId: v.participantId ?? '',
            receivedOn: v.receivedOn,
            channel: v.channel as (typeof sarChannels)[number],
            note: v.note,
          }),
        );
      } catch (err) {
        setProblem(placeApiError(form, err, (p) => ['participantId', 'receivedOn', 'channel', 'note'].includes(p)));
      }
    },
    (errors) => focusFirstError(errors),
  );
  return (
    <FormModal dirty={form.isDirty()} opened onClose={onClose} title="Log a subject access request" size="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text size="sm">
            A man may ask, in any words and by any means, for a copy of what we hold about him. Log it the day it
            arrives: the law gives one calendar month to answer. Check who he is before sending anything.
          </Text>
          <ParticipantPicker
            label="Who is asking"
            required
            placeholder="Type his name or reference"
            key={form.key('participantId')}
            {...form.getInputProps('participantId')}
          />
          <UkDateInput
            label="Date received"
            required
            maxDate={new Date()}
            key={form.key('receivedOn')}
            {...form.getInputProps('receivedOn')}
          />
          <Select
            label="How it came"
            required
            data={sarChannels.map((c) => ({ value: c, label: sarChannelLabels[c] }))}
            key={form.key('channel')}
            {...form.getInputProps('channel')}
          />
          <Textarea
            label="Note (optional)"
            description="For example how his identity was checked. Not included in the pack."
            autosize
            minRows={2}
            key={form.key('note')}
            {...form.getInputProps('note')}
          />
          {/^\d{4}-\d{2}-\d{2}$/.test(received) && (
            <Text size="sm" fw={600}>
              The answer is due by {formatDate(oneMonthAfter(received))}.
            </Text>
          )}
          <FormAlert problem={problem} />
          <Group justify="flex-end">
            <CancelButton onCancel={onClose} />
            <Button type="submit" leftSection={<IconDeviceFloppy size={18} />} loading={log.isPending}>
              Log the request
            </Button>
          </Group>
        </Stack>
      </form>
    </FormModal>
  );
}
