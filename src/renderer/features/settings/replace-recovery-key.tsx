/** Replacing the organisation's recovery key: the old one stops working and the new one is shown once. */
import { Alert, Button, Modal, Stack, Text } from '@mantine/core';
import { modals } from '@mantine/modals';
import { IconKey } from '@tabler/icons-react';
import { useState } from 'react';
import { useApiMutation } from '../../app/api';
import { notifyError, notifySuccess } from '../../app/notify';
import { RecoveryKeySheet } from '../../components/recovery-key-sheet';

export function ReplaceRecoveryKey({ organisationName }: { organisationName: string }) {
  const replace = useApiMutation('auth.replaceRecoveryKey', ['audit.']);
  const [newKey, setNewKey] = useState<string | null>(null);

  const confirm = () =>
    modals.openConfirmModal({
      title: 'Replace the recovery key?',
      children: (
        <Stack gap="xs">
          <Text size="sm">
            The recovery key you have now will stop working at once. Destroy the old printed copy afterwards (shred it).
          </Text>
          <Text size="sm">
            You will see the new key once, on the next screen. Have a printer ready, or pen and paper.
          </Text>
        </Stack>
      ),
      labels: { confirm: 'Replace the recovery key', cancel: 'Cancel' },
      confirmProps: { color: 'red' },
      onConfirm: () => {
        replace
          .mutateAsync({})
          .then((r) => setNewKey(r.recoveryKey))
          .catch((err: unknown) => notifyError(err, 'The recovery key was not replaced'));
      },
    });

  return (
    <Stack gap="sm">
      <Text size="sm">
        The recovery key opens the program if every administrator forgets their password. Replace it if the printed copy may
        have been seen by someone who should not have it, or has been lost.
      </Text>
      <div>
        <Button variant="light" color="red" leftSection={<IconKey size={18} />} loading={replace.isPending} onClick={confirm}>
          Replace the recovery key
        </Button>
      </div>
      <Modal
        opened={newKey !== null}
        onClose={() => undefined}
        withCloseButton={false}
        closeOnClickOutside={false}
        closeOnEscape={false}
        title="Your new recovery key"
        size={760}
      >
        {newKey && (
          <Stack>
            <Alert color="blue">The old recovery key no longer works.</Alert>
            <RecoveryKeySheet
              recoveryKey={newKey}
              organisationName={organisationName}
              continueLabel="Done"
              onContinue={() => {
                setNewKey(null);
                notifySuccess('The recovery key has been replaced.');
              }}
            />
          </Stack>
        )}
      </Modal>
    </Stack>
  );
}
