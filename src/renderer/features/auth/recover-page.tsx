/**
 * When no administrator can log in: the printed recovery key opens the
 * program and sets a new password for an administrator account (an existing
 * one, or a new one).
 */
import { Alert, Anchor, Button, PasswordInput, Radio, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconClockHour4 } from '@tabler/icons-react';
import { useState } from 'react';
import { recoverInput } from '../../../shared/features/auth';
import { call } from '../../app/api';
import { apiErrorOf, applyApiError, confirmMatches, validateWith, focusFirstError } from '../../app/form-errors';
import { AuthFrame } from './auth-frame';
import { PASSWORD_HINT } from './password-hint';
import { useRetryCountdown, waitMessage } from './use-retry-countdown';

interface RecoverValues {
  recoveryKey: string;
  account: 'existing' | 'new';
  username: string;
  fullName: string;
  newPassword: string;
  confirmPassword: string;
}

const fieldPaths = ['recoveryKey', 'username', 'fullName', 'newPassword', 'confirmPassword'];

export function RecoverPage({ onRecovered, onBack }: { onRecovered: () => Promise<void>; onBack: () => void }) {
  const [formError, setFormError] = useState<string | null>(null);
  const countdown = useRetryCountdown();
  const form = useForm<RecoverValues>({
    initialValues: { recoveryKey: '', account: 'existing', username: '', fullName: '', newPassword: '', confirmPassword: '' },
    validate: validateWith<RecoverValues>(recoverInput, (v) => ({
      ...confirmMatches<RecoverValues>((x) => [x.newPassword, x.confirmPassword], 'confirmPassword')(v),
      ...(v.account === 'new' && !v.fullName.trim() ? { fullName: 'Enter the full name for the new administrator account' } : {}),
    })),
  });
  const isNew = form.values.account === 'new';

  const submit = form.onSubmit(async (v) => {
    setFormError(null);
    try {
      await call('auth.recover', {
        recoveryKey: v.recoveryKey,
        username: v.username,
        fullName: v.account === 'new' ? v.fullName : undefined,
        newPassword: v.newPassword,
      });
      await onRecovered();
    } catch (err) {
      const e = apiErrorOf(err);
      // A damaged database or key file: the problem screen (with restore) takes over.
      if (e.code === 'VAULT') return onRecovered();
      countdown.start(e.retryAfter);
      setFormError(e.code === 'RATE_LIMITED' ? null : applyApiError(form, err, fieldPaths));
    }
  }, focusFirstError);

  return (
    <AuthFrame title="Use the recovery key" width={560}>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Text>
            Use this only if no administrator can log in. Type the recovery key from the printed sheet, then choose the
            administrator account to open and a new password for it.
          </Text>
          <TextInput
            label="Recovery key"
            description="13 groups of 4 letters and numbers. Capitals, small letters and missing dashes are all fine"
            required
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', letterSpacing: '0.05em' } }}
            data-autofocus
            autoFocus
            key={form.key('recoveryKey')}
            {...form.getInputProps('recoveryKey')}
          />
          <Radio.Group label="Administrator account" required key={form.key('account')} {...form.getInputProps('account')}>
            <Stack gap="xs" mt="xs">
              <Radio value="existing" label="An existing administrator account" description="Its password will be replaced" />
              <Radio value="new" label="A new administrator account" description="For when no administrator is left" />
            </Stack>
          </Radio.Group>
          <TextInput
            label={isNew ? 'User name for the new account' : 'Administrator’s user name'}
            required
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            key={form.key('username')}
            {...form.getInputProps('username')}
          />
          {isNew && <TextInput label="Full name" required autoComplete="name" key={form.key('fullName')} {...form.getInputProps('fullName')} />}
          <PasswordInput
            label="New password"
            description={PASSWORD_HINT}
            required
            autoComplete="new-password"
            key={form.key('newPassword')}
            {...form.getInputProps('newPassword')}
          />
          <PasswordInput
            label="Type the new password again"
            required
            autoComplete="new-password"
            key={form.key('confirmPassword')}
            {...form.getInputProps('confirmPassword')}
          />
          {formError && (
            <Alert color="red" role="alert">
              {formError}
            </Alert>
          )}
          {countdown.waiting && (
            <Alert color="orange" role="status" icon={<IconClockHour4 size={20} />}>
              {waitMessage(countdown.secondsLeft)}
            </Alert>
          )}
          <Button type="submit" size="md" loading={form.submitting} disabled={countdown.waiting} fullWidth>
            Open the program and set the password
          </Button>
          <Anchor component="button" type="button" onClick={onBack} ta="center">
            Back to log in
          </Anchor>
        </Stack>
      </form>
    </AuthFrame>
  );
}
