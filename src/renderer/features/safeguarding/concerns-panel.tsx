/**
 * Safeguarding concerns on one side of the wall: about the man (his record)
 * or about a partner (hers). Raise, record what was done, and close with an
 * outcome. An open concern flags him, her and the children for every role.
 */
import { Alert, Badge, Button, Card, Checkbox, Group, Radio, SimpleGrid, Stack, TagsInput, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconPencil, IconPlus, IconShieldCheck, IconUrgent } from '@tabler/icons-react';
import { useState } from 'react';
import { todayInLondon } from '../../../shared/dates';
import { childKey, concernKindLabels, concernKinds, concernRaiseInput, type Concern } from '../../../shared/features/safeguarding';
import { useApiMutation, useApiQuery } from '../../app/api';
import { focusFirstError, validateWith } from '../../app/form-errors';
import { formatDate, formatDateTime } from '../../app/format';
import { notifySuccess } from '../../app/notify';
import { EmptyNote } from '../../components/empty-note';
import { FormFooter, placeApiError, underPrefixes, type FormProblem } from '../../components/form-alert';
import { UkDateInput } from '../../components/uk-date-input';
import { WrittenFact } from '../../components/fact';
import { ChildFlag, useChildFlags } from './child-flags';
import { FormModal } from '../../components/unsaved-changes';

/** A concern changes the flags on his record and hers, the sharing log (a children's services referral) and tasks. */
export const SAFEGUARDING_CHANGES = ['safeguarding.', 'sharing.', 'participants.', 'partners.', 'tasks.', 'audit.'];

interface Values {
  kind: (typeof concernKinds)[number] | null;
  raisedOn: string;
  what: string;
  children: string[];
  actions: { discussedWithManager: boolean; childrensServicesReferral: boolean; childrensServicesReference: string; policeInformed: boolean; policeReference: string };
  outcome: string;
  status: 'open' | 'closed';
}

export interface Side {
  participantId?: string;
  partnerId?: string;
}

const check = validateWith<Record<string, unknown>>(concernRaiseInput);

function ConcernModal({ side, concern, suggestedChildren, closing, onClose }: { side: Side; concern: Concern | null; suggestedChildren: string[]; closing: boolean; onClose: () => void }) {
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const raise = useApiMutation('safeguarding.raise', SAFEGUARDING_CHANGES);
  const update = useApiMutation('safeguarding.update', SAFEGUARDING_CHANGES);
  const form = useForm<Values>({
    initialValues: concern
      ? { kind: concern.kind, raisedOn: concern.raisedOn, what: concern.what, children: concern.children, actions: concern.actions, outcome: concern.outcome, status: closing ? 'closed' : concern.status }
      : {
          kind: null,
          raisedOn: todayInLondon(),
          what: '',
          children: [],
          actions: { discussedWithManager: false, childrensServicesReferral: false, childrensServicesReference: '', policeInformed: false, policeReference: '' },
          outcome: '',
          status: 'open',
        },
    validate: (v) => check({ ...v, participantId: side.participantId ?? null, partnerId: side.partnerId ?? null }),
  });
  const v = form.getValues();
  const submit = form.onSubmit(async (values) => {
    setProblem(null);
    const input = { ...values, kind: values.kind! };
    try {
      if (concern) await update.mutateAsync({ ...input, id: concern.id, version: concern.version });
      else await raise.mutateAsync({ ...input, participantId: side.participantId ?? null, partnerId: side.partnerId ?? null });
      notifySuccess(
        values.status === 'closed'
          ? 'The concern has been closed.'
          : values.actions.childrensServicesReferral && !concern?.actions.childrensServicesReferral
            ? "The concern has been saved, and the referral to children's services added to the information-sharing log."
            : 'The concern has been saved.',
      );
      onClose();
    } catch (err) {
      setProblem(placeApiError(form, err, (p) => ['kind', 'raisedOn', 'what', 'outcome', 'status'].includes(p) || underPrefixes('actions', 'children')(p)));
    }
  }, focusFirstError);

  return (
    <FormModal dirty={form.isDirty()} opened onClose={onClose} size="xl" title={closing ? 'Close the concern' : concern ? 'Update the concern' : 'Raise a safeguarding concern'}>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          {!closing && (
            <>
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
                <Radio.Group label="Kind of concern" key={form.key('kind')} {...form.getInputProps('kind')}>
                  <Group gap="lg" mt={6}>
                    {concernKinds.map((k) => (
                      <Radio key={k} value={k} label={concernKindLabels[k]} />
                    ))}
                  </Group>
                </Radio.Group>
                <UkDateInput label="Date raised" maxDate={new Date()} key={form.key('raisedOn')} {...form.getInputProps('raisedOn')} />
              </SimpleGrid>
              <Textarea label="What was seen or heard" description="Facts, in the words used where you can" autosize minRows={3} key={form.key('what')} {...form.getInputProps('what')} />
              <TagsInput
                label="Children involved (optional)"
                description="Type a name and press Enter"
                data={suggestedChildren}
                key={form.key('children')}
                {...form.getInputProps('children')}
              />
              <Stack gap={6}>
                <Text size="sm" fw={500}>
                  What has been done
                </Text>
                <Checkbox label="Discussed with a manager" key={form.key('actions.discussedWithManager')} {...form.getInputProps('actions.discussedWithManager', { type: 'checkbox' })} />
                <Group align="flex-end" gap="sm">
                  <Checkbox
                    label="Referred to children's services"
                    key={form.key('actions.childrensServicesReferral')}
                    {...form.getInputProps('actions.childrensServicesReferral', { type: 'checkbox' })}
                  />
                  {v.actions.childrensServicesReferral && (
                    <TextInput size="xs" label="Their reference (optional)" key={form.key('actions.childrensServicesReference')} {...form.getInputProps('actions.childrensServicesReference')} />
                  )}
                </Group>
                <Group align="flex-end" gap="sm">
                  <Checkbox label="Police informed" key={form.key('actions.policeInformed')} {...form.getInputProps('actions.policeInformed', { type: 'checkbox' })} />
                  {v.actions.policeInformed && (
                    <TextInput size="xs" label="Police reference (optional)" key={form.key('actions.policeReference')} {...form.getInputProps('actions.policeReference')} />
                  )}
                </Group>
                {v.actions.childrensServicesReferral && !concern?.actions.childrensServicesReferral && (
                  <Text size="xs" c="dimmed">
                    The referral is added to the information-sharing log for you.
                  </Text>
                )}
              </Stack>
            </>
          )}
          <Textarea
            label={v.status === 'closed' ? 'Outcome' : 'Outcome (optional)'}
            description={v.status === 'closed' ? 'Needed to close the concern: what happened in the end' : undefined}
            autosize
            minRows={2}
            key={form.key('outcome')}
            {...form.getInputProps('outcome')}
          />
          {!closing && (
            <Radio.Group label="Status" key={form.key('status')} {...form.getInputProps('status')}>
              <Group gap="lg" mt={6}>
                <Radio value="open" label="Open" />
                <Radio value="closed" label="Closed" />
              </Group>
            </Radio.Group>
          )}
          <FormFooter
            problem={problem}
            onReload={onClose}
            onCancel={onClose}
            saving={raise.isPending || update.isPending}
            label={closing ? 'Close the concern' : concern ? 'Save changes' : 'Raise the concern'}
          />
        </Stack>
      </form>
    </FormModal>
  );
}

export function ConcernsPanel({ side, canEdit, suggestedChildren = [], whose }: { side: Side; canEdit: boolean; suggestedChildren?: string[]; whose: 'his' | 'her' }) {
  const list = useApiQuery('safeguarding.list', { ...side, status: 'all' });
  const [editing, setEditing] = useState<{ concern: Concern | null; closing: boolean } | null>(null);
  const concerns = list.data ?? [];
  // His children (or hers) named in an open concern, including one this side cannot read.
  const flagged = useChildFlags(side, suggestedChildren);
  const flaggedNames = [...new Map(suggestedChildren.filter((n) => flagged.has(childKey(n))).map((n) => [childKey(n), n])).values()];
  return (
    <Stack gap="lg">
      {flaggedNames.length > 0 && (
        <Alert color="orange" variant="light" icon={<IconUrgent size={20} aria-hidden />} title={`${flaggedNames.length === 1 ? 'A child' : 'Children'} on ${whose} record named in an open safeguarding concern`}>
          <Stack gap={6}>
            <Group gap="sm" wrap="wrap">
              {flaggedNames.map((n) => (
                <Group key={n} gap={6} wrap="nowrap">
                  <Text size="sm" fw={600} span>
                    {n}
                  </Text>
                  <ChildFlag />
                </Group>
              ))}
            </Group>
            {whose === 'his' && (
              <Text size="xs" c="dimmed">
                The concern may be one the partner service holds, which is not shown here. Speak to a manager before any contact that involves the children.
              </Text>
            )}
          </Stack>
        </Alert>
      )}
      <Group justify="space-between" align="flex-start">
        <Text size="sm" c="dimmed" maw={720}>
          A concern that a child may be at risk (child protection) or that an adult is at risk. While a concern is open, {whose === 'his' ? 'his record' : 'her record and his'}, and any
          child on them it names, show an &quot;Open safeguarding concern&quot; flag to everyone. {whose === 'his' ? "Concerns raised by the partner service are not shown here." : 'Nothing written here is shown to the programme side.'}
        </Text>
        {canEdit && (
          <Button color="orange" leftSection={<IconPlus size={18} />} onClick={() => setEditing({ concern: null, closing: false })}>
            Raise a concern
          </Button>
        )}
      </Group>
      {list.isPending ? null : list.isError ? (
        <Text c="red">The concerns could not be loaded: {list.error.message}</Text>
      ) : concerns.length === 0 ? (
        <Card withBorder radius="md" padding="lg">
          <EmptyNote title="No concerns recorded" icon={<IconShieldCheck size={24} />}>
            If you are worried a child or adult is at risk, raise a concern and speak to a manager the same day.
          </EmptyNote>
        </Card>
      ) : (
        concerns.map((c) => {
          const a = c.actions;
          const done = [
            a.discussedWithManager && 'Discussed with a manager',
            a.childrensServicesReferral && `Referred to children's services${a.childrensServicesReference ? ` (ref. ${a.childrensServicesReference})` : ''}`,
            a.policeInformed && `Police informed${a.policeReference ? ` (ref. ${a.policeReference})` : ''}`,
          ].filter(Boolean);
          return (
            <Card key={c.id} withBorder radius="md" padding="lg" style={c.status === 'open' ? { borderLeft: '4px solid var(--mantine-color-orange-6)' } : undefined}>
              <Group justify="space-between" align="flex-start" mb="xs">
                <Group gap="sm">
                  {c.status === 'open' && <IconUrgent size={20} color="var(--mantine-color-orange-7)" aria-hidden />}
                  <Title order={2} size="h4">
                    {concernKindLabels[c.kind]}, raised {formatDate(c.raisedOn)}
                  </Title>
                  <Badge color={c.status === 'open' ? 'orange' : 'gray'} variant={c.status === 'open' ? 'filled' : 'light'}>
                    {c.status === 'open' ? 'Open' : 'Closed'}
                  </Badge>
                </Group>
                {canEdit && (
                  <Group gap={4}>
                    <Button size="compact-sm" variant="light" leftSection={<IconPencil size={14} />} onClick={() => setEditing({ concern: c, closing: false })}>
                      Update
                    </Button>
                    {c.status === 'open' && (
                      <Button size="compact-sm" variant="subtle" onClick={() => setEditing({ concern: c, closing: true })}>
                        Close
                      </Button>
                    )}
                  </Group>
                )}
              </Group>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} mb="xs">
                {c.what}
              </Text>
              <SimpleGrid cols={{ base: 1, md: 3 }} spacing="sm">
                <WrittenFact
                  label="Children involved"
                  text={
                    c.children.length === 0 ? (
                      'None named'
                    ) : (
                      <Stack gap={4}>
                        {c.children.map((name, i) => (
                          <Group key={i} gap="xs" wrap="wrap">
                            <span>{name}</span>
                            {c.status === 'open' && <ChildFlag />}
                          </Group>
                        ))}
                      </Stack>
                    )
                  }
                />
                <WrittenFact label="Action taken" text={done.join('; ') || 'Nothing recorded yet'} colour={done.length ? undefined : 'orange.8'} />
                <WrittenFact label="Outcome" text={c.outcome} />
              </SimpleGrid>
              <Text size="xs" c="dimmed" mt="xs">
                Raised by {c.raisedByName ?? 'a former member of staff'} · last changed {formatDateTime(c.updatedAt)}
              </Text>
            </Card>
          );
        })
      )}
      {editing && (
        <ConcernModal side={side} concern={editing.concern} closing={editing.closing} suggestedChildren={suggestedChildren} onClose={() => setEditing(null)} />
      )}
    </Stack>
  );
}
