/** Her details (read, then edit in place) and the men she is linked to. */
import { Anchor, Button, Card, DataList, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconLink, IconPencil } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { z } from 'zod';
import { partnerDetailsSchema, partnerLinkInput, relationshipLabels, type PartnerLink } from '../../../shared/features/partners';
import { useApiMutation } from '../../app/api';
import { focusFirstError, validateWith } from '../../app/form-errors';
import { formatDate } from '../../app/format';
import { notifySuccess } from '../../app/notify';
import { FormFooter, placeApiError, underPrefixes, type FormProblem } from '../../components/form-alert';
import { useStaffDirectory } from '../../components/staff-select';
import { PartnerChildren } from '../safeguarding/child-flags';
import { EditLinkModal } from './edit-link-modal';
import { LinkFields } from './link-fields';
import { emptyLink, PartnerFields, type PartnerFormValues } from './partner-fields';
import { messageAllowedLabels, PARTNER_CHANGES } from './partner-labels';
import type { PartnerTabProps } from './partner-tab';
import { FormModal } from '../../components/unsaved-changes';

const checkDetails = validateWith<Record<string, unknown>>(z.object({ details: partnerDetailsSchema }));
const checkLink = validateWith<Record<string, unknown>>(partnerLinkInput);

function Item({ label, children }: { label: string; children: ReactNode }) {
  const empty = children == null || children === '';
  return (
    <DataList.Item>
      <DataList.ItemLabel c="dimmed">{label}</DataList.ItemLabel>
      <DataList.ItemValue style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
        {empty ? (
          <Text span c="dimmed" size="sm">
            Not recorded
          </Text>
        ) : (
          children
        )}
      </DataList.ItemValue>
    </DataList.Item>
  );
}

function LinkModal({ partnerId, onClose }: { partnerId: string; onClose: () => void }) {
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const link = useApiMutation('partners.link', PARTNER_CHANGES);
  const form = useForm<PartnerFormValues>({
    initialValues: { details: null as never, link: emptyLink },
    validate: (v) => checkLink({ partnerId, link: v.link }),
  });
  const submit = form.onSubmit(async (values) => {
    setProblem(null);
    try {
      await link.mutateAsync({ partnerId, link: { ...values.link, participantId: values.link.participantId ?? '', relationship: values.link.relationship ?? 'current' } });
      notifySuccess('She is now linked to him. Alerts about him will come to her worker.');
      onClose();
    } catch (err) {
      setProblem(placeApiError(form, err, underPrefixes('link')));
    }
  }, focusFirstError);
  return (
    <FormModal dirty={form.isDirty()} opened onClose={onClose} size="lg" title="Link her to another man">
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <LinkFields form={form} />
          <FormFooter problem={problem} onReload={onClose} onCancel={onClose} saving={link.isPending} label="Link" />
        </Stack>
      </form>
    </FormModal>
  );
}

export function DetailsTab({ record, canEdit, reload }: PartnerTabProps) {
  const [editing, setEditing] = useState(false);
  const [linking, setLinking] = useState(false);
  const [changing, setChanging] = useState<PartnerLink | null>(null);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const update = useApiMutation('partners.update', PARTNER_CHANGES);
  const directory = useStaffDirectory();
  const d = record.details;
  const workerName = d.workerId ? (directory.data?.find((s) => s.id === d.workerId)?.fullName ?? null) : null;
  const form = useForm<PartnerFormValues>({
    initialValues: { details: d, link: emptyLink },
    validate: (v) => checkDetails({ details: v.details }),
  });
  const submit = form.onSubmit(async (values) => {
    setProblem(null);
    try {
      await update.mutateAsync({ id: record.id, version: record.version, details: values.details });
      notifySuccess('Her details have been saved.');
      setEditing(false);
    } catch (err) {
      setProblem(placeApiError(form, err, underPrefixes('details')));
    }
  }, focusFirstError);

  return (
    <Stack gap="lg">
      <Card withBorder radius="md" padding="lg">
        <Group justify="space-between" mb="sm">
          <Title order={2} size="h4">
            Her details
          </Title>
          {canEdit && !editing && (
            <Button
              variant="light"
              leftSection={<IconPencil size={18} />}
              onClick={() => {
                form.setValues({ details: record.details, link: emptyLink });
                setEditing(true);
              }}
            >
              Edit her details
            </Button>
          )}
        </Group>
        {editing ? (
          <form onSubmit={submit} noValidate>
            <Stack gap="lg">
              <PartnerFields form={form} workerName={workerName} />
              <FormFooter
                problem={problem}
                onReload={() =>
                  void reload().then(() => {
                    setProblem(null);
                    setEditing(false);
                  })
                }
                onCancel={() => setEditing(false)}
                saving={update.isPending}
                label="Save her details"
              />
            </Stack>
          </form>
        ) : (
          <DataList labelWidth="200px">
            <Item label="Name">
              {d.firstName} {d.lastName}
            </Item>
            <Item label="Date of birth">{formatDate(d.dateOfBirth)}</Item>
            <Item label="Her worker">{workerName}</Item>
            <Item label="Phone">{d.phone}</Item>
            <Item label="Email">{d.email}</Item>
            <Item label="Address">{d.address}</Item>
            <Item label="Safe number">{d.safeContact.safeNumber}</Item>
            <Item label="Safe times">{d.safeContact.safeTimes}</Item>
            <Item label="Leave a message?">{messageAllowedLabels[d.safeContact.messageAllowed]}</Item>
            <Item label="Name to give">{d.safeContact.nameToGive}</Item>
            <Item label="Code word">{d.safeContact.codeWord}</Item>
            <Item label="Other instructions">{d.safeContact.notes}</Item>
            <Item label="First language">
              {d.language}
              {d.interpreterNeeded ? ' (needs an interpreter)' : ''}
            </Item>
            <Item label="Children">
              {d.children.length ? <PartnerChildren partnerId={record.id} children={d.children} /> : ''}
            </Item>
            <Item label="Consent to the service">{d.consentToService ? 'Yes' : 'No'}</Item>
            <Item label="Consent to sharing">{d.consentToSharing ? 'Yes' : 'No'}</Item>
            <Item label="Consent notes">{d.consentNotes}</Item>
          </DataList>
        )}
      </Card>
      <Card withBorder radius="md" padding="lg">
        <Group justify="space-between" mb="sm">
          <Title order={2} size="h4">
            The men she is linked to
          </Title>
          {canEdit && (
            <Button variant="light" leftSection={<IconLink size={18} />} onClick={() => setLinking(true)}>
              Link another man
            </Button>
          )}
        </Group>
        <Table aria-label="Linked men">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>Relationship</Table.Th>
              <Table.Th>From</Table.Th>
              <Table.Th>Separated on</Table.Th>
              {canEdit && <Table.Th />}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {record.links.map((l) => (
              <Table.Tr key={l.id}>
                <Table.Td>
                  {l.participantName ? (
                    <Anchor component={Link} to={`/participants/${l.participantId}`} size="sm">
                      {l.participantName}
                    </Anchor>
                  ) : (
                    <Text size="sm">Restricted record</Text>
                  )}
                  <Text size="xs" c="dimmed">
                    {l.participantReference}
                  </Text>
                </Table.Td>
                <Table.Td>{relationshipLabels[l.relationship]}</Table.Td>
                <Table.Td>{formatDate(l.from) || '–'}</Table.Td>
                <Table.Td>{formatDate(l.to) || '–'}</Table.Td>
                {canEdit && (
                  <Table.Td>
                    <Button size="compact-sm" variant="subtle" leftSection={<IconPencil size={14} />} onClick={() => setChanging(l)}>
                      Change or end
                    </Button>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Card>
      {linking && <LinkModal partnerId={record.id} onClose={() => setLinking(false)} />}
      {changing && <EditLinkModal partnerId={record.id} link={changing} onClose={() => setChanging(null)} />}
    </Stack>
  );
}
