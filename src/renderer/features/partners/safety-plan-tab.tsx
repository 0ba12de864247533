/** Her safety plan: six sections, a review date, and its earlier versions, each of which can be opened to read. */
import { Alert, Badge, Button, Card, Group, Modal, SimpleGrid, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconArrowLeft, IconArrowRight, IconEye, IconPencil, IconShieldCheck } from '@tabler/icons-react';
import { useState } from 'react';
import { addDays, todayInLondon } from '../../../shared/dates';
import { safetyPlanInput, safetyPlanSectionLabels, safetyPlanSections, type SafetyPlanVersion } from '../../../shared/features/partners';
import { useApiMutation } from '../../app/api';
import { focusFirstError, validateWith } from '../../app/form-errors';
import { formatDate, formatDateTime } from '../../app/format';
import { notifySuccess } from '../../app/notify';
import { EmptyNote } from '../../components/empty-note';
import { FormFooter, placeApiError, type FormProblem } from '../../components/form-alert';
import { UkDateInput } from '../../components/uk-date-input';
import { PARTNER_CHANGES } from './partner-labels';
import type { PartnerTabProps } from './partner-tab';

type Section = (typeof safetyPlanSections)[number];
const hints: Record<Section, string> = {
  safe_contacts: 'People she can call or go to, and how to reach them',
  leaving_plan: 'Where she would go, how, and what she would take',
  children: 'What the children know to do, school or nursery arrangements',
  technology: 'Phone, social media and location settings, a safe phone',
  at_home: 'Locks, alarms, neighbours, safe rooms',
  at_work: 'Who at work knows, getting to and from work',
};

const check = validateWith<Record<string, unknown>>(safetyPlanInput);

/** What a version changed from the one before it; null for the first, which has nothing to compare with. */
function changesFrom(version: Pick<SafetyPlanVersion, 'sections' | 'reviewOn'>, before: Pick<SafetyPlanVersion, 'sections' | 'reviewOn'> | undefined) {
  if (!before) return null;
  return {
    sections: safetyPlanSections.filter((s) => version.sections[s].trim() !== before.sections[s].trim()),
    reviewOn: version.reviewOn !== before.reviewOn,
  };
}

/** The sections (and review date) a version changed, in words; null for the first version. */
function changedParts(changes: ReturnType<typeof changesFrom>): string[] | null {
  if (!changes) return null;
  return [...changes.sections.map((s) => safetyPlanSectionLabels[s]), ...(changes.reviewOn ? ['Review date'] : [])];
}

function changeSummary(changes: ReturnType<typeof changesFrom>): string {
  const parts = changedParts(changes);
  if (!parts) return 'First version';
  return parts.length ? parts.join(', ') : 'Nothing: saved again as it was';
}

function Sections({ sections, changed, empty }: { sections: SafetyPlanVersion['sections']; changed?: readonly string[]; empty: string }) {
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
      {safetyPlanSections.map((s) => {
        const isChanged = changed?.includes(s) ?? false;
        return (
          <Stack
            key={s}
            gap={4}
            p="sm"
            bg={isChanged ? 'yellow.0' : 'gray.0'}
            style={{ borderRadius: 8, border: isChanged ? '2px solid var(--mantine-color-yellow-6)' : undefined }}
          >
            <Group gap="xs" justify="space-between">
              <Text fw={700} size="sm">
                {safetyPlanSectionLabels[s]}
              </Text>
              {isChanged && (
                <Badge color="orange.9" variant="filled" size="sm">
                  Changed in this version
                </Badge>
              )}
            </Group>
            <Text size="sm" c={sections[s] ? undefined : 'dimmed'} style={{ whiteSpace: 'pre-wrap' }}>
              {sections[s] || empty}
            </Text>
          </Stack>
        );
      })}
    </SimpleGrid>
  );
}

/** One earlier version, read-only, with what it changed from the one before; older and newer a click away. */
function VersionModal({ history, index, onIndex, onClose }: { history: SafetyPlanVersion[]; index: number; onIndex: (i: number) => void; onClose: () => void }) {
  const version = history[index]!;
  const changes = changesFrom(version, history[index + 1]);
  return (
    <Modal opened onClose={onClose} size="xl" title={<Text fw={700}>Safety plan, version {version.version}</Text>}>
      <Stack gap="md">
        <Alert color="gray" p="sm">
          An earlier version, to read only. It was saved {formatDateTime(version.at)}
          {version.byName ? ` by ${version.byName}` : ''}.
          {changes && ` What is marked "Changed in this version" differs from version ${history[index + 1]!.version}.`}
        </Alert>
        <Group gap="xs">
          <Text size="sm" fw={700}>
            Review by
          </Text>
          <Text size="sm">{version.reviewOn ? formatDate(version.reviewOn) : 'Not set'}</Text>
          {changes?.reviewOn && (
            <Badge color="orange.9" variant="filled" size="sm">
              Changed in this version
            </Badge>
          )}
        </Group>
        {!changes && (
          <Text size="sm" c="dimmed">
            The first version of her plan: there is nothing earlier to compare it with.
          </Text>
        )}
        <Sections sections={version.sections} changed={changes?.sections} empty="Nothing written" />
        <Group justify="space-between">
          <Button variant="default" leftSection={<IconArrowLeft size={16} />} disabled={index >= history.length - 1} onClick={() => onIndex(index + 1)}>
            Older version
          </Button>
          <Group gap="sm">
            <Button variant="default" rightSection={<IconArrowRight size={16} />} disabled={index === 0} onClick={() => onIndex(index - 1)}>
              Newer version
            </Button>
            <Button onClick={onClose}>Close</Button>
          </Group>
        </Group>
      </Stack>
    </Modal>
  );
}

export function SafetyPlanTab({ record, canEdit, reload }: PartnerTabProps) {
  const plan = record.safetyPlan;
  const [editing, setEditing] = useState(false);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [viewing, setViewing] = useState<number | null>(null);
  const save = useApiMutation('partners.saveSafetyPlan', PARTNER_CHANGES);
  const form = useForm({
    initialValues: {
      sections: plan?.sections ?? (Object.fromEntries(safetyPlanSections.map((s) => [s, ''])) as Record<Section, string>),
      reviewOn: plan?.reviewOn ?? addDays(todayInLondon(), 28),
    },
    validate: (v) => check({ ...v, partnerId: record.id, version: plan?.version ?? 0 }),
  });
  const overdue = plan && plan.reviewOn < todayInLondon();
  const latestChanges = plan ? changedParts(changesFrom(plan, plan.history[0])) : null;

  const submit = form.onSubmit(async (values) => {
    setProblem(null);
    try {
      await save.mutateAsync({ ...values, partnerId: record.id, version: plan?.version ?? 0 });
      notifySuccess('The safety plan has been saved.');
      setEditing(false);
    } catch (err) {
      setProblem(placeApiError(form, err, (p) => p === 'reviewOn' || p.startsWith('sections.')));
    }
  }, focusFirstError);

  if (editing)
    return (
      <form onSubmit={submit} noValidate>
        <Card withBorder radius="md" padding="lg">
          <Stack gap="md">
            <Title order={2} size="h4">
              {plan ? 'Update the safety plan' : 'Make a safety plan'}
            </Title>
            <Text size="sm" c="dimmed">
              Write it with her, in her words. Leave out any section that does not apply.
            </Text>
            <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
              {safetyPlanSections.map((s) => (
                <Textarea
                  key={form.key(`sections.${s}`)}
                  label={`${safetyPlanSectionLabels[s]} (optional)`}
                  description={hints[s]}
                  autosize
                  minRows={3}
                  {...form.getInputProps(`sections.${s}`)}
                />
              ))}
            </SimpleGrid>
            <UkDateInput label="Review by" minDate={new Date()} key={form.key('reviewOn')} {...form.getInputProps('reviewOn')} maw={260} />
            <FormFooter
              problem={problem}
              onReload={() =>
                void reload().then(() => {
                  setProblem(null);
                  setEditing(false);
                })
              }
              onCancel={() => setEditing(false)}
              saving={save.isPending}
              label="Save the safety plan"
            />
          </Stack>
        </Card>
      </form>
    );

  return (
    <Stack gap="lg">
      <Card withBorder radius="md" padding="lg">
        <Group justify="space-between" mb="sm" align="flex-start">
          <Stack gap={2}>
            <Title order={2} size="h4">
              Safety plan
            </Title>
            {plan && (
              <Group gap="xs">
                <Text size="sm" c="dimmed">
                  Last changed {formatDateTime(plan.updatedAt)}
                  {plan.byName ? ` by ${plan.byName}` : ''}.
                </Text>
                <Badge color={overdue ? 'red' : 'gray'} variant={overdue ? 'filled' : 'light'}>
                  {overdue ? 'Review overdue' : 'Review by'} {formatDate(plan.reviewOn)}
                </Badge>
              </Group>
            )}
            {latestChanges && (
              <Text size="sm" c="dimmed">
                {latestChanges.length ? `This version changed: ${latestChanges.join(', ')}.` : 'This version was saved with no changes.'}
              </Text>
            )}
          </Stack>
          {canEdit && (
            <Button
              leftSection={plan ? <IconPencil size={18} /> : <IconShieldCheck size={18} />}
              onClick={() => {
                form.setValues({ sections: plan?.sections ?? form.getValues().sections, reviewOn: plan?.reviewOn ?? form.getValues().reviewOn });
                setEditing(true);
              }}
            >
              {plan ? 'Update the plan' : 'Make a safety plan'}
            </Button>
          )}
        </Group>
        {!plan ? (
          <EmptyNote title="No safety plan yet" icon={<IconShieldCheck size={24} />}>
            Make a plan with her: safe contacts, a leaving plan, the children, phone safety, at home and at work.
          </EmptyNote>
        ) : (
          <Sections sections={plan.sections} empty="Nothing written yet" />
        )}
      </Card>
      {plan && plan.history.length > 0 && (
        <Card withBorder radius="md" padding="lg">
          <Title order={2} size="h4">
            Earlier versions
          </Title>
          <Text size="sm" c="dimmed" mb="sm">
            The plan as it stood before each change. Open one to read it as it was.
          </Text>
          <Table.ScrollContainer minWidth={640}>
            <Table aria-label="Safety plan history" verticalSpacing="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Version</Table.Th>
                  <Table.Th>Saved</Table.Th>
                  <Table.Th>By</Table.Th>
                  <Table.Th>What it changed</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {plan.history.map((h, i) => (
                  <Table.Tr key={h.version}>
                    <Table.Td>{h.version}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(h.at)}</Table.Td>
                    <Table.Td>{h.byName ?? ''}</Table.Td>
                    <Table.Td>
                      <Text size="sm">{changeSummary(changesFrom(h, plan.history[i + 1]))}</Text>
                    </Table.Td>
                    <Table.Td ta="right">
                      <Button size="compact-sm" variant="light" leftSection={<IconEye size={14} />} onClick={() => setViewing(i)} aria-label={`Open version ${h.version}`}>
                        Open
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Card>
      )}
      {plan && viewing !== null && plan.history[viewing] && (
        <VersionModal history={plan.history} index={viewing} onIndex={setViewing} onClose={() => setViewing(null)} />
      )}
      {overdue && canEdit && (
        <Alert color="red" p="sm">
          The review date has passed. Go through the plan with her and update it.
        </Alert>
      )}
    </Stack>
  );
}
