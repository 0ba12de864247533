/** Replacing the organisation's recovery key: the old one stops working and the new one is shown once. */
import { Alert, Button, Group, Modal, PasswordInput, Stack, Text } from '@mantine/core';
import { IconKey } from '@tabler/icons-react';
import { useState } from 'react';
import { useApiMutation } from '../../app/api';
import { apiErrorOf } from '../../app/form-errors';
import { notifyError, notifySuccess } from '../../app/notify';
import { RecoveryKeySheet } from '../../components/recovery-key-sheet';

export function ReplaceRecoveryKey({ organisationName }: { organisationName: string }) {
  const replace = useApiMutation('auth.replaceRecoveryKey', ['audit.']);
  const [newKey, setNewKey] = useState<string | null>(null);

  // The administrator's password is asked again: a session left open must not be enough to mint a working recovery key.
  const [asking, setAsking] = useState(false);
  const [password, setPassword] = useState('');
  const [passwordError, setPasswordError] = useState<string | null>(null);
  const confirm = () => {
    setPassword('');
    setPasswordError(null);
    setAsking(true);
  };
  const submit = () => {
    replace
      .mutateAsync({ password })
      .then((r) => {
        setAsking(false);
        setPassword('');
        setNewKey(r.recoveryKey);
      })
      .catch((err: unknown) => {
        const field = apiErrorOf(err)?.fields?.password;
        if (field) setPasswordError(field);
        else notifyError(err, 'The recovery key was not replaced');
      });
  };

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
      <Modal opened={asking} onClose={() => setAsking(false)} title="Replace the recovery key?">
        <form
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}
        >
          <Stack gap="sm">
            <Text size="sm">
              The recovery key you have now will stop working at once. Destroy the old printed copy afterwards (shred it). You will
              see the new key once, on the next screen: have a printer ready, or pen and paper.
            </Text>
            <PasswordInput
              label="Your password"
              description="Asked again before the recovery key is replaced."
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
              error={passwordError}
              autoComplete="current-password"
              data-autofocus
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setAsking(false)}>
                Cancel
              </Button>
              <Button type="submit" color="red" loading={replace.isPending}>
                Replace the recovery key
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
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
