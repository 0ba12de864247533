/**
 * One group: its details, the session schedule (with each session's plan and
 * register at a glance) and the men on it. Managers edit it, enrol men from
 * the waiting list, move men to another group and record leavers.
 */
import { Alert, Anchor, Badge, Button, Center, Group as Row, Loader, Menu, Paper, SimpleGrid, Stack, Table, Tabs, Text, Title } from '@mantine/core';
import { IconArrowLeft, IconChevronDown, IconPencil, IconUserPlus, IconUsers } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { todayInLondon } from '../../../shared/dates';
import type { Enrolment, GroupDetail } from '../../../shared/features/groups';
import { programmeKindLabels } from '../../../shared/features/programmes';
import { can } from '../../../shared/permissions';
import { useApiQuery } from '../../app/api';
import { useSession } from '../../app/auth-context';
import { formatDate } from '../../app/format';
import { EmptyNote } from '../../components/empty-note';
import { FlagBadges } from '../../components/participant-badges';
import { dayShortDate } from '../calendar/calendar-helpers';
import { RestrictedName } from '../participants/participants-table';
import { EnrolModal } from './enrol-modal';
import { LeaveModal, MoveModal } from './enrolment-modals';
import { GroupEditModal } from './group-edit-modal';
import { dayTimeText, durationText, endTime, groupStatusColours, groupStatusLabels, intakeLabels, nextSession, sessionPath, sessionTitle } from './group-labels';
import { GroupNotes } from './groups-page';
import { PlanBadge, RegisterBadge, SessionStatusBadge } from './session-badges';
import { Fact } from '../../components/fact';

const groupTabs = ['sessions', 'men'] as const;
type GroupTab = (typeof groupTabs)[number];

const enrolmentStatusLabels: Record<Enrolment['status'], string> = { active: 'On the group', moved: 'Moved to another group', left: 'Left' };
const enrolmentStatusColours: Record<Enrolment['status'], string> = { active: 'green', moved: 'blue', left: 'gray' };

/** The sessions and, in date order among them, the closure dates the schedule stepped over. */
function scheduleRows(detail: GroupDetail): Array<{ kind: 'session'; date: string; session: GroupDetail['sessions'][number] } | { kind: 'skipped'; date: string; reason: string }> {
  const rows = [...detail.sessions.map((session) => ({ kind: 'session' as const, date: session.date, session })), ...detail.skippedDates.map((d) => ({ kind: 'skipped' as const, ...d }))];
  // A stable sort keeps sessions on the same day in their order.
  return rows.sort((a, b) => a.date.localeCompare(b.date));
}

function SessionsPanel({ detail }: { detail: GroupDetail }) {
  const navigate = useNavigate();
  const today = todayInLondon();
  const next = nextSession(detail.sessions, today);
  const nameOf = (id: string | null) => detail.enrolments.find((e) => e.participantId === id)?.participantName ?? 'one man';
  const regular = detail.sessions.filter((s) => !s.catchUpForSessionId).length;
  return (
    <Table.ScrollContainer minWidth={860}>
      <Table highlightOnHover verticalSpacing="xs" aria-label="Session schedule">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>No.</Table.Th>
            <Table.Th>Date</Table.Th>
            <Table.Th>Time</Table.Th>
            <Table.Th>Theme</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Plan</Table.Th>
            <Table.Th>Register</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {scheduleRows(detail).map((row) => {
            if (row.kind === 'skipped') {
              return (
                <Table.Tr key={`skipped-${row.date}`} c="dimmed" data-testid="skipped-date">
                  <Table.Td />
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{dayShortDate(row.date)}</Table.Td>
                  <Table.Td colSpan={5}>
                    <Text size="sm" fs="italic">
                      No session: {row.reason}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              );
            }
            const s = row.session;
            const isNext = s.id === next?.id;
            return (
              <Table.Tr
                key={s.id}
                onClick={() => void navigate(sessionPath(s))}
                style={{ cursor: 'pointer' }}
                bg={isNext ? 'indigo.0' : undefined}
                c={s.status === 'cancelled' ? 'dimmed' : undefined}
                aria-current={isNext ? 'date' : undefined}
              >
                <Table.Td>
                  <Anchor component={Link} to={sessionPath(s)} size="sm" fw={600} onClick={(e) => e.stopPropagation()} aria-label={`${sessionTitle(s, regular)}, ${dayShortDate(s.date)}`}>
                    {s.number}
                  </Anchor>
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  {dayShortDate(s.date)}
                  {isNext && (
                    <Badge ml={6} size="sm" color="indigo">
                      {s.date === today ? 'Today' : 'Next'}
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  {s.startTime}–{endTime(s.startTime, s.minutes)}
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{s.themeName ?? '–'}</Text>
                  {s.catchUpForSessionId && (
                    <Text size="xs" c="dimmed">
                      Catch-up for {nameOf(s.participantId)}
                    </Text>
                  )}
                  {s.status === 'cancelled' && s.cancelReason && (
                    <Text size="xs" c="dimmed">
                      Cancelled: {s.cancelReason}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <SessionStatusBadge session={s} today={today} />
                </Table.Td>
                <Table.Td>
                  <PlanBadge session={s} today={today} />
                </Table.Td>
                <Table.Td>
                  <RegisterBadge session={s} today={today} />
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function MenPanel({ detail, canManage, onEnrol }: { detail: GroupDetail; canManage: boolean; onEnrol: () => void }) {
  const [moving, setMoving] = useState<Enrolment | null>(null);
  const [leaving, setLeaving] = useState<Enrolment | null>(null);
  const { group, enrolments } = detail;
  const oneToOne = group.kind === 'one_to_one';
  if (enrolments.length === 0) {
    return (
      <EmptyNote title="Nobody is enrolled yet" icon={<IconUsers size={24} />} action={canManage && !oneToOne ? <Button leftSection={<IconUserPlus size={18} />} onClick={onEnrol}>Enrol from the waiting list</Button> : undefined}>
        {canManage ? 'Choose men from the waiting list. They are then expected at each session and appear on its register.' : 'A manager enrols men from the waiting list.'}
      </EmptyNote>
    );
  }
  return (
    <>
      <Table.ScrollContainer minWidth={860}>
        <Table verticalSpacing="sm" aria-label="Men on this group">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>Reference</Table.Th>
              <Table.Th>On the group</Table.Th>
              <Table.Th>Joined</Table.Th>
              <Table.Th>First session</Table.Th>
              <Table.Th>Flags</Table.Th>
              <Table.Th>Notes</Table.Th>
              {canManage && !oneToOne && <Table.Th />}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {enrolments.map((e) => (
              <Table.Tr key={e.id} c={e.status === 'active' ? undefined : 'dimmed'}>
                <Table.Td>
                  {e.participantName ? (
                    <Anchor component={Link} to={`/participants/${e.participantId}/attendance`} size="sm" fw={600}>
                      {e.participantName}
                    </Anchor>
                  ) : (
                    <RestrictedName />
                  )}
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{e.reference}</Table.Td>
                <Table.Td>
                  <Badge color={enrolmentStatusColours[e.status]} variant="light">
                    {enrolmentStatusLabels[e.status]}
                  </Badge>
                  {e.leftOn && (
                    <Text size="xs" c="dimmed">
                      since {formatDate(e.leftOn)}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(e.joinedOn)}</Table.Td>
                <Table.Td>{e.firstSessionNumber ? `Session ${e.firstSessionNumber}` : '–'}</Table.Td>
                <Table.Td>
                  <FlagBadges flags={e.flags} size="sm" empty="–" />
                </Table.Td>
                <Table.Td maw={280}>
                  {e.reason && <Text size="xs">Reason: {e.reason}</Text>}
                  {e.overrideReason && (
                    <Text size="xs" c="orange.8">
                      Enrolled without a suitable assessment: {e.overrideReason}
                    </Text>
                  )}
                </Table.Td>
                {canManage && !oneToOne && (
                  <Table.Td ta="right">
                    {e.status === 'active' && (
                      <Menu position="bottom-end" withinPortal>
                        <Menu.Target>
                          <Button variant="default" size="xs" rightSection={<IconChevronDown size={14} />} aria-label={`Change ${e.participantName ?? e.reference}'s place`}>
                            Change
                          </Button>
                        </Menu.Target>
                        <Menu.Dropdown>
                          <Menu.Item onClick={() => setMoving(e)}>Move to another group</Menu.Item>
                          <Menu.Item color="red" onClick={() => setLeaving(e)}>
                            He has left the group
                          </Menu.Item>
                        </Menu.Dropdown>
                      </Menu>
                    )}
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {moving && <MoveModal enrolment={moving} from={group} onClose={() => setMoving(null)} />}
      {leaving && <LeaveModal enrolment={leaving} group={group} onClose={() => setLeaving(null)} />}
    </>
  );
}

export function GroupPage() {
  const { id = '', tab } = useParams();
  const session = useSession();
  const navigate = useNavigate();
  const detail = useApiQuery('groups.get', { id });
  const [editing, setEditing] = useState(false);
  // Arriving from "Start a group from these men": the enrol dialog opens with them ticked.
  const [params, setParams] = useSearchParams();
  const preselected = (params.get('enrol') ?? '').split(',').filter(Boolean);
  const [enrolling, setEnrolling] = useState(preselected.length > 0);
  const active: GroupTab = (groupTabs as readonly string[]).includes(tab ?? '') ? (tab as GroupTab) : 'sessions';
  const name = detail.data?.group.name;
  useEffect(() => {
    if (name) document.title = `${name} – DVPP Case Manager`;
  }, [name]);

  if (detail.isPending) {
    return (
      <Center py="xl">
        <Loader aria-label="Opening the group" />
      </Center>
    );
  }
  if (detail.isError) {
    return (
      <Stack gap="md" align="flex-start">
        <Alert color="red" role="alert" title="The group could not be opened">
          {detail.error.message}
        </Alert>
        <Button component={Link} to="/groups" leftSection={<IconArrowLeft size={18} />}>
          Back to the groups
        </Button>
      </Stack>
    );
  }
  const d = detail.data;
  const g = d.group;
  const canManage = can(session.role, 'groups.manage');
  const oneToOne = g.kind === 'one_to_one';
  const activeMen = d.enrolments.filter((e) => e.status === 'active');
  const today = todayInLondon();
  const next = nextSession(d.sessions, today);

  return (
    <Stack gap="md">
      <Anchor component={Link} to="/groups" size="sm">
        <Row gap={4}>
          <IconArrowLeft size={14} aria-hidden /> All groups
        </Row>
      </Anchor>
      <Paper withBorder radius="md" p="md" component="section" aria-label="About this group">
        <Row justify="space-between" align="flex-start" wrap="nowrap">
          <Stack gap={4}>
            <Row gap="sm">
              <Title order={1} size="h2">
                {g.name}
              </Title>
              <Badge color={groupStatusColours[g.status]} variant="light" size="lg">
                {groupStatusLabels[g.status]}
              </Badge>
            </Row>
            <Text size="sm" c="dimmed">
              {g.programmeName || programmeKindLabels[g.kind]}
              {!oneToOne && ` · ${intakeLabels[g.intake].toLowerCase()}`}
            </Text>
          </Stack>
          <Row gap="sm" wrap="nowrap">
            {next && (
              <Button component={Link} to={sessionPath(next, next.date <= today ? 'register' : 'plan')} variant="light">
                {next.date === today ? "Open today's session" : `Next session: ${dayShortDate(next.date)}`}
              </Button>
            )}
            {canManage && (
              <Button variant="default" leftSection={<IconPencil size={16} />} onClick={() => setEditing(true)}>
                Edit group
              </Button>
            )}
          </Row>
        </Row>
        <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }} mt="md" spacing="md">
          <Fact label="When">
            {dayTimeText(g.weekday, g.startTime)}
            <Text size="xs" c="dimmed">
              {d.sessions[0] ? durationText(d.sessions[0].minutes) : ''}
            </Text>
          </Fact>
          <Fact label="Dates">
            {formatDate(g.startDate)}
            {g.endDate ? ` to ${formatDate(g.endDate)}` : ''}
          </Fact>
          <Fact label="Venue">{g.venue}</Fact>
          <Fact label={g.facilitatorNames.length === 1 ? 'Facilitator' : 'Facilitators'}>{g.facilitatorNames.join(' and ')}</Fact>
          <Fact label={oneToOne ? 'For' : 'Men'}>
            {oneToOne ? (activeMen[0]?.participantName ?? activeMen[0]?.reference ?? '–') : `${g.enrolled} of ${g.capacity} places`}
            {g.interpreterNeeded && (
              <Text size="xs" c="blue.8">
                Interpreter needed
              </Text>
            )}
          </Fact>
          <Fact label="Sessions held">
            {g.sessionsHeld} of {g.sessionsTotal}
          </Fact>
        </SimpleGrid>
        <GroupNotes notes={g.notes} />
      </Paper>

      <Tabs value={active} onChange={(t) => t && void navigate(`/groups/${id}/${t}`, { replace: true })} variant="outline" radius="md">
        <Row justify="space-between" align="flex-end" wrap="nowrap">
          <Tabs.List aria-label="Parts of the group" style={{ flex: 1 }}>
            <Tabs.Tab value="sessions">Session schedule ({d.sessions.length})</Tabs.Tab>
            <Tabs.Tab value="men">
              {oneToOne ? 'The man' : `Men on the group (${activeMen.length})`}
            </Tabs.Tab>
          </Tabs.List>
        </Row>
        <Tabs.Panel value="sessions" pt="md">
          <Paper withBorder radius="md" p="md">
            <SessionsPanel detail={d} />
          </Paper>
        </Tabs.Panel>
        <Tabs.Panel value="men" pt="md">
          <Paper withBorder radius="md" p="md">
            {canManage && !oneToOne && d.enrolments.length > 0 && (
              <Row justify="space-between" mb="sm">
                <Text size="sm" c="dimmed">
                  {activeMen.length} of {g.capacity} places taken. Click a name to see his attendance.
                </Text>
                <Button leftSection={<IconUserPlus size={18} />} onClick={() => setEnrolling(true)}>
                  Enrol from the waiting list
                </Button>
              </Row>
            )}
            <MenPanel detail={d} canManage={canManage} onEnrol={() => setEnrolling(true)} />
          </Paper>
        </Tabs.Panel>
      </Tabs>
      {editing && <GroupEditModal group={g} onClose={() => setEditing(false)} onReload={() => void detail.refetch()} />}
      {enrolling && (
        <EnrolModal
          group={g}
          enrolledIds={new Set(activeMen.map((e) => e.participantId))}
          preselected={preselected}
          onClose={() => {
            setEnrolling(false);
            if (preselected.length > 0) setParams({}, { replace: true });
          }}
        />
      )}
    </Stack>
  );
}
