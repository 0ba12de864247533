/** The organisation's details and the auto-lock time, saved together with settings.update. */
import { Alert, Button, Checkbox, Fieldset, Group, NumberInput, Select, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import type { Organisation } from '../../../shared/features/auth';
import { settingsUpdateInput, type Settings } from '../../../shared/features/settings';
import {
  PROTECTIVE_MARKINGS,
  letterMarkingLabels,
  letterMarkings,
  letterTypes,
  reportTypes,
} from '../../../shared/features/reports';
import { useApiMutation } from '../../app/api';
import { useAuth } from '../../app/auth-context';
import { applyApiError, validateWith, focusFirstError } from '../../app/form-errors';
import { notifySuccess } from '../../app/notify';
import { OrganisationFields, organisationFieldPaths } from '../../components/organisation-fields';

interface Values {
  organisation: Organisation;
  autoLockMinutes: number | string;
  protectiveMarking: Settings['protectiveMarking'];
  allowSelfSignOff: boolean;
  draftDays: number | string;
  letterMarkings: Settings['letterMarkings'];
}

export function OrganisationSettingsForm({ settings }: { settings: Settings }) {
  const { refresh } = useAuth();
  const [formError, setFormError] = useState<string | null>(null);
  const save = useApiMutation('settings.update', ['settings.', 'audit.']);
  const form = useForm<Values>({
    initialValues: {
      organisation: settings.organisation,
      autoLockMinutes: settings.autoLockMinutes,
      protectiveMarking: settings.protectiveMarking,
      allowSelfSignOff: settings.allowSelfSignOff,
      draftDays: settings.draftDays,
      letterMarkings: settings.letterMarkings,
    },
    validate: validateWith<Values>(settingsUpdateInput),
  });

  const submit = form.onSubmit(async (values) => {
    setFormError(null);
    try {
      const saved = await save.mutateAsync({
        organisation: values.organisation,
        autoLockMinutes: Number(values.autoLockMinutes),
        protectiveMarking: values.protectiveMarking,
        allowSelfSignOff: values.allowSelfSignOff,
        draftDays: Number(values.draftDays),
        letterMarkings: values.letterMarkings,
      });
      const next = {
        organisation: saved.organisation,
        autoLockMinutes: saved.autoLockMinutes,
        protectiveMarking: saved.protectiveMarking,
        allowSelfSignOff: saved.allowSelfSignOff,
        draftDays: saved.draftDays,
        letterMarkings: saved.letterMarkings,
      };
      form.setInitialValues(next);
      form.setValues(next);
      form.resetDirty(next);
      notifySuccess('The settings have been saved.');
      // The auto-lock time is part of the session: the window's timer follows at once.
      await refresh();
    } catch (err) {
      setFormError(applyApiError(form, err, [...organisationFieldPaths, 'autoLockMinutes', 'draftDays']));
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
          <NumberInput
            label="Keep unsaved drafts for this many days"
            description="Long text (case notes, session logs, contact notes) is kept as it is typed, so a lock or a closed window never loses it. Drafts not finished in this time are removed. From 1 to 90."
            required
            min={1}
            max={90}
            allowDecimal={false}
            maw={420}
            mt="sm"
            key={form.key('draftDays')}
            {...form.getInputProps('draftDays')}
          />
        </Fieldset>
        <Fieldset legend="Reports">
          <Select
            label="Protective marking"
            description="Printed at the top and bottom of every page of every report, and of letters as set below."
            data={[...PROTECTIVE_MARKINGS]}
            allowDeselect={false}
            maw={420}
            key={form.key('protectiveMarking')}
            {...form.getInputProps('protectiveMarking')}
          />
          <Checkbox
            mt="md"
            label="Let the author of a report sign it off themselves"
            description="Only for a charity with one manager. Otherwise another manager must sign off each report. A report signed off by its author says so."
            key={form.key('allowSelfSignOff')}
            {...form.getInputProps('allowSelfSignOff', { type: 'checkbox' })}
          />
          {/* A marking seen through the envelope window tells anyone at his door what the letter is about. */}
          {letterTypes.map((t) => (
            <Select
              key={form.key(`letterMarkings.${t}`)}
              mt="md"
              label={`Marking on letters to his home: ${reportTypes[t].label.replace(/^Letter: /, '')}`}
              description="The first page is the one seen through the envelope window."
              data={letterMarkings.map((m) => ({ value: m, label: letterMarkingLabels[m] }))}
              allowDeselect={false}
              maw={560}
              {...form.getInputProps(`letterMarkings.${t}`)}
            />
          ))}
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
