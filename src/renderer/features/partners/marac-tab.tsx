/** MARAC and MAPPA: referrals made, meeting dates, the actions agreed for this service, the outcome. */
import { ActionIcon, Badge, Button, Card, Checkbox, Group, Radio, SimpleGrid, Stack, Text, Textarea, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconPencil, IconPlus, IconTrash, IconUsersGroup } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { todayInLondon } from '../../../shared/dates';
import { maracInput, type MaracReferral } from '../../../shared/features/partners';
import { useApiMutation } from '../../app/api';
import { focusFirstError, validateWith } from '../../app/form-errors';
import { formatDate } from '../../app/format';
import { notifySuccess } from '../../app/notify';
import { EmptyNote } from '../../components/empty-note';
import { FormFooter, placeApiError, type FormProblem } from '../../components/form-alert';
import { UkDateInput } from '../../components/uk-date-input';
import { PARTNER_CHANGES, referralKindLabels, referralReasonLabels } from './partner-labels';
import type { PartnerTabProps } from './partner-tab';
import { WrittenFact } from '../../components/fact';
import { FormModal } from '../../components/unsaved-changes';

type Reason = keyof typeof referralReasonLabels;
interface Values {
  kind: 'marac' | 'mappa';
  referredOn: string;
  reasons: Reason[];
  meetingDates: string[];
  actions: string;
  outcome: string;
  status: 'open' | 'closed';
}
const check = validateWith<Record<string, unknown>>(maracInput);
const fields = ['kind', 'referredOn', 'reasons', 'actions', 'outcome', 'status'];

function ReferralModal({ partnerId, referral, reasons, onClose, reload }: { partnerId: string; referral: MaracReferral | null; reasons: Reason[]; onClose: () => void; reload: () => Promise<unknown> }) {
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const save = useApiMutation('partners.saveReferral', PARTNER_CHANGES);
  const form = useForm<Values>({
    initialValues: referral
      ? { kind: referral.kind, referredOn: referral.referredOn, reasons: referral.reasons, meetingDates: referral.meetingDates, actions: referral.actions, outcome: referral.outcome, status: referral.status }
      : { kind: 'marac', referredOn: todayInLondon(), reasons, meetingDates: [], actions: '', outcome: '', status: 'open' },
    validate: (v) => check({ ...v, partnerId, meetingDates: v.meetingDates.filter(Boolean) }),
  });
  const v = form.getValues();
  const submit = form.onSubmit(async (values) => {
    setProblem(null);
    try {
      await save.mutateAsync({ ...values, meetingDates: values.meetingDates.filter(Boolean), partnerId, id: referral?.id ?? null, version: referral?.version ?? null });
      notifySuccess(referral ? 'The referral has been updated.' : `The ${referralKindLabels[values.kind]} referral has been recorded.`);
      onClose();
    } catch (err) {
      setProblem(placeApiError(form, err, (p) => fields.includes(p) || p.startsWith('meetingDates.')));
    }
  }, focusFirstError);

  return (
    <FormModal dirty={form.isDirty()} opened onClose={onClose} size="xl" title={referral ? 'Update the referral' : 'Record a MARAC or MAPPA referral'}>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <Radio.Group label="Referred to" key={form.key('kind')} {...form.getInputProps('kind')}>
              <Group gap="lg" mt={6}>
                <Radio value="marac" label="MARAC (risk conference about her safety)" />
                <Radio value="mappa" label="MAPPA (about managing him)" />
              </Group>
            </Radio.Group>
            <UkDateInput label="Date referred" maxDate={new Date()} key={form.key('referredOn')} {...form.getInputProps('referredOn')} />
          </SimpleGrid>
          <Checkbox.Group label="Why the referral was made" key={form.key('reasons')} {...form.getInputProps('reasons')}>
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing={6} mt={6}>
              {(Object.keys(referralReasonLabels) as Reason[]).map((r) => (
                <Checkbox key={r} value={r} label={referralReasonLabels[r]} />
              ))}
            </SimpleGrid>
          </Checkbox.Group>
          <Stack gap={6}>
            <Text size="sm" fw={500}>
              Meeting dates
            </Text>
            {v.meetingDates.length === 0 && (
              <Text size="sm" c="dimmed">
                None yet. Add the date once the MARAC coordinator gives it.
              </Text>
            )}
            {v.meetingDates.map((_, i) => (
              <Group key={i} gap="xs" align="flex-end">
                <UkDateInput label={`Meeting ${i + 1}`} key={form.key(`meetingDates.${i}`)} {...form.getInputProps(`meetingDates.${i}`)} w={220} />
                <ActionIcon variant="subtle" color="red" size="lg" mb={2} aria-label={`Remove meeting ${i + 1}`} onClick={() => form.removeListItem('meetingDates', i)}>
                  <IconTrash size={18} />
                </ActionIcon>
              </Group>
            ))}
            <Group>
              <Button size="xs" variant="light" leftSection={<IconPlus size={16} />} onClick={() => form.insertListItem('meetingDates', '')}>
                Add a meeting date
              </Button>
            </Group>
          </Stack>
          <Textarea label="Actions agreed for this service (optional)" autosize minRows={2} key={form.key('actions')} {...form.getInputProps('actions')} />
          <Textarea label="Outcome (optional)" autosize minRows={2} key={form.key('outcome')} {...form.getInputProps('outcome')} />
          <Radio.Group label="Status" key={form.key('status')} {...form.getInputProps('status')}>
            <Group gap="lg" mt={6}>
              <Radio value="open" label="Open" />
              <Radio value="closed" label="Closed" />
            </Group>
          </Radio.Group>
          <FormFooter problem={problem} onReload={() => void reload().then(onClose)} onCancel={onClose} saving={save.isPending} label={referral ? 'Save changes' : 'Record the referral'} />
        </Stack>
      </form>
    </FormModal>
  );
}

export function MaracTab({ record, canEdit, reload }: PartnerTabProps) {
  const [params, setParams] = useSearchParams();
  const refer = params.get('refer');
  // Opened from the checklist's "Make a MARAC referral": the form opens with its reasons.
  const [editing, setEditing] = useState<{ referral: MaracReferral | null; reasons: Reason[] } | null>(() =>
    refer !== null && canEdit ? { referral: null, reasons: refer.split(',').filter((r): r is Reason => r in referralReasonLabels) } : null,
  );
  useEffect(() => {
    if (refer !== null) setParams({}, { replace: true });
  }, [refer, setParams]);
  const today = todayInLondon();

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-start">
        <Text size="sm" c="dimmed" maw={720}>
          A MARAC is the local meeting of agencies about women at high risk. MAPPA is about managing men who pose a serious risk. Record
          each referral, its meeting dates, what this service agreed to do, and the outcome.
        </Text>
        {canEdit && (
          <Button leftSection={<IconPlus size={18} />} onClick={() => setEditing({ referral: null, reasons: [] })}>
            Record a referral
          </Button>
        )}
      </Group>
      {record.referrals.length === 0 ? (
        <Card withBorder radius="md" padding="lg">
          <EmptyNote title="No referrals" icon={<IconUsersGroup size={24} />}>
            A checklist score of 14 or more, professional judgement, escalation or a repeat case means a MARAC referral.
          </EmptyNote>
        </Card>
      ) : (
        record.referrals.map((r) => {
          const next = r.meetingDates.filter((d) => d >= today).sort()[0];
          return (
            <Card key={r.id} withBorder radius="md" padding="lg" component="section" aria-label={`${referralKindLabels[r.kind]} referral of ${formatDate(r.referredOn)}`}>
              <Group justify="space-between" align="flex-start" mb="xs">
                <Group gap="sm">
                  <Title order={2} size="h4">
                    {referralKindLabels[r.kind]} referral, {formatDate(r.referredOn)}
                  </Title>
                  <Badge color={r.status === 'open' ? 'blue' : 'gray'} variant="light">
                    {r.status === 'open' ? 'Open' : 'Closed'}
                  </Badge>
                  {next && (
                    <Badge color="orange" variant="light">
                      Next meeting {formatDate(next)}
                    </Badge>
                  )}
                </Group>
                {canEdit && (
                  <Button size="compact-sm" variant="light" leftSection={<IconPencil size={14} />} onClick={() => setEditing({ referral: r, reasons: r.reasons })}>
                    Update
                  </Button>
                )}
              </Group>
              <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm">
                <WrittenFact label="Why" text={r.reasons.map((x) => referralReasonLabels[x]).join(', ')} />
                <WrittenFact label="Meetings" text={r.meetingDates.length ? r.meetingDates.map(formatDate).join(', ') : 'None set yet'} />
                <WrittenFact label="Actions agreed for this service" text={r.actions} />
                <WrittenFact label="Outcome" text={r.outcome} />
              </SimpleGrid>
              {r.byName && (
                <Text size="xs" c="dimmed" mt="xs">
                  Recorded by {r.byName}
                </Text>
              )}
            </Card>
          );
        })
      )}
      {editing && <ReferralModal partnerId={record.id} referral={editing.referral} reasons={editing.reasons} reload={reload} onClose={() => setEditing(null)} />}
    </Stack>
  );
}
