import { Alert, Anchor, Button, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconClockHour4 } from '@tabler/icons-react';
import { loginInput } from '../../../shared/features/auth';
import { validateWith, focusFirstError } from '../../app/form-errors';
import { AuthFrame } from './auth-frame';
import { useLogin } from './use-login';
import { waitMessage } from './use-retry-countdown';

interface Props {
  onLoggedIn: () => Promise<void>;
  onUseRecoveryKey: () => void;
  /** shown above the form, e.g. when coming from the lock screen */
  notice?: string;
  onBack?: { label: string; action: () => void };
  organisation?: string | null;
}

export function LoginPage({ onLoggedIn, onUseRecoveryKey, notice, onBack, organisation }: Props) {
  const { login, error, countdown } = useLogin(onLoggedIn);
  const form = useForm({
    initialValues: { username: '', password: '' },
    validate: validateWith<{ username: string; password: string }>(loginInput),
  });

  const submit = form.onSubmit(async (values) => {
    const ok = await login(values.username, values.password);
    if (!ok) {
      form.setFieldValue('password', '');
      form.getInputNode('password')?.focus();
    }
  }, focusFirstError);

  return (
    <AuthFrame title="Log in" organisation={organisation}>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          {notice && <Text c="dimmed">{notice}</Text>}
          <TextInput
            label="User name"
            required
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            data-autofocus
            autoFocus
            key={form.key('username')}
            {...form.getInputProps('username')}
          />
          <PasswordInput label="Password" required autoComplete="current-password" key={form.key('password')} {...form.getInputProps('password')} />
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
            Log in
          </Button>
          <Stack gap={4} align="center">
            {onBack && (
              <Anchor component="button" type="button" onClick={onBack.action}>
                {onBack.label}
              </Anchor>
            )}
            <Anchor component="button" type="button" size="sm" onClick={onUseRecoveryKey}>
              Use the recovery key
            </Anchor>
            <Text size="xs" c="dimmed" ta="center">
              Forgotten your password? Ask an administrator to reset it. The recovery key is only for when no administrator
              can log in.
            </Text>
          </Stack>
        </Stack>
      </form>
    </AuthFrame>
  );
}
