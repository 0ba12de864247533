/** The organisation's details and the auto-lock time, saved together with settings.update. */
import { Alert, Button, Fieldset, Group, NumberInput, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import type { Organisation } from '../../../shared/features/auth';
import { settingsUpdateInput, type Settings } from '../../../shared/features/settings';
import { useApiMutation } from '../../app/api';
import { useAuth } from '../../app/auth-context';
import { applyApiError, validateWith, focusFirstError } from '../../app/form-errors';
import { notifySuccess } from '../../app/notify';
import { OrganisationFields, organisationFieldPaths } from '../../components/organisation-fields';

interface Values {
  organisation: Organisation;
  autoLockMinutes: number | string;
}

export function OrganisationSettingsForm({ settings }: { settings: Settings }) {
  const { refresh } = useAuth();
  const [formError, setFormError] = useState<string | null>(null);
  const save = useApiMutation('settings.update', ['settings.', 'audit.']);
  const form = useForm<Values>({
    initialValues: { organisation: settings.organisation, autoLockMinutes: settings.autoLockMinutes },
    validate: validateWith<Values>(settingsUpdateInput),
  });

  const submit = form.onSubmit(async (values) => {
    setFormError(null);
    try {
      const saved = await save.mutateAsync({ organisation: values.organisation, autoLockMinutes: Number(values.autoLockMinutes) });
      form.setInitialValues({ organisation: saved.organisation, autoLockMinutes: saved.autoLockMinutes });
      form.setValues({ organisation: saved.organisation, autoLockMinutes: saved.autoLockMinutes });
      form.resetDirty({ organisation: saved.organisation, autoLockMinutes: saved.autoLockMinutes });
      notifySuccess('The settings have been saved.');
      // The auto-lock time is part of the session: the window's timer follows at once.
      await refresh();
    } catch (err) {
      setFormError(applyApiError(form, err, [...organisationFieldPaths, 'autoLockMinutes']));
    }
  }, focusFirstError);

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="lg">
        <Fieldset legend="Your organisation">
          <OrganisationFields form={form} />
        </Fieldset>
        <Fieldset legend="Locking">
          <NumberInput
            label="Lock the program after this many minutes without use"
            description="From 1 to 120. A shorter time is safer on a shared computer; 10 minutes suits most offices."
            required
            min={1}
            max={120}
            step={1}
            allowDecimal={false}
            allowNegative={false}
            maw={420}
            key={form.key('autoLockMinutes')}
            {...form.getInputProps('autoLockMinutes')}
          />
        </Fieldset>
        {formError && (
          <Alert color="red" role="alert">
            {formError}
          </Alert>
        )}
        <Group justify="flex-end">
          {form.isDirty() && (
            <Button variant="default" onClick={() => form.reset()}>
              Undo changes
            </Button>
          )}
          <Button type="submit" loading={form.submitting}>
            Save settings
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
