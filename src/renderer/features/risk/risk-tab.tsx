/** His risk by structured professional judgement: the latest rating and red flags up front, the trend, and every rating. */
import {
  Alert,
  Badge,
  Button,
  Card,
  Checkbox,
  Grid,
  Group,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
  Input,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertTriangle, IconDeviceFloppy, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { todayInLondon } from '../../../shared/dates';
import {
  redFlagLabels,
  redFlags,
  riskInput,
  riskLevelLabels,
  riskLevels,
  type RedFlag,
  type RiskLevel,
} from '../../../shared/features/risk';
import { useApiMutation } from '../../app/api';
import { useSession } from '../../app/auth-context';
import { focusFirstError, validateWith } from '../../app/form-errors';
import { formatDate } from '../../app/format';
import { notifySuccess } from '../../app/notify';
import { EmptyNote } from '../../components/empty-note';
import { FormAlert, placeApiError, type FormProblem } from '../../components/form-alert';
import { StaffSelect } from '../../components/staff-select';
import { UkDateInput } from '../../components/uk-date-input';
import { RECORD_CHANGES, type RecordTabProps } from '../participants/record-tab';
import { changeText, riskColours } from './risk-labels';
import { RiskTrend } from './risk-trend';
import { CancelButton, FormModal } from '../../components/unsaved-changes';

interface Values {
  level: RiskLevel | '';
  reasons: string;
  redFlags: RedFlag[];
  assessorId: string | null;
  assessedOn: string;
  nextReviewOn: string;
}

const check = validateWith<Record<string, unknown>>(riskInput);
const fields = ['level', 'reasons', 'redFlags', 'assessorId', 'assessedOn', 'nextReviewOn'];

function RiskModal({ participantId, onClose }: { participantId: string; onClose: () => void }) {
  const session = useSession();
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const add = useApiMutation('risk.add', RECORD_CHANGES);
  const form = useForm<Values>({
    initialValues: {
      level: '',
      reasons: '',
      redFlags: [],
      assessorId: session.role === 'manager' || session.role === 'facilitator' ? session.staffId : null,
      assessedOn: todayInLondon(),
      nextReviewOn: '',
    },
    validate: (v) => check({ ...v, level: v.level || undefined, assessorId: v.assessorId ?? '', participantId }),
  });
  const submit = form.onSubmit(async (v) => {
    setProblem(null);
    try {
      await add.mutateAsync({ ...v, level: v.level as RiskLevel, assessorId: v.assessorId ?? '', participantId });
      notifySuccess('The risk rating has been added.');
      onClose();
    } catch (err) {
      setProblem(placeApiError(form, err, (p) => fields.includes(p)));
    }
  }, focusFirstError);
  const levelProps = form.getInputProps('level');
  return (
    <FormModal dirty={form.isDirty()} opened onClose={onClose} size="lg" title="Add a risk rating">
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Text size="sm" c="dimmed">
            Your structured professional judgement (for example with SARA or B-SAFER): there is no score, so give your
            reasons.
          </Text>
          <Input.Wrapper label="Risk level" error={levelProps.error} data-path="level">
            <SegmentedControl
              fullWidth
              mt={4}
              data={riskLevels.map((l) => ({ value: l, label: riskLevelLabels[l] }))}
              value={form.getValues().level}
              onChange={(v) => form.setFieldValue('level', v as RiskLevel)}
              color={form.getValues().level ? riskColours[form.getValues().level as RiskLevel] : undefined}
              aria-label="Risk level"
            />
          </Input.Wrapper>
          <Textarea
            label="Reasons"
            description="What you based the rating on"
            autosize
            minRows={3}
            key={form.key('reasons')}
            {...form.getInputProps('reasons')}
          />
          <Checkbox.Group
            label="Red flags (optional)"
            description="Tick any that are present now"
            key={form.key('redFlags')}
            {...form.getInputProps('redFlags')}
          >
            <SimpleGrid cols={2} spacing={6} mt={6}>
              {redFlags.map((f) => (
                <Checkbox key={f} value={f} label={redFlagLabels[f]} color="red" />
              ))}
            </SimpleGrid>
          </Checkbox.Group>
          <StaffSelect
            label="Assessed by"
            roles={['manager', 'facilitator']}
            key={form.key('assessorId')}
            {...form.getInputProps('assessorId')}
          />
          <SimpleGrid cols={2} spacing="sm">
            <UkDateInput
              label="Date assessed"

              key={form.key('assessedOn')}
              {...form.getInputProps('assessedOn')}
            />
            <UkDateInput
              label="Next review by"
              description="A task reminds his key worker two weeks before"
              key={form.key('nextReviewOn')}
              {...form.getInputProps('nextReviewOn')}
            />
          </SimpleGrid>
          <FormAlert problem={problem} />
          <Group justify="flex-end">
            <CancelButton onCancel={onClose} />
            <Button type="submit" leftSection={<IconDeviceFloppy size={18} />} loading={add.isPending}>
              Add rating
            </Button>
          </Group>
        </Stack>
      </form>
    </FormModal>
  );
}

export function RiskTab({ record, canEdit }: RecordTabProps) {
  const [adding, setAdding] = useState(false);
  const history = record.risk;
  const latest = history[0];
  const today = todayInLondon();
  const earlierFlags = [...new Set(history.slice(1).flatMap((r) => r.redFlags))].filter(
    (f) => !latest?.redFlags.includes(f),
  );

  return (
    <Stack gap="lg">
      <Group justify="space-between">
        <Text size="sm" c="dimmed" maw={700}>
          Rate his risk after the assessment and at each review. A rise creates an urgent task for the managers.
        </Text>
        {canEdit && (
          <Button leftSection={<IconPlus size={18} />} onClick={() => setAdding(true)}>
            Add a risk rating
          </Button>
        )}
      </Group>

      {!latest ? (
        <Card withBorder radius="md">
          <EmptyNote title="No risk rating yet" icon={<IconAlertTriangle size={24} />}>
            {canEdit
              ? 'Choose "Add a risk rating" once you have enough information, usually after the assessment meetings.'
              : 'A facilitator or manager records risk ratings.'}
          </EmptyNote>
        </Card>
      ) : (
        <>
          {latest.redFlags.length > 0 && (
            <Alert
              color="red"
              variant="filled"
              icon={<IconAlertTriangle size={22} />}
              title="Red flags at the latest rating"
              role="status"
            >
              <Group gap={6} mt={4}>
                {latest.redFlags.map((f) => (
                  <Badge key={f} color="white" c="red.9" variant="filled" size="lg">
                    {redFlagLabels[f]}
                  </Badge>
                ))}
              </Group>
            </Alert>
          )}
          <Grid gap="lg">
            <Grid.Col span={{ base: 12, md: 4 }}>
              <Card withBorder radius="md" padding="lg" h="100%">
                <Text size="sm" c="dimmed">
                  Latest rating
                </Text>
                <Group gap="xs" mt={4}>
                  <Badge
                    size="xl"
                    color={riskColours[latest.level]}
                    variant={latest.level === 'high' ? 'filled' : 'light'}
                  >
                    {riskLevelLabels[latest.level]}
                  </Badge>
                  {changeText(history, 0) && (
                    <Text size="sm" c="dimmed">
                      {changeText(history, 0)}
                    </Text>
                  )}
                </Group>
                <Text size="sm" mt="sm">
                  Assessed {formatDate(latest.assessedOn)} by {latest.assessorName ?? 'a former member of staff'}
                </Text>
                <Text
                  size="sm"
                  c={latest.nextReviewOn < today ? 'red.8' : undefined}
                  fw={latest.nextReviewOn < today ? 700 : undefined}
                >
                  Next review by {formatDate(latest.nextReviewOn)}
                  {latest.nextReviewOn < today ? ' (overdue)' : ''}
                </Text>
                {earlierFlags.length > 0 && (
                  <Text size="xs" c="dimmed" mt="sm">
                    Red flags recorded earlier: {earlierFlags.map((f) => redFlagLabels[f]).join(', ')}
                  </Text>
                )}
              </Card>
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 8 }}>
              <Card withBorder radius="md" padding="lg" h="100%" component="section" aria-label="Risk over time">
                <Title order={2} size="h5" mb="xs">
                  Risk over time
                </Title>
                <RiskTrend history={history} today={today} />
              </Card>
            </Grid.Col>
          </Grid>
          <Card withBorder radius="md" padding="lg">
            <Title order={2} size="h4" mb="sm">
              Every rating, newest first
            </Title>
            <Table.ScrollContainer minWidth={800}>
              <Table verticalSpacing="sm" aria-label="Risk ratings">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Assessed</Table.Th>
                    <Table.Th>Level</Table.Th>
                    <Table.Th>Red flags</Table.Th>
                    <Table.Th>Reasons</Table.Th>
                    <Table.Th>By</Table.Th>
                    <Table.Th>Next review</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {history.map((r, i) => (
                    <Table.Tr key={r.id}>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(r.assessedOn)}</Table.Td>
                      <Table.Td>
                        <Badge color={riskColours[r.level]} variant="light">
                          {riskLevelLabels[r.level]}
                        </Badge>
                        {changeText(history, i) && (
                          <Text size="xs" c="dimmed">
                            {changeText(history, i)}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>
                        {r.redFlags.length === 0 ? (
                          <Text size="sm" c="dimmed">
                            None
                          </Text>
                        ) : (
                          <Group gap={4}>
                            {r.redFlags.map((f) => (
                              <Badge key={f} color="red" variant="outline" size="sm">
                                {redFlagLabels[f]}
                              </Badge>
                            ))}
                          </Group>
                        )}
                      </Table.Td>
                      <Table.Td maw={360}>
                        <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                          {r.reasons}
                        </Text>
                      </Table.Td>
                      <Table.Td>{r.assessorName ?? '–'}</Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(r.nextReviewOn)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Card>
        </>
      )}
      {adding && <RiskModal participantId={record.header.id} onClose={() => setAdding(false)} />}
    </Stack>
  );
}
