/**
 * The suitability assessment form, drawn from the form definition of its
 * version. Save as a draft at any point; completing it checks every answer,
 * records the decision on his status, and fixes the assessment as it is.
 */
import { ActionIcon, Alert, Button, Checkbox, Divider, Group, Radio, Stack, Text, Textarea } from '@mantine/core';
import { useForm, type FormErrors } from '@mantine/form';
import { modals } from '@mantine/modals';
import { IconCircleCheck, IconDeviceFloppy, IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { todayInLondon } from '../../../shared/dates';
import {
  assessmentForms,
  assessmentInput,
  type Assessment,
  type AssessmentInput,
} from '../../../shared/features/assessments';
import {
  assessmentOutcomeLabels,
  assessmentOutcomes,
  type AssessmentOutcome,
} from '../../../shared/features/participants';
import { useApiMutation } from '../../app/api';
import { useSession } from '../../app/auth-context';
import { focusFirstError, validateWith } from '../../app/form-errors';
import { notifySuccess } from '../../app/notify';
import { FormSection } from '../../components/form-section';
import { FormAlert, placeApiError, type FormProblem } from '../../components/form-alert';
import { StaffSelect } from '../../components/staff-select';
import { UkDateInput } from '../../components/uk-date-input';
import { confirmDiscard, useUnsavedChangesPrompt } from '../../components/unsaved-changes';
import { DraftNotice } from '../drafts/draft-notice';
import { useDraft } from '../drafts/use-draft';
import { assessmentDraftOf, restoreAssessmentDraft, type AssessmentText } from './assessment-draft';
import { RECORD_CHANGES, type RecordTabProps } from '../participants/record-tab';

interface Values {
  ratings: Record<string, { rating: number | null; evidence: string }>;
  exclusionFactors: string[];
  exclusionNotes: string;
  consentObtained: boolean;
  decision: AssessmentOutcome | null;
  decisionReason: string;
  assessorId: string | null;
  meetingDates: string[];
}

/** The long text in the form, for its draft. */
const textOf = (v: Values): AssessmentText => ({
  evidence: Object.fromEntries(Object.entries(v.ratings).map(([key, r]) => [key, r.evidence])),
  exclusionNotes: v.exclusionNotes,
  decisionReason: v.decisionReason,
});

const check = validateWith<Record<string, unknown>>(assessmentInput);

interface Props {
  participantId: string;
  formVersion: number;
  /** the draft being continued, or null for a new assessment */
  draft: Assessment | null;
  reload: RecordTabProps['reload'];
  onDone: () => void;
}

export function AssessmentForm({ participantId, formVersion, draft, reload, onDone }: Props) {
  const session = useSession();
  const definition = assessmentForms[formVersion]!;
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const save = useApiMutation('assessments.save', RECORD_CHANGES);
  const form = useForm<Values>({
    initialValues: {
      ratings: Object.fromEntries(
        definition.rated.map((q) => [q.key, draft?.ratings[q.key] ?? { rating: null, evidence: '' }]),
      ),
      exclusionFactors: draft?.exclusionFactors ?? [],
      exclusionNotes: draft?.exclusionNotes ?? '',
      consentObtained: draft?.consentObtained ?? false,
      decision: draft?.decision ?? null,
      decisionReason: draft?.decisionReason ?? '',
      assessorId:
        draft?.assessorId ?? (session.role === 'manager' || session.role === 'facilitator' ? session.staffId : null),
      meetingDates: draft?.meetingDates.length ? draft.meetingDates : [todayInLondon()],
    },
  });
  const values = form.getValues();
  useUnsavedChangesPrompt(form.isDirty(), 'the assessment');
  // The long text is kept as a draft as it is typed: under the assessment being continued, or under him for a new one.
  const draftText = assessmentDraftOf(textOf(form.getInitialValues()), textOf(values));
  const kept = useDraft({ kind: 'assessment-evidence', about: draft?.id ?? participantId }, draftText, (text) => {
    const restored = restoreAssessmentDraft(textOf(form.getValues()), text);
    if (!restored) return;
    for (const [key, evidence] of Object.entries(restored.evidence)) form.setFieldValue(`ratings.${key}.evidence`, evidence);
    form.setFieldValue('exclusionNotes', restored.exclusionNotes);
    form.setFieldValue('decisionReason', restored.decisionReason);
  });

  const cancel = () => {
    if (!form.isDirty()) return onDone();
    confirmDiscard(() => {
      void kept.discard();
      onDone();
    }, 'the assessment');
  };

  const inputOf = (v: Values, complete: boolean): AssessmentInput => ({
    participantId,
    id: draft?.id ?? null,
    version: draft?.version ?? null,
    formVersion,
    ratings: v.ratings,
    exclusionFactors: v.exclusionFactors,
    exclusionNotes: v.exclusionNotes,
    consentObtained: v.consentObtained,
    decision: v.decision,
    decisionReason: v.decisionReason,
    assessorId: v.assessorId ?? '',
    meetingDates: v.meetingDates,
    complete,
  });

  const send = async (complete: boolean) => {
    setProblem(null);
    try {
      const values = form.getValues();
      await save.mutateAsync(inputOf(values, complete));
      await kept.discard();
      const suitable = values.decision === 'suitable_group' || values.decision === 'suitable_one_to_one';
      notifySuccess(
        complete
          ? suitable
            ? 'The assessment is complete. He is now on the waiting list, from the date of the last meeting.'
            : 'The assessment is complete and the decision is on his record.'
          : 'The draft has been saved. You can finish it later.',
      );
      onDone();
    } catch (err) {
      setProblem(placeApiError(form, err, () => true));
    }
  };

  const attempt = (complete: boolean) => {
    form.clearErrors();
    const errors: FormErrors = check(inputOf(form.getValues(), complete) as unknown as Record<string, unknown>);
    if (Object.keys(errors).length > 0) {
      form.setErrors(errors);
      focusFirstError(errors);
      setProblem({
        code: 'VALIDATION',
        message: complete
          ? 'Some answers are missing. They are marked above.'
          : 'Some answers need correcting. They are marked above.',
      });
      return;
    }
    if (!complete) {
      void send(false);
      return;
    }
    const decision = form.getValues().decision;
    modals.openConfirmModal({
      title: 'Complete the assessment?',
      children: (
        <Text size="sm">
          The decision ({decision ? assessmentOutcomeLabels[decision].toLowerCase() : ''}) will be recorded on his
          status, and the assessment can no longer be changed. If something changes later, record a new assessment.
        </Text>
      ),
      labels: { confirm: 'Complete the assessment', cancel: 'Keep editing' },
      onConfirm: () => void send(true),
    });
  };

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        attempt(false);
      }}
      noValidate
      aria-label="Suitability assessment"
    >
      <Stack gap="lg">
        <DraftNotice restoredAt={kept.restoredAt} />
        <Text size="sm" c="dimmed">
          Version {formVersion} of the assessment form. For each question, choose a rating and write down what he said
          or did that shows it.
        </Text>
        {definition.rated.map((q, i) => (
          <FormSection key={q.key} legend={`${i + 1}. ${q.label}`}>
            <Text size="sm" c="dimmed" mb="xs">
              {q.help}
            </Text>
            <Stack gap="sm">
              <Radio.Group
                label="Rating"
                value={values.ratings[q.key]?.rating == null ? '' : String(values.ratings[q.key]!.rating)}
                onChange={(v) => form.setFieldValue(`ratings.${q.key}.rating`, Number(v))}
                error={form.errors[`ratings.${q.key}.rating`]}
                data-path={`ratings.${q.key}.rating`}
              >
                <Group gap="lg" mt={6}>
                  {definition.ratingScale.map((s) => (
                    <Radio key={s.value} value={String(s.value)} label={s.label} />
                  ))}
                </Group>
              </Radio.Group>
              <Textarea
                label="Evidence"
                description="What he said or did that shows this"
                autosize
                minRows={2}
                key={form.key(`ratings.${q.key}.evidence`)}
                {...form.getInputProps(`ratings.${q.key}.evidence`)}
              />
            </Stack>
          </FormSection>
        ))}

        <FormSection legend="Exclusion factors">
          <Stack gap="sm">
            <Checkbox.Group
              label="Does anything rule out group work?"
              description="Tick any that apply. Leave all unticked if none do"
              key={form.key('exclusionFactors')}
              {...form.getInputProps('exclusionFactors')}
            >
              <Stack gap={6} mt={6}>
                {definition.exclusionFactors.map((f) => (
                  <Checkbox key={f.key} value={f.key} label={f.label} />
                ))}
              </Stack>
            </Checkbox.Group>
            <Textarea
              label="About the exclusion factors (optional)"
              autosize
              minRows={2}
              key={form.key('exclusionNotes')}
              {...form.getInputProps('exclusionNotes')}
            />
          </Stack>
        </FormSection>

        <FormSection legend="Consent and decision">
          <Stack gap="sm">
            <Checkbox
              label="He has given consent to take part and for information to be shared"
              description="Record each consent (to whom, for what, review date) on the Consent tab"
              key={form.key('consentObtained')}
              {...form.getInputProps('consentObtained', { type: 'checkbox' })}
            />
            <Radio.Group label="Decision" key={form.key('decision')} {...form.getInputProps('decision')}>
              <Group gap="lg" mt={6}>
                {assessmentOutcomes.map((o) => (
                  <Radio key={o} value={o} label={assessmentOutcomeLabels[o]} />
                ))}
              </Group>
            </Radio.Group>
            <Textarea
              label="Reason for the decision"
              description="Needed to complete the assessment"
              autosize
              minRows={2}
              key={form.key('decisionReason')}
              {...form.getInputProps('decisionReason')}
            />
          </Stack>
        </FormSection>

        <FormSection legend="Assessor and meetings">
          <Stack gap="sm">
            <StaffSelect
              label="Assessor"
              roles={['manager', 'facilitator']}
              maw={420}
              currentName={draft?.assessorName}
              key={form.key('assessorId')}
              {...form.getInputProps('assessorId')}
            />
            <Stack gap={6} data-path="meetingDates">
              <Text size="sm" fw={500}>
                Dates of the assessment meetings
              </Text>
              {values.meetingDates.map((_, i) => (
                <Group key={form.key(`meetingDates.${i}`)} gap="xs" align="flex-end">
                  <UkDateInput
                    label={`Meeting ${i + 1}`}

                    w={220}
                    key={form.key(`meetingDates.${i}`)}
                    {...form.getInputProps(`meetingDates.${i}`)}
                  />
                  {values.meetingDates.length > 1 && (
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      size="lg"
                      aria-label={`Remove meeting ${i + 1}`}
                      onClick={() => form.removeListItem('meetingDates', i)}
                    >
                      <IconTrash size={18} />
                    </ActionIcon>
                  )}
                </Group>
              ))}
              {form.errors.meetingDates && (
                <Text size="sm" c="red" role="alert">
                  {form.errors.meetingDates}
                </Text>
              )}
              {values.meetingDates.length < 10 && (
                <Group>
                  <Button
                    variant="light"
                    size="xs"
                    leftSection={<IconPlus size={16} />}
                    onClick={() => form.insertListItem('meetingDates', todayInLondon())}
                  >
                    Add another meeting
                  </Button>
                </Group>
              )}
            </Stack>
          </Stack>
        </FormSection>

        <FormAlert
          problem={problem}
          onReload={() =>
            void reload().then(() => {
              setProblem(null);
              onDone();
            })
          }
        />
        <Divider />
        <Group justify="space-between">
          <Button variant="default" onClick={cancel}>
            Cancel
          </Button>
          <Group gap="sm">
            <Button type="submit" variant="light" leftSection={<IconDeviceFloppy size={18} />} loading={save.isPending}>
              Save as draft
            </Button>
            <Button leftSection={<IconCircleCheck size={18} />} onClick={() => attempt(true)} loading={save.isPending}>
              Complete the assessment
            </Button>
          </Group>
        </Group>
        {draft && (
          <Alert color="gray" p="xs">
            <Text size="xs">
              This is a draft saved earlier. Nothing in it counts until the assessment is completed.
            </Text>
          </Alert>
        )}
      </Stack>
    </form>
  );
}
