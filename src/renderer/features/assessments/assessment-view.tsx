/** A completed (or draft) assessment exactly as it was filled in, with the questions of the form version it used. */
import { Badge, DataList, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import { assessmentForms, type Assessment } from '../../../shared/features/assessments';
import { assessmentOutcomeLabels } from '../../../shared/features/participants';
import { formatDate } from '../../app/format';

export function ratingText(formVersion: number, rating: number | null | undefined): string {
  if (rating == null) return 'Not rated';
  const label = assessmentForms[formVersion]?.ratingScale.find((s) => s.value === rating)?.label;
  return label ? `${rating} – ${label}` : String(rating);
}

export function AssessmentView({ a }: { a: Assessment }) {
  const form = assessmentForms[a.formVersion];
  const questions = form?.rated ?? Object.keys(a.ratings).map((key) => ({ key, label: key, help: '' }));
  const factorLabel = (key: string) => form?.exclusionFactors.find((f) => f.key === key)?.label ?? key;
  const max = form ? Math.max(...form.ratingScale.map((s) => s.value)) : 4;
  return (
    <Stack gap="md">
      <Text size="xs" c="dimmed">
        Filled in on version {a.formVersion} of the assessment form
        {!form ? ' (this version is no longer known to the program; the answers are shown as stored)' : ''}.
      </Text>
      {questions.map((q) => {
        const answer = a.ratings[q.key];
        return (
          <Paper key={q.key} withBorder p="sm" radius="md" component="section" aria-label={q.label}>
            <Group justify="space-between" align="flex-start" wrap="nowrap">
              <Title order={3} size="h5">
                {q.label}
              </Title>
              <Badge
                variant="light"
                color={
                  answer?.rating == null
                    ? 'gray'
                    : answer.rating >= max - 1
                      ? 'green'
                      : answer.rating <= 1
                        ? 'red'
                        : 'yellow'
                }
              >
                {ratingText(a.formVersion, answer?.rating)}
              </Badge>
            </Group>
            <Text size="sm" mt={4} style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
              {answer?.evidence || (
                <Text span c="dimmed" size="sm">
                  No evidence recorded
                </Text>
              )}
            </Text>
          </Paper>
        );
      })}
      <DataList labelWidth="210px">
        <DataList.Item>
          <DataList.ItemLabel c="dimmed">Exclusion factors</DataList.ItemLabel>
          <DataList.ItemValue>
            {a.exclusionFactors.length === 0 ? (
              'None'
            ) : (
              <List size="sm" spacing={2}>
                {a.exclusionFactors.map((f) => (
                  <List.Item key={f}>{factorLabel(f)}</List.Item>
                ))}
              </List>
            )}
          </DataList.ItemValue>
        </DataList.Item>
        {a.exclusionNotes && (
          <DataList.Item>
            <DataList.ItemLabel c="dimmed">About the exclusion factors</DataList.ItemLabel>
            <DataList.ItemValue style={{ whiteSpace: 'pre-wrap' }}>{a.exclusionNotes}</DataList.ItemValue>
          </DataList.Item>
        )}
        <DataList.Item>
          <DataList.ItemLabel c="dimmed">Consent obtained</DataList.ItemLabel>
          <DataList.ItemValue>{a.consentObtained ? 'Yes' : 'No'}</DataList.ItemValue>
        </DataList.Item>
        <DataList.Item>
          <DataList.ItemLabel c="dimmed">Decision</DataList.ItemLabel>
          <DataList.ItemValue>
            {a.decision ? (
              <Badge
                variant="light"
                color={a.decision === 'not_suitable' ? 'red' : a.decision === 'deferred' ? 'yellow' : 'green'}
              >
                {assessmentOutcomeLabels[a.decision]}
              </Badge>
            ) : (
              'Not decided yet'
            )}
          </DataList.ItemValue>
        </DataList.Item>
        <DataList.Item>
          <DataList.ItemLabel c="dimmed">Reason for the decision</DataList.ItemLabel>
          <DataList.ItemValue style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
            {a.decisionReason || '–'}
          </DataList.ItemValue>
        </DataList.Item>
        <DataList.Item>
          <DataList.ItemLabel c="dimmed">Assessor</DataList.ItemLabel>
          <DataList.ItemValue>{a.assessorName ?? 'A former member of staff'}</DataList.ItemValue>
        </DataList.Item>
        <DataList.Item>
          <DataList.ItemLabel c="dimmed">Assessment meetings</DataList.ItemLabel>
          <DataList.ItemValue>{a.meetingDates.map(formatDate).join(', ')}</DataList.ItemValue>
        </DataList.Item>
      </DataList>
    </Stack>
  );
}
