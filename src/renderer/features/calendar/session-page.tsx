/**
 * One session: who, when and where, with its plan and its register and
 * session log. A session in the future can be planned, moved or cancelled; on
 * the day and after, the register is taken.
 */
import { Alert, Anchor, Badge, Button, Center, Group, Loader, Paper, SimpleGrid, Stack, Tabs, Text, Title } from '@mantine/core';
import { IconArrowLeft, IconCalendarX, IconClipboardCheck, IconClockEdit, IconNotes, IconUserPlus } from '@tabler/icons-react';
import { lazy, Suspense, useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { todayInLondon } from '../../../shared/dates';
import { can } from '../../../shared/permissions';
import { useApiQuery } from '../../app/api';
import { useSession } from '../../app/auth-context';
import { durationText, endTime, sessionTitle } from '../groups/group-labels';
import { SessionBadges } from '../groups/session-badges';
import { dayLongDate } from './calendar-helpers';
import { CancelSessionModal, CatchUpModal, RescheduleModal } from './session-actions';
import { SessionHistory } from './session-history';
import { Fact } from '../../components/fact';
import { SessionPrintButtons } from '../reports/session-print-buttons';

const RegisterPanel = lazy(() => import('../registers/register-panel').then((m) => ({ default: m.RegisterPanel })));
const PlanPanel = lazy(() => import('../plans/plan-panel').then((m) => ({ default: m.PlanPanel })));

export function SessionPage() {
  const { groupId = '', sessionId = '', tab } = useParams();
  const me = useSession();
  const navigate = useNavigate();
  const detail = useApiQuery('groups.get', { id: groupId });
  const [action, setAction] = useState<null | 'reschedule' | 'cancel' | { catchUp: string | null }>(null);
  const session = detail.data?.sessions.find((s) => s.id === sessionId);
  const today = todayInLondon();
  const title = session ? `${session.groupName}, session ${session.number}` : 'Session';
  useEffect(() => {
    document.title = `${title} – DVPP Case Manager`;
  }, [title]);

  if (detail.isPending) {
    return (
      <Center py="xl">
        <Loader aria-label="Opening the session" />
      </Center>
    );
  }
  if (detail.isError || !session) {
    return (
      <Stack gap="md" align="flex-start">
        <Alert color="red" role="alert" title="The session could not be opened">
          {detail.error?.message ?? 'There is no such session in this group. It may have been opened from an old link.'}
        </Alert>
        <Button component={Link} to="/calendar" leftSection={<IconArrowLeft size={18} />}>
          Go to the calendar
        </Button>
      </Stack>
    );
  }

  const d = detail.data;
  const group = d.group;
  const regularCount = d.sessions.filter((s) => !s.catchUpForSessionId).length;
  const defaultTab = session.status !== 'cancelled' && session.date <= today ? 'register' : 'plan';
  const active = tab === 'plan' || tab === 'register' ? tab : defaultTab;
  const canManage = can(me.role, 'sessions.manage');
  const changeable = session.status === 'scheduled' && !session.registerTaken;
  const forMan = session.participantId ? d.enrolments.find((e) => e.participantId === session.participantId) : null;
  const men = (() => {
    const seen = new Map<string, string>();
    // Only men still on the group: a catch-up is for someone continuing the programme.
    for (const e of d.enrolments) if (e.status === 'active' && !seen.has(e.participantId)) seen.set(e.participantId, `${e.participantName ?? 'Restricted record'} (${e.reference})`);
    return [...seen].map(([participantId, label]) => ({ participantId, label }));
  })();
  const interpreter = group.kind === 'one_to_one' || group.interpreterNeeded || session.interpreterPresent;
  const missed = session.catchUpForSessionId ? d.sessions.find((s) => s.id === session.catchUpForSessionId) : null;

  return (
    <Stack gap="md">
      <Group gap="md">
        <Anchor component={Link} to={`/groups/${group.id}`} size="sm">
          <Group gap={4}>
            <IconArrowLeft size={14} aria-hidden /> {group.name}
          </Group>
        </Anchor>
        <Anchor component={Link} to={`/calendar?date=${session.date}`} size="sm">
          This week in the calendar
        </Anchor>
      </Group>
      <Paper withBorder radius="md" p="md" component="section" aria-label="About this session">
        <Group justify="space-between" align="flex-start" wrap="wrap" gap="sm">
          <Stack gap={4}>
            <Text size="sm" c="dimmed">
              {group.name}
            </Text>
            <Title order={1} size="h2">
              {sessionTitle(session, regularCount)}
              {session.themeName ? `: ${session.themeName}` : ''}
            </Title>
            <SessionBadges session={session} today={today} />
          </Stack>
          {canManage && (
            <Group gap="xs">
              {changeable && (
                <>
                  <Button variant="default" size="sm" leftSection={<IconClockEdit size={16} />} onClick={() => setAction('reschedule')}>
                    Reschedule
                  </Button>
                  <Button variant="default" color="red" size="sm" leftSection={<IconCalendarX size={16} />} onClick={() => setAction('cancel')}>
                    Cancel session
                  </Button>
                </>
              )}
              {session.status !== 'cancelled' && group.kind !== 'one_to_one' && (
                <Button variant="default" size="sm" leftSection={<IconUserPlus size={16} />} onClick={() => setAction({ catchUp: null })}>
                  Book a catch-up
                </Button>
              )}
            </Group>
          )}
        </Group>
        <SimpleGrid cols={{ base: 2, sm: 4 }} mt="md">
          <Fact label="Date">{dayLongDate(session.date)}</Fact>
          <Fact label="Time">
            {session.startTime} to {endTime(session.startTime, session.minutes)}{' '}
            <Text span size="xs" c="dimmed">
              ({durationText(session.minutes)})
            </Text>
          </Fact>
          <Fact label="Venue">{session.venue}</Fact>
          <Fact label={session.facilitatorNames.length === 1 ? 'Facilitator' : 'Facilitators'}>{session.facilitatorNames.join(' and ')}</Fact>
        </SimpleGrid>
        {session.status !== 'cancelled' && can(me.role, 'reports.draft') && (
          <Group mt="md" gap="sm">
            <Text size="sm" c="dimmed">
              Print as Word:
            </Text>
            <SessionPrintButtons sessionId={session.id} registerTaken={session.registerTaken} hasPlan={session.planStatus !== 'none'} />
          </Group>
        )}
        {forMan && (
          <Text size="sm" mt="sm">
            Catch-up for <b>{forMan.participantName ?? forMan.reference}</b>
            {missed ? ` who missed session ${missed.number} on ${dayLongDate(missed.date)}` : ''}.
          </Text>
        )}
        {session.status === 'cancelled' && (
          <Alert color="gray" mt="sm" title="Cancelled">
            {session.cancelReason || 'No reason recorded.'}
          </Alert>
        )}
      </Paper>
      <SessionHistory sessionId={session.id} />

      <Tabs value={active} onChange={(t) => t && void navigate(`/groups/${group.id}/sessions/${session.id}/${t}`, { replace: true })} variant="outline" radius="md" keepMounted={false}>
        <Tabs.List aria-label="Parts of the session">
          <Tabs.Tab value="register" leftSection={<IconClipboardCheck size={16} aria-hidden />}>
            Register and session log
            {session.registerTaken && (
              <Badge ml={6} size="xs" color="green" variant="light">
                taken
              </Badge>
            )}
          </Tabs.Tab>
          <Tabs.Tab value="plan" leftSection={<IconNotes size={16} aria-hidden />}>
            Session plan
            {session.planStatus !== 'ready' && session.status !== 'cancelled' && (
              <Badge ml={6} size="xs" color={session.planStatus === 'none' ? 'orange' : 'yellow'} variant="light">
                {session.planStatus === 'none' ? 'none yet' : 'draft'}
              </Badge>
            )}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value={active} pt="md">
          <Suspense
            fallback={
              <Center py="xl">
                <Loader aria-label="Loading" />
              </Center>
            }
          >
            {active === 'register' ? (
              <RegisterPanel
                session={session}
                interpreter={interpreter}
                onPlan={() => void navigate(`/groups/${group.id}/sessions/${session.id}/plan`, { replace: true })}
                onCatchUp={canManage && group.kind !== 'one_to_one' ? (id) => setAction({ catchUp: id }) : undefined}
              />
            ) : (
              <PlanPanel session={session} sessions={d.sessions} />
            )}
          </Suspense>
        </Tabs.Panel>
      </Tabs>

      {action === 'reschedule' && <RescheduleModal session={session} onClose={() => setAction(null)} />}
      {action === 'cancel' && <CancelSessionModal session={session} onClose={() => setAction(null)} />}
      {action && typeof action === 'object' && <CatchUpModal session={session} men={men} suggested={action.catchUp} onClose={() => setAction(null)} />}
    </Stack>
  );
}
