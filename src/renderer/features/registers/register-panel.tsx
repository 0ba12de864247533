/**
 * The register and session log in one screen: for each man expected, his
 * attendance, a participation rating, a short note and any concern; the
 * facilitators' debrief; the interpreter for one-to-one work. One save.
 */
import { Alert, Anchor, Badge, Button, Center, Checkbox, Group, List, Loader, NumberInput, Paper, SegmentedControl, Select, SimpleGrid, Stack, Text, Textarea, TextInput, Title, VisuallyHidden } from '@mantine/core';
import { useForm, type UseFormReturnType } from '@mantine/form';
import { IconAlertTriangle, IconChecks, IconDeviceFloppy, IconHistory, IconShieldExclamation } from '@tabler/icons-react';
import { useState } from 'react';
import { Link } from 'react-router';
import { todayInLondon } from '../../../shared/dates';
import type { Session } from '../../../shared/features/groups';
import type { Flag } from '../../../shared/features/participants';
import { attendanceStates, concernLabels, concerns, participationScale, type Attendance, type Concern, type Register } from '../../../shared/features/registers';
import { can } from '../../../shared/permissions';
import { useApiMutation, useApiQuery } from '../../app/api';
import { useSession } from '../../app/auth-context';
import { apiErrorOf, focusFirstError } from '../../app/form-errors';
import { formatDateTime } from '../../app/format';
import { notifySuccess } from '../../app/notify';
import { FormAlert, type FormProblem } from '../../components/form-alert';
import { FlagBadges } from '../../components/participant-badges';
import { useUnsavedChangesPrompt } from '../../components/unsaved-changes';
import { DraftNotice } from '../drafts/draft-notice';
import { useDraft } from '../drafts/use-draft';
import { restoreSessionLog, sessionLogDraftOf } from './session-log-draft';
import { dayLongDate } from '../calendar/calendar-helpers';
import { RegisterVersionModal } from './register-version-modal';
import {
  attendanceShort,
  countByAttendance,
  entriesFrom,
  formPathOf,
  markEveryonePresent,
  orphanEntries,
  registerErrors,
  valuesFromRegister,
  type RegisterValues,
} from './register-helpers';

export const REGISTER_CHANGES = ['registers.', 'groups.', 'sessions.', 'attendance.', 'participants.', 'tasks.', 'audit.'];

// The number on the button; its words for screen readers, on hover and under the buttons once chosen.
const participationData = participationScale.map((p) => ({
  value: String(p.value),
  label: (
    <span title={`${p.value}: ${p.label}`}>
      {p.value}
      <VisuallyHidden> {p.label}</VisuallyHidden>
    </span>
  ),
}));
const participationLabel = (n: number | null) => participationScale.find((p) => p.value === n)?.label ?? 'Not rated';

interface ManRowProps {
  form: UseFormReturnType<RegisterValues>;
  index: number;
  onCatchUp?: (participantId: string) => void;
}

function ManRow({ form, index, onCatchUp }: ManRowProps) {
  const row = form.getValues().rows[index]!;
  const p = `rows.${index}`;
  const who = row.name ?? `Restricted record ${row.reference}`;
  const attendanceError = form.errors[`${p}.attendance`];
  const came = row.attendance === 'present' || row.attendance === 'late' || row.attendance === 'left_early';
  return (
    <Paper withBorder radius="md" p="sm" role="group" aria-label={`Register for ${who}`} data-testid="register-row" style={attendanceError ? { borderColor: 'var(--mantine-color-red-6)' } : undefined}>
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start" wrap="wrap" gap="sm">
          <Stack gap={2} miw={220} style={{ flex: '1 1 220px' }}>
            <Group gap={6}>
              {row.name ? (
                <Anchor component={Link} to={`/participants/${row.participantId}`} fw={700} size="md" tabIndex={-1}>
                  {row.name}
                </Anchor>
              ) : (
                <Text fw={700} fs="italic">
                  Restricted record
                </Text>
              )}
              <Text size="sm" c="dimmed">
                {row.reference}
              </Text>
            </Group>
            <FlagBadges flags={row.flags.filter((f) => f !== 'restricted' || !row.name) as Flag[]} size="sm" />
          </Stack>
          <Stack gap={2}>
            <SegmentedControl
              data-path={`${p}.attendance`}
              aria-label={`Attendance for ${who}`}
              value={row.attendance ?? ''}
              onChange={(v) => form.setFieldValue(`${p}.attendance`, v as Attendance)}
              data={attendanceStates.map((a) => ({ value: a, label: attendanceShort[a] }))}
              color={row.attendance === 'absent_no_reason' ? 'red' : row.attendance?.startsWith('absent') ? 'blue' : row.attendance === 'present' ? 'green' : 'yellow'}
              size="sm"
            />
            {attendanceError && (
              <Text size="xs" c="red" role="alert">
                {attendanceError}
              </Text>
            )}
          </Stack>
        </Group>

        {row.attendance === 'late' && (
          <NumberInput label="Minutes late" w={180} min={1} max={300} allowDecimal={false} suffix=" min" {...form.getInputProps(`${p}.lateMinutes`)} />
        )}
        {row.attendance === 'left_early' && (
          <NumberInput label="Minutes before the end he left (optional)" w={300} min={1} max={300} allowDecimal={false} suffix=" min" {...form.getInputProps(`${p}.leftEarlyMinutes`)} />
        )}
        {row.attendance === 'absent_reason' && <TextInput label="Reason he gave" placeholder="For example: unwell, working late" maw={520} {...form.getInputProps(`${p}.absenceReason`)} />}
        {row.attendance === 'absent_no_reason' && (
          <Group gap="xs">
            <Text size="sm" c="red.8">
              The partner support service is alerted when you save: his partner may be at more risk.
            </Text>
            {onCatchUp && (
              <Button variant="subtle" size="compact-sm" onClick={() => onCatchUp(row.participantId)}>
                Book a catch-up
              </Button>
            )}
          </Group>
        )}
        {row.attendance === 'absent_reason' && onCatchUp && (
          <Group>
            <Button variant="subtle" size="compact-sm" onClick={() => onCatchUp(row.participantId)}>
              Book a catch-up for the theme he missed
            </Button>
          </Group>
        )}

        <Group align="flex-start" gap="sm" wrap="wrap">
          {came ? (
            <Stack gap={2} w={230}>
              <Text size="sm" fw={500} id={`participation-${index}`}>
                Participation (optional)
              </Text>
              <SegmentedControl
                // Named for the man, like his attendance: a screen reader hears whose participation it is.
                aria-label={`Participation for ${who}, from 1 (did not engage) to 5 (fully engaged)`}
                value={row.participation ? String(row.participation) : ''}
                onChange={(v) => form.setFieldValue(`${p}.participation`, Number(v))}
                data={participationData}
                fullWidth
                size="sm"
              />
              <Text size="xs" c={row.participation ? undefined : 'dimmed'}>
                {row.participation ? `${row.participation}: ${participationLabel(row.participation)}` : '1 did not engage … 5 fully engaged'}
              </Text>
            </Stack>
          ) : null}
          <Textarea
            label={came ? 'His session log: a short note (optional)' : 'Note (optional)'}
            placeholder={came ? 'What he brought, how he took part' : undefined}
            autosize
            minRows={came ? 2 : 1}
            maxRows={6}
            style={{ flex: '1 1 260px' }}
            {...form.getInputProps(`${p}.note`)}
          />
          <Select
            label="Concern"
            w={200}
            data={concerns.map((c) => ({ value: c, label: c === 'none' ? 'None' : concernLabels[c] }))}
            allowDeselect={false}
            {...form.getInputProps(`${p}.concern`)}
            onChange={(v) => form.setFieldValue(`${p}.concern`, (v ?? 'none') as Concern)}
          />
        </Group>
        {row.concern !== 'none' && (
          <Stack gap="xs">
            {row.concern === 'child_protection' ? (
              <Alert color="red" variant="filled" icon={<IconShieldExclamation size={20} />} title="Child-protection concern">
                Saving opens a safeguarding record on his record (Safeguarding), flags him for child protection on every screen, and raises an
                urgent task for the managers. Follow your safeguarding procedure today as well: tell the safeguarding lead now, do not wait for the
                task.
              </Alert>
            ) : (
              <Alert color="orange" icon={<IconAlertTriangle size={20} />} title="Risk concern">
                Saving raises an urgent task for the managers to review his risk.
              </Alert>
            )}
            <Textarea label="What was said or seen" description="Facts: his words, what you saw, and what you did" autosize minRows={2} {...form.getInputProps(`${p}.concernNote`)} />
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}

function Counts({ values }: { values: RegisterValues }) {
  const c = countByAttendance(values.rows);
  const parts = [
    c.present && `${c.present} present`,
    c.late && `${c.late} late`,
    c.left_early && `${c.left_early} left early`,
    c.absent_reason && `${c.absent_reason} absent with a reason`,
    c.absent_no_reason && `${c.absent_no_reason} absent without a reason`,
  ].filter(Boolean);
  return (
    <Text size="sm" aria-live="polite">
      {parts.length ? parts.join(' · ') : 'Nobody marked yet'}
      {c.unmarked > 0 && (
        <Text span c="orange.8" fw={600}>
          {parts.length ? ' · ' : ' · '}
          {c.unmarked} not marked yet
        </Text>
      )}
    </Text>
  );
}

function RegisterForm({ register, session, interpreter, canTake, onCatchUp, onReload }: { register: Register; session: Session; interpreter: boolean; canTake: boolean; onCatchUp?: (id: string) => void; onReload: () => void }) {
  const save = useApiMutation('registers.save', REGISTER_CHANGES);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const form = useForm<RegisterValues>({ initialValues: valuesFromRegister(register), validate: registerErrors });
  useUnsavedChangesPrompt(form.isDirty(), 'the register');
  const values = form.getValues();
  // The session log (each man's note and the debrief) is kept as a draft as it is typed.
  const logText = sessionLogDraftOf(values);
  const draft = useDraft(canTake ? { kind: 'session-log', about: session.id } : null, logText, (text) => {
    const restored = restoreSessionLog(form.getValues(), text);
    if (restored) form.setValues(restored);
  });
  const orphans = orphanEntries(register);

  const submit = form.onSubmit(async (v) => {
    setProblem(null);
    try {
      const saved = await save.mutateAsync({
        sessionId: session.id,
        version: register.version,
        entries: entriesFrom(v.rows),
        debrief: v.debrief,
        interpreterPresent: v.interpreterPresent,
        interpreterName: v.interpreterPresent ? v.interpreterName : '',
      });
      await draft.discard();
      form.setInitialValues(valuesFromRegister(saved));
      form.reset();
      const c = countByAttendance(v.rows);
      const extra: string[] = [];
      if (c.absent_no_reason) extra.push(`${c.absent_no_reason} absence${c.absent_no_reason === 1 ? '' : 's'} without a reason: the partner support service is alerted`);
      if (v.rows.some((r) => r.concern !== 'none')) extra.push('concerns raised as urgent tasks for the managers');
      notifySuccess(`Register for session ${session.number} saved.${extra.length ? ` ${extra.join('; ')}.` : ''}`);
    } catch (err) {
      const error = apiErrorOf(err);
      const fieldErrors: Record<string, string> = {};
      for (const [path, message] of Object.entries(error.fields ?? {})) fieldErrors[formPathOf(path)] = message;
      if (Object.keys(fieldErrors).length) {
        form.setErrors(fieldErrors);
        focusFirstError(fieldErrors);
      }
      setProblem({ code: error.code, message: error.message });
    }
  }, focusFirstError);

  if (register.expected.length === 0 && register.entries.length === 0) {
    return (
      <Alert color="gray" title="Nobody was expected at this session">
        No men were enrolled on the group for this session.{' '}
        <Anchor component={Link} to={`/groups/${session.groupId}/men`} inherit>
          See the men on the group
        </Anchor>
        .
      </Alert>
    );
  }

  return (
    <form onSubmit={submit} noValidate aria-label="Register and session log">
      <Stack gap="sm">
        <DraftNotice restoredAt={draft.restoredAt} />
        <Group justify="space-between" wrap="wrap">
          <Text size="sm" c="dimmed">
            {register.expected.length} {register.expected.length === 1 ? 'man' : 'men'} expected. Mark each man&apos;s attendance, then add a line on how he took part.
          </Text>
          {canTake && (
            <Button variant="light" leftSection={<IconChecks size={18} />} onClick={() => form.setFieldValue('rows', markEveryonePresent(form.getValues().rows))} disabled={values.rows.every((r) => r.attendance)}>
              Mark everyone present
            </Button>
          )}
        </Group>
        {canTake && values.rows.some((r) => !r.attendance) && values.rows.some((r) => r.attendance) && (
          <Text size="xs" c="dimmed" ta="right" mt={-6}>
            Men you have already marked keep their mark.
          </Text>
        )}
        {orphans.length > 0 && (
          <Alert color="orange" title="Some entries are for men no longer expected">
            {orphans.map((o) => o.name ?? o.reference).join(', ')}: saving again leaves them out. Check their enrolment on the group first.
          </Alert>
        )}
        <fieldset disabled={!canTake} style={{ border: 0, padding: 0, margin: 0 }}>
          <Stack gap="sm">
            {values.rows.map((r, i) => (
              <ManRow key={r.participantId} form={form} index={i} onCatchUp={register.version > 0 ? onCatchUp : undefined} />
            ))}
          </Stack>
        </fieldset>

        <Paper withBorder radius="md" p="sm">
          <Stack gap="sm">
            <Textarea
              label="The facilitators' debrief (optional)"
              description="How the session went, group dynamics, anything to follow up next week"
              autosize
              minRows={3}
              disabled={!canTake}
              {...form.getInputProps('debrief')}
            />
            {interpreter && (
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <Checkbox mt="md" label="An interpreter was present" disabled={!canTake} {...form.getInputProps('interpreterPresent', { type: 'checkbox' })} />
                {values.interpreterPresent && <TextInput label="Interpreter's name" disabled={!canTake} {...form.getInputProps('interpreterName')} />}
              </SimpleGrid>
            )}
          </Stack>
        </Paper>

        <Paper
          withBorder
          radius="md"
          p="sm"
          style={{ position: 'sticky', bottom: 0, zIndex: 3, boxShadow: '0 -4px 8px -6px rgba(0,0,0,0.25)' }}
        >
          <Stack gap="xs">
            <FormAlert problem={problem} onReload={onReload} />
            <Group justify="space-between" wrap="nowrap">
              <Counts values={values} />
              {canTake ? (
                <Button type="submit" leftSection={<IconDeviceFloppy size={18} />} loading={save.isPending}>
                  {register.version > 0 ? 'Save changes to the register' : 'Save the register'}
                </Button>
              ) : (
                <Text size="sm" c="dimmed">
                  Your role can read the register but not change it.
                </Text>
              )}
            </Group>
          </Stack>
        </Paper>
      </Stack>
    </form>
  );
}

function History({ register, canOpen }: { register: Register; canOpen: boolean }) {
  const [open, setOpen] = useState<number | null>(null);
  if (!register.takenAt) return null;
  return (
    <Paper withBorder radius="md" p="sm" bg="gray.0">
      <Group gap="xs" align="flex-start" wrap="nowrap">
        <IconHistory size={18} aria-hidden style={{ marginTop: 2 }} />
        <Stack gap={4}>
          <Text size="sm">
            {register.history.length ? 'Last saved' : 'Taken'} by <b>{register.takenByName ?? 'a former member of staff'}</b> on {formatDateTime(register.takenAt)}.
          </Text>
          {register.history.length > 0 && (
            <>
              <Text size="sm" c="dimmed">
                Earlier versions, as they were before each change:
              </Text>
              <List size="sm" c="dimmed">
                {register.history.map((h) => (
                  <List.Item key={h.version}>
                    Version {h.version}: {h.byName ?? 'a former member of staff'}, {formatDateTime(h.at)}
                    {canOpen && (
                      <Button variant="subtle" size="compact-xs" ml="xs" onClick={() => setOpen(h.version)} aria-label={`Open version ${h.version} of the register`}>
                        Open
                      </Button>
                    )}
                  </List.Item>
                ))}
              </List>
            </>
          )}
        </Stack>
      </Group>
      {open !== null && <RegisterVersionModal sessionId={register.sessionId} version={open} onClose={() => setOpen(null)} />}
    </Paper>
  );
}

export function RegisterPanel({ session, interpreter, onCatchUp, onPlan }: { session: Session; interpreter: boolean; onCatchUp?: (participantId: string) => void; onPlan: () => void }) {
  const me = useSession();
  const today = todayInLondon();
  const future = session.date > today;
  const register = useApiQuery('registers.get', { sessionId: session.id }, { enabled: session.status !== 'cancelled' });
  const canTake = can(me.role, 'registers.take');

  if (session.status === 'cancelled') {
    return (
      <Alert color="gray" title="This session was cancelled">
        {session.cancelReason ? `Reason: ${session.cancelReason}. ` : ''}A cancelled session has no register.
      </Alert>
    );
  }
  if (future) {
    return (
      <Alert color="blue" title="This session has not happened yet">
        <Stack gap="sm" align="flex-start">
          <Text size="sm">
            The register opens on the day ({dayLongDate(session.date)}). Until then you can prepare the plan, or move or cancel the session.
          </Text>
          <Button size="xs" variant="white" onClick={onPlan}>
            Go to the session plan
          </Button>
        </Stack>
      </Alert>
    );
  }
  if (register.isPending) {
    return (
      <Center py="xl">
        <Loader aria-label="Loading the register" />
      </Center>
    );
  }
  if (register.isError) {
    return (
      <Alert color="red" role="alert" title="The register could not be loaded">
        {register.error.message}
      </Alert>
    );
  }
  const r = register.data;
  return (
    <Stack gap="sm">
      {!r.takenAt && (
        <Group gap="xs">
          <Badge color="orange" variant="light">
            Not taken yet
          </Badge>
          <Title order={2} size="h5">
            Register and session log
          </Title>
        </Group>
      )}
      <History register={r} canOpen={canTake} />
      <RegisterForm key={`${r.version}`} register={r} session={session} interpreter={interpreter} canTake={canTake} onCatchUp={onCatchUp} onReload={() => void register.refetch()} />
    </Stack>
  );
}
