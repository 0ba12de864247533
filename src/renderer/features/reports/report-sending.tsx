/**
 * After a report is saved (issue 16, item 7): recording that it was sent, with
 * the day and how; the decision to share made at sign-off; and the file's
 * details (name, when saved, its SHA-256 for checking a copy) kept out of the way.
 */
import { Alert, Button, Code, Group, Paper, Radio, Stack, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconSend } from '@tabler/icons-react';
import { useState } from 'react';
import {
  recipientLabels,
  reportMarkSentInput,
  sendMethodLabels,
  sendMethods,
  type ReportDetail,
  type SendMethod,
} from '../../../shared/features/reports';
import { useApiMutation } from '../../app/api';
import { validateWith } from '../../app/form-errors';
import { formatDateTime, parseUkDate, todayUk } from '../../app/format';
import { notifySuccess } from '../../app/notify';
import { FormAlert, placeApiError, underPrefixes, type FormProblem } from '../../components/form-alert';
import { UkDateInput } from '../../components/uk-date-input';
import { FormModal } from '../../components/unsaved-changes';

const CHANGES = ['reports.', 'audit.', 'sharing.'];

/** What the manager decided at sign-off about sharing with the agency. */
export function SharingDecisionNote({ decided }: { decided: NonNullable<ReportDetail['consent']['decided']> }) {
  if (decided.basis === 'consent')
    return (
      <Alert color="green" title="Shared with his consent">
        His consent to share was checked when it was signed off.
      </Alert>
    );
  return (
    <Alert color="orange" title="Shared without his consent: a manager’s decision">
      {decided.decidedByName ? `${decided.decidedByName} decided at sign-off: ` : 'Decided at sign-off: '}
      {decided.reason}
    </Alert>
  );
}

/** The file as produced: for checking a copy later, not for everyday reading. */
export function FileDetails({ report }: { report: ReportDetail }) {
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-label="File details">
      <Stack gap={4}>
        <Title order={2} size="h5">
          File details
        </Title>
        {report.fileName && (
          <Text size="sm">
            File name: <Code>{report.fileName}</Code>
          </Text>
        )}
        {report.savedAt && <Text size="sm">Saved: {formatDateTime(report.savedAt)}</Text>}
        {report.wordingVersion && <Text size="sm">Standard wording: version {report.wordingVersion}</Text>}
        <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
          Fingerprint (SHA-256), to check that a copy is the file that was saved: <Code>{report.sha256}</Code>
        </Text>
      </Stack>
    </Paper>
  );
}

interface SentValues {
  sentOn: string;
  how: SendMethod | '';
}

/** "Record that it was sent": the day it went and how; only then is it in his information-sharing log. */
export function MarkSentModal({
  report,
  opened,
  onClose,
}: {
  report: ReportDetail;
  opened: boolean;
  onClose: () => void;
}) {
  const markSent = useApiMutation('reports.markSent', CHANGES);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const form = useForm<SentValues>({
    initialValues: { sentOn: parseUkDate(todayUk()) ?? '', how: '' },
    validate: validateWith(reportMarkSentInput.pick({ sentOn: true, how: true })),
  });
  const close = () => {
    form.reset();
    setProblem(null);
    onClose();
  };
  const submit = form.onSubmit(async (v) => {
    setProblem(null);
    try {
      await markSent.mutateAsync({ id: report.id, version: report.version, sentOn: v.sentOn, how: v.how as SendMethod });
      notifySuccess('Recorded as sent.');
      close();
    } catch (err) {
      setProblem(placeApiError(form, err, underPrefixes('sentOn', 'how')));
    }
  });
  const to =
    report.recipient === 'other' ? report.recipientName : report.recipient ? recipientLabels[report.recipient] : '';
  return (
    <FormModal opened={opened} onClose={close} dirty={form.isDirty()} title="Record that it was sent">
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Text size="sm">
            {to ? `Sent to ${to}. ` : ''}
            {report.consent.decided
              ? 'It goes into his information-sharing log with this date.'
              : 'Record the day it went and how.'}
          </Text>
          <UkDateInput label="Date sent" required key={form.key('sentOn')} {...form.getInputProps('sentOn')} />
          <Radio.Group label="How it was sent" required key={form.key('how')} {...form.getInputProps('how')}>
            <Stack gap="xs" mt="xs">
              {sendMethods.map((m) => (
                <Radio key={m} value={m} label={sendMethodLabels[m]} />
              ))}
            </Stack>
          </Radio.Group>
          <FormAlert problem={problem} />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" leftSection={<IconSend size={18} />} loading={markSent.isPending}>
              Record as sent
            </Button>
          </Group>
        </Stack>
      </form>
    </FormModal>
  );
}
