/** Current password, new password, and the new one again. Used after a temporary password and from "Change my password". */
import { Alert, Button, Group, PasswordInput, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconClockHour4 } from '@tabler/icons-react';
import { useState } from 'react';
import { changePasswordInput, PASSWORD_HAS_USERNAME, passwordHasUsername } from '../../../shared/features/auth';
import { call } from '../../app/api';
import { apiErrorOf, applyApiError, confirmMatches, validateWith, focusFirstError } from '../../app/form-errors';
import { PASSWORD_HINT } from './password-hint';
import { useRetryCountdown, waitMessage } from './use-retry-countdown';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

interface Props {
  /** whose password it is (a hidden field, for password managers) */
  username: string;
  currentLabel: string;
  onChanged: () => Promise<void> | void;
  onCancel?: () => void;
}

export function ChangePasswordForm({ username, currentLabel, onChanged, onCancel }: Props) {
  const [formError, setFormError] = useState<string | null>(null);
  const countdown = useRetryCountdown();
  const form = useForm<Values>({
    initialValues: { currentPassword: '', newPassword: '', confirmPassword: '' },
    validate: validateWith<Values>(
      changePasswordInput,
      (v) => ({
        ...confirmMatches<Values>((x) => [x.newPassword, x.confirmPassword], 'confirmPassword')(v),
        ...(passwordHasUsername(v.newPassword, username) ? { newPassword: PASSWORD_HAS_USERNAME } : {}),
      }),
    ),
  });

  const submit = form.onSubmit(async ({ currentPassword, newPassword }) => {
    setFormError(null);
    try {
      await call('auth.changePassword', { currentPassword, newPassword });
      await onChanged();
    } catch (err) {
      const e = apiErrorOf(err);
      countdown.start(e.retryAfter);
      setFormError(e.code === 'RATE_LIMITED' ? null : applyApiError(form, err, ['currentPassword', 'newPassword', 'confirmPassword']));
    }
  }, focusFirstError);

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <input type="hidden" name="username" autoComplete="username" value={username} readOnly />
        <PasswordInput
          label={currentLabel}
          required
          autoComplete="current-password"
          data-autofocus
          key={form.key('currentPassword')}
          {...form.getInputProps('currentPassword')}
        />
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
        <Group justify="flex-end">
          {onCancel && (
            <Button variant="default" onClick={onCancel}>
              Cancel
            </Button>
          )}
          <Button type="submit" loading={form.submitting} disabled={countdown.waiting}>
            Change password
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
