/**
 * The information-sharing log for one side of the wall: every disclosure, to
 * whom, when, why, and its lawful basis (the consent that covers it, or a
 * manager's decision to share without consent, with the reason).
 */
import { Alert, Button, Card, Group, Radio, Select, SimpleGrid, Stack, Table, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconFileExport, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { todayInLondon } from '../../../shared/dates';
import { sharingRecordInput } from '../../../shared/features/safeguarding';
import { can } from '../../../shared/permissions';
import { useApiMutation, useApiQuery } from '../../app/api';
import { useSession } from '../../app/auth-context';
import { focusFirstError, validateWith } from '../../app/form-errors';
import { formatDate } from '../../app/format';
import { notifySuccess } from '../../app/notify';
import { EmptyNote } from '../../components/empty-note';
import { FormFooter, placeApiError, type FormProblem } from '../../components/form-alert';
import { UkDateInput } from '../../components/uk-date-input';
import type { Side } from './concerns-panel';
import { plainWhy, SharingBasisCell, SharingRecipientCell } from './sharing-cells';
import { FormModal } from '../../components/unsaved-changes';

export interface ConsentChoice {
  id: string;
  label: string;
}

interface Values {
  what: string;
  agency: string;
  person: string;
  sharedOn: string;
  why: string;
  basis: 'consent' | 'without_consent' | null;
  consentId: string | null;
  decisionReason: string;
}

const check = validateWith<Record<string, unknown>>(sharingRecordInput);
const fields = ['what', 'agency', 'person', 'sharedOn', 'why', 'basis', 'consentId', 'decisionReason'];

function RecordModal({ side, consents, partnerConsented, onClose }: { side: Side; consents: ConsentChoice[] | null; partnerConsented: boolean; onClose: () => void }) {
  const session = useSession();
  const manager = can(session.role, 'sharing.withoutConsent');
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const record = useApiMutation('sharing.record', ['sharing.', 'audit.']);
  const consentPossible = consents ? consents.length > 0 : partnerConsented;
  const form = useForm<Values>({
    initialValues: { what: '', agency: '', person: '', sharedOn: todayInLondon(), why: '', basis: consentPossible ? 'consent' : manager ? 'without_consent' : null, consentId: null, decisionReason: '' },
    validate: (v) => {
      const errors = check({ ...v, participantId: side.participantId ?? null, partnerId: side.partnerId ?? null });
      if (!v.basis) errors.basis = 'Choose the lawful basis';
      return errors;
    },
  });
  const v = form.getValues();
  const submit = form.onSubmit(async (values) => {
    setProblem(null);
    try {
      await record.mutateAsync({ ...values, basis: values.basis!, participantId: side.participantId ?? null, partnerId: side.partnerId ?? null });
      notifySuccess('The disclosure has been recorded.');
      onClose();
    } catch (err) {
      setProblem(placeApiError(form, err, (p) => fields.includes(p)));
    }
  }, focusFirstError);

  const cannot = !consentPossible && !manager;
  return (
    <FormModal dirty={form.isDirty()} opened onClose={onClose} size="xl" title="Record information shared">
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Textarea label="What was shared" autosize minRows={2} key={form.key('what')} {...form.getInputProps('what')} />
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
            <TextInput label="Agency" description="For example: Probation, Police" key={form.key('agency')} {...form.getInputProps('agency')} />
            <TextInput label="Named person (optional)" key={form.key('person')} {...form.getInputProps('person')} />
            <UkDateInput label="Date shared" maxDate={new Date()} key={form.key('sharedOn')} {...form.getInputProps('sharedOn')} />
          </SimpleGrid>
          <Textarea label="Why it was shared" autosize minRows={2} key={form.key('why')} {...form.getInputProps('why')} />
          <Radio.Group label="Lawful basis" key={form.key('basis')} {...form.getInputProps('basis')}>
            <Stack gap={6} mt={6}>
              <Radio
                value="consent"
                disabled={!consentPossible}
                label={consents ? 'A consent he has given covers it' : 'She agreed to this sharing'}
                description={!consentPossible ? (consents ? 'He has no current consent on record.' : 'She has not agreed to sharing (see her details).') : undefined}
              />
              <Radio
                value="without_consent"
                disabled={!manager}
                label="Shared without consent, by a manager's decision"
                description={manager ? 'Only where the risk of serious harm justifies it. Record your reason.' : 'Only a manager can record this. Speak to a manager.'}
              />
            </Stack>
          </Radio.Group>
          {v.basis === 'consent' && consents && (
            <Select
              label="The consent that covers it"
              placeholder="Choose his consent"
              data={consents.map((c) => ({ value: c.id, label: c.label }))}
              key={form.key('consentId')}
              {...form.getInputProps('consentId')}
            />
          )}
          {v.basis === 'without_consent' && manager && (
            <Textarea label="Your reason for sharing without consent" autosize minRows={2} key={form.key('decisionReason')} {...form.getInputProps('decisionReason')} />
          )}
          {cannot && (
            <Alert color="orange" p="sm">
              There is no consent to rely on, so only a manager can record this disclosure. Ask a manager before anything is shared.
            </Alert>
          )}
          <FormFooter problem={problem} onReload={onClose} onCancel={onClose} saving={record.isPending} label="Record the disclosure" />
        </Stack>
      </form>
    </FormModal>
  );
}

export function SharingPanel({ side, consents, partnerConsented = false, canEdit }: { side: Side; consents: ConsentChoice[] | null; partnerConsented?: boolean; canEdit: boolean }) {
  const list = useApiQuery('sharing.list', side);
  const [adding, setAdding] = useState(false);
  const consentName = new Map((consents ?? []).map((c) => [c.id, c.label]));
  const entries = list.data ?? [];
  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-start">
        <Text size="sm" c="dimmed" maw={720}>
          Every time information about {consents ? 'him' : 'her'} is shared with another agency, record it here with the lawful basis. Referrals to
          children&apos;s services are added automatically.
        </Text>
        {canEdit && (
          <Button leftSection={<IconPlus size={18} />} onClick={() => setAdding(true)}>
            Record information shared
          </Button>
        )}
      </Group>
      <Card withBorder radius="md" padding="lg">
        {list.isPending ? null : list.isError ? (
          <Text c="red">The log could not be loaded: {list.error.message}</Text>
        ) : entries.length === 0 ? (
          <EmptyNote title="Nothing shared yet" icon={<IconFileExport size={24} />}>
            Record each disclosure when you make it.
          </EmptyNote>
        ) : (
          <Table.ScrollContainer minWidth={900}>
            <Table verticalSpacing="sm" aria-label="Information shared">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={110}>Date</Table.Th>
                  <Table.Th>What</Table.Th>
                  <Table.Th>To</Table.Th>
                  <Table.Th>Why</Table.Th>
                  <Table.Th>Lawful basis</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {entries.map((e) => (
                  <Table.Tr key={e.id}>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      {formatDate(e.sharedOn)}
                      <Text size="xs" c="dimmed">
                        {e.automatic ? 'Added by the program' : (e.recordedByName ?? '')}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                        {e.what}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <SharingRecipientCell e={e} />
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" style={{ overflowWrap: 'anywhere' }}>{plainWhy(e.why)}</Text>
                    </Table.Td>
                    <Table.Td>
                      <SharingBasisCell e={e} consentText={e.consentId ? (consentName.get(e.consentId) ?? null) : null} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Card>
      {adding && <RecordModal side={side} consents={consents} partnerConsented={partnerConsented} onClose={() => setAdding(false)} />}
    </Stack>
  );
}
