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
  IconSend,
  IconSignature,
} from '@tabler/icons-react';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import {
  allowedRecipients,
  canBeSent,
  recipientLabels,
  reportStatusLabels,
  reportTypes,
  sendMethodLabels,
  type Recipient,
  type ReportDetail,
} from '../../../shared/features/reports';
import { can } from '../../../shared/permissions';
import { useApiMutation, useApiQuery } from '../../app/api';
import { useSession } from '../../app/auth-context';
import { apiErrorOf } from '../../app/form-errors';
import { formatDate, formatDateTime } from '../../app/format';
import { notifyError, notifySuccess } from '../../app/notify';
import { notifications } from '@mantine/notifications';
import { ExportCsvButton } from '../../components/export-csv-button';
import { FlagBadges } from '../../components/participant-badges';
import { PageHeader } from '../../components/page-header';
import { UkDateInput } from '../../components/uk-date-input';
import { useUnsavedChangesPrompt } from '../../components/unsaved-changes';
import { DraftNotice } from '../drafts/draft-notice';
import { useDraft } from '../drafts/use-draft';
import { reportDraftOf, restoreReportDraft } from './report-draft';
import { choosePlace, deliverReport } from './download';
import { ReportPreview } from './report-preview';
import { FileDetails, MarkSentModal, SharingDecisionNote } from './report-sending';

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
  const [askSent, setAskSent] = useState(false);
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
  useUnsavedChangesPrompt(isDraft && dirty, 'the report');
  // The free text (observations and the other sections) is kept as a draft as it is typed.
  const savedSections = form.getInitialValues().sections;
  const draft = useDraft(
    isDraft ? { kind: 'report-observations', about: report.id } : null,
    reportDraftOf(savedSections, form.getValues().sections),
    (text) => {
      const restored = restoreReportDraft(form.getValues().sections, text);
      if (restored) form.setFieldValue('sections', restored);
    },
  );
  const canSign = can(me.role, 'reports.sign');
  const ready = def.needsSignOff ? report.status === 'signed' : isDraft;
  const consentMissing = report.consent.needed && !report.consent.current;
  const recipientChoices = allowedRecipients(report.type);

  const save = form.onSubmit(async (v) => {
    setProblem(null);
    try {
      await update.mutateAsync({ id: report.id, version: report.version, ...v });
      await draft.discard();
      notifySuccess('The draft has been saved.');
    } catch (err) {
      const e = apiErrorOf(err);
      for (const [k, m] of Object.entries(e.fields ?? {})) form.setFieldError(k, m);
      setProblem(e.message);
    }
  });

  const doSign = async () => {
    setProblem(null);
    try {
      await signOff.mutateAsync({
        id: report.id,
        version: report.version,
        withoutConsentReason: consentMissing ? reason : '',
      });
      setConfirmSign(false);
      notifySuccess('The report is signed off. It can now be saved as a Word document.');
    } catch (err) {
      setConfirmSign(false);
      setProblem(apiErrorOf(err).message);
    }
  };

  const doGenerate = async () => {
    setProblem(null);
    try {
      const place = await choosePlace(report.id);
      if (!place) return;
      const out = await generate.mutateAsync({ id: report.id, version: report.version, ...place });
      deliverReport(out);
    } catch (err) {
      setProblem(apiErrorOf(err).message);
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
            {report.savedAt ? ` · saved ${formatDateTime(report.savedAt)}` : ''}
            {report.sentOn && report.sentHow ? ` · sent ${formatDate(report.sentOn)}` : ''}
          </>
        }
        actions={
          <>
            {isDraft && def.needsSignOff && canSign && (
              <Button
                leftSection={<IconSignature size={18} />}
                onClick={() => {
                  setReason('');
                  setConfirmSign(true);
                }}
                disabled={dirty || report.blockers.length > 0}
                title={dirty ? 'Save the draft first' : undefined}
              >
                Sign off
              </Button>
            )}
            {ready && (
              <Button
                leftSection={<IconDownload size={18} />}
                onClick={() => void doGenerate()}
                loading={generate.isPending}
                disabled={dirty || report.blockers.length > 0}
              >
                Download the Word document
              </Button>
            )}
            {report.status === 'saved' && canBeSent(report.recipient) && (
              <Button leftSection={<IconSend size={18} />} onClick={() => setAskSent(true)}>
                Record that it was sent
              </Button>
            )}
            {(report.status === 'saved' || report.status === 'sent') && (
              <Button
                variant="default"
                leftSection={<IconRefresh size={18} />}
                onClick={() => void doRegenerate()}
                loading={regenerate.isPending}
              >
                Download again
              </Button>
            )}
            {report.type === 'accreditation_pack' && (report.status === 'saved' || report.status === 'sent') && !report.fileName?.endsWith('.csv') && (
              // The pack's CSV is made from the saved Word pack (the same figures), and recorded as a report of its own.
              <ExportCsvButton route="outcomes.packCsv" input={{ id: report.id }} what="the accreditation pack" permission="reports.figures" label="Download the CSV" />
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
        {report.consent.needed && isDraft && (
          <Alert
            color={report.consent.current ? 'green' : 'red'}
            title={report.consent.current ? 'Consent to share' : 'No current consent to share'}
          >
            {report.consent.label}
          </Alert>
        )}
        {report.consent.decided && <SharingDecisionNote decided={report.consent.decided} />}
        {isDraft && def.needsSignOff && !canSign && (
          <Text size="sm">When the draft is ready, ask a manager to open it and sign it off.</Text>
        )}
        {(report.status === 'saved' || report.status === 'sent') && (
          <Alert
            color={report.dataChanged ? 'orange' : report.status === 'sent' ? 'green' : 'blue'}
            title={
              report.dataChanged
                ? `The records have changed since this was ${report.status === 'sent' ? 'sent' : 'saved'}`
                : report.status === 'sent'
                  ? 'Sent'
                  : 'Saved, not yet sent'
            }
          >
            {report.status === 'sent' && report.sentOn && report.sentHow
              ? `Sent on ${formatDate(report.sentOn)}, ${sendMethodLabels[report.sentHow].toLowerCase()}. `
              : report.status === 'sent'
                ? 'Recorded as sent when the file was produced. '
                : canBeSent(report.recipient)
                  ? 'When it has gone, press “Record that it was sent” with the day and how. '
                  : 'For our own use: it is not sent anywhere. '}
            {report.dataChanged
              ? '“Download again” gives the file exactly as it was then. For the current picture, start a new report.'
              : '“Download again” gives the same file.'}
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
                {/* Only when something was really put back (a kept draft the same as the saved report is not news). */}
                <DraftNotice restoredAt={dirty ? draft.restoredAt : null} />
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
                    // Back to the saved text: the kept draft then empties itself (an empty draft is removed).
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
        {report.status === 'draft' && report.wordingVersion && (
          <Text size="xs" c="dimmed">
            The standard paragraphs use version {report.wordingVersion} of your organisation’s wording (Reports › Standard wording). The report keeps the version it is signed off or saved with.
          </Text>
        )}
        <ReportPreview content={report.content} marking={report.marking} />
        {report.sha256 && <FileDetails report={report} />}
      </Stack>

      <Modal opened={confirmSign} onClose={() => setConfirmSign(false)} title="Sign off this report?">
        <Stack gap="md">
          <Text size="sm">
            You are confirming that the report is accurate and may be sent. Once signed off it can no longer be changed;
            the file and its date are fixed from now.
          </Text>
          {consentMissing && (
            <>
              <Alert color="red" title="No current consent to share">
                {report.consent.label}
              </Alert>
              <Textarea
                label="Reason for sharing without his consent"
                description="Your decision, recorded with your name and today’s date, and in his information-sharing log when it is sent."
                required
                autosize
                minRows={3}
                maxLength={5000}
                value={reason}
                onChange={(e) => setReason(e.currentTarget.value)}
              />
            </>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirmSign(false)}>
              Cancel
            </Button>
            <Button
              leftSection={<IconFileCheck size={18} />}
              onClick={() => void doSign()}
              loading={signOff.isPending}
              disabled={consentMissing && !reason.trim()}
              color={consentMissing ? 'red' : undefined}
            >
              {consentMissing ? 'Record the decision and sign off' : 'Sign off'}
            </Button>
          </Group>
        </Stack>
      </Modal>

      <MarkSentModal report={report} opened={askSent} onClose={() => setAskSent(false)} />
    </>
  );
}
