/**
 * Setting up a group (or one-to-one work): the program makes the weekly
 * schedule from the start date, skipping closure dates, with the curriculum's
 * themes in order. Clashes and unusual choices are shown before anything is saved.
 */
import { Alert, Anchor, Button, Group, Paper, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { TimePicker } from '@mantine/dates';
import { useForm } from '@mantine/form';
import { IconCalendarEvent, IconClock } from '@tabler/icons-react';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { todayInLondon } from '../../../shared/dates';
import { weekdayLabels, weekdays, type Warning } from '../../../shared/features/groups';
import { programmeKindLabels } from '../../../shared/features/programmes';
import { useApiMutation, useApiQuery } from '../../app/api';
import { focusFirstError } from '../../app/form-errors';
import { formatDate } from '../../app/format';
import { notifySuccess } from '../../app/notify';
import { FormAlert, placeApiError, type FormProblem } from '../../components/form-alert';
import { FormSection } from '../../components/form-section';
import { PageHeader } from '../../components/page-header';
import { ParticipantPicker } from '../../components/participant-picker';
import { SaveWarnings } from '../../components/save-warnings';
import { UkDateInput } from '../../components/uk-date-input';
import { dayLongDate } from '../calendar/calendar-helpers';
import { CapacityAndIntake, FacilitatorFields, InterpreterField, VenueInput } from './group-fields';
import { createInputOf, emptyGroupValues, groupFieldOf, validateNewGroup, type GroupValues } from './group-form';
import { durationText, isoWeekday, schedulePreview } from './group-labels';

const GROUP_CHANGES = ['groups.', 'sessions.', 'participants.', 'enrolments.', 'attendance.', 'audit.', 'tasks.'];

export function NewGroupPage() {
  const navigate = useNavigate();
  // Started from the waiting list: these men are offered for enrolment once the group is set up.
  const [params] = useSearchParams();
  const menIds = (params.get('men') ?? '').split(',').filter((x) => /^[0-9a-f-]{36}$/i.test(x)).slice(0, 30);
  const waiting = useApiQuery('participants.waitingList', {}, { enabled: menIds.length > 0 });
  const fromList = (waiting.data ?? []).filter((r) => menIds.includes(r.id));
  const programmes = useApiQuery('programmes.list', {});
  const closures = useApiQuery('closures.list', {});
  const create = useApiMutation('groups.create', GROUP_CHANGES);
  const [warnings, setWarnings] = useState<Warning[] | null>(null);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const active = (programmes.data ?? []).filter((p) => p.active);
  const form = useForm<GroupValues>({
    initialValues: emptyGroupValues,
    validate: (v) => validateNewGroup(v, active.find((p) => p.id === v.programmeTypeId)?.kind === 'one_to_one'),
    onValuesChange: () => setWarnings(null),
  });
  const v = form.getValues();
  const programme = active.find((p) => p.id === v.programmeTypeId);
  const oneToOne = programme?.kind === 'one_to_one';
  const preview = programme && v.weekday && v.startDate ? schedulePreview(v.startDate, Number(v.weekday), programme.sessionsCount, closures.data ?? []) : null;
  const today = todayInLondon();

  const send = async (values: GroupValues, confirm: boolean) => {
    setProblem(null);
    try {
      const result = await create.mutateAsync(createInputOf(values, oneToOne, confirm));
      if (!result.saved) {
        setWarnings(result.warnings);
        return;
      }
      setWarnings(null);
      notifySuccess(`${result.group.name} is set up with ${result.group.sessionsTotal} sessions.`);
      const enrol = result.group.kind !== 'one_to_one' && menIds.length > 0 ? `?enrol=${menIds.join(',')}` : '';
      void navigate(`/groups/${result.group.id}${result.group.kind === 'one_to_one' ? '' : '/men'}${enrol}`);
    } catch (err) {
      setProblem(placeApiError(form, err, (p) => p in groupFieldOf || Object.keys(emptyGroupValues).includes(p)));
    }
  };

  const submit = form.onSubmit((values) => send(values, false), focusFirstError);

  return (
    <>
      <PageHeader
        title="New group"
        description={
          <>
            Set up a group or one-to-one work. The program makes the weekly schedule, skipping the{' '}
            <Anchor component={Link} to="/programme-settings/closures" inherit>
              closure dates
            </Anchor>
            . You can enrol men from the waiting list once it is saved.
          </>
        }
      />
      <form onSubmit={submit} noValidate aria-label="New group">
        <Stack gap="md" maw={900}>
          {menIds.length > 0 && (
            <Alert color="indigo" title={`Starting a group from ${menIds.length} ${menIds.length === 1 ? 'man' : 'men'} on the waiting list`}>
              {fromList.length > 0 ? fromList.map((r) => r.name ?? `Restricted record (${r.reference})`).join(', ') : 'Loading their names…'}. Once the group is set up, you are
              asked to confirm enrolling them.
            </Alert>
          )}
          <FormSection legend="The programme">
            <Stack gap="sm">
              <Select
                label="Programme"
                placeholder={programmes.isPending ? 'Loading…' : 'Choose the programme'}
                data={active.map((p) => ({ value: p.id, label: `${p.name} (${programmeKindLabels[p.kind].toLowerCase()})` }))}
                description={programme ? `${programme.sessionsCount} sessions of ${durationText(programme.sessionMinutes)}` : 'The number and length of the sessions come from the programme'}
                data-autofocus
                {...form.getInputProps('programmeTypeId')}
              />
              <TextInput
                label={oneToOne ? 'Name for this work' : 'Name of the group'}
                description={oneToOne ? 'For example: One-to-one, Wednesday mornings' : 'For example: Tuesday evening group'}
                {...form.getInputProps('name')}
              />
              {oneToOne && (
                <>
                  <ParticipantPicker
                    label="The man this work is for"
                    description="Type part of his name or reference"
                    placeholder="Search"
                    {...form.getInputProps('participantId')}
                  />
                  <InterpreterField form={form} />
                </>
              )}
            </Stack>
          </FormSection>

          <FormSection legend="When and where">
            <Stack gap="sm">
              <SimpleGrid cols={{ base: 1, sm: 3 }}>
                <Select label="Day of the week" placeholder="Choose the day" data={weekdays.map((d) => ({ value: String(d), label: weekdayLabels[d]! }))} {...form.getInputProps('weekday')} />
                <TimePicker label="Start time" hoursInputLabel="Start time, hours" minutesInputLabel="Start time, minutes" description="24-hour clock, for example 18:30" leftSection={<IconClock size={16} aria-hidden />} {...form.getInputProps('startTime')} />
                <UkDateInput label="Start date" description="The first session is on or after this date" {...form.getInputProps('startDate')} />
              </SimpleGrid>
              {v.startDate && v.weekday && isoWeekday(v.startDate) !== Number(v.weekday) && preview?.dates[0] && (
                <Text size="sm" c="dimmed">
                  {formatDate(v.startDate)} is a {weekdayLabels[isoWeekday(v.startDate)]}: the first session is on {dayLongDate(preview.dates[0])}.
                </Text>
              )}
              <VenueInput form={form} />
            </Stack>
          </FormSection>

          <FormSection legend={oneToOne ? 'Who runs it' : 'Who runs it and how many'}>
            <Stack gap="md">
              <FacilitatorFields form={form} oneToOne={oneToOne} />
              {!oneToOne && <CapacityAndIntake form={form} />}
            </Stack>
          </FormSection>

          <Paper withBorder radius="md" p="md" bg="indigo.0" aria-live="polite" data-testid="schedule-preview">
            <Group gap="sm" wrap="nowrap" align="flex-start">
              <IconCalendarEvent size={22} aria-hidden style={{ flexShrink: 0 }} />
              {preview && preview.dates.length > 0 ? (
                <Stack gap={4}>
                  <Text fw={600}>
                    {preview.dates.length} weekly sessions on {weekdayLabels[Number(v.weekday)]}s, from {formatDate(preview.dates[0])} to {formatDate(preview.dates.at(-1))}
                  </Text>
                  {preview.skipped.length > 0 && (
                    <Text size="sm">
                      Skipping {preview.skipped.length} closure date{preview.skipped.length === 1 ? '' : 's'}:{' '}
                      {preview.skipped.map((c) => `${c.name} (${formatDate(c.date)})`).join(', ')}
                    </Text>
                  )}
                  {preview.dates[0]! < today && (
                    <Text size="sm" c="orange.8">
                      The first session is in the past. Use this only for a group that has already started; you will be asked to confirm.
                    </Text>
                  )}
                </Stack>
              ) : (
                <Text size="sm">Choose the programme, the day and the start date to see the schedule.</Text>
              )}
            </Group>
          </Paper>

          {warnings && (
            <SaveWarnings warnings={warnings} confirming={create.isPending} onConfirm={() => void send(form.getValues(), true)} onCancel={() => setWarnings(null)} />
          )}
          <FormAlert problem={problem} />
          {!warnings && (
            <Group justify="flex-end">
              <Button variant="default" component={Link} to="/groups">
                Cancel
              </Button>
              <Button type="submit" loading={create.isPending}>
                {oneToOne ? 'Set up the one-to-one work' : 'Set up the group'}
              </Button>
            </Group>
          )}
        </Stack>
      </form>
    </>
  );
}
