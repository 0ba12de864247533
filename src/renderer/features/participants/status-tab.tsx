/** Where he is in the programme: change it (with the outcome, exit reason and date), and the dated timeline of every change. */
import { Button, Card, Grid, Group, List, Select, Stack, Text, Textarea, Timeline, Title } from '@mantine/core';
import { modals } from '@mantine/modals';
import { useForm } from '@mantine/form';
import { IconArrowRight, IconCircleDot } from '@tabler/icons-react';
import { useState } from 'react';
import { todayInLondon } from '../../../shared/dates';
import {
  assessmentOutcomeLabels,
  assessmentOutcomes,
  exitReasonLabels,
  exitReasons,
  needsReasonToMoveOn,
  setStatusInput,
  statusLabels,
  statuses,
  type AssessmentOutcome,
  type ExitReason,
  type Status,
} from '../../../shared/features/participants';
import { useApiMutation } from '../../app/api';
import { focusFirstError, validateWith } from '../../app/form-errors';
import { formatDate, formatDateTime } from '../../app/format';
import { notifySuccess } from '../../app/notify';
import { FormAlert, placeApiError, type FormProblem } from '../../components/form-alert';
import { StatusBadge } from '../../components/participant-badges';
import { UkDateInput } from '../../components/uk-date-input';
import { statusColours, statusText } from './participant-labels';
import { RECORD_CHANGES, type RecordTabProps } from './record-tab';

interface Values {
  status: Status | null;
  outcome: AssessmentOutcome | null;
  exitReason: ExitReason | null;
  reason: string;
  effectiveOn: string;
}

const statusHelp: Record<Status, string> = {
  referred: 'The referral has been received.',
  awaiting_assessment: 'Assessment meetings are being arranged.',
  assessed: 'The suitability assessment is done. Completing an assessment on the Assessment tab sets this for you.',
  waiting_list: 'Suitable, and waiting for a place in a group or for one-to-one work.',
  active: 'He has started the programme.',
  completed: 'He finished the programme.',
  exited: 'He left before the end. Tell the partner support worker at once.',
};

const checkStatus = validateWith<Record<string, unknown>>(setStatusInput);

const fields = ['status', 'outcome', 'exitReason', 'reason', 'effectiveOn'];

function StatusForm({ record, reload }: Pick<RecordTabProps, 'record' | 'reload'>) {
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const save = useApiMutation('participants.setStatus', RECORD_CHANGES);
  const initial: Values = {
    status: null,
    outcome: record.header.outcome,
    exitReason: null,
    reason: '',
    effectiveOn: todayInLondon(),
  };
  const form = useForm<Values>({
    initialValues: initial,
    validate: (values) => checkStatus({ ...values, id: record.header.id, version: record.version }),
  });
  const v = form.getValues();
  const reasonNeeded =
    (v.status === 'assessed' && (v.outcome === 'not_suitable' || v.outcome === 'deferred')) ||
    (v.status === 'exited' && v.exitReason === 'other') ||
    needsReasonToMoveOn(v.status, record.header.outcome);

  const send = async (values: Values) => {
    setProblem(null);
    try {
      await save.mutateAsync({
        id: record.header.id,
        version: record.version,
        status: values.status as Status,
        outcome: values.status === 'assessed' ? values.outcome : null,
        exitReason: values.status === 'exited' ? values.exitReason : null,
        reason: values.reason,
        effectiveOn: values.effectiveOn,
      });
      notifySuccess(`Status changed to ${statusLabels[values.status as Status].toLowerCase()}.`);
      form.setValues({ ...initial, outcome: values.status === 'assessed' ? values.outcome : initial.outcome });
      form.resetDirty();
    } catch (err) {
      setProblem(placeApiError(form, err, (p) => fields.includes(p)));
    }
  };

  // An ending sets things going that cannot be called back, so it is confirmed first.
  const submit = form.onSubmit((values) => {
    if (values.status !== 'completed' && values.status !== 'exited') return void send(values);
    const ending = values.status === 'completed' ? 'completed the programme' : 'left the programme';
    modals.openConfirmModal({
      title: `Record that ${record.header.name} has ${ending}?`,
      children: (
        <Stack gap="xs">
          <Text size="sm">When you confirm:</Text>
          <List size="sm" spacing={4}>
            <List.Item>
              the open tasks the program raised about him (consent and risk reviews, reports due) are closed;
            </List.Item>
            <List.Item>
              the partner support service is told at once, so they can check on his partner&apos;s or ex-partner&apos;s
              safety.
            </List.Item>
          </List>
          <Text size="sm">Tasks added by hand stay open. His record and its history are kept.</Text>
        </Stack>
      ),
      labels: { confirm: values.status === 'completed' ? 'Record as completed' : 'Record as exited', cancel: 'Cancel' },
      confirmProps: { color: values.status === 'exited' ? 'red' : undefined },
      onConfirm: () => void send(values),
    });
  }, focusFirstError);

  return (
    <form onSubmit={submit} noValidate aria-label="Change his status">
      <Stack gap="sm">
        <Select
          label="New status"
          placeholder="Choose a status"
          data={statuses.map((s) => ({
            value: s,
            label: statusLabels[s],
            disabled: s === record.header.status && s !== 'assessed',
          }))}
          key={form.key('status')}
          {...form.getInputProps('status')}
          description={
            v.status
              ? statusHelp[v.status]
              : `Now: ${statusText(record.header.status, record.header.outcome, record.header.exitReason)}`
          }
        />
        {v.status === 'assessed' && (
          <Select
            label="Assessment outcome"
            data={assessmentOutcomes.map((o) => ({ value: o, label: assessmentOutcomeLabels[o] }))}
            key={form.key('outcome')}
            {...form.getInputProps('outcome')}
          />
        )}
        {v.status === 'exited' && (
          <Select
            label="Why did he leave?"
            data={exitReasons.map((r) => ({ value: r, label: exitReasonLabels[r] }))}
            key={form.key('exitReason')}
            {...form.getInputProps('exitReason')}
          />
        )}
        <UkDateInput label="Date of the change" key={form.key('effectiveOn')} {...form.getInputProps('effectiveOn')} />
        <Textarea
          label={reasonNeeded ? 'Reason' : 'Reason or note (optional)'}
          autosize
          minRows={2}
          key={form.key('reason')}
          {...form.getInputProps('reason')}
        />
        <FormAlert problem={problem} onReload={() => void reload().then(() => setProblem(null))} />
        <Group justify="flex-end">
          <Button type="submit" leftSection={<IconArrowRight size={18} />} loading={save.isPending}>
            Change status
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function StatusTab({ record, canEdit, reload }: RecordTabProps) {
  return (
    <Grid gap="lg">
      {canEdit && (
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Card withBorder radius="md" padding="lg">
            <Title order={2} size="h4" mb="xs">
              Change his status
            </Title>
            <Text size="sm" c="dimmed" mb="md">
              Now:{' '}
              <StatusBadge
                status={record.header.status}
                outcome={record.header.outcome}
                exitReason={record.header.exitReason}
                size="sm"
              />
            </Text>
            <StatusForm record={record} reload={reload} />
          </Card>
        </Grid.Col>
      )}
      <Grid.Col span={{ base: 12, md: canEdit ? 7 : 12 }}>
        <Card withBorder radius="md" padding="lg">
          <Title order={2} size="h4" mb="md">
            Timeline
          </Title>
          <Timeline
            active={record.statusHistory.length}
            bulletSize={22}
            lineWidth={2}
            aria-label="Status timeline, newest first"
          >
            {record.statusHistory.map((s) => (
              <Timeline.Item
                key={s.id}
                color={statusColours[s.status]}
                bullet={<IconCircleDot size={14} aria-hidden />}
                title={
                  <Group gap="xs">
                    <Text fw={600} size="sm">
                      {formatDate(s.effectiveOn)}
                    </Text>
                    <StatusBadge status={s.status} outcome={s.outcome} exitReason={s.exitReason} size="sm" />
                  </Group>
                }
              >
                {s.reason && (
                  <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                    {s.reason}
                  </Text>
                )}
                <Text size="xs" c="dimmed" mt={2}>
                  Recorded by {s.changedByName ?? 'a former member of staff'} on {formatDateTime(s.changedAt)}
                </Text>
              </Timeline.Item>
            ))}
          </Timeline>
        </Card>
      </Grid.Col>
    </Grid>
  );
}
