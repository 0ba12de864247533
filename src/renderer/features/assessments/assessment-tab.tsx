/** Suitability assessments: start or continue one; completed ones read-only, exactly as filled in. */
import { Accordion, Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { IconClipboardCheck, IconPencil } from '@tabler/icons-react';
import { useState } from 'react';
import { CURRENT_ASSESSMENT_FORM, assessmentForms } from '../../../shared/features/assessments';
import { assessmentOutcomeLabels } from '../../../shared/features/participants';
import { formatDate, formatDateTime } from '../../app/format';
import { EmptyNote } from '../../components/empty-note';
import type { RecordTabProps } from '../participants/record-tab';
import { AssessmentForm } from './assessment-form';
import { AssessmentView } from './assessment-view';

export function AssessmentTab({ record, canEdit, reload }: RecordTabProps) {
  const [editing, setEditing] = useState<{ draftId: string | null } | null>(null);
  const drafts = record.assessments.filter((a) => !a.completedOn);
  const completed = record.assessments.filter((a) => a.completedOn);
  const draft = editing?.draftId ? (drafts.find((d) => d.id === editing.draftId) ?? null) : null;

  if (editing) {
    const formVersion = draft && assessmentForms[draft.formVersion] ? draft.formVersion : CURRENT_ASSESSMENT_FORM;
    return (
      <Card withBorder radius="md" padding="lg">
        <Title order={2} size="h4" mb="md">
          {draft ? 'Continue the suitability assessment' : 'New suitability assessment'}
        </Title>
        <AssessmentForm
          participantId={record.header.id}
          formVersion={formVersion}
          draft={draft}
          reload={reload}
          onDone={() => setEditing(null)}
        />
      </Card>
    );
  }

  return (
    <Stack gap="lg">
      <Card withBorder radius="md" padding="lg">
        <Group justify="space-between" align="flex-start">
          <Stack gap={4} maw={700}>
            <Title order={2} size="h4">
              Suitability assessment
            </Title>
            <Text size="sm" c="dimmed">
              Before he starts, assess whether he acknowledges a problem, takes responsibility for his behaviour and is
              motivated to change; note anything that rules out group work; and record the decision. Completing the
              assessment records the decision on his status.
            </Text>
          </Stack>
          {canEdit && drafts.length === 0 && (
            <Button leftSection={<IconClipboardCheck size={18} />} onClick={() => setEditing({ draftId: null })}>
              {completed.length > 0 ? 'Start a new assessment' : 'Start the assessment'}
            </Button>
          )}
        </Group>
        {drafts.map((d) => (
          <Group key={d.id} justify="space-between" mt="md" p="sm" bg="yellow.0" style={{ borderRadius: 8 }}>
            <Text size="sm">
              <Badge color="yellow" variant="light" mr="xs">
                Draft
              </Badge>
              Started {formatDateTime(d.createdAt)} by {d.assessorName ?? 'a former member of staff'}, last saved{' '}
              {formatDateTime(d.updatedAt)}.
            </Text>
            {canEdit && (
              <Button size="xs" leftSection={<IconPencil size={16} />} onClick={() => setEditing({ draftId: d.id })}>
                Continue the draft
              </Button>
            )}
          </Group>
        ))}
      </Card>

      {completed.length === 0 ? (
        drafts.length === 0 && (
          <EmptyNote title="No assessment yet" icon={<IconClipboardCheck size={24} />}>
            {canEdit
              ? 'Choose "Start the assessment" when you meet him. You can save a draft and finish it after the last meeting.'
              : 'A facilitator or manager records the assessment.'}
          </EmptyNote>
        )
      ) : (
        <Accordion variant="separated" radius="md" defaultValue={completed[0]!.id}>
          {completed.map((a) => (
            <Accordion.Item key={a.id} value={a.id}>
              <Accordion.Control>
                <Group gap="sm">
                  <Text fw={600}>Completed {formatDate(a.completedOn)}</Text>
                  {a.decision && (
                    <Badge
                      variant="light"
                      color={a.decision === 'not_suitable' ? 'red' : a.decision === 'deferred' ? 'yellow' : 'green'}
                    >
                      {assessmentOutcomeLabels[a.decision]}
                    </Badge>
                  )}
                  <Text size="sm" c="dimmed">
                    by {a.assessorName ?? 'a former member of staff'} · form version {a.formVersion}
                  </Text>
                </Group>
              </Accordion.Control>
              <Accordion.Panel>
                <AssessmentView a={a} />
              </Accordion.Panel>
            </Accordion.Item>
          ))}
        </Accordion>
      )}
    </Stack>
  );
}
