/** Add or edit a session template: title, aims, activities with timings, materials and notes for the facilitators. */
import { Button, Group, Select, Stack, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import type { SessionTemplate, Theme } from '../../../shared/features/programmes';
import { useApiMutation } from '../../app/api';
import { focusFirstError } from '../../app/form-errors';
import { notifySuccess } from '../../app/notify';
import { FormAlert, placeApiError, type FormProblem } from '../../components/form-alert';
import { FormSection } from '../../components/form-section';
import { ActivitiesEditor, type ActivitiesForm } from '../plans/activities-editor';
import { minutesOf, type ActivityRow } from '../plans/plan-helpers';
import { StringListEditor, type StringListForm } from './string-list-editor';
import { CancelButton, FormModal } from '../../components/unsaved-changes';

interface Values {
  themeId: string | null;
  title: string;
  aims: string[];
  activities: ActivityRow[];
  materials: string[];
  facilitatorNotes: string;
}

function check(v: Values): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!v.themeId) errors.themeId = 'Choose a theme';
  if (!v.title.trim()) errors.title = 'Enter a title';
  v.activities.forEach((a, i) => {
    if (!a.title.trim()) errors[`activities.${i}.title`] = 'Name the activity';
    if (minutesOf(a.minutes) < 1) errors[`activities.${i}.minutes`] = 'Minutes';
  });
  return errors;
}

export function TemplateModal({ template, themeId, themes, onClose }: { template: SessionTemplate | null; themeId: string; themes: Theme[]; onClose: () => void }) {
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const save = useApiMutation('curriculum.saveTemplate', ['curriculum.', 'audit.']);
  const form = useForm<Values>({
    initialValues: template
      ? {
          themeId: template.themeId,
          title: template.title,
          aims: [...template.aims],
          activities: template.activities.map((a) => ({ ...a })),
          materials: [...template.materials],
          facilitatorNotes: template.facilitatorNotes,
        }
      : { themeId, title: '', aims: [''], activities: [], materials: [], facilitatorNotes: '' },
    validate: check,
  });
  const submit = form.onSubmit(async (values) => {
    setProblem(null);
    try {
      const saved = await save.mutateAsync({
        id: template?.id ?? null,
        version: template?.version ?? null,
        themeId: values.themeId!,
        title: values.title,
        aims: values.aims.map((a) => a.trim()).filter(Boolean),
        activities: values.activities.map((a) => ({ title: a.title.trim(), minutes: minutesOf(a.minutes), description: a.description.trim(), leadId: null })),
        materials: values.materials.map((m) => m.trim()).filter(Boolean),
        facilitatorNotes: values.facilitatorNotes,
      });
      notifySuccess(`The template ${saved.title} is saved.`);
      onClose();
    } catch (err) {
      setProblem(placeApiError(form, err, (p) => p === 'themeId' || p === 'title' || p.startsWith('activities.') || p === 'facilitatorNotes'));
    }
  }, focusFirstError);

  return (
    <FormModal dirty={form.isDirty()} opened onClose={onClose} title={template ? `Edit the template ${template.title}` : 'Add a session template'} size="80rem">
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Group grow align="flex-start">
            <TextInput label="Title" description="For example: What counts as abuse" data-autofocus {...form.getInputProps('title')} />
            <Select label="Theme" data={themes.map((t) => ({ value: t.id, label: t.name }))} {...form.getInputProps('themeId')} />
          </Group>
          <FormSection legend="Aims">
            <StringListEditor
              form={form as unknown as StringListForm}
              path="aims"
              noun="Aim"
              addLabel="Add an aim"
              empty="No aims yet. What should the men take away from this session?"
              placeholder="By the end of the session he can…"
            />
          </FormSection>
          <FormSection legend="Activities">
            <ActivitiesEditor form={form as unknown as ActivitiesForm} />
          </FormSection>
          <FormSection legend="Materials and handouts">
            <StringListEditor form={form as unknown as StringListForm} path="materials" noun="Material" addLabel="Add a material or handout" empty="Nothing needed yet." />
          </FormSection>
          <Textarea label="Notes for the facilitators (optional)" description="What to watch for, how to handle minimising or blaming" autosize minRows={3} {...form.getInputProps('facilitatorNotes')} />
          <FormAlert problem={problem} />
          <Group justify="flex-end">
            <CancelButton onCancel={onClose} />
            <Button type="submit" loading={save.isPending}>
              {template ? 'Save changes' : 'Add template'}
            </Button>
          </Group>
        </Stack>
      </form>
    </FormModal>
  );
}
