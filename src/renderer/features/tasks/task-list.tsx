/** Tasks as a table: when due (overdue in red), what (urgent marked), about whom, for whom, and "Done". */
import { Anchor, Badge, Box, Button, Group, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { IconAlertCircle, IconArrowBackUp, IconArrowRight, IconCheck } from '@tabler/icons-react';
import { useState } from 'react';
import { Link } from 'react-router';
import { todayInLondon } from '../../../shared/dates';
import type { Task } from '../../../shared/features/tasks';
import { can } from '../../../shared/permissions';
import { useSession } from '../../app/auth-context';
import { formatDate, formatDateTime } from '../../app/format';
import { FlagBadges } from '../../components/participant-badges';
import { CompleteTaskModal } from './complete-task-modal';
import { ReopenTaskModal } from './reopen-task-modal';
import { assigneeText, canComplete, canReopen, dueText, placeLink, placeToDo } from './task-labels';

interface Props {
  tasks: Task[];
  /** fewer columns and no detail, for cards */
  compact?: boolean;
  /** on his own record, the participant goes without saying */
  hideParticipant?: boolean;
  /** the list is being fetched again: the rows on screen may be about to change (told to screen readers as aria-busy) */
  busy?: boolean;
}

export function TaskList({ tasks, compact = false, hideParticipant = false, busy = false }: Props) {
  const session = useSession();
  const [completing, setCompleting] = useState<Task | null>(null);
  const [reopening, setReopening] = useState<Task | null>(null);
  const today = todayInLondon();
  const canOpen = can(session.role, 'participants.view');
  const canSeePartners = can(session.role, 'partners.view');
  const done = tasks.some((t) => t.status === 'done');
  return (
    <>
      <Table.ScrollContainer minWidth={compact ? 500 : 860}>
        <Table verticalSpacing={compact ? 6 : 'sm'} aria-label="Tasks" aria-busy={busy} highlightOnHover={!compact}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={compact ? 150 : 170}>{done ? 'Done' : 'Due'}</Table.Th>
              <Table.Th>What</Table.Th>
              {!hideParticipant && <Table.Th>About</Table.Th>}
              {!compact && <Table.Th>For</Table.Th>}
              <Table.Th w={90}>
                <VisuallyHidden>Actions</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {tasks.map((t) => (
              <Table.Tr key={t.id} bg={t.overdue ? 'red.0' : undefined}>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  {t.status === 'open' ? (
                    <>
                      <Text size="sm" c={t.overdue ? 'red.8' : undefined} fw={t.overdue ? 700 : 500}>
                        {dueText(t.dueOn, today)}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {formatDate(t.dueOn)}
                      </Text>
                    </>
                  ) : (
                    <>
                      <Text size="sm">{formatDateTime(t.doneAt)}</Text>
                      <Text size="xs" c="dimmed">
                        {t.doneByName ? `by ${t.doneByName}` : 'by the program'}
                      </Text>
                    </>
                  )}
                </Table.Td>
                <Table.Td>
                  <Stack gap={2}>
                    <Group gap={6} wrap="nowrap" align="flex-start">
                      {t.urgent && (
                        <Badge
                          color="red"
                          variant="filled"
                          size="sm"
                          leftSection={<IconAlertCircle size={12} aria-hidden />}
                          style={{ flexShrink: 0 }}
                        >
                          Urgent
                        </Badge>
                      )}
                      <Text size="sm" fw={600} style={{ overflowWrap: 'anywhere' }}>
                        {t.title}
                      </Text>
                    </Group>
                    {!compact && (t.detail || t.kind !== 'manual') && (
                      <Text size="xs" c="dimmed" lineClamp={2}>
                        {t.kind !== 'manual' ? 'Raised by the program. ' : ''}
                        {t.detail}
                      </Text>
                    )}
                    {t.status === 'done' && t.doneNote && (
                      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                        Note: {t.doneNote}
                      </Text>
                    )}
                  </Stack>
                </Table.Td>
                {!hideParticipant && (
                  <Table.Td>
                    {t.partnerId && canSeePartners && (
                      // Two links one above the other: each at least 24 px high (WCAG 2.2, 2.5.8 target size).
                      <Anchor component={Link} to={`/partners/${t.partnerId}/contacts`} size="sm" fw={600} display="block" mih={24} lh="24px">
                        Her record
                      </Anchor>
                    )}
                    {!t.participantId ? (
                      <Text size="sm" c="dimmed">
                        –
                      </Text>
                    ) : t.participantName && canOpen ? (
                      <Anchor component={Link} to={`/participants/${t.participantId}/tasks`} size="sm" display="inline-block" mih={24} lh="24px">
                        {t.participantName}
                      </Anchor>
                    ) : t.participantName ? (
                      <Text size="sm">
                        {t.participantName} ({t.participantReference})
                      </Text>
                    ) : (
                      <Text size="sm" c="dimmed" fs="italic">
                        Restricted record {t.participantReference}
                      </Text>
                    )}
                    {t.participantName && t.participantFlags.length > 0 && (
                      <Box mt={4}>
                        <FlagBadges flags={t.participantFlags} size="xs" />
                      </Box>
                    )}
                  </Table.Td>
                )}
                {!compact && (
                  <Table.Td>
                    <Text size="sm">{assigneeText(t)}</Text>
                  </Table.Td>
                )}
                <Table.Td>
                  {canComplete(t, session) &&
                    (placeLink(t) ? (
                      // A task that carries risk closes when the thing is done: "Done" opens the place to do it.
                      <Button
                        size="compact-sm"
                        variant="light"
                        leftSection={<IconArrowRight size={14} />}
                        component={Link}
                        to={placeLink(t)!}
                        aria-label={`Done: ${t.title}. Opens the place to ${placeToDo[t.kind]!.what}; the task closes when that is saved.`}
                      >
                        Done
                      </Button>
                    ) : (
                      <Button
                        size="compact-sm"
                        variant="light"
                        leftSection={<IconCheck size={14} />}
                        onClick={() => setCompleting(t)}
                        aria-label={`Mark as done: ${t.title}`}
                      >
                        Done
                      </Button>
                    ))}
                  {canReopen(t, session) && (
                    <Button size="compact-sm" variant="default" leftSection={<IconArrowBackUp size={14} />} onClick={() => setReopening(t)} aria-label={`Reopen: ${t.title}`}>
                      Reopen
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {completing && <CompleteTaskModal task={completing} onClose={() => setCompleting(null)} />}
      {reopening && <ReopenTaskModal task={reopening} onClose={() => setReopening(null)} />}
    </>
  );
}
