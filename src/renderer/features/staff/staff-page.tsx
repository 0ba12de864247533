/** Staff administration. Administrators manage accounts; managers see the list only. */
import { Alert, Button, Center, Loader, Paper, Stack, Text } from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { IconUserPlus } from '@tabler/icons-react';
import { useState } from 'react';
import type { StaffMember } from '../../../shared/features/staff';
import { can } from '../../../shared/permissions';
import { useApiMutation, useApiQuery } from '../../app/api';
import { useAuth, useSession } from '../../app/auth-context';
import { apiErrorOf } from '../../app/form-errors';
import { notifyError, notifySuccess } from '../../app/notify';
import { PageHeader } from '../../components/page-header';
import { StaffFormModal } from './staff-form-modal';
import { StaffTable, type StaffActions } from './staff-table';
import { TemporaryPasswordModal, type ShownPassword } from './temporary-password-modal';

export function StaffPage() {
  const session = useSession();
  const { refresh } = useAuth();
  const canManage = can(session.role, 'staff.manage');
  const list = useApiQuery('staff.list', {});
  const [editing, setEditing] = useState<{ member: StaffMember | null } | null>(null);
  const [shown, setShown] = useState<ShownPassword | null>(null);
  const resetPassword = useApiMutation('staff.resetPassword', ['staff.', 'audit.']);
  const deactivate = useApiMutation('staff.deactivate', ['staff.', 'audit.']);
  const reactivate = useApiMutation('staff.reactivate', ['staff.', 'audit.']);
  const grant = useApiMutation('staff.grantPartnerAccess', ['staff.', 'audit.']);
  const grantPartnerAccess = can(session.role, 'staff.partnerAccess')
    ? (m: StaffMember) =>
        grant
          .mutateAsync({ id: m.id })
          .then(() => notifySuccess(`${m.fullName} can now open the partner side.`))
          .catch((err: unknown) => notifyError(err, 'Partner access was not given'))
    : null;

  const actions: StaffActions = {
    edit: (member) => setEditing({ member }),
    resetPassword: (m) =>
      modals.openConfirmModal({
        title: `Reset the password for ${m.fullName}?`,
        children: (
          <Text size="sm">
            Their current password stops working straight away. You will see a temporary password to give them, and they
            must choose their own the next time they log in.
          </Text>
        ),
        labels: { confirm: 'Reset password', cancel: 'Cancel' },
        confirmProps: { color: 'red' },
        onConfirm: () => {
          resetPassword
            .mutateAsync({ id: m.id })
            .then((r) => setShown({ ...r, reason: 'reset' }))
            .catch((err: unknown) => notifyError(err, 'The password was not reset'));
        },
      }),
    deactivate: (m) =>
      modals.openConfirmModal({
        title: `Deactivate ${m.fullName}?`,
        children: (
          <Stack gap="xs">
            <Text size="sm">
              {m.fullName} will no longer be able to log in. The program will also change the key that protects the
              database, so their old password cannot open it, even from a copy of the files.
            </Text>
            <Text size="sm">
              Their name stays on the records they worked on and in the audit log. You can reactivate the account later; they
              would then get a new temporary password.
            </Text>
          </Stack>
        ),
        labels: { confirm: 'Deactivate', cancel: 'Cancel' },
        confirmProps: { color: 'red' },
        onConfirm: () => {
          const id = notifications.show({
            loading: true,
            autoClose: false,
            withCloseButton: false,
            message: `Deactivating ${m.fullName} and changing the database key…`,
          });
          deactivate
            .mutateAsync({ id: m.id })
            .then(() =>
              notifications.update({
                id,
                loading: false,
                color: 'green',
                autoClose: 6000,
                withCloseButton: true,
                message: `${m.fullName} can no longer log in. The database key has been changed.`,
              }),
            )
            .catch((err: unknown) =>
              notifications.update({
                id,
                loading: false,
                color: 'red',
                autoClose: 12000,
                withCloseButton: true,
                title: 'The account was not deactivated',
                message: apiErrorOf(err).message,
              }),
            );
        },
      }),
    reactivate: (m) =>
      modals.openConfirmModal({
        title: `Reactivate ${m.fullName}?`,
        children: (
          <Text size="sm">
            They will be able to log in again with a new temporary password, which you will see next. Check their role is
            still right afterwards.
          </Text>
        ),
        labels: { confirm: 'Reactivate', cancel: 'Cancel' },
        onConfirm: () => {
          reactivate
            .mutateAsync({ id: m.id })
            .then((r) => setShown({ ...r, reason: 'reactivated' }))
            .catch((err: unknown) => notifyError(err, 'The account was not reactivated'));
        },
      }),
  };

  const staff = list.data ?? [];
  return (
    <>
      <PageHeader
        title="Staff"
        description={
          canManage
            ? 'Everyone who can log in to the program, and what their role allows.'
            : 'Everyone who can log in to the program. Only an administrator can make changes.'
        }
        actions={
          canManage && (
            <Button leftSection={<IconUserPlus size={18} />} onClick={() => setEditing({ member: null })}>
              Add member of staff
            </Button>
          )
        }
      />

      <Paper withBorder radius="md" p="md">
        {list.isPending ? (
          <Center py="xl">
            <Loader aria-label="Loading the staff list" />
          </Center>
        ) : list.isError ? (
          <Alert color="red" role="alert" title="The staff list could not be loaded">
            {list.error.message}
          </Alert>
        ) : staff.length === 0 ? (
          <Text py="lg" ta="center">
            Nobody has been added yet. {canManage ? 'Choose "Add member of staff" to add the first person.' : ''}
          </Text>
        ) : (
          <StaffTable staff={staff} selfId={session.staffId} actions={canManage ? actions : null} grantPartnerAccess={grantPartnerAccess} />
        )}
      </Paper>

      {editing && (
        <StaffFormModal
          member={editing.member}
          isSelf={editing.member?.id === session.staffId}
          onClose={() => setEditing(null)}
          onCreated={(r) => {
            setEditing(null);
            setShown({ ...r, reason: 'created' });
          }}
          onUpdated={(m) => {
            setEditing(null);
            notifySuccess(`${m.fullName}'s details have been saved.`);
            // Your own name or role may have changed: the header and menu follow.
            if (m.id === session.staffId) void refresh();
          }}
        />
      )}
      {shown && <TemporaryPasswordModal shown={shown} onClose={() => setShown(null)} />}
    </>
  );
}
