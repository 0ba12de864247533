/** The first tab: all his details (edited in place), and at a glance his consent, his latest risk and what needs doing. */
import { Alert, Anchor, Badge, Button, Card, DataList, Grid, Group, Stack, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertTriangle, IconDeviceFloppy, IconPencil } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { todayInLondon } from '../../../shared/dates';
import type { ParticipantDetails } from '../../../shared/features/participants';
import { safeToContactLabels } from '../../../shared/features/participants';
import { redFlagLabels, riskLevelLabels } from '../../../shared/features/risk';
import { useApiMutation } from '../../app/api';
import { focusFirstError, validateWith } from '../../app/form-errors';
import { formatDate } from '../../app/format';
import { notifySuccess } from '../../app/notify';
import { FormAlert, placeApiError, underPrefixes, type FormProblem } from '../../components/form-alert';
import { consentAtAGlance, consentStateColours, consentStateLabels } from '../consents/consent-labels';
import { riskColours } from '../risk/risk-labels';
import { ParticipantPartnersCard } from '../partners/participant-partners-card';
import { ChildrenList } from '../safeguarding/child-flags';
import { dueText } from '../tasks/task-labels';
import { detailsFormSchema, DetailsFields } from './details-fields';
import { RECORD_CHANGES, type RecordTabProps } from './record-tab';

const none = (
  <Text span c="dimmed" size="sm">
    Not recorded
  </Text>
);

function Item({ label, children }: { label: string; children: ReactNode }) {
  const empty = children == null || children === '' || (Array.isArray(children) && children.length === 0);
  return (
    <DataList.Item>
      <DataList.ItemLabel c="dimmed">{label}</DataList.ItemLabel>
      <DataList.ItemValue style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
        {empty ? none : children}
      </DataList.ItemValue>
    </DataList.Item>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Stack gap={6}>
      <Title order={3} size="h5">
        {title}
      </Title>
      {children}
    </Stack>
  );
}

function DetailsView({ d, keyWorkerName, participantId }: { d: ParticipantDetails; keyWorkerName: string | null; participantId: string }) {
  const yesNo = (v: boolean) => (v ? 'Yes' : 'No');
  return (
    <Stack gap="lg">
      <Section title="Who he is">
        <DataList labelWidth="190px">
          <Item label="Name">
            {d.firstName} {d.lastName}
          </Item>
          <Item label="Preferred name">{d.preferredName}</Item>
          <Item label="Also known as">{d.aliases.join(', ')}</Item>
          <Item label="Date of birth">{formatDate(d.dateOfBirth)}</Item>
          {d.under18Reason && <Item label="Why accepted under 18">{d.under18Reason}</Item>}
          <Item label="Gender">{d.gender}</Item>
          <Item label="Pronouns">{d.pronouns}</Item>
          <Item label="Key worker">{keyWorkerName}</Item>
        </DataList>
      </Section>
      <Section title="Contacting him">
        {d.safeToContact === 'no' && (
          <Alert color="red" icon={<IconAlertTriangle size={18} />} p="xs">
            Do not contact him directly. {d.contactNote}
          </Alert>
        )}
        <DataList labelWidth="190px">
          <Item label="Safe to contact?">{safeToContactLabels[d.safeToContact]}</Item>
          <Item label="Contact note">{d.contactNote}</Item>
          <Item label="Phone">{d.phone}</Item>
          <Item label="Email">{d.email}</Item>
          <Item label="Address">{d.address}</Item>
        </DataList>
      </Section>
      <Section title="Language and needs">
        <DataList labelWidth="190px">
          <Item label="First language">{d.language}</Item>
          <Item label="Needs an interpreter">{yesNo(d.interpreterNeeded)}</Item>
          <Item label="High profile">{yesNo(d.highProfile)}</Item>
          <Item label="Child protection concerns">{yesNo(d.childProtection)}</Item>
        </DataList>
      </Section>
      <Section title="GP">
        <DataList labelWidth="190px">
          <Item label="GP">{[d.gpName, d.gpPractice].filter(Boolean).join(', ')}</Item>
          <Item label="GP phone">{d.gpPhone}</Item>
        </DataList>
      </Section>
      <Section title="Agencies involved">
        {d.agencies.length === 0 ? (
          <Text size="sm" c="dimmed">
            None recorded.
          </Text>
        ) : (
          <Stack gap={4}>
            {d.agencies.map((a, i) => (
              <Text size="sm" key={i}>
                <b>{a.agency}</b>
                {[a.contactName && `${a.contactName}${a.role ? ` (${a.role})` : ''}`, a.phone, a.email]
                  .filter(Boolean)
                  .map((x) => ` · ${x}`)}
              </Text>
            ))}
          </Stack>
        )}
      </Section>
      <Section title="Children">
        {d.children.length === 0 ? (
          <Text size="sm" c="dimmed">
            None recorded.
          </Text>
        ) : (
          <ChildrenList side={{ participantId }} children={d.children} />
        )}
      </Section>
      <Section title="Equality monitoring (optional)">
        <DataList labelWidth="190px">
          <Item label="Ethnicity">{d.equality.ethnicity}</Item>
          <Item label="Disability">{d.equality.disability}</Item>
          <Item label="Religion or belief">{d.equality.religion}</Item>
          <Item label="Sexual orientation">{d.equality.sexualOrientation}</Item>
        </DataList>
      </Section>
    </Stack>
  );
}

function DetailsEditor({ record, reload, onDone }: Pick<RecordTabProps, 'record' | 'reload'> & { onDone: () => void }) {
  const [version, setVersion] = useState(record.version);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const save = useApiMutation('participants.updateDetails', RECORD_CHANGES);
  const form = useForm<{ details: ParticipantDetails }>({
    initialValues: { details: record.details },
    validate: validateWith<{ details: ParticipantDetails }>(detailsFormSchema),
  });
  const submit = form.onSubmit(async (values) => {
    setProblem(null);
    try {
      await save.mutateAsync({ id: record.header.id, version, details: values.details });
      notifySuccess('His details have been saved.');
      onDone();
    } catch (err) {
      setProblem(placeApiError(form, err, underPrefixes('details')));
    }
  }, focusFirstError);
  const reloadLatest = async () => {
    const fresh = await reload();
    if (fresh.data) {
      form.setValues({ details: fresh.data.details });
      form.resetDirty({ details: fresh.data.details });
      setVersion(fresh.data.version);
    }
    form.clearErrors();
    setProblem(null);
  };
  return (
    <form onSubmit={submit} noValidate aria-label="Edit his details">
      <Stack gap="lg">
        <DetailsFields form={form} keyWorkerName={record.header.keyWorkerName} />
        <FormAlert problem={problem} onReload={() => void reloadLatest()} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" leftSection={<IconDeviceFloppy size={18} />} loading={save.isPending}>
            Save details
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function OverviewTab({ record, canEdit, reload }: RecordTabProps) {
  const [editing, setEditing] = useState(false);
  const id = record.header.id;
  const latestRisk = record.risk[0];
  const consents = consentAtAGlance(record.consents);
  const today = todayInLondon();

  return (
    <Grid gap="lg">
      <Grid.Col span={{ base: 12, lg: editing ? 12 : 8 }}>
        <Card withBorder radius="md" padding="lg">
          <Group justify="space-between" mb="md">
            <Title order={2} size="h4">
              {editing ? 'Edit his details' : 'His details'}
            </Title>
            {canEdit && !editing && (
              <Button variant="light" leftSection={<IconPencil size={18} />} onClick={() => setEditing(true)}>
                Edit details
              </Button>
            )}
          </Group>
          {editing ? (
            <DetailsEditor record={record} reload={reload} onDone={() => setEditing(false)} />
          ) : (
            <DetailsView d={record.details} keyWorkerName={record.header.keyWorkerName} participantId={record.header.id} />
          )}
        </Card>
      </Grid.Col>
      {!editing && (
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Stack gap="lg">
            <Card withBorder radius="md" padding="lg" component="section" aria-label="Consent at a glance">
              <Group justify="space-between" mb="sm">
                <Title order={2} size="h4">
                  Consent
                </Title>
                <Anchor component={Link} to={`/participants/${id}/consent`} size="sm">
                  Open consent
                </Anchor>
              </Group>
              <Stack gap={6}>
                {consents.map((c) => (
                  <Group key={`${c.recipient}:${c.label}`} justify="space-between" wrap="nowrap" gap="xs">
                    <Text size="sm" lineClamp={2}>
                      {c.label}
                    </Text>
                    {c.consent ? (
                      <Badge
                        color={consentStateColours[c.consent.state]}
                        variant="light"
                        title={`Review by ${formatDate(c.consent.reviewOn)}`}
                      >
                        {consentStateLabels[c.consent.state]}
                      </Badge>
                    ) : (
                      <Badge color="gray" variant="outline">
                        None
                      </Badge>
                    )}
                  </Group>
                ))}
              </Stack>
            </Card>

            <ParticipantPartnersCard record={record} />

            <Card withBorder radius="md" padding="lg" component="section" aria-label="Latest risk">
              <Group justify="space-between" mb="sm">
                <Title order={2} size="h4">
                  Risk
                </Title>
                <Anchor component={Link} to={`/participants/${id}/risk`} size="sm">
                  Open risk
                </Anchor>
              </Group>
              {latestRisk ? (
                <Stack gap={6}>
                  <Group gap="xs">
                    <Badge
                      color={riskColours[latestRisk.level]}
                      size="lg"
                      variant={latestRisk.level === 'high' ? 'filled' : 'light'}
                    >
                      {riskLevelLabels[latestRisk.level]} risk
                    </Badge>
                    <Text size="sm" c="dimmed">
                      on {formatDate(latestRisk.assessedOn)}
                    </Text>
                  </Group>
                  {latestRisk.redFlags.length > 0 && (
                    <Text size="sm" c="red.8" fw={600}>
                      Red flags: {latestRisk.redFlags.map((f) => redFlagLabels[f]).join(', ')}
                    </Text>
                  )}
                  <Text size="sm">Next review by {formatDate(latestRisk.nextReviewOn)}</Text>
                </Stack>
              ) : (
                <Text size="sm" c="dimmed">
                  No risk rating yet.{canEdit ? ' Add one on the Risk tab after the assessment meetings.' : ''}
                </Text>
              )}
            </Card>

            <Card withBorder radius="md" padding="lg" component="section" aria-label="Open tasks">
              <Group justify="space-between" mb="sm">
                <Title order={2} size="h4">
                  To do
                </Title>
                <Anchor component={Link} to={`/participants/${id}/tasks`} size="sm">
                  All his tasks
                </Anchor>
              </Group>
              {record.openTasks.length === 0 ? (
                <Text size="sm" c="dimmed">
                  Nothing to do for him at the moment.
                </Text>
              ) : (
                <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
                  {record.openTasks.slice(0, 5).map((t) => (
                    <li key={t.id}>
                      <Text size="sm" fw={600} style={{ overflowWrap: 'anywhere' }}>
                        {t.urgent && (
                          <Badge color="red" size="xs" mr={6}>
                            Urgent
                          </Badge>
                        )}
                        {t.title}
                      </Text>
                      <Text size="xs" c={t.overdue ? 'red.8' : 'dimmed'} fw={t.overdue ? 700 : undefined}>
                        {dueText(t.dueOn, today)} ({formatDate(t.dueOn)})
                      </Text>
                    </li>
                  ))}
                </Stack>
              )}
              {record.openTasks.length > 5 && (
                <Text size="sm" c="dimmed" mt="xs">
                  and {record.openTasks.length - 5} more
                </Text>
              )}
            </Card>
          </Stack>
        </Grid.Col>
      )}
    </Grid>
  );
}
