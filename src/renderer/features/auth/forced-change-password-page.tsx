/** Someone logged in with a temporary password must choose their own before anything else. */
import { Button, Stack, Text } from '@mantine/core';
import type { SessionInfo } from '../../../shared/features/auth';
import { AuthFrame } from './auth-frame';
import { ChangePasswordForm } from './change-password-form';

interface Props {
  session: SessionInfo;
  onChanged: () => Promise<void>;
  onLogout: () => Promise<void>;
}

export function ForcedChangePasswordPage({ session, onChanged, onLogout }: Props) {
  return (
    <AuthFrame title="Choose your own password" width={520}>
      <Stack gap="md">
        <Text>
          Welcome, {session.fullName}. You logged in with a temporary password. Choose a password that only you know before
          you continue. Nobody else, not even an administrator, will be able to see it.
        </Text>
        <ChangePasswordForm username={session.username} currentLabel="Temporary password (the one you were given)" onChanged={onChanged} />
        <Button variant="subtle" color="gray" onClick={() => void onLogout()}>
          Log out without changing it
        </Button>
      </Stack>
    </AuthFrame>
  );
}
