/** When absences without a reason call for an exit review: the organisation's own rule. */
import { Alert, Button, Center, Group, List, Loader, NumberInput, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { attendanceRulesSchema, type AttendanceRules } from '../../../shared/features/registers';
import { useApiMutation, useApiQuery } from '../../app/api';
import { focusFirstError, validateWith } from '../../app/form-errors';
import { notifySuccess } from '../../app/notify';
import { FormAlert, placeApiError, type FormProblem } from '../../components/form-alert';

interface Values {
  consecutiveAbsences: number | string;
  totalAbsences: number | string;
}

function RulesForm({ rules }: { rules: AttendanceRules }) {
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const save = useApiMutation('programmes.setAttendanceRules', ['programmes.', 'audit.']);
  const form = useForm<Values>({ initialValues: rules, validate: validateWith<Values>(attendanceRulesSchema) });
  const submit = form.onSubmit(async (values) => {
    setProblem(null);
    try {
      const saved = await save.mutateAsync({ consecutiveAbsences: Number(values.consecutiveAbsences), totalAbsences: Number(values.totalAbsences) });
      form.setInitialValues(saved);
      form.reset();
      notifySuccess('The attendance rules are saved.');
    } catch (err) {
      setProblem(placeApiError(form, err, (p) => p === 'consecutiveAbsences' || p === 'totalAbsences'));
    }
  }, focusFirstError);
  const v = form.getValues();
  return (
    <form onSubmit={submit} noValidate aria-label="Attendance rules">
      <Stack gap="md">
        <SimpleGrid cols={{ base: 1, sm: 2 }} maw={640}>
          <NumberInput label="Absences in a row without a reason" description="Then an exit review" min={1} max={20} allowDecimal={false} {...form.getInputProps('consecutiveAbsences')} />
          <NumberInput label="Absences without a reason in all" description="Then an exit review" min={1} max={50} allowDecimal={false} {...form.getInputProps('totalAbsences')} />
        </SimpleGrid>
        <Alert color="blue" maw={760} title="What happens">
          <List size="sm" spacing={4}>
            <List.Item>
              Every absence without a reason alerts the partner support service at once (an urgent task for the worker of his partner).
            </List.Item>
            <List.Item>
              After {Number(v.consecutiveAbsences) || '…'} absences in a row, or {Number(v.totalAbsences) || '…'} in all, without a reason, the program raises an
              &quot;exit review&quot; task for the managers, once for each rule.
            </List.Item>
            <List.Item>Absences with a reason given are not counted (they do not break a run either); only attending does.</List.Item>
          </List>
        </Alert>
        <FormAlert problem={problem} />
        <Group>
          <Button type="submit" loading={save.isPending} disabled={!form.isDirty()}>
            Save the attendance rules
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function AttendanceRulesPanel() {
  const rules = useApiQuery('programmes.attendanceRules', {});
  return (
    <Paper withBorder radius="md" p="md">
      <Text size="sm" mb="md" maw={760}>
        Providers set their own rules for when missed sessions put a man&apos;s place on the programme in question. The rules apply to registers
        saved from now on.
      </Text>
      {rules.isPending ? (
        <Center py="xl">
          <Loader aria-label="Loading the rules" />
        </Center>
      ) : rules.isError ? (
        <Alert color="red" role="alert">
          {rules.error.message}
        </Alert>
      ) : (
        <RulesForm rules={rules.data} />
      )}
    </Paper>
  );
}
