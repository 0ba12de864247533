/** Add or edit a programme type: kind, sessions, session length, the themes in order, and what counts as completing. */
import { ActionIcon, Alert, Button, Group, MultiSelect, NumberInput, Select, SimpleGrid, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconArrowDown, IconArrowUp, IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { programmeKindLabels, programmeKinds, programmeTypeFields, type ProgrammeKind, type ProgrammeType, type Theme } from '../../../shared/features/programmes';
import { useApiMutation } from '../../app/api';
import { focusFirstError, validateWith } from '../../app/form-errors';
import { notifySuccess } from '../../app/notify';
import { FormAlert, placeApiError, type FormProblem } from '../../components/form-alert';
import { FormSection } from '../../components/form-section';
import { durationText } from '../groups/group-labels';
import { CancelButton, FormModal } from '../../components/unsaved-changes';

interface Values {
  name: string;
  kind: ProgrammeKind | null;
  sessionsCount: number | string;
  sessionMinutes: number | string;
  themeIds: string[];
  minAttendancePercent: number | string;
  requiredThemeIds: string[];
  objectives: Array<{ id: string | null; text: string }>;
  active: boolean;
}

const fields = ['name', 'kind', 'sessionsCount', 'sessionMinutes', 'themeIds', 'minAttendancePercent', 'requiredThemeIds', 'objectives', 'active'];
const check = validateWith<Values>(programmeTypeFields);

export function ProgrammeTypeModal({ programme, themes, onClose }: { programme: ProgrammeType | null; themes: Theme[]; onClose: () => void }) {
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const save = useApiMutation('programmes.save', ['programmes.', 'groups.', 'audit.']);
  const form = useForm<Values>({
    initialValues: programme
      ? { ...programme, objectives: programme.objectives.map((o) => ({ ...o })) }
      : { name: '', kind: null, sessionsCount: 26, sessionMinutes: 150, themeIds: [], minAttendancePercent: 75, requiredThemeIds: [], objectives: [], active: true },
    validate: check,
  });
  const v = form.getValues();
  const themeName = (id: string) => themes.find((t) => t.id === id)?.name ?? 'A removed theme';
  const chosen = v.themeIds;
  const covered = (chosen.length ? chosen.map((id) => themes.find((t) => t.id === id)) : themes).reduce((n, t) => n + (t?.sessionsCount ?? 0), 0);
  const sessions = Number(v.sessionsCount) || 0;

  const submit = form.onSubmit(async (values) => {
    setProblem(null);
    try {
      const saved = await save.mutateAsync({
        id: programme?.id ?? null,
        version: programme?.version ?? null,
        name: values.name,
        kind: values.kind as ProgrammeKind,
        sessionsCount: Number(values.sessionsCount),
        sessionMinutes: Number(values.sessionMinutes),
        themeIds: values.themeIds,
        minAttendancePercent: Number(values.minAttendancePercent),
        requiredThemeIds: values.requiredThemeIds,
        objectives: values.objectives.map((o) => ({ id: o.id, text: o.text.trim() })),
        active: values.active,
      });
      notifySuccess(`${saved.name} saved.`);
      onClose();
    } catch (err) {
      setProblem(placeApiError(form, err, (p) => fields.includes(p.split('.')[0]!)));
    }
  }, focusFirstError);

  return (
    <FormModal dirty={form.isDirty()} opened onClose={onClose} title={programme ? `Edit ${programme.name}` : 'Add a programme type'} size="xl">
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label="Name" description="For example: 26-week group programme" data-autofocus {...form.getInputProps('name')} />
            <Select
              label="Kind"
              placeholder="Choose"
              data={programmeKinds.map((k) => ({ value: k, label: programmeKindLabels[k] }))}
              {...form.getInputProps('kind')}
              description="One-to-one work is for one man with one facilitator"
            />
            <NumberInput label="Number of sessions" min={1} max={60} allowDecimal={false} {...form.getInputProps('sessionsCount')} />
            <NumberInput
              label="Length of each session, in minutes"
              description={Number(v.sessionMinutes) >= 30 ? `That is ${durationText(Number(v.sessionMinutes))}` : 'For example 150 for 2½ hours'}
              min={30}
              max={480}
              step={15}
              allowDecimal={false}
              {...form.getInputProps('sessionMinutes')}
            />
          </SimpleGrid>

          <FormSection legend="Curriculum">
            <Stack gap="xs">
              <Text size="sm" c="dimmed">
                The themes the sessions work through, in order; each theme lasts its number of sessions. Leave the list empty to use every theme in
                the curriculum library&apos;s order. If the programme is longer than the themes, it goes round again from the first.
              </Text>
              {chosen.map((id, i) => (
                <Group key={id} gap="xs" wrap="nowrap">
                  <Text size="sm" w={24} c="dimmed">
                    {i + 1}.
                  </Text>
                  <Text size="sm" style={{ flex: 1 }}>
                    {themeName(id)}{' '}
                    <Text span c="dimmed" size="sm">
                      ({themes.find((t) => t.id === id)?.sessionsCount ?? 0} sessions)
                    </Text>
                  </Text>
                  <ActionIcon variant="subtle" color="gray" aria-label={`Move ${themeName(id)} up`} disabled={i === 0} onClick={() => form.reorderListItem('themeIds', { from: i, to: i - 1 })}>
                    <IconArrowUp size={16} />
                  </ActionIcon>
                  <ActionIcon variant="subtle" color="gray" aria-label={`Move ${themeName(id)} down`} disabled={i === chosen.length - 1} onClick={() => form.reorderListItem('themeIds', { from: i, to: i + 1 })}>
                    <IconArrowDown size={16} />
                  </ActionIcon>
                  <ActionIcon variant="subtle" color="red" aria-label={`Remove ${themeName(id)}`} onClick={() => form.removeListItem('themeIds', i)}>
                    <IconTrash size={16} />
                  </ActionIcon>
                </Group>
              ))}
              <Group gap="sm" align="flex-end">
                <Select
                  label="Add a theme"
                  placeholder="Choose a theme"
                  data={themes.filter((t) => !chosen.includes(t.id)).map((t) => ({ value: t.id, label: `${t.name} (${t.sessionsCount} sessions)` }))}
                  value={null}
                  onChange={(id) => id && form.insertListItem('themeIds', id)}
                  w={360}
                />
                {chosen.length === 0 && themes.length > 0 && (
                  <Button variant="subtle" size="sm" onClick={() => form.setFieldValue('themeIds', themes.map((t) => t.id))}>
                    Start from the whole library
                  </Button>
                )}
              </Group>
              {sessions > 0 && covered > 0 && (
                <Text size="sm" c={covered === sessions ? 'teal' : 'orange'}>
                  The themes cover {covered} sessions; the programme has {sessions}.
                  {covered < sessions ? ' The last sessions go round the themes again.' : covered > sessions ? ' The last themes will not be reached.' : ''}
                </Text>
              )}
            </Stack>
          </FormSection>

          <FormSection legend="Objectives">
            <Stack gap="xs">
              <Text size="sm" c="dimmed">
                What the programme sets out to achieve, for example: non-abusive ways of handling conflict. Each aim of a session plan can be linked
                to one. Rewording an objective keeps the plans linked to it.
              </Text>
              {v.objectives.length === 0 && (
                <Text size="sm" c="dimmed">
                  No objectives yet.
                </Text>
              )}
              {v.objectives.map((_, i) => (
                <Group key={form.key(`objectives.${i}`)} gap="xs" wrap="nowrap" align="flex-start">
                  <TextInput aria-label={`Objective ${i + 1}`} style={{ flex: 1 }} {...form.getInputProps(`objectives.${i}.text`)} />
                  <ActionIcon variant="subtle" color="gray" mt={4} aria-label={`Move objective ${i + 1} up`} disabled={i === 0} onClick={() => form.reorderListItem('objectives', { from: i, to: i - 1 })}>
                    <IconArrowUp size={16} />
                  </ActionIcon>
                  <ActionIcon variant="subtle" color="gray" mt={4} aria-label={`Move objective ${i + 1} down`} disabled={i === v.objectives.length - 1} onClick={() => form.reorderListItem('objectives', { from: i, to: i + 1 })}>
                    <IconArrowDown size={16} />
                  </ActionIcon>
                  <ActionIcon variant="subtle" color="red" mt={4} aria-label={`Remove objective ${i + 1}`} onClick={() => form.removeListItem('objectives', i)}>
                    <IconTrash size={16} />
                  </ActionIcon>
                </Group>
              ))}
              <Group>
                <Button variant="light" size="xs" leftSection={<IconPlus size={16} />} onClick={() => form.insertListItem('objectives', { id: null, text: '' })}>
                  Add an objective
                </Button>
              </Group>
            </Stack>
          </FormSection>

          <FormSection legend="Completing the programme">
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <NumberInput
                label="Minimum attendance"
                description="The share of the sessions offered that he must attend"
                min={0}
                max={100}
                suffix="%"
                allowDecimal={false}
                {...form.getInputProps('minAttendancePercent')}
              />
              <MultiSelect
                label="Themes he must attend (optional)"
                description="At least one session of each"
                placeholder={v.requiredThemeIds.length ? undefined : 'None required'}
                data={themes.map((t) => ({ value: t.id, label: t.name }))}
                searchable
                {...form.getInputProps('requiredThemeIds')}
              />
            </SimpleGrid>
          </FormSection>

          <Switch
            label="Offered for new groups"
            description="Turn off for a programme you no longer run; its groups stay as they are"
            {...form.getInputProps('active', { type: 'checkbox' })}
          />
          {form.errors.themeIds && <Alert color="red">{form.errors.themeIds}</Alert>}
          <FormAlert problem={problem} />
          <Group justify="flex-end">
            <CancelButton onCancel={onClose} />
            <Button type="submit" loading={save.isPending}>
              {programme ? 'Save changes' : 'Add programme type'}
            </Button>
          </Group>
        </Stack>
      </form>
    </FormModal>
  );
}
