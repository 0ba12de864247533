/** Managers: restrict a record to named staff, change who is named, or lift the restriction. Each step is confirmed. */
import { Alert, Button, Group, MultiSelect, Stack, Text, Textarea } from '@mantine/core';
import { modals } from '@mantine/modals';
import { IconLock, IconLockOpen } from '@tabler/icons-react';
import { useState } from 'react';
import type { ParticipantRecord } from '../../../shared/features/participant-record';
import { useApiMutation } from '../../app/api';
import { useSession } from '../../app/auth-context';
import { apiErrorOf } from '../../app/form-errors';
import { notifySuccess } from '../../app/notify';
import { staffOptions, useStaffDirectory } from '../../components/staff-select';
import { RECORD_CHANGES } from './record-tab';
import { CancelButton, FormModal } from '../../components/unsaved-changes';

export function RestrictModal({ record, onClose }: { record: ParticipantRecord; onClose: () => void }) {
  const session = useSession();
  const directory = useStaffDirectory();
  const restrict = useApiMutation('participants.restrict', RECORD_CHANGES);
  const [staffIds, setStaffIds] = useState<string[]>(record.accessStaffIds.filter((s) => s !== session.staffId));
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const name = record.header.name;
  const options = staffOptions(directory.data ?? [], ['manager', 'facilitator', 'partner_worker']).filter(
    (o) => o.value !== session.staffId,
  );

  const send = (restricted: boolean) => {
    setError(null);
    restrict
      .mutateAsync({ id: record.header.id, version: record.version, restricted, staffIds: restricted ? staffIds : [], reason })
      .then(() => {
        notifySuccess(
          restricted
            ? `Only the named staff can now open ${name}'s record.`
            : `Anyone whose role allows it can now open ${name}'s record.`,
        );
        onClose();
      })
      .catch((err: unknown) => setError(apiErrorOf(err).message));
  };

  const confirmRestrict = () =>
    modals.openConfirmModal({
      title: record.restricted ? 'Save who can open this record?' : `Restrict ${name}'s record?`,
      children: (
        <Text size="sm">
          Only you
          {staffIds.length > 0 ? ` and the ${staffIds.length} other${staffIds.length === 1 ? '' : 's'} you named` : ''}{' '}
          will be able to open it. Everyone else will see only that a restricted record exists, and any attempt to open
          it is recorded in the audit log.
        </Text>
      ),
      labels: { confirm: record.restricted ? 'Save' : 'Restrict the record', cancel: 'Cancel' },
      onConfirm: () => send(true),
    });

  const confirmLift = () =>
    modals.openConfirmModal({
      title: `Lift the restriction on ${name}'s record?`,
      children: (
        <Text size="sm">Every facilitator, manager and partner support worker will be able to open it again.</Text>
      ),
      labels: { confirm: 'Lift the restriction', cancel: 'Cancel' },
      confirmProps: { color: 'red' },
      onConfirm: () => send(false),
    });

  return (
    <FormModal dirty={reason.trim() !== ''}
      opened
      onClose={onClose}
      size="lg"
      title={record.restricted ? 'Who can open this record' : 'Restrict this record'}
    >
      <Stack gap="md">
        <Text size="sm">
          Restrict a record when few people should see it, for example when he is well known or a member of staff knows
          him. The people you name can open it; everyone else sees only that a restricted record exists.
        </Text>
        {record.restricted && (
          <Alert color="dark" icon={<IconLock size={18} />} p="sm">
            This record is restricted now.
          </Alert>
        )}
        <MultiSelect
          label="Staff who may open it"
          description="You stay on the list yourself, so you can change it or lift the restriction later"
          placeholder={staffIds.length === 0 ? 'Choose people' : undefined}
          data={options}
          value={staffIds}
          onChange={setStaffIds}
          searchable
          clearable
          nothingFoundMessage="Nobody by that name"
          error={directory.isError ? 'The staff list could not be loaded' : undefined}
        />
        <Textarea
          label="Reason (optional)"
          description="Kept with the change, for the audit log"
          autosize
          minRows={2}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
        />
        {error && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
        <Group justify="space-between">
          {record.restricted ? (
            <Button
              variant="outline"
              color="red"
              leftSection={<IconLockOpen size={18} />}
              onClick={confirmLift}
              loading={restrict.isPending}
            >
              Lift the restriction
            </Button>
          ) : (
            <span />
          )}
          <Group gap="sm">
            <CancelButton onCancel={onClose} />
            <Button leftSection={<IconLock size={18} />} onClick={confirmRestrict} loading={restrict.isPending}>
              {record.restricted ? 'Save the list' : 'Restrict the record'}
            </Button>
          </Group>
        </Group>
      </Stack>
    </FormModal>
  );
}
