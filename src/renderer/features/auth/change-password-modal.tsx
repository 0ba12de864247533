import { Modal, Text } from '@mantine/core';
import { useSession } from '../../app/auth-context';
import { notifySuccess } from '../../app/notify';
import { ChangePasswordForm } from './change-password-form';

export function ChangePasswordModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const session = useSession();
  return (
    <Modal opened={opened} onClose={onClose} title="Change my password" size="md">
      <Text size="sm" mb="md">
        Your new password works from the next time you log in or unlock. Other people&apos;s passwords are not affected.
      </Text>
      {opened && (
        <ChangePasswordForm
          username={session.username}
          currentLabel="Current password"
          onCancel={onClose}
          onChanged={() => {
            onClose();
            notifySuccess('Your password has been changed.');
          }}
        />
      )}
    </Modal>
  );
}
