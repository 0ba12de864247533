/**
 * His attendance on his record: attended out of possible, absences with and
 * without a reason, by theme, every session, and whether he meets the
 * programme's completion rule (with the reason); and his groups.
 */
import { Alert, Anchor, Badge, Center, Group, Loader, Paper, Progress, RingProgress, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { IconCircleCheck, IconCircleDashed, IconCircleX } from '@tabler/icons-react';
import { Link } from 'react-router';
import type { Enrolment } from '../../../shared/features/groups';
import { attendanceLabels } from '../../../shared/features/registers';
import { can } from '../../../shared/permissions';
import { useApiQuery } from '../../app/api';
import { useSession } from '../../app/auth-context';
import { formatDate } from '../../app/format';
import { EmptyNote } from '../../components/empty-note';
import { dayShortDate } from '../calendar/calendar-helpers';
import type { RecordTabProps } from '../participants/record-tab';
import { attendanceColours } from './register-helpers';
import { percentOf, sessionLinkFor } from './attendance-helpers';

const enrolmentStatus: Record<Enrolment['status'], string> = { active: 'On the group', moved: 'Moved', left: 'Left' };

function Stat({ label, value, colour }: { label: string; value: number | string; colour?: string }) {
  return (
    <Paper withBorder radius="md" p="sm">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={700} size="xl" c={colour}>
        {value}
      </Text>
    </Paper>
  );
}

function Enrolments({ enrolments, linkGroups }: { enrolments: Enrolment[]; linkGroups: boolean }) {
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-label="His groups">
      <Title order={2} size="h4" mb="sm">
        His groups
      </Title>
      {enrolments.length === 0 ? (
        <Text size="sm" c="dimmed">
          He has not been enrolled on a group or one-to-one work. A manager enrols men from the Groups page.
        </Text>
      ) : (
        <Table verticalSpacing="xs" aria-label="His groups">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Group</Table.Th>
              <Table.Th>Joined</Table.Th>
              <Table.Th>First session</Table.Th>
              <Table.Th>Now</Table.Th>
              <Table.Th>Reason</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {enrolments.map((e) => (
              <Table.Tr key={e.id}>
                <Table.Td>
                  {linkGroups ? (
                    <Anchor component={Link} to={`/groups/${e.groupId}`} size="sm" fw={600}>
                      {e.groupName}
                    </Anchor>
                  ) : (
                    e.groupName
                  )}
                </Table.Td>
                <Table.Td>{formatDate(e.joinedOn)}</Table.Td>
                <Table.Td>{e.firstSessionNumber ? `Session ${e.firstSessionNumber}` : '–'}</Table.Td>
                <Table.Td>
                  <Badge variant="light" color={e.status === 'active' ? 'green' : 'gray'}>
                    {enrolmentStatus[e.status]}
                  </Badge>
                  {e.leftOn && (
                    <Text size="xs" c="dimmed">
                      {formatDate(e.leftOn)}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td maw={300}>
                  <Text size="xs">{[e.reason, e.overrideReason && `Enrolled without a suitable assessment: ${e.overrideReason}`].filter(Boolean).join('. ')}</Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Paper>
  );
}

export function AttendanceTab({ record }: RecordTabProps) {
  const me = useSession();
  const id = record.header.id;
  const summary = useApiQuery('attendance.summary', { participantId: id });
  const enrolments = useApiQuery('enrolments.forParticipant', { participantId: id });
  const linkGroups = can(me.role, 'groups.view');

  if (summary.isPending || enrolments.isPending) {
    return (
      <Center py="xl">
        <Loader aria-label="Loading his attendance" />
      </Center>
    );
  }
  if (summary.isError || enrolments.isError) {
    return (
      <Alert color="red" role="alert" title="His attendance could not be loaded">
        {(summary.error ?? enrolments.error)?.message}
      </Alert>
    );
  }
  const s = summary.data;
  const groups = enrolments.data;
  if (!s) {
    return (
      <Stack gap="md">
        <Paper withBorder radius="md" p="md">
          <EmptyNote title="No attendance yet">When he is enrolled on a group and its registers are taken, his attendance shows here.</EmptyNote>
        </Paper>
        <Enrolments enrolments={groups} linkGroups={linkGroups} />
      </Stack>
    );
  }
  const percent = percentOf(s.attended, s.possible);
  return (
    <Stack gap="md">
      <Paper withBorder radius="md" p="md" component="section" aria-label="Attendance summary">
        <Group align="center" gap="xl" wrap="wrap">
          <RingProgress
            size={120}
            thickness={12}
            roundCaps
            sections={[{ value: percent, color: s.completion?.met ? 'teal' : 'indigo' }]}
            label={
              <Text ta="center" fw={700} size="lg">
                {percent}%
              </Text>
            }
            aria-hidden
          />
          <Stack gap={4} style={{ flex: 1 }}>
            <Title order={2} size="h3" data-testid="attendance-headline">
              Attended {s.attended} of {s.possible} session{s.possible === 1 ? '' : 's'}
            </Title>
            {s.completion && (
              <Group gap="xs" wrap="nowrap" align="flex-start">
                {s.completion.met ? (
                  <IconCircleCheck size={20} color="var(--mantine-color-teal-7)" aria-hidden style={{ flexShrink: 0 }} />
                ) : s.completion.state === 'cannot_meet' || s.completion.state === 'not_met' ? (
                  <IconCircleX size={20} color="var(--mantine-color-red-7)" aria-hidden style={{ flexShrink: 0 }} />
                ) : (
                  <IconCircleDashed size={20} color="var(--mantine-color-gray-6)" aria-hidden style={{ flexShrink: 0 }} />
                )}
                <Text size="sm" data-testid="completion-rule">
                  {s.completion.reason}
                </Text>
              </Group>
            )}
          </Stack>
        </Group>
        <SimpleGrid cols={{ base: 2, sm: 4 }} mt="md">
          <Stat label="Late" value={s.late} colour={s.late ? 'yellow.8' : undefined} />
          <Stat label="Left early" value={s.leftEarly} colour={s.leftEarly ? 'orange.8' : undefined} />
          <Stat label="Absent, reason given" value={s.absentWithReason} colour={s.absentWithReason ? 'blue.8' : undefined} />
          <Stat label="Absent, no reason" value={s.absentWithoutReason} colour={s.absentWithoutReason ? 'red.8' : undefined} />
        </SimpleGrid>
      </Paper>

      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
        <Paper withBorder radius="md" p="md" component="section" aria-label="By theme">
          <Title order={2} size="h4" mb="sm">
            By theme
          </Title>
          <Stack gap="sm">
            {s.byTheme.map((t) => (
              <div key={t.themeId ?? 'none'}>
                <Group justify="space-between">
                  <Text size="sm">{t.themeName}</Text>
                  <Text size="sm" c={t.possible && t.attended === 0 ? 'red.8' : undefined}>
                    {t.attended} of {t.possible}
                  </Text>
                </Group>
                <Progress value={percentOf(t.attended, t.possible)} color={t.attended === 0 ? 'red' : 'indigo'} size="sm" aria-hidden />
              </div>
            ))}
          </Stack>
        </Paper>
        <Enrolments enrolments={groups} linkGroups={linkGroups} />
      </SimpleGrid>

      <Paper withBorder radius="md" p="md" component="section" aria-label="Sessions">
        <Title order={2} size="h4" mb="sm">
          Sessions
        </Title>
        <Table.ScrollContainer minWidth={700}>
          <Table verticalSpacing="xs" aria-label="His sessions">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Date</Table.Th>
                <Table.Th>Group</Table.Th>
                <Table.Th>No.</Table.Th>
                <Table.Th>Theme</Table.Th>
                <Table.Th>Attendance</Table.Th>
                <Table.Th>Reason given</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {[...s.sessions].reverse().map((x) => {
                const to = linkGroups ? sessionLinkFor(x, groups) : null;
                return (
                  <Table.Tr key={x.sessionId}>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      {to ? (
                        <Anchor component={Link} to={to} size="sm">
                          {dayShortDate(x.date)}
                        </Anchor>
                      ) : (
                        dayShortDate(x.date)
                      )}
                    </Table.Td>
                    <Table.Td>{x.groupName}</Table.Td>
                    <Table.Td>{x.number}</Table.Td>
                    <Table.Td>{x.themeName ?? '–'}</Table.Td>
                    <Table.Td>
                      {x.attendance ? (
                        <Badge color={attendanceColours[x.attendance]} variant="light">
                          {attendanceLabels[x.attendance]}
                        </Badge>
                      ) : (
                        <Text size="sm" c="dimmed">
                          Not on the register
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>{x.reason}</Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Paper>
    </Stack>
  );
}
