/**
 * The outcome measures of one man (his own view and the facilitators' rating), or of one woman in
 * relation to one man (her answers, behind the partner wall): each point, when it falls due, what
 * was recorded, and a form to record it (or to record that the person declined or could not be reached).
 */
import { Alert, Badge, Button, Group, Modal, NumberInput, Paper, Radio, Select, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconPencilPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { todayInLondon } from '../../../shared/dates';
import {
  measureSetLabels,
  pointLabel,
  recordStatusLabels,
  recordStatuses,
  scales,
  type MeasureForm,
  type MeasureRecord,
  type MeasureSet,
  type MeasuresOverview,
  type PointState,
  type RecordStatus,
} from '../../../shared/features/outcomes';
import { useApiMutation, useApiQuery } from '../../app/api';
import { applyApiError, focusFirstError } from '../../app/form-errors';
import { formatDate } from '../../app/format';
import { notifySuccess } from '../../app/notify';
import { UkDateInput } from '../../components/uk-date-input';

interface Props {
  participantId: string;
  /** her measures, in relation to this man; null for his */
  partnerId: string | null;
  canEdit: boolean;
  /** for her record: which man this is about (his reference) */
  heading?: string;
}

export function MeasuresPanel({ participantId, partnerId, canEdit, heading }: Props) {
  const his = useApiQuery('outcomes.overview', { participantId }, { enabled: partnerId === null });
  const hers = useApiQuery('outcomes.partnerOverview', { participantId, partnerId: partnerId ?? '' }, { enabled: partnerId !== null });
  const query = partnerId ? hers : his;
  const [recording, setRecording] = useState<{ set: MeasureSet; point: PointState } | null>(null);
  const [reading, setReading] = useState<MeasureRecord | null>(null);
  const data = query.data as MeasuresOverview | undefined;
  if (query.isError) return <Alert color="red">{query.error.message}</Alert>;
  if (!data) return <Text c="dimmed">Loading the measures…</Text>;
  const sets: MeasureSet[] = partnerId ? ['partner'] : ['participant', 'rating'];
  const today = todayInLondon();

  return (
    <Paper withBorder p="md" radius="md">
      <Stack gap="sm">
        {heading && (
          <Title order={2} size="h4">
            {heading}
          </Title>
        )}
        <Text size="sm" c="dimmed">
          {partnerId
            ? 'Short questions asked with her at set points: when the service first speaks with her, the middle and end of his programme, and follow-ups after it. Her answers stay behind the partner wall; only counts of many people leave it.'
            : 'His own view and your rating of his progress, at the start, the middle and the end of his programme and at follow-ups after it.'}
        </Text>
        <Table striped withTableBorder>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Point</Table.Th>
              <Table.Th>Due</Table.Th>
              {sets.map((s) => (
                <Table.Th key={s}>{measureSetLabels[s]}</Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.points.map((p) => (
              <Table.Tr key={p.point}>
                <Table.Td>{p.label}</Table.Td>
                <Table.Td>{p.dueOn ? formatDate(p.dueOn) : <Text size="sm" c="dimmed">not yet</Text>}</Table.Td>
                {sets.map((s) => {
                  const r = p.records.find((x) => x.set === s);
                  if (r)
                    return (
                      <Table.Td key={s}>
                        <Badge variant="light" color={r.status === 'recorded' ? 'green' : 'gray'}>
                          {recordStatusLabels[r.status]}
                        </Badge>{' '}
                        <Text span size="sm">
                          on {formatDate(r.recordedOn)}
                        </Text>{' '}
                        <Button size="compact-xs" variant="subtle" onClick={() => setReading(r)} aria-label={`See what was recorded: ${p.label.toLowerCase()}, ${measureSetLabels[s].toLowerCase()}`}>
                          See
                        </Button>
                      </Table.Td>
                    );
                  const noObjectives = s === 'rating' && data.objectives.length === 0;
                  return (
                    <Table.Td key={s}>
                      {canEdit && p.dueOn && !noObjectives ? (
                        <Button size="compact-sm" variant={p.dueOn <= today ? 'filled' : 'light'} leftSection={<IconPencilPlus size={14} />} onClick={() => setRecording({ set: s, point: p })} aria-label={`Record ${p.label.toLowerCase()}: ${measureSetLabels[s].toLowerCase()}`}>
                          Record
                        </Button>
                      ) : (
                        <Text size="sm" c="dimmed">
                          {noObjectives ? 'His programme has no objectives to rate' : 'Nothing recorded'}
                        </Text>
                      )}
                    </Table.Td>
                  );
                })}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Stack>
      {reading && <AnswersModal record={reading} objectives={data.objectives} onClose={() => setReading(null)} />}
      {recording && (
        <RecordModal
          set={recording.set}
          point={recording.point}
          form={data.forms[recording.set]!}
          objectives={data.objectives}
          participantId={participantId}
          partnerId={partnerId}
          onClose={() => setRecording(null)}
        />
      )}
    </Paper>
  );
}

type Values = { status: RecordStatus; recordedOn: string; note: string; answers: Record<string, string | number | null> };

function RecordModal({ set, point, form: measure, objectives, participantId, partnerId, onClose }: { set: MeasureSet; point: PointState; form: MeasureForm; objectives: Array<{ id: string; text: string }>; participantId: string; partnerId: string | null; onClose: () => void }) {
  const route = partnerId ? 'outcomes.recordPartner' : 'outcomes.record';
  const save = useApiMutation(route, ['outcomes.', 'tasks.']);
  const [problem, setProblem] = useState<string | null>(null);
  const items = set === 'rating' ? objectives.map((o) => ({ key: o.id, label: o.text, scale: 'progress' as const, optional: true })) : measure.items;
  const form = useForm<Values>({ initialValues: { status: 'recorded', recordedOn: todayInLondon(), note: '', answers: Object.fromEntries(items.map((i) => [i.key, null])) } });
  const recorded = form.values.status === 'recorded';

  const submit = async (v: Values) => {
    setProblem(null);
    const answers = recorded ? Object.fromEntries(Object.entries(v.answers).map(([k, a]) => [k, a === null || a === '' ? null : Number(a)])) : {};
    try {
      await save.mutateAsync({ set, participantId, partnerId, point: point.point, formVersion: measure.version, status: v.status, answers, recordedOn: v.recordedOn, note: v.note });
      notifySuccess(`${point.label}: ${measureSetLabels[set].toLowerCase()} saved.`);
      onClose();
    } catch (err) {
      setProblem(applyApiError(form, err, ['status', 'recordedOn', 'note', 'answers', 'point', ...items.map((i) => `answers.${i.key}`)]));
    }
  };

  return (
    <Modal opened onClose={onClose} title={`${point.label}: ${measureSetLabels[set]}`} size="lg">
      <form onSubmit={form.onSubmit((v) => void submit(v), focusFirstError)}>
        <Stack gap="sm">
          {problem && <Alert color="red">{problem}</Alert>}
          {form.errors.point && <Alert color="red">{form.errors.point}</Alert>}
          <Radio.Group label="What happened" {...form.getInputProps('status')}>
            <Group mt={4}>
              {recordStatuses.map((s) => (
                <Radio key={s} value={s} label={s === 'recorded' ? 'Answered' : recordStatusLabels[s]} />
              ))}
            </Group>
          </Radio.Group>
          <UkDateInput label="Date" required maxDate={todayInLondon()} data-path="recordedOn" {...form.getInputProps('recordedOn')} />
          {recorded && form.errors.answers && <Alert color="red">{form.errors.answers}</Alert>}
          {recorded &&
            items.map((item) => {
              const scale: { min: number; max: number; labels?: readonly string[] } = scales[item.scale];
              const props = form.getInputProps(`answers.${item.key}`);
              const label = `${item.label}${item.optional ? ' (leave blank if it does not apply)' : ''}`;
              if (!scale.labels && scale.max > 10)
                return <NumberInput key={item.key} label={label} min={scale.min} max={scale.max} allowDecimal={false} data-path={`answers.${item.key}`} {...props} value={props.value ?? ''} onChange={(v) => form.setFieldValue(`answers.${item.key}`, v === '' ? null : v)} />;
              const data = Array.from({ length: scale.max - scale.min + 1 }, (_, i) => ({ value: String(scale.min + i), label: scale.labels ? `${scale.labels[i]}` : String(scale.min + i) }));
              return <Select key={item.key} label={label} data={data} clearable={item.optional} allowDeselect={item.optional} data-path={`answers.${item.key}`} {...props} value={props.value === null ? null : String(props.value)} />;
            })}
          <Textarea label="Note (optional)" autosize minRows={2} maxLength={2000} {...form.getInputProps('note')} />
          <Text size="xs" c="dimmed">
            Wording: version {measure.version} ({measure.source}).
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              Save
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** What was recorded at one point, read back in the wording it was asked in (its own version). */
function AnswersModal({ record, objectives, onClose }: { record: MeasureRecord; objectives: Array<{ id: string; text: string }>; onClose: () => void }) {
  const forms = useApiQuery('outcomes.forms', { set: record.set });
  const form = forms.data?.find((f) => f.version === record.formVersion);
  const items = record.set === 'rating' ? objectives.map((o) => ({ key: o.id, label: o.text, scale: 'progress' as const })) : (form?.items ?? []);
  const words = (scale: keyof typeof scales, v: number | null | undefined) => {
    if (v === null || v === undefined) return 'Not answered';
    const sc: { min: number; labels?: readonly string[] } = scales[scale];
    return sc.labels ? (sc.labels[v - sc.min] ?? String(v)) : String(v);
  };
  return (
    <Modal opened onClose={onClose} title={`${pointLabel(record.point)}: ${measureSetLabels[record.set]}`} size="lg">
      <Stack gap="sm">
        <Text size="sm">
          {recordStatusLabels[record.status]} on {formatDate(record.recordedOn)}
          {record.byName ? ` by ${record.byName}` : ''}. Wording: version {record.formVersion}.
        </Text>
        {record.status === 'recorded' && (
          <Table withTableBorder fz="sm" aria-label="Answers">
            <Table.Tbody>
              {items.map((i) => (
                <Table.Tr key={i.key}>
                  <Table.Td>{i.label}</Table.Td>
                  <Table.Td>{words(i.scale, record.answers[i.key])}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {record.note && <Text size="sm">Note: {record.note}</Text>}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Close
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
