/** Moving a man to another group, and recording that he has left a group. */
import { Alert, Button, Group as Row, Select, Stack, Text, Textarea } from '@mantine/core';
import { modals } from '@mantine/modals';
import { useState } from 'react';
import { todayInLondon } from '../../../shared/dates';
import type { Enrolment, Group, Warning } from '../../../shared/features/groups';
import { useApiMutation, useApiQuery } from '../../app/api';
import { apiErrorOf } from '../../app/form-errors';
import { formatDate } from '../../app/format';
import { notifySuccess } from '../../app/notify';
import { SaveWarnings } from '../../components/save-warnings';
import { UkDateInput } from '../../components/uk-date-input';
import { ENROL_CHANGES } from './enrol-modal';
import { dayTimeText } from './group-labels';
import { CancelButton, FormModal } from '../../components/unsaved-changes';

const who = (e: Enrolment) => e.participantName ?? `the man with reference ${e.reference}`;

export function MoveModal({ enrolment, from, onClose }: { enrolment: Enrolment; from: Group; onClose: () => void }) {
  const groups = useApiQuery('groups.list', {});
  const move = useApiMutation('enrolments.move', ENROL_CHANGES);
  const [toGroupId, setTo] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<{ toGroupId?: string; reason?: string }>({});
  const [warnings, setWarnings] = useState<Warning[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const options = (groups.data ?? [])
    .filter((g) => g.id !== from.id && g.kind !== 'one_to_one' && g.status !== 'finished')
    .map((g) => ({ value: g.id, label: `${g.name} (${dayTimeText(g.weekday, g.startTime)}, ${g.enrolled} of ${g.capacity} places taken)` }));

  const send = async (confirm: boolean) => {
    setProblem(null);
    const e: typeof errors = {};
    if (!toGroupId) e.toGroupId = 'Choose the group he moves to';
    if (!reason.trim()) e.reason = 'Give the reason';
    setErrors(e);
    if (Object.keys(e).length) return;
    try {
      const result = await move.mutateAsync({ enrolmentId: enrolment.id, toGroupId: toGroupId!, reason: reason.trim(), confirm });
      if (!result.saved) {
        setWarnings(result.warnings);
        return;
      }
      const to = result.enrolments[0];
      notifySuccess(`${enrolment.participantName ?? enrolment.reference} moved to ${to?.groupName ?? 'the other group'}${to?.firstSessionNumber ? `, starting at session ${to.firstSessionNumber}` : ''}.`);
      onClose();
    } catch (err) {
      const error = apiErrorOf(err);
      setErrors({ toGroupId: error.fields?.toGroupId, reason: error.fields?.reason });
      setProblem(error.message);
    }
  };

  return (
    <FormModal dirty={reason.trim() !== '' || toGroupId !== null} opened onClose={onClose} title={`Move ${who(enrolment)} to another group`} size="lg">
      <Stack gap="md">
        <Select
          label="Move him to"
          placeholder={options.length ? 'Choose a group' : 'No other group is running'}
          data={options}
          value={toGroupId}
          onChange={(v) => {
            setTo(v);
            setWarnings(null);
          }}
          error={errors.toGroupId}
          data-autofocus
        />
        <Textarea label="Reason" autosize minRows={2} value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={errors.reason} />
        <Text size="sm" c="dimmed">
          His place on {from.name} ends today; his attendance so far stays on his record.
        </Text>
        {warnings && <SaveWarnings warnings={warnings} confirmLabel="Move him anyway" confirming={move.isPending} onConfirm={() => void send(true)} onCancel={() => setWarnings(null)} />}
        {problem && (
          <Alert color="red" role="alert">
            {problem}
          </Alert>
        )}
        {!warnings && (
          <Row justify="flex-end">
            <CancelButton onCancel={onClose} />
            <Button onClick={() => void send(false)} loading={move.isPending}>
              Move him
            </Button>
          </Row>
        )}
      </Stack>
    </FormModal>
  );
}

export function LeaveModal({ enrolment, group, onClose }: { enrolment: Enrolment; group: Group; onClose: () => void }) {
  const leave = useApiMutation('enrolments.leave', ENROL_CHANGES);
  const [reason, setReason] = useState('');
  const [leftOn, setLeftOn] = useState(todayInLondon());
  const [errors, setErrors] = useState<{ reason?: string; leftOn?: string }>({});
  const [problem, setProblem] = useState<string | null>(null);

  const save = async () => {
    setProblem(null);
    try {
      await leave.mutateAsync({ enrolmentId: enrolment.id, reason: reason.trim(), leftOn });
      notifySuccess(`${enrolment.participantName ?? enrolment.reference} has left ${group.name}.`);
      onClose();
    } catch (err) {
      const error = apiErrorOf(err);
      setErrors({ reason: error.fields?.reason, leftOn: error.fields?.leftOn });
      setProblem(error.message);
    }
  };

  const confirm = () => {
    const e: typeof errors = {};
    if (!reason.trim()) e.reason = 'Give the reason he left';
    if (!leftOn) e.leftOn = 'Enter the date he left';
    setErrors(e);
    if (Object.keys(e).length) return;
    modals.openConfirmModal({
      title: `${who(enrolment)} leaves ${group.name}?`,
      children: (
        <Text size="sm">
          He will no longer be expected at sessions after {formatDate(leftOn)}. This cannot be undone here: to bring him back, enrol him again.
        </Text>
      ),
      labels: { confirm: 'Yes, he has left the group', cancel: 'Go back' },
      confirmProps: { color: 'red' },
      onConfirm: () => void save(),
    });
  };

  return (
    <FormModal dirty={reason.trim() !== ''} opened onClose={onClose} title={`${who(enrolment)} leaves ${group.name}`} size="lg">
      <Stack gap="md">
        <UkDateInput label="Date he left" value={leftOn} onChange={setLeftOn} error={errors.leftOn} maxDate={new Date()} />
        <Textarea label="Reason" description="For example: moved away, found work on that evening, deselected for non-attendance" autosize minRows={2} value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={errors.reason} data-autofocus />
        <Alert color="orange" title="If he is leaving the programme">
          <Text size="sm">
            Also change his status on his record (Status tab, &quot;Exited&quot;). Every exit must be told to the partner support worker at once, because
            the risk to his partner can rise.
          </Text>
        </Alert>
        {problem && (
          <Alert color="red" role="alert">
            {problem}
          </Alert>
        )}
        <Row justify="flex-end">
          <CancelButton onCancel={onClose} />
          <Button color="red" onClick={confirm} loading={leave.isPending}>
            Record that he left
          </Button>
        </Row>
      </Stack>
    </FormModal>
  );
}
