/** What he has agreed may be shared, with whom and for what: add, update at review, withdraw. */
import {
  Alert,
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  Radio,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconPencil, IconPlus, IconShieldCheck, IconX } from '@tabler/icons-react';
import { useState } from 'react';
import { addDays, todayInLondon } from '../../../shared/dates';
import {
  CONSENT_EXPIRY_WARNING_DAYS,
  consentAddInput,
  consentRecipientLabels,
  consentRecipients,
  type Consent,
  type ConsentRecipient,
} from '../../../shared/features/consents';
import { useApiMutation } from '../../app/api';
import { focusFirstError, validateWith } from '../../app/form-errors';
import { formatDate } from '../../app/format';
import { notifySuccess } from '../../app/notify';
import { EmptyNote } from '../../components/empty-note';
import { FormAlert, FormFooter, placeApiError, type FormProblem } from '../../components/form-alert';
import { UkDateInput } from '../../components/uk-date-input';
import { RECORD_CHANGES, type RecordTabProps } from '../participants/record-tab';
import { consentAtAGlance, consentStateColours, consentStateLabels, recipientText } from './consent-labels';
import { CancelButton, FormModal } from '../../components/unsaved-changes';

interface Values {
  recipient: ConsentRecipient | null;
  recipientName: string;
  purpose: string;
  confidentialityExplained: boolean;
  howGiven: 'signed' | 'verbal' | null;
  witness: string;
  givenOn: string;
  reviewOn: string;
}

const check = validateWith<Record<string, unknown>>(consentAddInput);
const fields = [
  'recipient',
  'recipientName',
  'purpose',
  'confidentialityExplained',
  'howGiven',
  'witness',
  'givenOn',
  'reviewOn',
];

const usualPurpose: Record<ConsentRecipient, string> = {
  police: 'Sharing information about his attendance, participation and any risk concerns.',
  probation: 'Sharing his attendance, participation and risk with his probation officer.',
  childrens_services:
    'Sharing information with the social worker about his attendance, participation and any risk to the children.',
  cafcass_court: 'Reporting his attendance, participation and progress to Cafcass and the family court.',
  gp: 'Contacting his GP about his health where it affects his participation or risk.',
  partner_service:
    'The partner support service contacting his partner or ex-partner to offer her support and check on her safety.',
  other: '',
};

function ConsentModal({
  participantId,
  consent,
  reload,
  onClose,
}: {
  participantId: string;
  consent: Consent | null;
  reload: RecordTabProps['reload'];
  onClose: () => void;
}) {
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const add = useApiMutation('consents.add', RECORD_CHANGES);
  const update = useApiMutation('consents.update', RECORD_CHANGES);
  const form = useForm<Values>({
    initialValues: consent
      ? {
          recipient: consent.recipient,
          recipientName: consent.recipientName,
          purpose: consent.purpose,
          confidentialityExplained: consent.confidentialityExplained,
          howGiven: consent.howGiven,
          witness: consent.witness,
          givenOn: consent.givenOn,
          reviewOn: consent.reviewOn,
        }
      : {
          recipient: null,
          recipientName: '',
          purpose: '',
          confidentialityExplained: false,
          howGiven: null,
          witness: '',
          givenOn: todayInLondon(),
          reviewOn: '',
        },
    validate: (v) => check({ ...v, participantId }),
  });
  const v = form.getValues();
  const recipientProps = form.getInputProps('recipient');

  const submit = form.onSubmit(async (values) => {
    setProblem(null);
    const input = { ...values, recipient: values.recipient!, howGiven: values.howGiven! };
    try {
      if (consent) await update.mutateAsync({ ...input, id: consent.id, version: consent.version });
      else await add.mutateAsync({ ...input, participantId });
      notifySuccess(consent ? 'The consent has been updated.' : 'The consent has been recorded.');
      onClose();
    } catch (err) {
      setProblem(placeApiError(form, err, (p) => fields.includes(p)));
    }
  }, focusFirstError);

  const setReviewIn = (months: number) => {
    const given = form.getValues().givenOn || todayInLondon();
    const d = new Date(`${given}T00:00:00Z`);
    d.setUTCMonth(d.getUTCMonth() + months);
    form.setFieldValue('reviewOn', d.toISOString().slice(0, 10));
  };

  return (
    <FormModal dirty={form.isDirty()} opened onClose={onClose} size="xl" title={consent ? 'Update the consent' : 'Record consent'}>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <Select
              label="Who may receive information?"
              placeholder="Choose who the consent is for"
              data={consentRecipients.map((r) => ({ value: r, label: consentRecipientLabels[r] }))}
              key={form.key('recipient')}
              {...recipientProps}
              onChange={(r) => {
                recipientProps.onChange(r);
                if (r && !form.getValues().purpose) form.setFieldValue('purpose', usualPurpose[r as ConsentRecipient]);
              }}
            />
            {v.recipient === 'other' ? (
              <TextInput
                label="Name of the agency"
                key={form.key('recipientName')}
                {...form.getInputProps('recipientName')}
              />
            ) : (
              <TextInput
                label="Named person or team (optional)"
                description="For example the social worker's name"
                key={form.key('recipientName')}
                {...form.getInputProps('recipientName')}
              />
            )}
          </SimpleGrid>
          <Textarea
            label="What for"
            description="What may be shared, and why"
            autosize
            minRows={2}
            key={form.key('purpose')}
            {...form.getInputProps('purpose')}
          />
          <Checkbox
            label="I explained the limits of confidentiality to him"
            description="What he says stays confidential except where a child is at risk: then it is shared with the agencies that protect children. Consent only counts once this has been explained."
            key={form.key('confidentialityExplained')}
            {...form.getInputProps('confidentialityExplained', { type: 'checkbox' })}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <Radio.Group label="How was consent given?" key={form.key('howGiven')} {...form.getInputProps('howGiven')}>
              <Group gap="lg" mt={6}>
                <Radio value="signed" label="Signed" />
                <Radio value="verbal" label="Verbally" />
              </Group>
            </Radio.Group>
            <TextInput
              label="Witness (optional)"
              description={v.howGiven === 'verbal' ? 'Who else heard him agree' : undefined}
              key={form.key('witness')}
              {...form.getInputProps('witness')}
            />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <UkDateInput label="Date given" key={form.key('givenOn')} {...form.getInputProps('givenOn')} />
            <Stack gap={4}>
              <UkDateInput
                label="Review by"
                description={`A task is raised ${CONSENT_EXPIRY_WARNING_DAYS} days before`}
                key={form.key('reviewOn')}
                {...form.getInputProps('reviewOn')}
              />
              <Group gap="xs">
                <Button size="compact-xs" variant="subtle" onClick={() => setReviewIn(6)}>
                  In 6 months
                </Button>
                <Button size="compact-xs" variant="subtle" onClick={() => setReviewIn(12)}>
                  In 12 months
                </Button>
              </Group>
            </Stack>
          </SimpleGrid>
          <FormFooter
            problem={problem}
            onReload={() =>
              void reload().then(() => {
                setProblem(null);
                onClose();
              })
            }
            onCancel={onClose}
            saving={add.isPending || update.isPending}
            label={consent ? 'Save changes' : 'Record consent'}
          />
        </Stack>
      </form>
    </FormModal>
  );
}

function WithdrawModal({
  consent,
  reload,
  onClose,
}: {
  consent: Consent;
  reload: RecordTabProps['reload'];
  onClose: () => void;
}) {
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const withdraw = useApiMutation('consents.withdraw', RECORD_CHANGES);
  const form = useForm({ initialValues: { withdrawnOn: todayInLondon(), reason: '' } });
  const submit = form.onSubmit(async (values) => {
    setProblem(null);
    try {
      await withdraw.mutateAsync({ id: consent.id, version: consent.version, ...values });
      notifySuccess(`Consent for ${recipientText(consent)} has been recorded as withdrawn.`);
      onClose();
    } catch (err) {
      setProblem(placeApiError(form, err, (p) => p === 'withdrawnOn' || p === 'reason'));
    }
  }, focusFirstError);
  return (
    <FormModal dirty={form.isDirty()} opened onClose={onClose} title={`Withdraw consent: ${recipientText(consent)}?`} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Text size="sm">
            From this date nothing more may be shared with {recipientText(consent)} on the strength of this consent.
            This cannot be undone: if he agrees again later, record a new consent.
          </Text>
          {consent.recipient === 'partner_service' && (
            <Alert color="orange" p="sm">
              Tell the partner support worker straight away: they can no longer contact his partner or ex-partner on
              this consent.
            </Alert>
          )}
          <UkDateInput label="Date withdrawn" key={form.key('withdrawnOn')} {...form.getInputProps('withdrawnOn')} />
          <Textarea
            label="Reason (optional)"
            autosize
            minRows={2}
            key={form.key('reason')}
            {...form.getInputProps('reason')}
          />
          <FormAlert problem={problem} onReload={() => void reload().then(onClose)} />
          <Group justify="flex-end">
            <CancelButton onCancel={onClose} />
            <Button type="submit" color="red" leftSection={<IconX size={18} />} loading={withdraw.isPending}>
              Record the withdrawal
            </Button>
          </Group>
        </Stack>
      </form>
    </FormModal>
  );
}

export function ConsentTab({ record, canEdit, reload }: RecordTabProps) {
  const [editing, setEditing] = useState<{ consent: Consent | null } | null>(null);
  const [withdrawing, setWithdrawing] = useState<Consent | null>(null);
  const glance = consentAtAGlance(record.consents);
  const soon = addDays(todayInLondon(), CONSENT_EXPIRY_WARNING_DAYS);

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-start">
        <Text size="sm" c="dimmed" maw={720}>
          To take part he consents to agencies sharing information with the programme, and to the partner support
          service contacting his partner or ex-partner. Record each consent separately, with its review date.
        </Text>
        {canEdit && (
          <Button leftSection={<IconPlus size={18} />} onClick={() => setEditing({ consent: null })}>
            Record consent
          </Button>
        )}
      </Group>

      <Card withBorder radius="md" padding="lg" component="section" aria-label="Consent now">
        <Title order={2} size="h4" mb="sm">
          At a glance
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="xs">
          {glance.map((g) => (
            <Group
              key={`${g.recipient}:${g.label}`}
              justify="space-between"
              wrap="nowrap"
              gap="xs"
              p="xs"
              bg="gray.0"
              style={{ borderRadius: 8 }}
            >
              <Text size="sm" lineClamp={2}>
                {g.label}
              </Text>
              {g.consent ? (
                <Badge color={consentStateColours[g.consent.state]} variant="light">
                  {consentStateLabels[g.consent.state]}
                </Badge>
              ) : (
                <Badge color="gray" variant="outline">
                  None
                </Badge>
              )}
            </Group>
          ))}
        </SimpleGrid>
      </Card>

      <Card withBorder radius="md" padding="lg">
        <Title order={2} size="h4" mb="sm">
          Every consent
        </Title>
        {record.consents.length === 0 ? (
          <EmptyNote title="No consent recorded yet" icon={<IconShieldCheck size={24} />}>
            {canEdit
              ? 'Choose "Record consent" for each agency he agrees may share information, after explaining the limits of confidentiality.'
              : ''}
          </EmptyNote>
        ) : (
          <Table.ScrollContainer minWidth={900}>
            <Table verticalSpacing="sm" aria-label="Consents">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>For</Table.Th>
                  <Table.Th>What for</Table.Th>
                  <Table.Th>How given</Table.Th>
                  <Table.Th>Given</Table.Th>
                  <Table.Th>Review by</Table.Th>
                  <Table.Th>State</Table.Th>
                  {canEdit && <Table.Th>Actions</Table.Th>}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {record.consents.map((c) => (
                  <Table.Tr key={c.id} c={c.state === 'withdrawn' ? 'dimmed' : undefined}>
                    <Table.Td>
                      <Text size="sm" fw={600}>
                        {consentRecipientLabels[c.recipient]}
                      </Text>
                      {c.recipientName && <Text size="xs">{c.recipientName}</Text>}
                    </Table.Td>
                    <Table.Td maw={300}>
                      <Text size="sm" lineClamp={3} title={c.purpose}>
                        {c.purpose}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      {c.howGiven === 'signed' ? 'Signed' : 'Verbally'}
                      {c.witness && <Text size="xs">Witness: {c.witness}</Text>}
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(c.givenOn)}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      <Text size="sm" c={c.state !== 'withdrawn' && c.reviewOn <= soon ? 'orange.8' : undefined}>
                        {formatDate(c.reviewOn)}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Badge color={consentStateColours[c.state]} variant={c.state === 'expired' ? 'filled' : 'light'}>
                        {consentStateLabels[c.state]}
                      </Badge>
                      {c.withdrawnOn && (
                        <Text size="xs">
                          on {formatDate(c.withdrawnOn)}
                          {c.withdrawnReason ? `: ${c.withdrawnReason}` : ''}
                        </Text>
                      )}
                    </Table.Td>
                    {canEdit && (
                      <Table.Td>
                        {c.state !== 'withdrawn' && (
                          <Group gap={4} wrap="nowrap">
                            <Button
                              size="compact-sm"
                              variant="light"
                              leftSection={<IconPencil size={14} />}
                              onClick={() => setEditing({ consent: c })}
                              aria-label={`Update consent for ${recipientText(c)}`}
                            >
                              Update
                            </Button>
                            <Button
                              size="compact-sm"
                              variant="subtle"
                              color="red"
                              onClick={() => setWithdrawing(c)}
                              aria-label={`Withdraw consent for ${recipientText(c)}`}
                            >
                              Withdraw
                            </Button>
                          </Group>
                        )}
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Card>
      {editing && (
        <ConsentModal
          participantId={record.header.id}
          consent={editing.consent}
          reload={reload}
          onClose={() => setEditing(null)}
        />
      )}
      {withdrawing && <WithdrawModal consent={withdrawing} reload={reload} onClose={() => setWithdrawing(null)} />}
    </Stack>
  );
}
