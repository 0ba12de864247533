/**
 * A manager words the standard paragraphs of each kind of report in the
 * organisation's own words (issue 15, item 12): the introduction, the
 * declaration, the confidentiality statement and the closing of each letter.
 * Saving makes a new version, as with the risk checklist's wording: drafts and
 * reports signed off from then on use it; reports already signed off or saved
 * keep the wording they were made with.
 */
import { Alert, Button, Center, Group, Loader, ScrollArea, Select, Stack, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useEffect, useState } from 'react';
import {
  reportWordingInput,
  wordedTypes,
  wordingParagraphs,
  type ReportWordings,
  type WordedType,
  type WordingParagraph,
} from '../../../shared/features/report-wording';
import { reportTypes } from '../../../shared/features/reports';
import { useApiMutation, useApiQuery } from '../../app/api';
import { focusFirstError, validateWith } from '../../app/form-errors';
import { formatDate } from '../../app/format';
import { notifySuccess } from '../../app/notify';
import { FormFooter, placeApiError, type FormProblem } from '../../components/form-alert';
import { FormModal } from '../../components/unsaved-changes';

const check = validateWith<Record<string, unknown>>(reportWordingInput);
const typeOptions = wordedTypes.map((t) => ({ value: t, label: reportTypes[t].label }));

function versionLine(w: ReportWordings): string {
  const v = w.versions.find((x) => x.version === w.current)!;
  if (v.version === 1) return 'Now using version 1: the program’s own wording. No one has changed it yet.';
  return `Now using version ${v.version}, saved${v.byName ? ` by ${v.byName}` : ''} on ${formatDate(v.createdAt)}.`;
}

function WordingForm({
  type,
  wordings,
  onClose,
  onDirty,
}: {
  type: WordedType;
  wordings: ReportWordings;
  onClose: () => void;
  onDirty: (dirty: boolean) => void;
}) {
  const current = wordings.versions.find((v) => v.version === wordings.current)!;
  const paragraphs: readonly WordingParagraph[] = wordingParagraphs[type];
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const save = useApiMutation('reports.saveWording', ['reports.']);
  const form = useForm({
    initialValues: { paragraphs: Object.fromEntries(paragraphs.map((p) => [p.key, current.paragraphs[p.key] ?? ''])) },
    validate: (v) => check({ type, basedOn: wordings.current, ...v }),
  });
  const dirty = form.isDirty();
  useEffect(() => onDirty(dirty), [dirty, onDirty]);
  const submit = form.onSubmit(async (v) => {
    setProblem(null);
    try {
      const saved = await save.mutateAsync({ type, basedOn: wordings.current, ...v });
      notifySuccess(`Saved as version ${saved.current}. New ${reportTypes[type].label.toLowerCase()} reports use this wording.`);
      onClose();
    } catch (err) {
      setProblem(placeApiError(form, err, (p) => p.startsWith('paragraphs.')));
    }
  }, focusFirstError);
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          {versionLine(wordings)}
        </Text>
        {paragraphs.map((p) => (
          <Textarea
            key={form.key(`paragraphs.${p.key}`)}
            label={p.label}
            description={`${p.help} At most ${p.max.toLocaleString('en-GB')} characters.`}
            withAsterisk={p.required}
            autosize
            minRows={2}
            maxRows={8}
            {...form.getInputProps(`paragraphs.${p.key}`)}
          />
        ))}
        {wordings.current !== 1 && (
          <Group>
            <Button variant="subtle" size="compact-sm" onClick={() => form.setValues({ paragraphs: { ...wordings.versions[0]!.paragraphs } })}>
              Fill in the program’s own wording (version 1) to start again from it
            </Button>
          </Group>
        )}
        <FormFooter problem={problem} onReload={onClose} onCancel={onClose} saving={save.isPending} label={`Save as version ${wordings.current + 1}`} />
      </Stack>
    </form>
  );
}

export function ReportWordingModal({ onClose }: { onClose: () => void }) {
  const [type, setType] = useState<WordedType>('court_mid');
  const [dirty, setDirty] = useState(false);
  const wordings = useApiQuery('reports.wording', { type });
  return (
    <FormModal dirty={dirty} opened onClose={onClose} size="xl" title="Standard wording of reports" scrollAreaComponent={ScrollArea.Autosize}>
      <Stack gap="md">
        <Alert color="blue" p="sm">
          These paragraphs are printed in every report of the kind you choose, in your organisation’s own words. Write{' '}
          <strong>{'{organisation}'}</strong> where your organisation’s name should go. Saving makes a new version: drafts, and reports
          signed off from now on, use it. Reports already signed off or saved keep the wording they were made with.
        </Alert>
        <Select
          label="Kind of report"
          description={dirty ? 'Save or cancel your changes before choosing another kind of report.' : undefined}
          data={typeOptions}
          value={type}
          onChange={(v) => v && setType(v as WordedType)}
          allowDeselect={false}
          disabled={dirty}
        />
        {wordings.isPending ? (
          <Center py="md">
            <Loader aria-label="Loading the wording" />
          </Center>
        ) : wordings.isError ? (
          <Alert color="red" role="alert" title="The wording could not be loaded">
            {wordings.error.message}
          </Alert>
        ) : (
          <WordingForm key={`${type}:${wordings.data.current}`} type={type} wordings={wordings.data} onClose={onClose} onDirty={setDirty} />
        )}
      </Stack>
    </FormModal>
  );
}
