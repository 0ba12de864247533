import { Alert, Button, Group, PasswordInput, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconClockHour4, IconLock } from '@tabler/icons-react';
import { z } from 'zod';
import { validateWith, focusFirstError } from '../../app/form-errors';
import { AuthFrame } from './auth-frame';
import { useLogin } from './use-login';
import { waitMessage } from './use-retry-countdown';

const unlockInput = z.object({ password: z.string().min(1, 'Enter your password') });

interface Props {
  lockedUser: { username: string; fullName: string };
  onUnlocked: () => Promise<void>;
  onSwitchUser: () => void;
  organisation?: string | null;
}

export function LockPage({ lockedUser, onUnlocked, onSwitchUser, organisation }: Props) {
  const { login, error, countdown } = useLogin(onUnlocked);
  const form = useForm({ initialValues: { password: '' }, validate: validateWith<{ password: string }>(unlockInput) });

  const submit = form.onSubmit(async ({ password }) => {
    const ok = await login(lockedUser.username, password);
    if (!ok) {
      form.setFieldValue('password', '');
      form.getInputNode('password')?.focus();
    }
  }, focusFirstError);

  return (
    <AuthFrame title="Locked" organisation={organisation}>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Group gap="xs" wrap="nowrap" align="flex-start">
            <IconLock size={22} aria-hidden style={{ flexShrink: 0, marginTop: 2 }} />
            <Text>
              <b>{lockedUser.fullName}</b>, enter your password to unlock.
            </Text>
          </Group>
          <Text size="sm" c="dimmed">
            The program locked to protect the records. Everything you saved is kept; changes you had not saved were cleared.
          </Text>
          {/* the user name, for password managers and screen readers; not editable here */}
          <input type="hidden" name="username" autoComplete="username" value={lockedUser.username} readOnly />
          <PasswordInput
            label="Password"
            required
            autoComplete="current-password"
            data-autofocus
            autoFocus
            key={form.key('password')}
            {...form.getInputProps('password')}
          />
          {error && (
            <Alert color="red" role="alert">
              {error}
            </Alert>
          )}
          {countdown.waiting && (
            <Alert color="orange" role="status" icon={<IconClockHour4 size={20} />}>
              {waitMessage(countdown.secondsLeft)}
            </Alert>
          )}
          <Button type="submit" size="md" loading={form.submitting} disabled={countdown.waiting} fullWidth>
            Unlock
          </Button>
          <Button variant="default" onClick={onSwitchUser} fullWidth>
            Switch user
          </Button>
          <Text size="xs" c="dimmed" ta="center">
            Not {lockedUser.fullName}? Choose &quot;Switch user&quot; to log in as yourself.
          </Text>
        </Stack>
      </form>
    </AuthFrame>
  );
}
