/**
 * One report: the preview built from the records, the free-text sections
 * (while it is a draft), sign-off by a manager, the Word document, and for a
 * sent report the same file again with a notice if the records have changed.
 */
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Center,
  Group,
  Loader,
  Modal,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import {
  IconArrowLeft,
  IconDeviceFloppy,
  IconDownload,
  IconFileCheck,
  IconRefresh,
  IconSignature,
} from '@tabler/icons-react';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import {
  allowedRecipients,
  recipientLabels,
  reportStatusLabels,
  reportTypes,
  type Recipient,
  type ReportDetail,
} from '../../../shared/features/reports';
import { can } from '../../../shared/permissions';
import { useApiMutation, useApiQuery } from '../../app/api';
import { useSession } from '../../app/auth-context';
import { apiErrorOf } from '../../app/form-errors';
import { formatDateTime } from '../../app/format';
import { notifyError, notifySuccess } from '../../app/notify';
import { notifications } from '@mantine/notifications';
import { ExportCsvButton } from '../../components/export-csv-button';
import { FlagBadges } from '../../components/participant-badges';
import { PageHeader } from '../../components/page-header';
import { UkDateInput } from '../../components/uk-date-input';
import { choosePlace, deliverReport } from './download';
import { ReportPreview } from './report-preview';

const CHANGES = ['reports.', 'audit.', 'sharing.'];

export function ReportPage() {
  const { id = '' } = useParams();
  const report = useApiQuery('reports.get', { id }, { staleTime: 0 });
  if (report.isPending) {
    return (
      <Center py="xl">
        <Loader aria-label="Building the preview" />
      </Center>
    );
  }
  if (report.isError) {
    return (
      <Stack align="flex-start">
        <Alert color="red" role="alert" title="The report could not be opened">
          {report.error.message}
        </Alert>
        <Button component={Link} to="/reports" leftSection={<IconArrowLeft size={18} />}>
          Back to reports
        </Button>
      </Stack>
    );
  }
  return <ReportView key={`${report.data.id}:${report.data.version}`} report={report.data} />;
}

interface Values {
  periodFrom: string;
  periodTo: string;
  recipient: Recipient | null;
  recipientName: string;
  sections: Record<string, string>;
}

function ReportView({ report }: { report: ReportDetail }) {
  const me = useSession();
  const def = reportTypes[report.type];
  const isDraft = report.status === 'draft';
  const update = useApiMutation('reports.update', CHANGES);
  const signOff = useApiMutation('reports.signOff', CHANGES);
  const generate = useApiMutation('reports.generate', CHANGES);
  const regenerate = useApiMutation('reports.regenerate', CHANGES);
  const [problem, setProblem] = useState<string | null>(null);
  const [confirmSign, setConfirmSign] = useState(false);
  const [askReason, setAskReason] = useState(false);
  const [reason, setReason] = useState('');
  const form = useForm<Values>({
    initialValues: {
      periodFrom: report.periodFrom,
      periodTo: report.periodTo,
      recipient: report.recipient,
      recipientName: report.recipientName,
      sections: Object.fromEntries([
        ...def.sections.map((s) => [s.key, report.sections[s.key] ?? '']),
        // A safeguarding concern's wording starts from the record until the facilitators change it.
        ...report.editable.map((w) => [w.key, report.sections[w.key] ?? w.original]),
      ]),
    },
  });
  const dirty = form.isDirty();
  const canSign = can(me.role, 'reports.sign');
  const ready = def.needsSignOff ? report.status === 'signed' : isDraft;
  const consentMissing = report.consent.needed && !report.consent.current;
  const recipientChoices = allowedRecipients(report.type);

  const save = form.onSubmit(async (v) => {
    setProblem(null);
    try {
      await update.mutateAsync({ id: report.id, version: report.version, ...v });
      notifySuccess('The draft has been saved.');
    } catch (err) {
      const e = apiErrorOf(err);
      for (const [k, m] of Object.entries(e.fields ?? {})) form.setFieldError(k, m);
      setProblem(e.message);
    }
  });

  const doSign = async () => {
    setConfirmSign(false);
    setProblem(null);
    try {
      await signOff.mutateAsync({ id: report.id, version: report.version });
      notifySuccess('The report is signed off. It can now be downloaded and sent.');
    } catch (err) {
      setProblem(apiErrorOf(err).message);
    }
  };

  const doGenerate = async (withoutConsentReason = '') => {
    setProblem(null);
    try {
      const place = await choosePlace(report.id);
      if (!place) return;
      const out = await generate.mutateAsync({
        id: report.id,
        version: report.version,
        withoutConsentReason,
        ...place,
      });
      setAskReason(false);
      deliverReport(out);
    } catch (err) {
      const e = apiErrorOf(err);
      if (e.fields?.withoutConsentReason) {
        setAskReason(true);
        return;
      }
      setProblem(e.message);
    }
  };

  const doRegenerate = async () => {
    try {
      const place = await choosePlace(report.id);
      if (!place) return;
      const out = await regenerate.mutateAsync({ id: report.id, ...place });
      if (deliverReport(out, 'The same report')) {
        if (!out.identical)
          notifications.show({
            color: 'orange',
            title: 'Check this file',
            message: 'It is not byte-for-byte the file that was sent.',
          });
      }
    } catch (err) {
      notifyError(err, 'The report could not be produced again');
    }
  };

  return (
    <>
      <Anchor
        component={Link}
        to={report.participantId ? `/participants/${report.participantId}/reports` : '/reports'}
        size="sm"
      >
        <Group gap={4}>
          <IconArrowLeft size={14} aria-hidden />{' '}
          {report.participantId ? `Back to his record (${report.participantReference})` : 'All reports'}
        </Group>
      </Anchor>
      <PageHeader
        title={def.label}
        description={
          <>
            <Badge variant="light" color={isDraft ? 'gray' : report.status === 'signed' ? 'blue' : 'green'} mr="xs">
              {reportStatusLabels[report.status]}
            </Badge>
            {report.authorName ? `Started by ${report.authorName}` : ''}
            {report.approverName ? ` · signed off by ${report.approverName} ${formatDateTime(report.signedAt)}` : ''}
            {report.sentAt ? ` · produced ${formatDateTime(report.sentAt)}` : ''}
          </>
        }
        actions={
          <>
            {isDraft && def.needsSignOff && canSign && (
              <Button
                leftSection={<IconSignature size={18} />}
                onClick={() => setConfirmSign(true)}
                disabled={dirty || report.blockers.length > 0}
                title={dirty ? 'Save the draft first' : undefined}
              >
                Sign off
              </Button>
            )}
            {ready && (
              <Button
                leftSection={<IconDownload size={18} />}
                // Ask for the reason first, so the desktop save dialog is only shown once.
                onClick={() => (consentMissing ? setAskReason(true) : void doGenerate())}
                loading={generate.isPending}
                disabled={dirty || report.blockers.length > 0}
              >
                Download the Word document
              </Button>
            )}
            {report.status === 'sent' && (
              <Button
                variant="default"
                leftSection={<IconRefresh size={18} />}
                onClick={() => void doRegenerate()}
                loading={regenerate.isPending}
              >
                Download again
              </Button>
            )}
            {report.type === 'funders_figures' && report.periodFrom && report.periodTo && (
              <ExportCsvButton
                route="exports.figures"
                input={{ from: report.periodFrom, to: report.periodTo }}
                what="funders' figures"
                permission="reports.figures"
              />
            )}
          </>
        }
      />
      <Stack gap="md">
        {report.participantFlags.length > 0 && <FlagBadges flags={report.participantFlags} />}
        {report.blockers.length > 0 && (
          <Alert color="orange" title="Before this report can be signed off or produced">
            <Stack gap={4}>
              {report.blockers.map((b) => (
                <Text key={b} size="sm">
                  {b}
                </Text>
              ))}
            </Stack>
          </Alert>
        )}
        {report.content.warnings.length > 0 && (
          <Alert color="yellow" title="Check before sending">
            {report.content.warnings.join(' ')}
          </Alert>
        )}
        {report.consent.needed && report.status !== 'sent' && (
          <Alert
            color={report.consent.current ? 'green' : 'red'}
            title={report.consent.current ? 'Consent to share' : 'No current consent to share'}
          >
            {report.consent.label}
          </Alert>
        )}
        {isDraft && def.needsSignOff && !canSign && (
          <Text size="sm">When the draft is ready, ask a manager to open it and sign it off.</Text>
        )}
        {report.status === 'sent' && (
          <Alert
            color={report.dataChanged ? 'orange' : 'gray'}
            title={report.dataChanged ? 'The records have changed since this was sent' : 'Sent'}
          >
            {report.dataChanged
              ? '“Download again” gives the file exactly as it was sent. For the current picture, start a new report.'
              : `“Download again” gives the same file, byte for byte (SHA-256 ${report.sha256?.slice(0, 16)}…).`}
          </Alert>
        )}
        {report.status === 'signed' && report.dataChanged && (
          <Alert color="orange" title="His records have changed since this was signed off">
            The document will show them as they were when it was signed off. For the current picture, start a new
            report.
          </Alert>
        )}
        {problem && (
          <Alert color="red" role="alert" title="That did not work">
            {problem}
          </Alert>
        )}
        {isDraft && (
          <Paper withBorder radius="md" p="lg" component="section" aria-label="The draft">
            <form onSubmit={save} noValidate>
              <Stack gap="md">
                <Title order={2} size="h4">
                  The draft
                </Title>
                {def.period && (
                  <SimpleGrid cols={{ base: 1, sm: 2 }}>
                    <UkDateInput
                      label="Period from"
                      required
                      key={form.key('periodFrom')}
                      {...form.getInputProps('periodFrom')}
                    />
                    <UkDateInput
                      label="Period to"
                      required
                      key={form.key('periodTo')}
                      {...form.getInputProps('periodTo')}
                    />
                  </SimpleGrid>
                )}
                {def.subject === 'participant' && (
                  <SimpleGrid cols={{ base: 1, sm: 2 }}>
                    <Select
                      label="Who it is for"
                      description={
                        recipientChoices.length === 1
                          ? 'A letter is addressed to him.'
                          : def.needsSignOff
                            ? undefined
                            : 'Not signed off by a manager, so only for our own use or for him.'
                      }
                      data={recipientChoices.map((r) => ({ value: r, label: recipientLabels[r] }))}
                      allowDeselect={false}
                      key={form.key('recipient')}
                      {...form.getInputProps('recipient')}
                    />
                    {form.values.recipient !== 'participant' && form.values.recipient !== 'internal' && (
                      <TextInput
                        label={
                          form.values.recipient === 'other' ? 'Name of the agency' : 'Named person or team (optional)'
                        }
                        key={form.key('recipientName')}
                        {...form.getInputProps('recipientName')}
                      />
                    )}
                  </SimpleGrid>
                )}
                {def.sections.map((s) => (
                  <Textarea
                    key={form.key(`sections.${s.key}`)}
                    label={s.label}
                    description={s.help}
                    autosize
                    minRows={s.rows}
                    maxRows={20}
                    maxLength={20000}
                    {...form.getInputProps(`sections.${s.key}`)}
                  />
                ))}
                {report.editable.map((w) => (
                  <Textarea
                    key={form.key(`sections.${w.key}`)}
                    label={w.label}
                    description="This starts from the concern as it was recorded. Change it to the words the reader of this report should see; it is fixed when a manager signs off. Leave it as it is to use the record's words."
                    autosize
                    minRows={3}
                    maxRows={20}
                    maxLength={20000}
                    {...form.getInputProps(`sections.${w.key}`)}
                  />
                ))}
                <Group justify="flex-end">
                  {dirty && (
                    <Button variant="default" onClick={() => form.reset()}>
                      Undo changes
                    </Button>
                  )}
                  <Button
                    type="submit"
                    leftSection={<IconDeviceFloppy size={18} />}
                    loading={update.isPending}
                    disabled={!dirty}
                  >
                    Save draft and update the preview
                  </Button>
                </Group>
              </Stack>
            </form>
          </Paper>
        )}
        <ReportPreview content={report.content} marking={report.marking} />
      </Stack>

      <Modal opened={confirmSign} onClose={() => setConfirmSign(false)} title="Sign off this report?">
        <Stack gap="md">
          <Text size="sm">
            You are confirming that the report is accurate and may be sent. Once signed off it can no longer be changed;
            the file and its date are fixed from now.
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirmSign(false)}>
              Cancel
            </Button>
            <Button leftSection={<IconFileCheck size={18} />} onClick={() => void doSign()} loading={signOff.isPending}>
              Sign off
            </Button>
          </Group>
        </Stack>
      </Modal>

      <Modal opened={askReason} onClose={() => setAskReason(false)} title="Share without his consent?">
        <Stack gap="md">
          <Text size="sm">{report.consent.label}</Text>
          {consentMissing && canSign ? (
            <>
              <Textarea
                label="Reason for sharing without consent"
                description="Recorded in the information-sharing log with your name and today’s date."
                required
                autosize
                minRows={3}
                value={reason}
                onChange={(e) => setReason(e.currentTarget.value)}
              />
              <Group justify="flex-end">
                <Button variant="default" onClick={() => setAskReason(false)}>
                  Cancel
                </Button>
                <Button
                  color="red"
                  onClick={() => void doGenerate(reason)}
                  loading={generate.isPending}
                  disabled={!reason.trim()}
                >
                  Record the decision and download
                </Button>
              </Group>
            </>
          ) : (
            <Text size="sm">Only a manager can decide to share without consent.</Text>
          )}
        </Stack>
      </Modal>
    </>
  );
}
