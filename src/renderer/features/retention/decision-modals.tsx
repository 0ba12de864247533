/** A manager's decision on a record past its retention date: keep it longer, anonymise it, or delete it (typed confirmation). */
import { Alert, Button, Group, List, Modal, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconClockPlus, IconEyeOff, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { addDays, todayInLondon } from '../../../shared/dates';
import {
  retentionExtendInput,
  type RetentionOutcome,
  type RetentionReviewRow,
} from '../../../shared/features/retention';
import { useApiMutation } from '../../app/api';
import { focusFirstError, validateWith } from '../../app/form-errors';
import { FormAlert, placeApiError, type FormProblem } from '../../components/form-alert';
import { UkDateInput } from '../../components/uk-date-input';
import { CancelButton, FormModal } from '../../components/unsaved-changes';

const invalidates = ['retention.', 'audit.', 'participants.', 'partners.', 'tasks.'];
const who = (row: RetentionReviewRow) => `${row.name} (${row.reference})`;

export function ExtendModal({ row, onClose }: { row: RetentionReviewRow; onClose: () => void }) {
  const extend = useApiMutation('retention.extend', invalidates);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const form = useForm({
    initialValues: { keepUntil: addDays(todayInLondon(), 365), reason: '' },
    validate: (v) =>
      validateWith<Record<string, unknown>>(retentionExtendInput)({ subject: row.subject, id: row.id, ...v }),
  });
  const submit = form.onSubmit(
    async (v) => {
      setProblem(null);
      try {
        await extend.mutateAsync({ subject: row.subject, id: row.id, ...v });
        onClose();
      } catch (err) {
        setProblem(placeApiError(form, err, (p) => p === 'keepUntil' || p === 'reason'));
      }
    },
    (errors) => focusFirstError(errors),
  );
  return (
    <FormModal dirty={form.isDirty()} opened onClose={onClose} title={`Keep ${who(row)} longer`} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text size="sm">
            The record stays as it is until the new date, when it comes back to this list. Say why, so the next manager
            knows.
          </Text>
          <UkDateInput
            label="Keep until"
            required
            minDate={addDays(todayInLondon(), 1)}
            key={form.key('keepUntil')}
            {...form.getInputProps('keepUntil')}
          />
          <Textarea
            label="Reason"
            required
            autosize
            minRows={3}
            description="For example: family court proceedings still open; a complaint under investigation."
            key={form.key('reason')}
            {...form.getInputProps('reason')}
          />
          <FormAlert problem={problem} />
          <Group justify="flex-end">
            <CancelButton onCancel={onClose} />
            <Button type="submit" leftSection={<IconClockPlus size={18} />} loading={extend.isPending}>
              Keep it longer
            </Button>
          </Group>
        </Stack>
      </form>
    </FormModal>
  );
}

export function AnonymiseModal({
  row,
  onClose,
  onDone,
}: {
  row: RetentionReviewRow;
  onClose: () => void;
  onDone: (o: RetentionOutcome, row: RetentionReviewRow) => void;
}) {
  const anonymise = useApiMutation('retention.anonymise', invalidates);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const run = async () => {
    setProblem(null);
    try {
      onDone(await anonymise.mutateAsync({ subject: row.subject, id: row.id }), row);
    } catch (err) {
      setProblem(placeApiError({ setErrors: () => undefined }, err, () => false));
    }
  };
  const person = row.subject === 'participant' ? 'him' : 'her';
  return (
    <Modal opened onClose={onClose} title={`Anonymise ${who(row)}?`} size="lg">
      <Stack>
        <Text size="sm">
          This cannot be undone. Everything that says who {person === 'him' ? 'he is' : 'she is'} is removed:
        </Text>
        <List size="sm" spacing={4}>
          <List.Item>names, other names and the reference (a new anonymous reference replaces it)</List.Item>
          <List.Item>date of birth (only the year is kept), address, phone, email, GP and contacts</List.Item>
          <List.Item>
            case notes, reasons, goals and other written text, and {person === 'him' ? 'his' : 'her'} name wherever it
            appears in session notes
          </List.Item>
          <List.Item>children&apos;s names (how many there were is kept)</List.Item>
        </List>
        <Text size="sm">
          The counts stay, so the funders&apos; figures do not change: dates, statuses, who referred, assessment
          decisions, risk levels, attendance and partner contact.
        </Text>
        <FormAlert problem={problem} />
        <Group justify="flex-end">
          <CancelButton onCancel={onClose} />
          <Button
            color="orange"
            leftSection={<IconEyeOff size={18} />}
            loading={anonymise.isPending}
            onClick={() => void run()}
          >
            Anonymise the record
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

export function DeleteModal({
  row,
  onClose,
  onDone,
}: {
  row: RetentionReviewRow;
  onClose: () => void;
  onDone: (o: RetentionOutcome, row: RetentionReviewRow) => void;
}) {
  const remove = useApiMutation('retention.delete', invalidates);
  const [typed, setTyped] = useState('');
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const matches = typed.trim().toUpperCase() === row.reference.toUpperCase();
  const run = async () => {
    setProblem(null);
    try {
      onDone(await remove.mutateAsync({ subject: row.subject, id: row.id, confirmation: typed }), row);
    } catch (err) {
      setProblem(placeApiError({ setErrors: () => undefined }, err, () => false));
    }
  };
  return (
    <Modal opened onClose={onClose} title={`Delete ${who(row)} for good?`} size="lg">
      <Stack>
        <Alert color="red" title="This cannot be undone">
          Every part of the record is removed from this computer, and {row.subject === 'participant' ? 'he' : 'she'}{' '}
          drops out of the funders&apos; figures for past periods. If the counts should stay, anonymise instead. Backups
          made before today still hold the record until they are replaced.
        </Alert>
        <TextInput
          label={`Type the reference, ${row.reference}, to confirm`}
          value={typed}
          onChange={(e) => setTyped(e.currentTarget.value)}
          autoComplete="off"
          data-autofocus
        />
        <FormAlert problem={problem} />
        <Group justify="flex-end">
          <CancelButton onCancel={onClose} />
          <Button
            color="red"
            leftSection={<IconTrash size={18} />}
            disabled={!matches}
            loading={remove.isPending}
            onClick={() => void run()}
          >
            Delete the record
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
