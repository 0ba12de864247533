/** Her safety plan: six sections, a review date, and who changed it when. */
import { Alert, Badge, Button, Card, Group, SimpleGrid, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconPencil, IconShieldCheck } from '@tabler/icons-react';
import { useState } from 'react';
import { addDays, todayInLondon } from '../../../shared/dates';
import { safetyPlanInput, safetyPlanSectionLabels, safetyPlanSections } from '../../../shared/features/partners';
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

export function SafetyPlanTab({ record, canEdit, reload }: PartnerTabProps) {
  const plan = record.safetyPlan;
  const [editing, setEditing] = useState(false);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const save = useApiMutation('partners.saveSafetyPlan', PARTNER_CHANGES);
  const form = useForm({
    initialValues: {
      sections: plan?.sections ?? (Object.fromEntries(safetyPlanSections.map((s) => [s, ''])) as Record<Section, string>),
      reviewOn: plan?.reviewOn ?? addDays(todayInLondon(), 28),
    },
    validate: (v) => check({ ...v, partnerId: record.id, version: plan?.version ?? 0 }),
  });
  const overdue = plan && plan.reviewOn < todayInLondon();

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
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
            {safetyPlanSections.map((s) => (
              <Stack key={s} gap={4} p="sm" bg="gray.0" style={{ borderRadius: 8 }}>
                <Text fw={700} size="sm">
                  {safetyPlanSectionLabels[s]}
                </Text>
                <Text size="sm" c={plan.sections[s] ? undefined : 'dimmed'} style={{ whiteSpace: 'pre-wrap' }}>
                  {plan.sections[s] || 'Nothing written yet'}
                </Text>
              </Stack>
            ))}
          </SimpleGrid>
        )}
      </Card>
      {plan && plan.history.length > 0 && (
        <Card withBorder radius="md" padding="lg">
          <Title order={2} size="h4" mb="sm">
            Earlier versions
          </Title>
          <Table aria-label="Safety plan history">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Version</Table.Th>
                <Table.Th>Changed</Table.Th>
                <Table.Th>By</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {plan.history.map((h) => (
                <Table.Tr key={h.version}>
                  <Table.Td>{h.version}</Table.Td>
                  <Table.Td>{formatDateTime(h.at)}</Table.Td>
                  <Table.Td>{h.byName ?? ''}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Card>
      )}
      {overdue && canEdit && (
        <Alert color="red" p="sm">
          The review date has passed. Go through the plan with her and update it.
        </Alert>
      )}
    </Stack>
  );
}
