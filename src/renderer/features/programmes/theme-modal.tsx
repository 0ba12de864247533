/** Add or edit a curriculum theme: its name, what it is about and how many sessions it usually takes. */
import { Button, Group, NumberInput, Stack, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { themeInput, type Theme } from '../../../shared/features/programmes';
import { useApiMutation } from '../../app/api';
import { focusFirstError, validateWith } from '../../app/form-errors';
import { notifySuccess } from '../../app/notify';
import { FormAlert, placeApiError, type FormProblem } from '../../components/form-alert';
import { CancelButton, FormModal } from '../../components/unsaved-changes';

interface Values {
  name: string;
  description: string;
  sessionsCount: number | string;
}

const check = validateWith<Values>(themeInput);

export function ThemeModal({ theme, onClose }: { theme: Theme | null; onClose: () => void }) {
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const save = useApiMutation('curriculum.saveTheme', ['curriculum.', 'programmes.', 'audit.']);
  const form = useForm<Values>({
    initialValues: theme ? { name: theme.name, description: theme.description, sessionsCount: theme.sessionsCount } : { name: '', description: '', sessionsCount: 3 },
    validate: check,
  });
  const submit = form.onSubmit(async (values) => {
    setProblem(null);
    try {
      const saved = await save.mutateAsync({ id: theme?.id ?? null, version: theme?.version ?? null, name: values.name, description: values.description, sessionsCount: Number(values.sessionsCount) });
      notifySuccess(theme ? `The theme ${saved.name} is saved.` : `The theme ${saved.name} is added at the end of the curriculum.`);
      onClose();
    } catch (err) {
      setProblem(placeApiError(form, err, (p) => ['name', 'description', 'sessionsCount'].includes(p)));
    }
  }, focusFirstError);
  return (
    <FormModal dirty={form.isDirty()} opened onClose={onClose} title={theme ? `Edit the theme ${theme.name}` : 'Add a theme'} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <TextInput label="Name" description="For example: Respect" data-autofocus {...form.getInputProps('name')} />
          <Textarea label="What the theme is about (optional)" autosize minRows={2} {...form.getInputProps('description')} />
          <NumberInput label="Number of sessions" description="Commonly three" min={1} max={12} allowDecimal={false} w={200} {...form.getInputProps('sessionsCount')} />
          <FormAlert problem={problem} />
          <Group justify="flex-end">
            <CancelButton onCancel={onClose} />
            <Button type="submit" loading={save.isPending}>
              {theme ? 'Save changes' : 'Add theme'}
            </Button>
          </Group>
        </Stack>
      </form>
    </FormModal>
  );
}
