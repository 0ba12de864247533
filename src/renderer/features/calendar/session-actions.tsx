/** Moving one session, cancelling it, and booking a catch-up session for a man who missed it. */
import { Alert, Autocomplete, Button, Group as Row, Select, SimpleGrid, Stack, Text, Textarea } from '@mantine/core';
import { TimePicker } from '@mantine/dates';
import { useForm } from '@mantine/form';
import { modals } from '@mantine/modals';
import { IconClock } from '@tabler/icons-react';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { todayInLondon } from '../../../shared/dates';
import type { Session, Warning } from '../../../shared/features/groups';
import { useApiMutation } from '../../app/api';
import { useSession } from '../../app/auth-context';
import { focusFirstError } from '../../app/form-errors';
import { notifySuccess } from '../../app/notify';
import { FormAlert, placeApiError, type FormProblem } from '../../components/form-alert';
import { SaveWarnings } from '../../components/save-warnings';
import { StaffSelect } from '../../components/staff-select';
import { UkDateInput } from '../../components/uk-date-input';
import { useVenues } from '../groups/group-fields';
import { sessionPath } from '../groups/group-labels';
import { dayLongDate } from './calendar-helpers';
import { CancelButton, FormModal, leaveAfterSaving } from '../../components/unsaved-changes';

export const SESSION_CHANGES = ['groups.', 'sessions.', 'plans.', 'registers.', 'attendance.', 'audit.'];
const FACILITATOR_ROLES = ['facilitator', 'manager'] as const;

interface RescheduleValues {
  date: string;
  startTime: string;
  venue: string;
  facilitator1: string | null;
  facilitator2: string | null;
  reason: string;
}

function checkReschedule(v: RescheduleValues): Record<string, string> {
  const e: Record<string, string> = {};
  if (!v.date) e.date = 'Enter the new date';
  if (!/^\d{2}:\d{2}/.test(v.startTime)) e.startTime = 'Enter a time as HH:MM (24-hour)';
  if (!v.venue.trim()) e.venue = 'Enter the venue';
  if (!v.facilitator1) e.facilitator1 = 'Choose at least one facilitator';
  if (v.facilitator1 && v.facilitator1 === v.facilitator2) e.facilitator2 = 'Choose two different people';
  if (!v.reason.trim()) e.reason = 'Give the reason for the change';
  return e;
}

export function RescheduleModal({ session, onClose }: { session: Session; onClose: () => void }) {
  const reschedule = useApiMutation('sessions.reschedule', SESSION_CHANGES);
  const single = session.kind === 'one_to_one' || Boolean(session.participantId);
  const venues = useVenues();
  const [warnings, setWarnings] = useState<Warning[] | null>(null);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const form = useForm<RescheduleValues>({
    initialValues: {
      date: session.date,
      startTime: session.startTime,
      venue: session.venue,
      facilitator1: session.facilitatorIds[0] ?? null,
      facilitator2: session.facilitatorIds[1] ?? null,
      reason: '',
    },
    validate: checkReschedule,
    onValuesChange: () => setWarnings(null),
  });
  const send = async (v: RescheduleValues, confirm: boolean) => {
    setProblem(null);
    try {
      const result = await reschedule.mutateAsync({
        id: session.id,
        version: session.version,
        date: v.date,
        startTime: v.startTime.slice(0, 5),
        venue: v.venue,
        facilitatorIds: [v.facilitator1, single ? null : v.facilitator2].filter((x): x is string => Boolean(x)),
        reason: v.reason,
        confirm,
      });
      if (!result.saved) {
        setWarnings(result.warnings);
        return;
      }
      notifySuccess(`Session ${session.number} is now on ${dayLongDate(result.session.date)} at ${result.session.startTime}.`);
      onClose();
    } catch (err) {
      setProblem(placeApiError(form, err, (p) => ['date', 'startTime', 'venue', 'reason'].includes(p)));
    }
  };
  return (
    <FormModal dirty={form.isDirty()} opened onClose={onClose} title={`Reschedule session ${session.number} of ${session.groupName}`} size="lg">
      <form onSubmit={form.onSubmit((v) => send(v, false), focusFirstError)} noValidate>
        <Stack gap="md">
          <SimpleGrid cols={2}>
            <UkDateInput label="New date" data-autofocus {...form.getInputProps('date')} />
            <TimePicker label="Start time" hoursInputLabel="Start time, hours" minutesInputLabel="Start time, minutes" leftSection={<IconClock size={16} aria-hidden />} {...form.getInputProps('startTime')} />
          </SimpleGrid>
          <Autocomplete label="Venue" data={venues} {...form.getInputProps('venue')} />
          <SimpleGrid cols={2}>
            <StaffSelect label="Facilitator" roles={FACILITATOR_ROLES} currentName={session.facilitatorNames[0]} {...form.getInputProps('facilitator1')} />
            {/* One-to-one work and a catch-up are one man with one facilitator. */}
            {!single && <StaffSelect label="Second facilitator (optional)" roles={FACILITATOR_ROLES} clearable currentName={session.facilitatorNames[1]} {...form.getInputProps('facilitator2')} />}
          </SimpleGrid>
          <Textarea label="Reason for the change" description="Kept with the session and shown on its page, for example: room double-booked" autosize minRows={2} {...form.getInputProps('reason')} />
          <Text size="sm" c="dimmed">
            Only this session moves. The men are not told by the program: let them know, and the partner support worker if it matters for her safety planning.
          </Text>
          {warnings && <SaveWarnings warnings={warnings} confirming={reschedule.isPending} onConfirm={() => void send(form.getValues(), true)} onCancel={() => setWarnings(null)} />}
          <FormAlert problem={problem} />
          {!warnings && (
            <Row justify="flex-end">
              <CancelButton onCancel={onClose} />
              <Button type="submit" loading={reschedule.isPending}>
                Move the session
              </Button>
            </Row>
          )}
        </Stack>
      </form>
    </FormModal>
  );
}

export function CancelSessionModal({ session, onClose }: { session: Session; onClose: () => void }) {
  const cancel = useApiMutation('sessions.cancel', SESSION_CHANGES);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const save = async () => {
    try {
      await cancel.mutateAsync({ id: session.id, version: session.version, reason: reason.trim() });
      notifySuccess(`Session ${session.number} of ${session.groupName} on ${dayLongDate(session.date)} is cancelled.`);
      onClose();
    } catch (err) {
      setProblem(placeApiError({ setErrors: (e) => setError(String(e.reason ?? '')) }, err, (p) => p === 'reason'));
    }
  };
  const confirm = () => {
    if (!reason.trim()) {
      setError('Give the reason for cancelling');
      return;
    }
    modals.openConfirmModal({
      title: 'Cancel this session?',
      children: (
        <Text size="sm">
          Session {session.number} on {dayLongDate(session.date)} will be marked cancelled and will have no register. This cannot be undone; the
          theme is not moved to another week.
        </Text>
      ),
      labels: { confirm: 'Yes, cancel the session', cancel: 'Go back' },
      confirmProps: { color: 'red' },
      onConfirm: () => void save(),
    });
  };
  return (
    <FormModal dirty={reason.trim() !== ''} opened onClose={onClose} title={`Cancel session ${session.number} of ${session.groupName}`} size="lg">
      <Stack gap="md">
        <Textarea
          label="Reason for cancelling"
          description="For example: both facilitators ill; venue closed"
          autosize
          minRows={2}
          value={reason}
          onChange={(e) => {
            setReason(e.currentTarget.value);
            setError(null);
          }}
          error={error}
          data-autofocus
        />
        <Alert color="orange">
          <Text size="sm">Tell the men, and the partner support worker: a cancelled session changes when he is out of the house.</Text>
        </Alert>
        <FormAlert problem={problem} />
        <Row justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Keep the session
          </Button>
          <Button color="red" onClick={confirm} loading={cancel.isPending}>
            Cancel the session
          </Button>
        </Row>
      </Stack>
    </FormModal>
  );
}

interface CatchUpValues {
  participantId: string | null;
  date: string;
  startTime: string;
  venue: string;
  facilitatorId: string | null;
}

export function CatchUpModal({
  session,
  men,
  suggested,
  onClose,
}: {
  session: Session;
  /** the men expected at the missed session */
  men: Array<{ participantId: string; label: string }>;
  suggested: string | null;
  onClose: () => void;
}) {
  const me = useSession();
  const navigate = useNavigate();
  const book = useApiMutation('sessions.catchUp', SESSION_CHANGES);
  const venues = useVenues();
  const [warnings, setWarnings] = useState<Warning[] | null>(null);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const form = useForm<CatchUpValues>({
    initialValues: {
      participantId: suggested,
      date: '',
      startTime: '10:00',
      venue: session.venue,
      facilitatorId: session.facilitatorIds.includes(me.staffId) ? me.staffId : (session.facilitatorIds[0] ?? null),
    },
    validate: (v) => {
      const e: Record<string, string> = {};
      if (!v.participantId) e.participantId = 'Choose the man';
      if (!v.date) e.date = 'Enter the date';
      if (!/^\d{2}:\d{2}/.test(v.startTime)) e.startTime = 'Enter a time as HH:MM (24-hour)';
      if (!v.venue.trim()) e.venue = 'Enter the venue';
      if (!v.facilitatorId) e.facilitatorId = 'Choose the facilitator';
      return e;
    },
    onValuesChange: () => setWarnings(null),
  });
  const send = async (v: CatchUpValues, confirm: boolean) => {
    setProblem(null);
    try {
      const result = await book.mutateAsync({
        missedSessionId: session.catchUpForSessionId ?? session.id,
        participantId: v.participantId!,
        date: v.date,
        startTime: v.startTime.slice(0, 5),
        venue: v.venue,
        facilitatorId: v.facilitatorId!,
        confirm,
      });
      if (!result.saved) {
        setWarnings(result.warnings);
        return;
      }
      notifySuccess(`Catch-up booked for ${dayLongDate(result.session.date)} at ${result.session.startTime}.`);
      onClose();
      leaveAfterSaving(() => navigate(sessionPath(result.session, 'plan')));
    } catch (err) {
      setProblem(placeApiError(form, err, (p) => ['participantId', 'date', 'startTime', 'venue', 'facilitatorId'].includes(p)));
    }
  };
  return (
    <FormModal dirty={form.isDirty()} opened onClose={onClose} title={`Book a catch-up for session ${session.number}${session.themeName ? ` (${session.themeName})` : ''}`} size="lg">
      <form onSubmit={form.onSubmit((v) => send(v, false), focusFirstError)} noValidate>
        <Stack gap="md">
          <Text size="sm">A one-to-one session on the same theme for a man who missed it. It has its own plan and register.</Text>
          <Select label="For" placeholder="Choose the man" data={men.map((m) => ({ value: m.participantId, label: m.label }))} data-autofocus {...form.getInputProps('participantId')} />
          <SimpleGrid cols={2}>
            <UkDateInput label="Date" minDate={todayInLondon()} {...form.getInputProps('date')} />
            <TimePicker label="Start time" hoursInputLabel="Start time, hours" minutesInputLabel="Start time, minutes" leftSection={<IconClock size={16} aria-hidden />} {...form.getInputProps('startTime')} />
          </SimpleGrid>
          <Autocomplete label="Venue" data={venues} {...form.getInputProps('venue')} />
          <StaffSelect label="Facilitator" roles={FACILITATOR_ROLES} {...form.getInputProps('facilitatorId')} />
          {warnings && <SaveWarnings warnings={warnings} confirming={book.isPending} onConfirm={() => void send(form.getValues(), true)} onCancel={() => setWarnings(null)} />}
          <FormAlert problem={problem} />
          {!warnings && (
            <Row justify="flex-end">
              <CancelButton onCancel={onClose} />
              <Button type="submit" loading={book.isPending}>
                Book the catch-up
              </Button>
            </Row>
          )}
        </Stack>
      </form>
    </FormModal>
  );
}
