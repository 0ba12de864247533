/** His goals and achievements, with dates: add one, mark a goal achieved, correct one. */
import { Badge, Button, Card, Group, Radio, SimpleGrid, Stack, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconPencil, IconPlus, IconTargetArrow, IconTrophy } from '@tabler/icons-react';
import { useState } from 'react';
import { todayInLondon } from '../../../shared/dates';
import { goalAddInput, type Goal } from '../../../shared/features/notes';
import { useApiMutation } from '../../app/api';
import { focusFirstError, validateWith } from '../../app/form-errors';
import { formatDate } from '../../app/format';
import { notifySuccess } from '../../app/notify';
import { EmptyNote } from '../../components/empty-note';
import { FormFooter, placeApiError, type FormProblem } from '../../components/form-alert';
import { UkDateInput } from '../../components/uk-date-input';
import { RECORD_CHANGES, type RecordTabProps } from '../participants/record-tab';
import { FormModal } from '../../components/unsaved-changes';

interface Values {
  kind: Goal['kind'];
  text: string;
  setOn: string;
  achievedOn: string;
}
const check = validateWith<Record<string, unknown>>(goalAddInput);
const fields = ['kind', 'text', 'setOn', 'achievedOn'];

type Mode = { goal: Goal | null; achieving?: boolean };

function GoalModal({
  participantId,
  mode,
  reload,
  onClose,
}: {
  participantId: string;
  mode: Mode;
  reload: RecordTabProps['reload'];
  onClose: () => void;
}) {
  const { goal, achieving } = mode;
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const add = useApiMutation('goals.add', RECORD_CHANGES);
  const update = useApiMutation('goals.update', RECORD_CHANGES);
  const form = useForm<Values>({
    initialValues: goal
      ? {
          kind: goal.kind,
          text: goal.text,
          setOn: goal.setOn,
          achievedOn: goal.achievedOn || (achieving ? todayInLondon() : ''),
        }
      : { kind: 'goal', text: '', setOn: todayInLondon(), achievedOn: '' },
    validate: (v) => check({ ...v, participantId }),
  });
  const v = form.getValues();
  const submit = form.onSubmit(async (values) => {
    setProblem(null);
    try {
      if (goal) await update.mutateAsync({ ...values, id: goal.id, version: goal.version });
      else await add.mutateAsync({ ...values, participantId });
      notifySuccess(
        achieving
          ? 'Marked as achieved.'
          : goal
            ? 'Saved.'
            : values.kind === 'goal'
              ? 'The goal has been added.'
              : 'The achievement has been added.',
      );
      onClose();
    } catch (err) {
      setProblem(placeApiError(form, err, (p) => fields.includes(p)));
    }
  }, focusFirstError);
  const title = achieving ? 'Mark the goal as achieved' : goal ? 'Correct it' : 'Add a goal or achievement';
  return (
    <FormModal dirty={form.isDirty()} opened onClose={onClose} size="lg" title={title}>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          {achieving ? (
            <Text size="sm" fw={600} style={{ whiteSpace: 'pre-wrap' }}>
              {v.text}
            </Text>
          ) : (
            <>
              <Radio.Group label="What is it?" key={form.key('kind')} {...form.getInputProps('kind')}>
                <Group gap="lg" mt={6}>
                  <Radio value="goal" label="A goal he is working towards" />
                  <Radio value="achievement" label="Something he has achieved" />
                </Group>
              </Radio.Group>
              <Textarea
                label={v.kind === 'goal' ? 'The goal' : 'The achievement'}
                description={
                  v.kind === 'goal'
                    ? 'In his words where possible, for example "Walk away and take time out when I feel angry"'
                    : undefined
                }
                autosize
                minRows={2}
                data-autofocus
                key={form.key('text')}
                {...form.getInputProps('text')}
              />
            </>
          )}
          <SimpleGrid cols={2} spacing="sm">
            {!achieving && (
              <UkDateInput
                label={v.kind === 'goal' ? 'Date set' : 'Date'}
                key={form.key('setOn')}
                {...form.getInputProps('setOn')}
              />
            )}
            {(achieving || (goal && v.kind === 'goal')) && (
              <UkDateInput
                label={achieving ? 'Date achieved' : 'Date achieved (optional)'}

                clearable={!achieving}
                key={form.key('achievedOn')}
                {...form.getInputProps('achievedOn')}
              />
            )}
          </SimpleGrid>
          <FormFooter
            problem={problem}
            onReload={() =>
              void reload().then(() => {
                setProblem(null);
                onClose();
              })
            }
            onCancel={onClose}
            saving={add.isPending || update.isPending}
            label={achieving ? 'Mark as achieved' : 'Save'}
          />
        </Stack>
      </form>
    </FormModal>
  );
}

export function GoalsTab({ record, canEdit, reload }: RecordTabProps) {
  const [mode, setMode] = useState<Mode | null>(null);
  const goals = record.goals;
  return (
    <Stack gap="lg">
      <Group justify="space-between">
        <Text size="sm" c="dimmed" maw={720}>
          What he is working towards and what he has achieved, newest first. These go into his participant record and
          end-of-programme reports.
        </Text>
        {canEdit && (
          <Button leftSection={<IconPlus size={18} />} onClick={() => setMode({ goal: null })}>
            Add a goal or achievement
          </Button>
        )}
      </Group>
      {goals.length === 0 ? (
        <Card withBorder radius="md">
          <EmptyNote title="No goals or achievements yet" icon={<IconTargetArrow size={24} />}>
            {canEdit ? 'Agree one or two goals with him early on, and record what he achieves as he goes.' : ''}
          </EmptyNote>
        </Card>
      ) : (
        <Stack gap="sm">
          {goals.map((g) => {
            const achieved = g.kind === 'achievement' || Boolean(g.achievedOn);
            return (
              <Card key={g.id} withBorder radius="md" padding="md" bg={achieved ? 'teal.0' : undefined}>
                <Group justify="space-between" align="flex-start" wrap="nowrap">
                  <Stack gap={4}>
                    <Group gap="xs">
                      {g.kind === 'goal' ? (
                        <Badge leftSection={<IconTargetArrow size={12} aria-hidden />} variant="light">
                          Goal
                        </Badge>
                      ) : (
                        <Badge leftSection={<IconTrophy size={12} aria-hidden />} variant="light" color="teal">
                          Achievement
                        </Badge>
                      )}
                      {g.kind === 'goal' && g.achievedOn && (
                        <Badge variant="filled" color="teal">
                          Achieved {formatDate(g.achievedOn)}
                        </Badge>
                      )}
                      <Text size="xs" c="dimmed">
                        {g.kind === 'goal' ? 'Set' : 'Recorded for'} {formatDate(g.setOn)}
                        {g.createdByName ? ` by ${g.createdByName}` : ''}
                      </Text>
                    </Group>
                    <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                      {g.text}
                    </Text>
                  </Stack>
                  {canEdit && (
                    <Group gap={4} wrap="nowrap">
                      {g.kind === 'goal' && !g.achievedOn && (
                        <Button
                          size="compact-sm"
                          leftSection={<IconTrophy size={14} />}
                          onClick={() => setMode({ goal: g, achieving: true })}
                        >
                          Mark achieved
                        </Button>
                      )}
                      <Button
                        size="compact-sm"
                        variant="subtle"
                        leftSection={<IconPencil size={14} />}
                        onClick={() => setMode({ goal: g })}
                      >
                        Correct
                      </Button>
                    </Group>
                  )}
                </Group>
              </Card>
            );
          })}
        </Stack>
      )}
      {mode && <GoalModal participantId={record.header.id} mode={mode} reload={reload} onClose={() => setMode(null)} />}
    </Stack>
  );
}
