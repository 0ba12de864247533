/**
 * A manager enters the wording of the risk checklist that the organisation is
 * licensed to use. The 24 questions, their order and the scoring stay the
 * same; the wording is saved as a new version, used by every new checklist.
 * Checklists already completed keep the wording they were answered with.
 */
import { Alert, ScrollArea, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { checklistWordingInput, type ChecklistForms } from '../../../shared/features/partners';
import { useApiMutation } from '../../app/api';
import { focusFirstError, validateWith } from '../../app/form-errors';
import { notifySuccess } from '../../app/notify';
import { FormFooter, placeApiError, type FormProblem } from '../../components/form-alert';
import { PARTNER_CHANGES } from './partner-labels';
import { FormModal } from '../../components/unsaved-changes';

const check = validateWith<Record<string, unknown>>(checklistWordingInput);

export function ChecklistWordingModal({ forms, onClose }: { forms: ChecklistForms; onClose: () => void }) {
  const current = forms.forms.find((f) => f.version === forms.current)!;
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const save = useApiMutation('partners.saveChecklistWording', PARTNER_CHANGES);
  const form = useForm({
    initialValues: { labels: current.questions.map((q) => q.label), source: current.source ?? '' },
    validate: (v) => check({ basedOn: forms.current, ...v }),
  });
  const submit = form.onSubmit(async (v) => {
    setProblem(null);
    try {
      const saved = await save.mutateAsync({ basedOn: forms.current, ...v });
      notifySuccess(`Saved as version ${saved.current}. New checklists use this wording.`);
      onClose();
    } catch (err) {
      setProblem(placeApiError(form, err, (p) => p === 'source' || p.startsWith('labels.')));
    }
  }, focusFirstError);
  return (
    <FormModal dirty={form.isDirty()} opened onClose={onClose} size="xl" title="Wording of the risk checklist" scrollAreaComponent={ScrollArea.Autosize}>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Alert color="blue" p="sm">
            Enter the exact wording your organisation is licensed to use, one box for each of the 24 questions, in the same order. The
            scoring does not change: each &quot;yes&quot; counts one, and 14 or more is high risk. Saving makes version {forms.current + 1}
            ; checklists already completed keep the wording they were answered with.
          </Alert>
          <TextInput
            label="Licence or source"
            description="For example: the licence your organisation holds for this wording, and its date"
            key={form.key('source')}
            {...form.getInputProps('source')}
          />
          {current.questions.map((q, i) => (
            <Textarea
              key={form.key(`labels.${i}`)}
              label={`Question ${i + 1}`}
              description={forms.current === 1 ? undefined : `Topic: ${forms.forms[0]!.questions[i]!.label}`}
              autosize
              minRows={1}
              {...form.getInputProps(`labels.${i}`)}
            />
          ))}
          <Text size="xs" c="dimmed">
            Currently version {forms.current}
            {current.byName ? `, entered by ${current.byName}` : ''}.
          </Text>
          <FormFooter problem={problem} onReload={onClose} onCancel={onClose} saving={save.isPending} label="Save as a new version" />
        </Stack>
      </form>
    </FormModal>
  );
}
