/** Bank holidays and other days the organisation is closed: new schedules skip them (the session moves on a week). */
import { Alert, Button, Center, Group, Loader, Paper, SimpleGrid, Stack, Switch, Table, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { modals } from '@mantine/modals';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { todayInLondon } from '../../../shared/dates';
import { closureInput, type Closure } from '../../../shared/features/programmes';
import { useApiMutation, useApiQuery } from '../../app/api';
import { focusFirstError, validateWith } from '../../app/form-errors';
import { notifyError, notifySuccess } from '../../app/notify';
import { EmptyNote } from '../../components/empty-note';
import { FormAlert, placeApiError, type FormProblem } from '../../components/form-alert';
import { UkDateInput } from '../../components/uk-date-input';
import { dayLongDate } from '../calendar/calendar-helpers';

const CHANGES = ['closures.', 'audit.'];
const check = validateWith<{ date: string; name: string }>(closureInput);

function AddClosure() {
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const add = useApiMutation('closures.add', CHANGES);
  const form = useForm({ initialValues: { date: '', name: '' }, validate: check });
  const submit = form.onSubmit(async (values) => {
    setProblem(null);
    try {
      await add.mutateAsync(values);
      notifySuccess(`${values.name} added as a closure date.`);
      form.reset();
    } catch (err) {
      setProblem(placeApiError(form, err, (p) => p === 'date' || p === 'name'));
    }
  }, focusFirstError);
  return (
    <form onSubmit={submit} noValidate aria-label="Add a closure date">
      <Stack gap="sm">
        <Title order={2} size="h5">
          Add a closure date
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm" style={{ alignItems: 'start' }}>
          <UkDateInput label="Date" {...form.getInputProps('date')} />
          <TextInput label="What it is" placeholder="For example: Staff training day" {...form.getInputProps('name')} />
          <Button type="submit" mt={{ base: 0, sm: 25 }} leftSection={<IconPlus size={18} />} loading={add.isPending}>
            Add closure date
          </Button>
        </SimpleGrid>
        <FormAlert problem={problem} />
      </Stack>
    </form>
  );
}

export function ClosuresPanel() {
  const closures = useApiQuery('closures.list', {});
  const remove = useApiMutation('closures.remove', CHANGES);
  const [showPast, setShowPast] = useState(false);
  const today = todayInLondon();
  const confirmRemove = (c: Closure) =>
    modals.openConfirmModal({
      title: `Remove ${c.name}?`,
      children: (
        <Text size="sm">
          {dayLongDate(c.date)} will no longer be a closure date. Groups created from now on may meet that day; sessions already scheduled do not
          move.
        </Text>
      ),
      labels: { confirm: 'Remove the closure date', cancel: 'Keep it' },
      confirmProps: { color: 'red' },
      onConfirm: () =>
        void remove
          .mutateAsync({ date: c.date })
          .then(() => notifySuccess(`${c.name} removed.`))
          .catch((err: unknown) => notifyError(err, 'The closure date was not removed')),
    });

  const rows = (closures.data ?? []).filter((c) => showPast || c.date >= today);
  const pastCount = (closures.data ?? []).filter((c) => c.date < today).length;
  return (
    <Stack gap="md">
      <Text size="sm" maw={760}>
        New group schedules skip these days: the session moves on a week, so the group still gets all its sessions. Sessions already scheduled are
        not moved; reschedule them from the calendar if you need to.
      </Text>
      <Paper withBorder radius="md" p="md">
        <AddClosure />
      </Paper>
      <Paper withBorder radius="md" p="md">
        {closures.isPending ? (
          <Center py="xl">
            <Loader aria-label="Loading the closure dates" />
          </Center>
        ) : closures.isError ? (
          <Alert color="red" role="alert" title="The closure dates could not be loaded">
            {closures.error.message}
          </Alert>
        ) : (
          <Stack gap="sm">
            <Group justify="space-between">
              <Title order={2} size="h5">
                {showPast ? 'All closure dates' : 'Coming closure dates'}
              </Title>
              {pastCount > 0 && <Switch label={`Show past dates (${pastCount})`} checked={showPast} onChange={(e) => setShowPast(e.currentTarget.checked)} />}
            </Group>
            {rows.length === 0 ? (
              <EmptyNote title="No closure dates ahead">Add bank holidays and other days you are closed, above.</EmptyNote>
            ) : (
              <Table verticalSpacing="xs" aria-label="Closure dates" maw={760}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Date</Table.Th>
                    <Table.Th>What it is</Table.Th>
                    <Table.Th />
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {rows.map((c) => (
                    <Table.Tr key={c.date} c={c.date < today ? 'dimmed' : undefined}>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>{dayLongDate(c.date)}</Table.Td>
                      <Table.Td>{c.name}</Table.Td>
                      <Table.Td ta="right">
                        <Button variant="subtle" color="red" size="xs" leftSection={<IconTrash size={14} />} onClick={() => confirmRemove(c)} aria-label={`Remove ${c.name} on ${dayLongDate(c.date)}`}>
                          Remove
                        </Button>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </Stack>
        )}
      </Paper>
    </Stack>
  );
}
