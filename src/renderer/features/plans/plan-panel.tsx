/**
 * A session's plan: started from one of the theme's templates, from an earlier
 * plan, or blank; then edited (aims with the objective each serves, timed
 * activities with who leads them, materials checklist, notes) and marked ready.
 */
import { ActionIcon, Alert, Badge, Button, Card, Center, Checkbox, Group, List, Loader, Paper, SegmentedControl, Select, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertTriangle, IconArrowDown, IconArrowUp, IconDeviceFloppy, IconFile, IconPlus, IconTemplate, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import type { Session } from '../../../shared/features/groups';
import type { SessionPlan } from '../../../shared/features/plans';
import { planMinutes } from '../../../shared/features/plans';
import type { SessionTemplate } from '../../../shared/features/programmes';
import { can } from '../../../shared/permissions';
import { useApiMutation, useApiQuery } from '../../app/api';
import { useSession } from '../../app/auth-context';
import { apiErrorOf, focusFirstError } from '../../app/form-errors';
import { formatDateTime } from '../../app/format';
import { notifyError, notifySuccess } from '../../app/notify';
import { FormAlert, placeApiError, type FormProblem } from '../../components/form-alert';
import { FormSection } from '../../components/form-section';
import { staffOptions, useStaffDirectory } from '../../components/staff-select';
import { useUnsavedChangesPrompt } from '../../components/unsaved-changes';
import { dayShortDate } from '../calendar/calendar-helpers';
import { ActivitiesEditor, type ActivitiesForm } from './activities-editor';
import { planErrors, planInputFrom, suggestedTemplateIndex, valuesFromPlan, type PlanValues } from './plan-helpers';

export const PLAN_CHANGES = ['plans.', 'groups.', 'sessions.', 'audit.'];

function TemplateCard({ template, suggested, onUse, busy }: { template: SessionTemplate; suggested: boolean; onUse: () => void; busy: boolean }) {
  return (
    <Card withBorder radius="md" padding="sm" style={suggested ? { borderColor: 'var(--mantine-color-indigo-5)', borderWidth: 2 } : undefined}>
      <Stack gap={6} h="100%">
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Text fw={700} size="sm">
            {template.title}
          </Text>
          {suggested && (
            <Badge size="sm" color="indigo">
              Suggested
            </Badge>
          )}
        </Group>
        <Text size="xs" c="dimmed">
          {template.activities.length} activities, {planMinutes(template.activities)} minutes
        </Text>
        <List size="xs" style={{ flexGrow: 1 }}>
          {template.aims.map((a) => (
            <List.Item key={a}>{a}</List.Item>
          ))}
        </List>
        <Button size="xs" variant={suggested ? 'filled' : 'light'} onClick={onUse} loading={busy} aria-label={`Use the template ${template.title}`}>
          Use this template
        </Button>
      </Stack>
    </Card>
  );
}

function StartPlan({ session, sessions }: { session: Session; sessions: Session[] }) {
  const curriculum = useApiQuery('curriculum.list', {});
  const start = useApiMutation('plans.start', PLAN_CHANGES);
  const [from, setFrom] = useState<string | null>(null);
  const [otherTemplate, setOtherTemplate] = useState<string | null>(null);
  const theme = curriculum.data?.find((t) => t.id === session.themeId);
  const suggested = suggestedTemplateIndex(session, sessions);
  const earlier = sessions.filter((s) => s.id !== session.id && s.planStatus !== 'none');
  const go = (input: Parameters<typeof start.mutateAsync>[0]['from']) =>
    start
      .mutateAsync({ sessionId: session.id, from: input })
      .then(() => notifySuccess('Plan started. Change what you need, then mark it ready.'))
      .catch((err: unknown) => notifyError(err, 'The plan was not started'));

  return (
    <Stack gap="md">
      <Alert color="orange" variant="light" icon={<IconAlertTriangle size={20} />} title="No plan yet">
        Start from a session template of the curriculum, from the plan of an earlier session, or from a blank page.
      </Alert>
      <Paper withBorder radius="md" p="md">
        <Stack gap="sm">
          <Group gap="xs">
            <IconTemplate size={20} aria-hidden />
            <Title order={2} size="h5">
              From the curriculum{theme ? `: ${theme.name}` : ''}
            </Title>
          </Group>
          {curriculum.isPending ? (
            <Loader size="sm" aria-label="Loading the templates" />
          ) : theme && theme.templates.length > 0 ? (
            <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
              {theme.templates.map((t, i) => (
                <TemplateCard key={t.id} template={t} suggested={i === Math.min(suggested, theme.templates.length - 1)} busy={start.isPending} onUse={() => void go({ kind: 'template', templateId: t.id })} />
              ))}
            </SimpleGrid>
          ) : (
            <Text size="sm" c="dimmed">
              {session.themeId ? 'This theme has no session templates yet.' : 'This session has no theme.'}
            </Text>
          )}
          <Group align="flex-end" gap="sm">
            <Select
              label="Or a template from another theme"
              placeholder="Choose a template"
              w={420}
              searchable
              data={(curriculum.data ?? [])
                .filter((t) => t.id !== session.themeId)
                .map((t) => ({ group: t.name, items: t.templates.map((x) => ({ value: x.id, label: x.title })) }))
                .filter((g) => g.items.length)}
              value={otherTemplate}
              onChange={setOtherTemplate}
            />
            <Button variant="light" disabled={!otherTemplate} loading={start.isPending} onClick={() => otherTemplate && void go({ kind: 'template', templateId: otherTemplate })}>
              Use it
            </Button>
          </Group>
        </Stack>
      </Paper>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Paper withBorder radius="md" p="md">
          <Stack gap="sm">
            <Title order={2} size="h5">
              From an earlier plan
            </Title>
            {earlier.length === 0 ? (
              <Text size="sm" c="dimmed">
                No other session of this group has a plan yet.
              </Text>
            ) : (
              <Group align="flex-end" gap="sm">
                <Select
                  label="Copy the plan of"
                  placeholder="Choose a session"
                  w={320}
                  data={earlier.map((s) => ({ value: s.id, label: `Session ${s.number}${s.themeName ? `, ${s.themeName}` : ''} (${dayShortDate(s.date)})` }))}
                  value={from}
                  onChange={setFrom}
                />
                <Button variant="light" disabled={!from} loading={start.isPending} onClick={() => from && void go({ kind: 'plan', sessionId: from })}>
                  Copy it
                </Button>
              </Group>
            )}
          </Stack>
        </Paper>
        <Paper withBorder radius="md" p="md">
          <Stack gap="sm" align="flex-start">
            <Title order={2} size="h5">
              From a blank page
            </Title>
            <Text size="sm" c="dimmed">
              Write the plan from scratch.
            </Text>
            <Button variant="default" leftSection={<IconFile size={16} />} loading={start.isPending} onClick={() => void go({ kind: 'blank' })}>
              Start a blank plan
            </Button>
          </Stack>
        </Paper>
      </SimpleGrid>
    </Stack>
  );
}

function PlanEditor({ plan, session, canEdit, onReload }: { plan: SessionPlan; session: Session; canEdit: boolean; onReload: () => void }) {
  const save = useApiMutation('plans.save', PLAN_CHANGES);
  const directory = useStaffDirectory();
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const form = useForm<PlanValues>({ initialValues: valuesFromPlan(plan), validate: (v) => planErrors(v, plan.sessionMinutes) });
  useUnsavedChangesPrompt(form.isDirty(), 'the plan');
  const v = form.getValues();
  const all = staffOptions(directory.data ?? [], ['facilitator', 'manager']);
  // The session's own facilitators first.
  const leadOptions = [...all.filter((o) => session.facilitatorIds.includes(o.value)), ...all.filter((o) => !session.facilitatorIds.includes(o.value))];
  for (const a of v.activities) if (a.leadId && !leadOptions.some((o) => o.value === a.leadId)) leadOptions.push({ value: a.leadId, label: 'Former member of staff' });
  const objectiveOptions = plan.objectiveChoices.map((o) => ({ value: o.id, label: o.text }));

  const submit = form.onSubmit(async (values) => {
    setProblem(null);
    try {
      const saved = await save.mutateAsync(planInputFrom(values, session.id, plan.version, plan.themeId));
      form.setInitialValues(valuesFromPlan(saved));
      form.reset();
      notifySuccess(saved.status === 'ready' ? 'Plan saved and marked ready.' : 'Plan saved as a draft.');
    } catch (err) {
      const placed = placeApiError(form, err, (p) => p === 'title' || p.startsWith('activities.') || p === 'notes');
      const activities = apiErrorOf(err).fields?.activities;
      setProblem(activities ? { code: 'VALIDATION', message: activities } : placed);
    }
  }, focusFirstError);

  return (
    <form onSubmit={submit} noValidate aria-label="Session plan">
      <Stack gap="md">
        <Group justify="space-between" wrap="wrap">
          <Group gap="sm">
            <Badge color={plan.status === 'ready' ? 'teal' : 'yellow'} size="lg" variant="light">
              {plan.status === 'ready' ? 'Ready' : 'Draft'}
            </Badge>
            <Text size="sm" c="dimmed">
              Last saved {formatDateTime(plan.updatedAt)}
              {plan.updatedByName ? ` by ${plan.updatedByName}` : ''}
            </Text>
          </Group>
        </Group>
        {plan.warnings.length > 0 && (
          <Alert color="orange" icon={<IconAlertTriangle size={20} />} title="Check the plan" data-testid="plan-warnings">
            <List size="sm">
              {plan.warnings.map((w) => (
                <List.Item key={w}>{w}</List.Item>
              ))}
            </List>
          </Alert>
        )}
        <fieldset disabled={!canEdit} style={{ border: 0, padding: 0, margin: 0 }}>
          <Stack gap="md">
            <TextInput label="Title" {...form.getInputProps('title')} />
            <FormSection legend="Aims, and the objective each serves">
              <Stack gap="xs">
                {objectiveOptions.length === 0 && (
                  <Text size="sm" c="dimmed">
                    This programme has no objectives listed yet: a manager adds them under Programme settings, then each aim can be linked to one.
                  </Text>
                )}
                {v.aims.length === 0 && (
                  <Text size="sm" c="dimmed">
                    No aims yet.
                  </Text>
                )}
                {v.aims.map((_, i) => (
                  <Group key={form.key(`aims.${i}`)} gap="xs" wrap="nowrap" align="flex-start">
                    <Text size="sm" c="dimmed" w={20} pt={6}>
                      {i + 1}
                    </Text>
                    <TextInput aria-label={`Aim ${i + 1}`} placeholder="By the end of the session he can…" style={{ flex: 2 }} {...form.getInputProps(`aims.${i}.aim`)} />
                    <Stack gap={2} style={{ flex: 1 }}>
                      <Select
                        aria-label={`Objective aim ${i + 1} serves (optional)`}
                        placeholder={objectiveOptions.length ? 'Objective it serves (optional)' : 'No objectives set for this programme'}
                        data={objectiveOptions}
                        disabled={objectiveOptions.length === 0}
                        clearable
                        searchable
                        {...form.getInputProps(`aims.${i}.objectiveId`)}
                      />
                      {!v.aims[i]!.objectiveId && v.aims[i]!.legacy && (
                        <Text size="xs" c="dimmed">
                          Written before the programme listed its objectives: {v.aims[i]!.legacy}
                        </Text>
                      )}
                    </Stack>
                    <Group gap={2} wrap="nowrap" pt={4}>
                      <ActionIcon variant="subtle" color="gray" aria-label={`Move aim ${i + 1} up`} disabled={i === 0} onClick={() => form.reorderListItem('aims', { from: i, to: i - 1 })}>
                        <IconArrowUp size={16} />
                      </ActionIcon>
                      <ActionIcon variant="subtle" color="gray" aria-label={`Move aim ${i + 1} down`} disabled={i === v.aims.length - 1} onClick={() => form.reorderListItem('aims', { from: i, to: i + 1 })}>
                        <IconArrowDown size={16} />
                      </ActionIcon>
                      <ActionIcon variant="subtle" color="red" aria-label={`Remove aim ${i + 1}`} onClick={() => form.removeListItem('aims', i)}>
                        <IconTrash size={16} />
                      </ActionIcon>
                    </Group>
                  </Group>
                ))}
                <Group>
                  <Button variant="light" size="xs" leftSection={<IconPlus size={16} />} onClick={() => form.insertListItem('aims', { aim: '', objectiveId: null, legacy: '' })}>
                    Add an aim
                  </Button>
                </Group>
              </Stack>
            </FormSection>
            <FormSection legend={`Activities (the session is ${plan.sessionMinutes} minutes)`}>
              <ActivitiesEditor form={form as unknown as ActivitiesForm} sessionMinutes={plan.sessionMinutes} leadOptions={leadOptions} readOnly={!canEdit} />
            </FormSection>
            <FormSection legend="Materials and handouts">
              <Stack gap={6}>
                {v.materials.length === 0 && (
                  <Text size="sm" c="dimmed">
                    Nothing listed.
                  </Text>
                )}
                {v.materials.map((m, i) => (
                  <Group key={form.key(`materials.${i}`)} gap="xs" wrap="nowrap">
                    <Checkbox aria-label={`${m.item || `Material ${i + 1}`} is ready`} {...form.getInputProps(`materials.${i}.ready`, { type: 'checkbox' })} />
                    <TextInput aria-label={`Material ${i + 1}`} style={{ flex: 1 }} {...form.getInputProps(`materials.${i}.item`)} />
                    <ActionIcon variant="subtle" color="red" aria-label={`Remove material ${i + 1}`} onClick={() => form.removeListItem('materials', i)}>
                      <IconTrash size={16} />
                    </ActionIcon>
                  </Group>
                ))}
                <Group justify="space-between">
                  <Button variant="light" size="xs" leftSection={<IconPlus size={16} />} onClick={() => form.insertListItem('materials', { item: '', ready: false })}>
                    Add a material or handout
                  </Button>
                  {v.materials.length > 0 && (
                    <Text size="sm" c={v.materials.every((m) => m.ready) ? 'teal' : 'dimmed'}>
                      {v.materials.filter((m) => m.ready).length} of {v.materials.length} ready (tick each one when it is printed or packed)
                    </Text>
                  )}
                </Group>
              </Stack>
            </FormSection>
            <Textarea label="Notes for the facilitators (optional)" autosize minRows={3} {...form.getInputProps('notes')} />
          </Stack>
        </fieldset>
        {canEdit && (
          <Paper withBorder radius="md" p="sm" style={{ position: 'sticky', bottom: 0, zIndex: 3, boxShadow: '0 -4px 8px -6px rgba(0,0,0,0.25)' }}>
            <Stack gap="xs">
              <FormAlert problem={problem} onReload={onReload} />
              <Group justify="space-between" wrap="wrap">
                <Stack gap={2}>
                  <Group gap="sm">
                    <Text size="sm" fw={500} id="plan-status-label">
                      Status
                    </Text>
                    <SegmentedControl
                      aria-labelledby="plan-status-label"
                      data-path="status"
                      value={v.status}
                      onChange={(s) => form.setFieldValue('status', s as 'draft' | 'ready')}
                      data={[
                        { value: 'draft', label: 'Draft' },
                        { value: 'ready', label: 'Ready' },
                      ]}
                      color={v.status === 'ready' ? 'teal' : 'yellow'}
                    />
                  </Group>
                  {form.errors.status ? (
                    <Text size="xs" c="red" role="alert">
                      {form.errors.status}
                    </Text>
                  ) : (
                    <Text size="xs" c="dimmed">
                      Ready: the plan is finished and agreed with your co-facilitator.
                    </Text>
                  )}
                </Stack>
                <Button type="submit" leftSection={<IconDeviceFloppy size={18} />} loading={save.isPending}>
                  Save the plan
                </Button>
              </Group>
            </Stack>
          </Paper>
        )}
      </Stack>
    </form>
  );
}

export function PlanPanel({ session, sessions }: { session: Session; sessions: Session[] }) {
  const me = useSession();
  const plan = useApiQuery('plans.get', { sessionId: session.id });
  const canEdit = can(me.role, 'plans.edit') && session.status !== 'cancelled';
  if (plan.isPending) {
    return (
      <Center py="xl">
        <Loader aria-label="Loading the plan" />
      </Center>
    );
  }
  if (plan.isError) {
    return (
      <Alert color="red" role="alert" title="The plan could not be loaded">
        {plan.error.message}
      </Alert>
    );
  }
  if (!plan.data) {
    if (!canEdit) {
      return (
        <Alert color="gray" title="No plan">
          {session.status === 'cancelled' ? 'This session was cancelled.' : 'Nobody has written a plan for this session.'}
        </Alert>
      );
    }
    return <StartPlan session={session} sessions={sessions} />;
  }
  return <PlanEditor key={plan.data.version} plan={plan.data} session={session} canEdit={canEdit} onReload={() => void plan.refetch()} />;
}
