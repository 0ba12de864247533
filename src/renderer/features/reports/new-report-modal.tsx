/** Starting a report: what kind, about whom, for which period and for whom. Saved as a draft, then opened. */
import { Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { addDays, todayInLondon } from '../../../shared/dates';
import {
  figuresReportTypes,
  allowedRecipients,
  reportCreateInput,
  reportTypes,
  recipientLabels,
  type Recipient,
  type ReportType,
} from '../../../shared/features/reports';
import { can } from '../../../shared/permissions';
import { useApiMutation } from '../../app/api';
import { useSession } from '../../app/auth-context';
import { focusFirstError, validateWith } from '../../app/form-errors';
import { FormFooter, placeApiError, type FormProblem } from '../../components/form-alert';
import { ParticipantPicker } from '../../components/participant-picker';
import { UkDateInput } from '../../components/uk-date-input';
import { FormModal, leaveAfterSaving } from '../../components/unsaved-changes';

interface Values {
  type: ReportType | null;
  participantId: string | null;
  periodFrom: string;
  periodTo: string;
  recipient: Recipient | null;
  recipientName: string;
}

export function NewReportModal({
  opened,
  onClose,
  participantId,
}: {
  opened: boolean;
  onClose: () => void;
  participantId?: string;
}) {
  const me = useSession();
  const navigate = useNavigate();
  const create = useApiMutation('reports.create', ['reports.', 'audit.']);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const today = todayInLondon();
  const form = useForm<Values>({
    initialValues: {
      type: null,
      participantId: participantId ?? null,
      periodFrom: addDays(today, -182),
      periodTo: today,
      recipient: null,
      recipientName: '',
    },
    validate: validateWith<Values>(reportCreateInput),
  });
  const type = form.values.type;
  const def = type ? reportTypes[type] : null;
  const choices = (Object.keys(reportTypes) as ReportType[]).filter(
    (t) =>
      reportTypes[t].subject !== 'session' &&
      (!figuresReportTypes.includes(t) || (!participantId && can(me.role, 'reports.figures'))),
  );
  const submit = form.onSubmit(async (v) => {
    setProblem(null);
    try {
      const d = await create.mutateAsync({
        type: v.type!,
        participantId: def?.subject === 'participant' ? v.participantId : null,
        periodFrom: v.periodFrom,
        periodTo: v.periodTo,
        recipient: v.recipient,
        recipientName: v.recipientName,
      });
      onClose();
      leaveAfterSaving(() => navigate(`/reports/${d.id}`));
    } catch (err) {
      setProblem(placeApiError(form, err, (p) => p in form.values));
    }
  }, focusFirstError);

  return (
    <FormModal dirty={form.isDirty()} opened={opened} onClose={onClose} title="Start a report" size="lg">
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Select
            label="Kind of report"
            placeholder="Choose: court report, probation update, letter, figures for funders…"
            required
            data={choices.map((t) => ({ value: t, label: reportTypes[t].label }))}
            key={form.key('type')}
            {...form.getInputProps('type')}
            onChange={(t) => {
              form.setFieldValue('type', t as ReportType | null);
              form.setFieldValue('recipient', t ? reportTypes[t as ReportType].defaultRecipient : null);
            }}
          />
          {def && (
            <Text size="sm" c="dimmed">
              {def.description}
            </Text>
          )}
          {def?.subject === 'participant' && !participantId && (
            <ParticipantPicker
              label="Participant"
              required
              placeholder="Type part of his name or reference"
              key={form.key('participantId')}
              {...form.getInputProps('participantId')}
            />
          )}
          {def?.period && (
            <SimpleGrid cols={2}>
              <UkDateInput
                label="Period from"
                required
                key={form.key('periodFrom')}
                {...form.getInputProps('periodFrom')}
              />
              <UkDateInput label="Period to" required key={form.key('periodTo')} {...form.getInputProps('periodTo')} />
            </SimpleGrid>
          )}
          {type && allowedRecipients(type).length === 1 && (
            <Text size="sm">
              <Text span fw={500}>
                Who it is for:{' '}
              </Text>
              {recipientLabels[allowedRecipients(type)[0]!]}
            </Text>
          )}
          {def && type && allowedRecipients(type).length > 1 && (
            <Select
              label="Who it is for"
              description={
                def.subject !== 'participant'
                  ? undefined
                  : def.needsSignOff
                    ? 'An agency needs his current consent, or a manager’s decision to share without it.'
                    : 'This is not signed off by a manager, so it is only for our own use or for him.'
              }
              data={allowedRecipients(type).map((r) => ({ value: r, label: recipientLabels[r] }))}
              allowDeselect={false}
              key={form.key('recipient')}
              {...form.getInputProps('recipient')}
            />
          )}
          {def &&
            form.values.recipient &&
            form.values.recipient !== 'participant' &&
            form.values.recipient !== 'internal' && (
              <TextInput
                label={form.values.recipient === 'other' ? 'Name of the agency' : 'Named person or team (optional)'}
                required={form.values.recipient === 'other'}
                key={form.key('recipientName')}
                {...form.getInputProps('recipientName')}
              />
            )}
          <FormFooter
            problem={problem}
            onReload={() => setProblem(null)}
            onCancel={onClose}
            saving={create.isPending}
            label="Start the draft"
          />
        </Stack>
      </form>
    </FormModal>
  );
}
