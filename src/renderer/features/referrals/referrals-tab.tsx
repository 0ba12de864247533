/** Every referral he has had, newest first; add another, or correct one. */
import { Button, Card, DataList, Group, Stack, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconPencil, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { referralRouteLabels, referralSourceLabels, type Referral } from '../../../shared/features/participants';
import { useApiMutation } from '../../app/api';
import { focusFirstError, validateWith } from '../../app/form-errors';
import { formatDate, formatDateTime } from '../../app/format';
import { notifySuccess } from '../../app/notify';
import { EmptyNote } from '../../components/empty-note';
import { FormFooter, placeApiError, underPrefixes, type FormProblem } from '../../components/form-alert';
import { RECORD_CHANGES, type RecordTabProps } from '../participants/record-tab';
import {
  emptyReferral,
  ReferralFields,
  referralFormSchema,
  referralInputOf,
  referralValuesOf,
  type ReferralValues,
} from './referral-fields';
import { FormModal } from '../../components/unsaved-changes';

interface Values {
  referral: ReferralValues;
}

function ReferralModal({
  participantId,
  referral,
  reload,
  onClose,
}: {
  participantId: string;
  referral: Referral | null;
  reload: RecordTabProps['reload'];
  onClose: () => void;
}) {
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const add = useApiMutation('referrals.add', RECORD_CHANGES);
  const update = useApiMutation('referrals.update', RECORD_CHANGES);
  const form = useForm<Values>({
    initialValues: { referral: referral ? referralValuesOf(referral) : emptyReferral() },
    validate: validateWith<Values>(referralFormSchema),
  });
  const submit = form.onSubmit(async (values) => {
    setProblem(null);
    try {
      const input = referralInputOf(values.referral);
      if (referral) await update.mutateAsync({ id: referral.id, version: referral.version, referral: input });
      else await add.mutateAsync({ participantId, referral: input });
      notifySuccess(referral ? 'The referral has been updated.' : 'The referral has been added.');
      onClose();
    } catch (err) {
      setProblem(placeApiError(form, err, underPrefixes('referral')));
    }
  }, focusFirstError);
  return (
    <FormModal dirty={form.isDirty()} opened onClose={onClose} size="xl" title={referral ? 'Correct the referral' : 'Add a referral'}>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <ReferralFields form={form} legend={referral ? 'The referral' : 'The new referral'} />
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
            label={referral ? 'Save changes' : 'Add referral'}
          />
        </Stack>
      </form>
    </FormModal>
  );
}

export function ReferralsTab({ record, canEdit, reload }: RecordTabProps) {
  const [editing, setEditing] = useState<{ referral: Referral | null } | null>(null);
  return (
    <Stack gap="lg">
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          Newest first. A man referred again keeps one record with all his referrals.
        </Text>
        {canEdit && (
          <Button leftSection={<IconPlus size={18} />} onClick={() => setEditing({ referral: null })}>
            Add a referral
          </Button>
        )}
      </Group>
      {record.referrals.length === 0 && (
        <EmptyNote title="No referrals recorded">{canEdit ? 'Choose "Add a referral" to record one.' : ''}</EmptyNote>
      )}
      {record.referrals.map((r, i) => (
        <Card
          key={r.id}
          withBorder
          radius="md"
          padding="lg"
          component="section"
          aria-label={`Referral received ${formatDate(r.receivedOn)}`}
        >
          <Group justify="space-between" mb="sm" align="flex-start">
            <div>
              <Title order={2} size="h4">
                {referralSourceLabels[r.source]}, received {formatDate(r.receivedOn)}
                {i === 0 && record.referrals.length > 1 ? ' (latest)' : ''}
              </Title>
              <Text size="xs" c="dimmed">
                Recorded by {r.createdByName ?? 'a former member of staff'} on {formatDateTime(r.createdAt)}
              </Text>
            </div>
            {canEdit && (
              <Button
                variant="light"
                size="xs"
                leftSection={<IconPencil size={16} />}
                onClick={() => setEditing({ referral: r })}
              >
                Correct
              </Button>
            )}
          </Group>
          <DataList labelWidth="200px">
            {(
              [
                ['Route', referralRouteLabels[r.route]],
                ['Referring agency', r.agency],
                ['Named contact', r.contactName],
                ['Contact details', r.contactDetails],
                ['Reason', r.reason],
                ['Court or order reference', r.courtReference],
                ['Hearing date', formatDate(r.hearingDate)],
                ['Report due', formatDate(r.reportDueDate)],
              ] as const
            ).map(([label, value]) => (
              <DataList.Item key={label}>
                <DataList.ItemLabel c="dimmed">{label}</DataList.ItemLabel>
                <DataList.ItemValue style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                  {value || (
                    <Text span c="dimmed" size="sm">
                      Not recorded
                    </Text>
                  )}
                </DataList.ItemValue>
              </DataList.Item>
            ))}
          </DataList>
        </Card>
      ))}
      {editing && (
        <ReferralModal
          participantId={record.header.id}
          referral={editing.referral}
          reload={reload}
          onClose={() => setEditing(null)}
        />
      )}
    </Stack>
  );
}
