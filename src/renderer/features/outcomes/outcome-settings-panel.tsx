/**
 * A manager's settings for the outcome measures (Programme settings › Outcome measures): when the
 * follow-ups fall after his ending, and the wording of each measure set, which an organisation
 * may replace with wording it is licensed to use. New wording is a new version: answers already
 * recorded keep the wording they were asked in, and the questions' order and scales stay the same.
 */
import { Alert, Badge, Button, Card, Group, ScrollArea, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { modals } from '@mantine/modals';
import { IconPencil } from '@tabler/icons-react';
import { useState } from 'react';
import { followUpSettingsInput, measureSetLabels, wordingInput, type MeasureForm } from '../../../shared/features/outcomes';
import { formatDateTime } from '../../app/format';
import { useApiMutation, useApiQuery } from '../../app/api';
import { apiErrorOf, focusFirstError, validateWith } from '../../app/form-errors';
import { notifySuccess } from '../../app/notify';
import { FormFooter, placeApiError, type FormProblem } from '../../components/form-alert';
import { FormModal } from '../../components/unsaved-changes';

/** "6, 12, 18" → [6, 12, 18], or the reason it cannot be read (named for the field, never silently changed). */
export function readMonths(text: string): { months: number[] } | { error: string } {
  const parts = text.split(/[,\s]+/).filter(Boolean);
  if (parts.length === 0) return { error: 'Enter at least one follow-up, in months after his ending (for example 6, 12)' };
  if (parts.some((p) => !/^\d+$/.test(p))) return { error: 'Enter whole numbers of months, separated by commas (for example 6, 12, 18)' };
  const months = parts.map(Number);
  const checked = followUpSettingsInput.safeParse({ months });
  if (!checked.success) return { error: checked.error.issues[0]!.message };
  return { months };
}

function FollowUpsCard() {
  const current = useApiQuery('outcomes.followUps', {});
  const save = useApiMutation('outcomes.setFollowUps', ['outcomes.', 'tasks.']);
  const [text, setText] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const shown = text ?? current.data?.months.join(', ') ?? '';
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const read = readMonths(shown);
    if ('error' in read) return setError(read.error);
    setError(null);
    try {
      const saved = await save.mutateAsync({ months: read.months });
      setText(null);
      notifySuccess(`Follow-ups are now ${saved.months.join(' and ')} months after his ending.`);
    } catch (err) {
      // Every problem the back end can find here is about this one field: show it there, in its words.
      const e = apiErrorOf(err);
      setError(Object.entries(e.fields ?? {}).find(([k]) => k.startsWith('months'))?.[1] ?? e.message);
    }
  };
  return (
    <Card withBorder radius="md" padding="md" component="section" aria-label="Follow-ups">
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Stack gap="sm">
          <Title order={2} size="h4">
            Follow-ups
          </Title>
          <Text size="sm">
            After his ending, the partner service asks her the short questions again, and the facilitators record his view, at these
            points. Each becomes a task when it falls due. The usual choice is 6 and 12 months; Respect asks that partners are followed
            for about 18 months.
          </Text>
          <TextInput
            label="Follow-ups, in months after his ending"
            description="Whole months from 1 to 36, separated by commas: for example 6, 12, 18"
            value={shown}
            onChange={(e) => setText(e.currentTarget.value)}
            error={error}
            w={420}
            maxLength={40}
          />
          <Text size="xs" c="dimmed">
            A follow-up you remove is no longer asked for; what was already recorded at it is kept.
          </Text>
          <Group>
            <Button type="submit" loading={save.isPending} disabled={text === null}>
              Save the follow-ups
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

const check = validateWith<Record<string, unknown>>(wordingInput);

function WordingModal({ set, forms, onClose }: { set: 'partner' | 'participant'; forms: MeasureForm[]; onClose: () => void }) {
  const current = forms.at(-1)!;
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const save = useApiMutation('outcomes.saveWording', ['outcomes.']);
  const form = useForm({
    initialValues: { labels: current.items.map((i) => i.label), source: current.version === 1 ? '' : current.source },
    validate: (v) => check({ set, basedOn: current.version, ...v }),
  });
  const send = async (v: { labels: string[]; source: string }) => {
    setProblem(null);
    try {
      const saved = await save.mutateAsync({ set, basedOn: current.version, ...v });
      notifySuccess(`Saved as version ${saved.at(-1)!.version}. New answers use this wording.`);
      onClose();
    } catch (err) {
      setProblem(placeApiError(form, err, (p) => p === 'source' || p.startsWith('labels')));
    }
  };
  // Replacing the wording is confirmed first: every new answer will be asked in it.
  const submit = form.onSubmit((v) => {
    modals.openConfirmModal({
      title: 'Replace the wording?',
      children: (
        <Text size="sm">
          New answers to “{measureSetLabels[set]}” will be asked in this wording (version {current.version + 1}). Answers already recorded keep
          the wording they were asked in. The questions’ order and answer scales stay the same, so the figures still compare.
        </Text>
      ),
      labels: { confirm: `Save as version ${current.version + 1}`, cancel: 'Go back' },
      onConfirm: () => void send(v),
    });
  }, focusFirstError);
  return (
    <FormModal dirty={form.isDirty()} opened onClose={onClose} size="xl" title={`Wording: ${measureSetLabels[set]}`} scrollAreaComponent={ScrollArea.Autosize}>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Alert color="blue" p="sm">
            Enter the exact wording your organisation is licensed to use, one box for each of the {current.items.length} questions, in the same
            order. Each question keeps its answers (shown under the box), so scoring does not change. Saving makes version {current.version + 1}.
          </Alert>
          <TextInput
            label="Licence or source"
            description="For example: the licence your organisation holds for this wording, and its date"
            maxLength={500}
            key={form.key('source')}
            {...form.getInputProps('source')}
          />
          {current.items.map((item, i) => (
            <Textarea
              key={form.key(`labels.${i}`)}
              label={`Question ${i + 1}`}
              description={`Answers: ${answerWords(forms[0]!.items[i]!.scale)}${current.version === 1 ? '' : `. First wording: ${forms[0]!.items[i]!.label}`}`}
              autosize
              minRows={1}
              maxLength={500}
              {...form.getInputProps(`labels.${i}`)}
            />
          ))}
          <FormFooter problem={problem} onReload={onClose} onCancel={onClose} saving={save.isPending} label="Save as a new version" />
        </Stack>
      </form>
    </FormModal>
  );
}

const scaleWords: Record<string, string> = {
  frequency: 'never, once, a few times, often',
  safety: '0 to 10',
  yesNo: 'no or yes',
  count: 'a number',
  freedom: 'never, sometimes, mostly, always',
  agree: 'not at all to completely (5 steps)',
  progress: 'no progress to strong (5 steps)',
};
const answerWords = (scale: string) => scaleWords[scale] ?? scale;

function WordingRow({ set }: { set: 'partner' | 'participant' }) {
  const forms = useApiQuery('outcomes.forms', { set });
  const [editing, setEditing] = useState(false);
  const current = forms.data?.at(-1);
  return (
    <Table.Tr>
      <Table.Td>{measureSetLabels[set]}</Table.Td>
      <Table.Td>
        {current ? (
          <>
            <Badge variant="light" color={current.version === 1 ? 'gray' : 'blue'} mr="xs">
              Version {current.version}
            </Badge>
            <Text span size="sm">
              {current.version === 1 ? 'Our own words, shipped with the program' : `${current.source || 'Own wording'}${current.byName ? `, entered by ${current.byName}` : ''}${current.createdAt ? ` ${formatDateTime(current.createdAt)}` : ''}`}
            </Text>
          </>
        ) : (
          <Text size="sm" c="dimmed">
            {forms.isError ? forms.error.message : 'Loading…'}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <Button size="compact-sm" variant="light" leftSection={<IconPencil size={14} />} disabled={!forms.data} onClick={() => setEditing(true)} aria-label={`Enter licensed wording: ${measureSetLabels[set]}`}>
          Enter licensed wording
        </Button>
        {editing && forms.data && <WordingModal set={set} forms={forms.data} onClose={() => setEditing(false)} />}
      </Table.Td>
    </Table.Tr>
  );
}

export function OutcomeSettingsPanel() {
  return (
    <Stack gap="md">
      <FollowUpsCard />
      <Card withBorder radius="md" padding="md" component="section" aria-label="Wording of the measures">
        <Stack gap="sm">
          <Title order={2} size="h4">
            Wording of the measures
          </Title>
          <Text size="sm">
            The program ships the questions in its own words. If your organisation is licensed to use a published measure’s wording, enter it
            here. The facilitators’ rating has no fixed wording: its questions are each programme type’s objectives (Programme types).
          </Text>
          <Table withTableBorder fz="sm" aria-label="Measure sets">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Measure</Table.Th>
                <Table.Th>Wording in use</Table.Th>
                <Table.Th>Change</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              <WordingRow set="partner" />
              <WordingRow set="participant" />
            </Table.Tbody>
          </Table>
        </Stack>
      </Card>
    </Stack>
  );
}
