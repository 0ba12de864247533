/**
 * The risk checklist with her: 24 topics, yes / no / not known; the score is
 * the number of "yes". 14 or more is high risk and means a MARAC referral. A
 * worker may raise the level by professional judgement (with a reason), never
 * lower it. An unfinished checklist is kept, marked incomplete, with no level,
 * and the newest one can be continued: it is then saved in place.
 */
import { Alert, Badge, Button, Card, Checkbox, Collapse, Group, List, Loader, Paper, Radio, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertTriangle, IconChecklist, IconChevronDown, IconChevronUp, IconDeviceFloppy, IconLanguage, IconPlayerPlay, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { todayInLondon } from '../../../shared/dates';
import { checklistInput, type Checklist, type ChecklistForm as FormDefinition, type ChecklistForms } from '../../../shared/features/partners';
import { can } from '../../../shared/permissions';
import { useApiMutation, useApiQuery } from '../../app/api';
import { useSession } from '../../app/auth-context';
import { focusFirstError, validateWith } from '../../app/form-errors';
import { formatDate } from '../../app/format';
import { notifySuccess } from '../../app/notify';
import { EmptyNote } from '../../components/empty-note';
import { FormAlert, placeApiError, type FormProblem } from '../../components/form-alert';
import { UkDateInput } from '../../components/uk-date-input';
import { ChecklistWordingModal } from './checklist-wording-modal';
import { RiskBandBadge } from './partner-badges';
import { answerLabels, PARTNER_CHANGES } from './partner-labels';
import type { PartnerTabProps } from './partner-tab';

type Answer = 'yes' | 'no' | 'not_known';
interface Values {
  completedOn: string;
  answers: Record<string, Answer | null>;
  raiseToHigh: boolean;
  raiseReason: string;
  escalation: boolean;
  repeatReferral: boolean;
  notes: string;
}

const check = validateWith<Record<string, unknown>>(checklistInput);

/** The reasons a MARAC referral made from this checklist starts with. */
export function referralReasonsFor(c: Pick<Checklist, 'scoreLevel' | 'raisedByJudgement' | 'escalation' | 'repeatReferral'>): string[] {
  const reasons: string[] = [];
  if (c.scoreLevel === 'high') reasons.push('high_risk_score');
  if (c.raisedByJudgement) reasons.push('professional_judgement');
  if (c.escalation) reasons.push('escalation');
  if (c.repeatReferral) reasons.push('repeat');
  return reasons;
}

function MaracPrompt({ checklist, partnerId, hasOpenReferral }: { checklist: Checklist; partnerId: string; hasOpenReferral: boolean }) {
  const navigate = useNavigate();
  return (
    <Alert color="red" variant="filled" icon={<IconAlertTriangle size={24} />} title="High risk: refer to MARAC" role="alert" data-testid="marac-prompt">
      <Text size="sm" mb="sm">
        {checklist.scoreLevel === 'high'
          ? `She answered yes to ${checklist.score} of the 24 questions. At 14 or more a referral to the MARAC (the local risk conference) should be made.`
          : 'The level has been raised to high risk by professional judgement. A referral to the MARAC should be made.'}
        {hasOpenReferral && ' She already has an open MARAC referral: add this to it, or make a repeat referral.'}
      </Text>
      <Button
        variant="white"
        color="red"
        onClick={() => void navigate(`/partners/${partnerId}/marac?refer=${referralReasonsFor(checklist).join(',') || 'high_risk_score'}`)}
      >
        Make a MARAC referral
      </Button>
    </Alert>
  );
}

function ChecklistForm({
  record,
  form,
  resume,
  onDone,
}: {
  record: PartnerTabProps['record'];
  form: FormDefinition;
  /** an incomplete checklist being continued: the form starts from its answers and saving updates it */
  resume?: Checklist;
  onDone: (saved: Checklist | null) => void;
}) {
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const save = useApiMutation('partners.saveChecklist', PARTNER_CHANGES);
  const f = useForm<Values>({
    initialValues: {
      // The date it is finished, usually today; she can change it if the conversation was earlier.
      completedOn: todayInLondon(),
      answers: Object.fromEntries(form.questions.map((q) => [q.key, resume?.answers[q.key] ?? null])),
      raiseToHigh: false,
      raiseReason: resume?.raiseReason ?? '',
      escalation: resume?.escalation ?? false,
      repeatReferral: resume ? resume.repeatReferral : record.referrals.some((r) => r.kind === 'marac'),
      notes: resume?.notes ?? '',
    },
    validate: (v) => check({ ...v, partnerId: record.id, formVersion: form.version }),
  });
  const v = f.getValues();
  const answered = form.questions.filter((q) => v.answers[q.key] != null).length;
  const score = form.questions.filter((q) => v.answers[q.key] === 'yes').length;
  const complete = answered === form.questions.length;
  const high = score >= form.highRiskThreshold;

  const submit = f.onSubmit(async (values) => {
    setProblem(null);
    try {
      const saved = await save.mutateAsync({ ...values, partnerId: record.id, formVersion: form.version, id: resume?.id ?? null });
      notifySuccess(saved.complete ? `Checklist saved: score ${saved.score}.` : `Checklist saved as incomplete (${answered} of ${form.questions.length} answered).`);
      onDone(saved);
    } catch (err) {
      setProblem(placeApiError(f, err, (p) => ['completedOn', 'raiseReason', 'notes'].includes(p)));
    }
  }, focusFirstError);

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Card withBorder radius="md" padding="lg">
          <Group justify="space-between" align="flex-end" mb="sm">
            <Stack gap={2}>
              <Title order={2} size="h4">
                {resume ? 'Continue the risk checklist' : 'New risk checklist'}
              </Title>
              {resume && (
                <Text size="sm" fw={600} maw={720}>
                  Started on {formatDate(resume.completedOn)}
                  {resume.byName ? ` by ${resume.byName}` : ''}. Her answers so far are filled in: go through the rest with her.
                </Text>
              )}
              <Text size="sm" c="dimmed" maw={720}>
                Go through each topic with her. Answer &quot;Not known&quot; when she does not know or would rather not say. You can save
                part-way: it is kept as incomplete and given no risk level until every topic is answered.
              </Text>
            </Stack>
            <UkDateInput label="Date completed" maxDate={new Date()} key={f.key('completedOn')} {...f.getInputProps('completedOn')} w={200} />
          </Group>
          <Table verticalSpacing={6} striped aria-label="Checklist questions">
            <Table.Tbody>
              {form.questions.map((q, i) => (
                <Table.Tr key={q.key}>
                  <Table.Td w={36}>
                    <Text size="sm" c="dimmed">
                      {i + 1}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Radio.Group
                      label={q.label}
                      styles={{
                        root: { display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 16 },
                        label: { fontWeight: v.answers[q.key] === 'yes' ? 700 : 400, marginBottom: 0 },
                      }}
                      key={f.key(`answers.${q.key}`)}
                      {...f.getInputProps(`answers.${q.key}`)}
                      value={v.answers[q.key] ?? null}
                    >
                      <Group gap="lg" wrap="nowrap" style={{ flexShrink: 0 }}>
                        {(['yes', 'no', 'not_known'] as const).map((a) => (
                          <Radio key={a} value={a} label={answerLabels[a]} color={a === 'yes' ? 'red' : undefined} />
                        ))}
                      </Group>
                    </Radio.Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Card>

        <Paper
          withBorder
          radius="md"
          p="md"
          style={{ position: 'sticky', bottom: 8, zIndex: 4, boxShadow: '0 -4px 8px -6px rgba(0,0,0,0.25)' }}
          aria-live="polite"
          data-testid="checklist-score"
        >
          <Group justify="space-between">
            <Group gap="md">
              <Text fw={700} size="lg">
                Score: {score}
              </Text>
              <Text size="sm" c="dimmed">
                {answered} of {form.questions.length} answered
              </Text>
              {complete ? (
                <RiskBandBadge level={high || v.raiseToHigh ? 'high' : 'standard'} size="lg" />
              ) : (
                <Badge color="gray" variant="outline" size="lg">
                  Incomplete: no level yet
                </Badge>
              )}
            </Group>
            <Button type="submit" leftSection={<IconDeviceFloppy size={18} />} loading={save.isPending}>
              {complete ? 'Save the checklist' : 'Save as incomplete'}
            </Button>
          </Group>
          {high && (
            <Text c="red.8" fw={700} size="sm" mt={6}>
              14 or more: high risk. Refer her to the MARAC once you have saved.
            </Text>
          )}
        </Paper>

        <Card withBorder radius="md" padding="lg">
          <Stack gap="sm">
            <Title order={2} size="h4">
              Professional judgement and other reasons
            </Title>
            <Checkbox
              label="Raise the level to high risk by professional judgement"
              description="You can only raise the level, never lower it. Give your reason."
              disabled={high}
              key={f.key('raiseToHigh')}
              {...f.getInputProps('raiseToHigh', { type: 'checkbox' })}
            />
            {v.raiseToHigh && !high && (
              <Textarea label="Why you are raising the level" autosize minRows={2} key={f.key('raiseReason')} {...f.getInputProps('raiseReason')} />
            )}
            <Checkbox
              label="Escalation: the abuse is happening more often (for example 3 or more incidents in 12 months)"
              key={f.key('escalation')}
              {...f.getInputProps('escalation', { type: 'checkbox' })}
            />
            <Checkbox
              label="Repeat referral: she has been referred to the MARAC in the last 12 months"
              key={f.key('repeatReferral')}
              {...f.getInputProps('repeatReferral', { type: 'checkbox' })}
            />
            <Textarea label="Notes (optional)" autosize minRows={2} key={f.key('notes')} {...f.getInputProps('notes')} />
            <FormAlert problem={problem} />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => onDone(null)}>
                Cancel
              </Button>
              <Button type="submit" leftSection={<IconDeviceFloppy size={18} />} loading={save.isPending}>
                {complete ? 'Save the checklist' : 'Save as incomplete'}
              </Button>
            </Group>
          </Stack>
        </Card>
      </Stack>
    </form>
  );
}

function HistoryRow({ c, forms, onContinue }: { c: Checklist; forms: ChecklistForms; onContinue?: () => void }) {
  const [open, setOpen] = useState(false);
  // Always in the wording she was asked, whatever the organisation uses now.
  const form = forms.forms.find((f) => f.version === c.formVersion);
  const yes = form?.questions.filter((q) => c.answers[q.key] === 'yes') ?? [];
  const unknown = form?.questions.filter((q) => c.answers[q.key] === 'not_known' || c.answers[q.key] == null) ?? [];
  return (
    <>
      <Table.Tr>
        <Table.Td style={{ whiteSpace: 'nowrap' }}>
          {formatDate(c.completedOn)}
          {forms.forms.length > 1 && (
            <Text size="xs" c="dimmed">
              Wording version {c.formVersion}
            </Text>
          )}
        </Table.Td>
        <Table.Td>
          <Text fw={700}>{c.score}</Text>
        </Table.Td>
        <Table.Td>
          <RiskBandBadge level={c.level} incomplete={!c.complete} />
          {c.raisedByJudgement && (
            <Text size="xs" c="dimmed">
              Raised by judgement: {c.raiseReason}
            </Text>
          )}
          {(c.escalation || c.repeatReferral) && (
            <Text size="xs" c="dimmed">
              {[c.escalation && 'Escalation', c.repeatReferral && 'Repeat referral'].filter(Boolean).join(', ')}
            </Text>
          )}
        </Table.Td>
        <Table.Td>{c.byName ?? ''}</Table.Td>
        <Table.Td>
          <Group gap="xs" wrap="nowrap" justify="flex-end">
            {onContinue && (
              <Button size="compact-sm" variant="light" leftSection={<IconPlayerPlay size={14} />} onClick={onContinue}>
                Continue
              </Button>
            )}
            <Button
              size="compact-sm"
              variant="subtle"
              rightSection={open ? <IconChevronUp size={14} /> : <IconChevronDown size={14} />}
              onClick={() => setOpen((o) => !o)}
              aria-expanded={open}
            >
              {open ? 'Hide answers' : 'Show answers'}
            </Button>
          </Group>
        </Table.Td>
      </Table.Tr>
      <Table.Tr>
        <Table.Td colSpan={5} p={0} style={{ borderBottom: open ? undefined : 0 }}>
          <Collapse expanded={open}>
            <Group align="flex-start" gap="xl" p="sm">
              <Stack gap={4}>
                <Text size="sm" fw={700}>
                  Yes ({yes.length})
                </Text>
                <List size="sm">
                  {yes.map((q) => (
                    <List.Item key={q.key}>{q.label}</List.Item>
                  ))}
                </List>
              </Stack>
              {unknown.length > 0 && (
                <Stack gap={4}>
                  <Text size="sm" fw={700}>
                    Not known or not answered ({unknown.length})
                  </Text>
                  <List size="sm">
                    {unknown.map((q) => (
                      <List.Item key={q.key}>{q.label}</List.Item>
                    ))}
                  </List>
                </Stack>
              )}
              {c.notes && (
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} maw={360}>
                  <b>Notes:</b> {c.notes}
                </Text>
              )}
            </Group>
          </Collapse>
        </Table.Td>
      </Table.Tr>
    </>
  );
}

export function ChecklistTab({ record, canEdit }: PartnerTabProps) {
  const forms = useApiQuery('partners.checklistForms', {});
  const canWord = can(useSession().role, 'partners.checklistWording');
  const [wording, setWording] = useState(false);
  const [filling, setFilling] = useState<'new' | Checklist | null>(null);
  const [justSaved, setJustSaved] = useState<Checklist | null>(null);
  const latest = record.checklists[0];
  const scored = record.checklists.find((c) => c.level !== null);
  const hasOpenReferral = record.referrals.some((r) => r.kind === 'marac' && r.status === 'open');
  const prompt = justSaved ?? latest;

  if (!forms.data)
    return forms.isError ? (
      <Alert color="red">The checklist could not be loaded: {forms.error.message}</Alert>
    ) : (
      <Loader aria-label="Loading the checklist" />
    );
  const current = forms.data.forms.find((f) => f.version === forms.data.current)!;
  // Only the newest can be continued: finishing an older one would put an old conversation above a newer one.
  const resumable = canEdit && latest && !latest.complete ? latest : undefined;
  const resumeForm = resumable ? forms.data.forms.find((f) => f.version === resumable.formVersion) : undefined;
  const onContinue = resumable && resumeForm ? () => setFilling(resumable) : undefined;

  if (filling)
    return (
      <ChecklistForm
        key={filling === 'new' ? 'new' : filling.id}
        record={record}
        // A checklist is continued in the wording she was first asked in.
        form={filling === 'new' ? current : (forms.data.forms.find((f) => f.version === filling.formVersion) ?? current)}
        resume={filling === 'new' ? undefined : filling}
        onDone={(saved) => {
          setFilling(null);
          setJustSaved(saved);
          window.scrollTo({ top: 0 });
        }}
      />
    );

  return (
    <Stack gap="lg">
      {prompt?.maracPrompt && (!hasOpenReferral || justSaved) && <MaracPrompt checklist={prompt} partnerId={record.id} hasOpenReferral={hasOpenReferral} />}
      <Card withBorder radius="md" padding="lg">
        <Group justify="space-between" align="flex-start">
          <Stack gap={4} style={{ flex: '1 1 320px' }}>
            <Title order={2} size="h4">
              Her risk now
            </Title>
            {scored ? (
              <Group gap="sm">
                <RiskBandBadge level={scored.level} size="lg" />
                <Text size="sm">
                  Score {scored.score} of 24 on {formatDate(scored.completedOn)}
                  {scored.raisedByJudgement ? ', raised by professional judgement' : ''}
                </Text>
              </Group>
            ) : (
              <Text size="sm" c="dimmed">
                No completed checklist yet.
              </Text>
            )}
            {latest && !latest.complete && (
              <Text size="sm" c="orange.8">
                The newest checklist ({formatDate(latest.completedOn)}) is incomplete:{' '}
                {Object.values(latest.answers).filter((a) => a != null).length} of 24 answered.
                {onContinue ? ' Continue it with her to give her a risk level.' : ''}
              </Text>
            )}
          </Stack>
          <Group gap="sm">
            {canWord && (
              <Button variant="default" leftSection={<IconLanguage size={18} />} onClick={() => setWording(true)}>
                Checklist wording
              </Button>
            )}
            {onContinue && (
              <Button leftSection={<IconPlayerPlay size={18} />} onClick={onContinue}>
                Continue the checklist
              </Button>
            )}
            {canEdit && (
              <Button leftSection={<IconPlus size={18} />} variant={onContinue ? 'default' : 'filled'} onClick={() => setFilling('new')}>
                New checklist
              </Button>
            )}
          </Group>
        </Group>
      </Card>
      <Card withBorder radius="md" padding="lg">
        <Title order={2} size="h4" mb="sm">
          History
        </Title>
        {record.checklists.length === 0 ? (
          <EmptyNote title="No checklist yet" icon={<IconChecklist size={24} />}>
            Complete the risk checklist with her at the first safe conversation, and again when things change.
          </EmptyNote>
        ) : (
          <Table verticalSpacing="sm" aria-label="Checklist history">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Date</Table.Th>
                <Table.Th>Score</Table.Th>
                <Table.Th>Level</Table.Th>
                <Table.Th>By</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {record.checklists.map((c) => (
                <HistoryRow key={c.id} c={c} forms={forms.data} onContinue={c.id === resumable?.id ? onContinue : undefined} />
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Card>
      {wording && <ChecklistWordingModal forms={forms.data} onClose={() => setWording(false)} />}
    </Stack>
  );
}
