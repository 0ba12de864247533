/** Every attempt to reach her and every conversation: when, how, what happened, notes, and when to try next. */
import { Alert, Badge, Button, Card, Group, Select, SimpleGrid, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { TimeInput } from '@mantine/dates';
import { useForm } from '@mantine/form';
import { IconBell, IconPhonePlus } from '@tabler/icons-react';
import dayjs from 'dayjs';
import { useState } from 'react';
import { addDays, todayInLondon } from '../../../shared/dates';
import { contactLogInput, contactMethods, contactOutcomeLabels, contactOutcomes, type PartnerRecord } from '../../../shared/features/partners';
import { can } from '../../../shared/permissions';
import { useApiMutation } from '../../app/api';
import { useSession } from '../../app/auth-context';
import { focusFirstError, validateWith } from '../../app/form-errors';
import { formatDate, formatDateTime, UK_ZONE } from '../../app/format';
import { notifySuccess } from '../../app/notify';
import { EmptyNote } from '../../components/empty-note';
import { FormFooter, placeApiError, type FormProblem } from '../../components/form-alert';
import { UkDateInput } from '../../components/uk-date-input';
import { FormModal } from '../../components/unsaved-changes';
import { DraftNotice } from '../drafts/draft-notice';
import { useDraft } from '../drafts/use-draft';
import { dueText } from '../tasks/task-labels';
import { contactMethodLabels, PARTNER_CHANGES } from './partner-labels';
import type { PartnerTabProps } from './partner-tab';
import { ShareCell } from './share-contact';

interface Values {
  date: string;
  time: string;
  method: string | null;
  outcome: string | null;
  notes: string;
  nextContactDue: string;
  alertTaskId: string | null;
}

const check = validateWith<Record<string, unknown>>(contactLogInput);

/** A UK date and 24-hour time → an ISO timestamp (UTC). */
function toIso(date: string, time: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !/^\d{2}:\d{2}$/.test(time)) return '';
  return dayjs.tz(`${date} ${time}`, 'YYYY-MM-DD HH:mm', UK_ZONE).toISOString();
}

function nowInLondon(): string {
  return dayjs().tz(UK_ZONE).format('HH:mm');
}

function inputOf(partnerId: string, v: Values) {
  return {
    partnerId,
    at: toIso(v.date, v.time),
    method: v.method as (typeof contactMethods)[number],
    outcome: v.outcome as (typeof contactOutcomes)[number],
    notes: v.notes,
    nextContactDue: v.nextContactDue,
    alertTaskId: v.alertTaskId,
  };
}

const outcomeColours: Record<(typeof contactOutcomes)[number], string> = {
  spoke: 'green',
  no_answer: 'gray',
  message_left: 'blue',
  declined: 'orange',
  unsafe: 'red',
};

function LogContactModal({ record, alertTaskId, onClose }: { record: PartnerRecord; alertTaskId: string | null; onClose: () => void }) {
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const log = useApiMutation('partners.logContact', PARTNER_CHANGES);
  const form = useForm<Values>({
    initialValues: { date: todayInLondon(), time: nowInLondon(), method: 'phone', outcome: null, notes: '', nextContactDue: '', alertTaskId },
    validate: (v) => {
      const errors = check(inputOf(record.id, v));
      const out: Record<string, unknown> = { ...errors };
      if (errors.at) {
        out[v.date ? 'time' : 'date'] = v.date && !v.time ? 'Enter the time' : errors.at;
        delete out.at;
      }
      if (!v.time) out.time = 'Enter the time (24-hour clock)';
      return out as Record<string, string>;
    },
  });
  const soon = (days: number) => form.setFieldValue('nextContactDue', addDays(todayInLondon(), days));
  // Her notes are kept as a partner-side draft: only for this worker, and only while she has partner access.
  const draft = useDraft({ kind: 'contact-note', about: record.id, field: 'notes' }, form.values.notes, (text) => form.setFieldValue('notes', text));

  const submit = form.onSubmit(async (values) => {
    setProblem(null);
    try {
      await log.mutateAsync(inputOf(record.id, values));
      await draft.discard();
      notifySuccess(values.nextContactDue ? `Contact logged. The next contact is on your list for ${formatDate(values.nextContactDue)}.` : 'Contact logged.');
      onClose();
    } catch (err) {
      setProblem(placeApiError(form, err, (p) => ['method', 'outcome', 'notes', 'nextContactDue'].includes(p)));
    }
  }, focusFirstError);

  return (
    <FormModal opened onClose={onClose} dirty={form.isDirty()} what="the contact" onDiscard={() => void draft.discard()} size="xl" title="Log a contact or an attempt">
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <DraftNotice restoredAt={draft.restoredAt} />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <UkDateInput label="Date" maxDate={new Date()} key={form.key('date')} {...form.getInputProps('date')} />
            <TimeInput label="Time" description="24-hour clock, for example 14:30" key={form.key('time')} {...form.getInputProps('time')} />
            <Select
              label="How"
              data={contactMethods.map((m) => ({ value: m, label: contactMethodLabels[m] }))}
              allowDeselect={false}
              key={form.key('method')}
              {...form.getInputProps('method')}
            />
            <Select
              label="What happened"
              placeholder="Choose the outcome"
              data={contactOutcomes.map((o) => ({ value: o, label: contactOutcomeLabels[o] }))}
              key={form.key('outcome')}
              {...form.getInputProps('outcome')}
            />
          </SimpleGrid>
          {record.openAlerts.length > 0 && (
            <Select
              label="This contact is about (optional)"
              description="Choose the alert it was about. The alert is closed only if you spoke with her; any other outcome is kept as an attempt and the alert stays open."
              placeholder="Nothing in particular"
              clearable
              data={record.openAlerts.map((a) => ({ value: a.taskId, label: `${a.title} (due ${formatDate(a.dueOn)})` }))}
              key={form.key('alertTaskId')}
              {...form.getInputProps('alertTaskId')}
            />
          )}
          <Textarea
            label="Notes (optional)"
            description="What she told you, how she is, anything agreed. Never shared with the programme side."
            autosize
            minRows={4}
            key={form.key('notes')}
            {...form.getInputProps('notes')}
          />
          <Stack gap={4}>
            <UkDateInput
              label="Next contact due (optional)"
              description="A reminder goes on her worker's task list for that day"
              minDate={new Date()}
              key={form.key('nextContactDue')}
              {...form.getInputProps('nextContactDue')}
              maw={320}
            />
            <Group gap="xs">
              <Button size="compact-xs" variant="subtle" onClick={() => soon(1)}>
                Tomorrow
              </Button>
              <Button size="compact-xs" variant="subtle" onClick={() => soon(7)}>
                In a week
              </Button>
              <Button size="compact-xs" variant="subtle" onClick={() => soon(14)}>
                In two weeks
              </Button>
            </Group>
          </Stack>
          <FormFooter problem={problem} onReload={onClose} onCancel={onClose} saving={log.isPending} label="Log the contact" />
        </Stack>
      </form>
    </FormModal>
  );
}

function AnsweredAlerts({ record }: Pick<PartnerTabProps, 'record'>) {
  if (record.answeredAlerts.length === 0) return null;
  return (
    <Card withBorder radius="md" padding="md" component="section" aria-label="Alerts answered">
      <Title order={2} size="h4" mb="xs">
        Alerts answered
      </Title>
      <Table verticalSpacing={6} aria-label="Alerts answered">
        <Table.Tbody>
          {record.answeredAlerts.map((a) => (
            <Table.Tr key={a.taskId}>
              <Table.Td>
                <Text size="sm">{a.title}</Text>
                <Text size="xs" c="dimmed">
                  Raised for {formatDate(a.dueOn)}
                  {a.attempts ? ` · ${a.attempts} ${a.attempts === 1 ? 'attempt' : 'attempts'} before` : ''}
                </Text>
              </Table.Td>
              <Table.Td w={260}>
                <Text size="sm">{a.answeredAt ? `Spoke with her ${formatDateTime(a.answeredAt)}` : `Closed ${formatDateTime(a.closedAt)}`}</Text>
                {!a.answeredAt && a.closedNote && (
                  <Text size="xs" c="dimmed">
                    {a.closedNote}
                  </Text>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Card>
  );
}

export function ContactsTab({ record, canEdit }: PartnerTabProps) {
  const [logging, setLogging] = useState<{ alertTaskId: string | null } | null>(null);
  const canMark = can(useSession().role, 'partners.markSafe');
  const today = todayInLondon();
  return (
    <Stack gap="lg">
      {record.openAlerts.length > 0 && (
        <Card withBorder radius="md" padding="md" component="section" aria-label="Waiting for contact">
          <Group gap="sm" mb="xs">
            <IconBell size={20} aria-hidden />
            <Title order={2} size="h4">
              Waiting for contact with her
            </Title>
          </Group>
          <Stack gap="xs">
            {record.openAlerts.map((a) => (
              <Group key={a.taskId} justify="space-between" wrap="nowrap" p="xs" bg={a.dueOn <= today ? 'red.0' : 'gray.0'} style={{ borderRadius: 8 }}>
                <div>
                  <Text size="sm" fw={600}>
                    {a.title}
                  </Text>
                  <Text size="xs" c={a.dueOn < today ? 'red.8' : 'dimmed'}>
                    {dueText(a.dueOn, today)} ·{' '}
                    {a.attempts
                      ? `${a.attempts} ${a.attempts === 1 ? 'attempt' : 'attempts'}, the last ${formatDateTime(a.lastAttemptAt)}: not yet spoken to her`
                      : 'contact not yet made'}
                  </Text>
                </div>
                {canEdit && (
                  <Button size="compact-sm" variant="light" onClick={() => setLogging({ alertTaskId: a.taskId })}>
                    Log contact about this
                  </Button>
                )}
              </Group>
            ))}
          </Stack>
        </Card>
      )}
      <Card withBorder radius="md" padding="lg">
        <Group justify="space-between" mb="sm">
          <Title order={2} size="h4">
            Contact log
          </Title>
          {canEdit && (
            <Button leftSection={<IconPhonePlus size={18} />} onClick={() => setLogging({ alertTaskId: null })}>
              Log a contact
            </Button>
          )}
        </Group>
        {record.contacts.length === 0 ? (
          <EmptyNote title="No contact yet" icon={<IconPhonePlus size={24} />}>
            Read the safe-contact instructions above, then log every attempt, even when there is no answer.
          </EmptyNote>
        ) : (
          <Table.ScrollContainer minWidth={1000}>
            <Table verticalSpacing="sm" aria-label="Contacts">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={150}>When</Table.Th>
                  <Table.Th w={130}>How</Table.Th>
                  <Table.Th w={150}>What happened</Table.Th>
                  <Table.Th>Notes</Table.Th>
                  <Table.Th w={130}>Next contact</Table.Th>
                  <Table.Th w={200}>In his reports</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {record.contacts.map((c) => (
                  <Table.Tr key={c.id}>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      <Text size="sm">{formatDateTime(c.at)}</Text>
                      <Text size="xs" c="dimmed">
                        {c.byName ?? ''}
                      </Text>
                    </Table.Td>
                    <Table.Td>{contactMethodLabels[c.method]}</Table.Td>
                    <Table.Td>
                      <Badge color={outcomeColours[c.outcome]} variant="light">
                        {contactOutcomeLabels[c.outcome]}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      {c.alert && (
                        <Text size="xs" c="dimmed">
                          About: {c.alert.title}
                        </Text>
                      )}
                      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                        {c.notes || '–'}
                      </Text>
                    </Table.Td>
                    <Table.Td>{formatDate(c.nextContactDue) || '–'}</Table.Td>
                    <Table.Td>
                      <ShareCell partnerId={record.id} contact={c} canMark={canMark} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Card>
      <AnsweredAlerts record={record} />
      {!canEdit && (
        <Alert color="gray" p="sm">
          You can read this log but not add to it.
        </Alert>
      )}
      {logging && <LogContactModal record={record} alertTaskId={logging.alertTaskId} onClose={() => setLogging(null)} />}
    </Stack>
  );
}
