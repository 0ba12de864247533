/** First run: the organisation's details and the first administrator, then the recovery key (shown once). */
import { Alert, Button, Fieldset, Group, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { setupInput, type Organisation } from '../../../shared/features/auth';
import { call } from '../../app/api';
import { applyApiError, confirmMatches, validateWith, focusFirstError } from '../../app/form-errors';
import { emptyOrganisation, OrganisationFields, organisationFieldPaths } from '../../components/organisation-fields';
import { RecoveryKeySheet } from '../../components/recovery-key-sheet';
import { AuthFrame } from './auth-frame';
import { PASSWORD_HINT } from './password-hint';

interface SetupValues {
  organisation: Organisation;
  admin: { fullName: string; username: string; password: string; confirmPassword: string };
}

const fieldPaths = [...organisationFieldPaths, 'admin.fullName', 'admin.username', 'admin.password', 'admin.confirmPassword'];

export function SetupPage({ onDone, onRestore }: { onDone: () => void; onRestore?: () => void }) {
  const [result, setResult] = useState<{ recoveryKey: string; organisationName: string } | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<SetupValues>({
    initialValues: {
      organisation: { ...emptyOrganisation },
      admin: { fullName: '', username: '', password: '', confirmPassword: '' },
    },
    validate: validateWith<SetupValues>(
      setupInput,
      confirmMatches((v) => [v.admin.password, v.admin.confirmPassword], 'admin.confirmPassword'),
    ),
  });

  const submit = form.onSubmit(async (values) => {
    setFormError(null);
    try {
      const { fullName, username, password } = values.admin;
      const admin = { fullName, username, password };
      const { recoveryKey } = await call('auth.setup', { organisation: values.organisation, admin });
      setResult({ recoveryKey, organisationName: values.organisation.name.trim() });
    } catch (err) {
      setFormError(applyApiError(form, err, fieldPaths));
    }
  }, focusFirstError);

  if (result) {
    return (
      <AuthFrame title="Your recovery key" width={720}>
        <RecoveryKeySheet
          recoveryKey={result.recoveryKey}
          organisationName={result.organisationName}
          continueLabel="Continue to log in"
          onContinue={onDone}
        />
      </AuthFrame>
    );
  }

  return (
    <AuthFrame title="Set up the program" width={720}>
      <form onSubmit={submit} noValidate>
        <Stack gap="lg">
          <Text>
            This is the first time the program has been opened here. Enter your organisation&apos;s details and create the
            first administrator account. You can change the organisation&apos;s details later in Settings.
          </Text>
          {onRestore && (
            <Alert color="blue" title="Moving to a new computer?">
              <Group justify="space-between" align="center">
                <Text size="sm">If your organisation already uses the program, restore its backup instead of setting up afresh.</Text>
                <Button variant="light" onClick={onRestore}>
                  Restore from a backup
                </Button>
              </Group>
            </Alert>
          )}
          <Fieldset legend="Your organisation">
            <OrganisationFields form={form} />
          </Fieldset>
          <Fieldset legend="First administrator">
            <Stack gap="sm">
              <Text size="sm" c="dimmed">
                The administrator looks after staff accounts, backups and settings. They can add everyone else once the
                program is set up.
              </Text>
              <TextInput label="Full name" required autoComplete="name" key={form.key('admin.fullName')} {...form.getInputProps('admin.fullName')} />
              <TextInput
                label="User name"
                description="What they type to log in, for example jsmith. Letters, numbers, dots, dashes and underscores"
                required
                autoComplete="username"
                autoCapitalize="none"
                spellCheck={false}
                key={form.key('admin.username')}
                {...form.getInputProps('admin.username')}
              />
              <PasswordInput
                label="Password"
                description={PASSWORD_HINT}
                required
                autoComplete="new-password"
                key={form.key('admin.password')}
                {...form.getInputProps('admin.password')}
              />
              <PasswordInput
                label="Type the password again"
                required
                autoComplete="new-password"
                key={form.key('admin.confirmPassword')}
                {...form.getInputProps('admin.confirmPassword')}
              />
            </Stack>
          </Fieldset>
          {formError && (
            <Alert color="red" role="alert" title="The program could not be set up">
              {formError}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button type="submit" size="md" loading={form.submitting}>
              Set up the program
            </Button>
          </Group>
        </Stack>
      </form>
    </AuthFrame>
  );
}
