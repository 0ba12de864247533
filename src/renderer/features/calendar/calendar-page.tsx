/**
 * Every group and one-to-one session, week by week or month by month,
 * filtered by facilitator and venue. Each session opens its page (plan,
 * register, reschedule, cancel, catch-up). The view is in the address.
 */
import { Alert, Box, Button, Center, Group, Loader, Paper, SegmentedControl, Select, SimpleGrid, Stack, Switch, Text, Title, UnstyledButton } from '@mantine/core';
import { IconChevronLeft, IconChevronRight } from '@tabler/icons-react';
import { keepPreviousData } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { todayInLondon } from '../../../shared/dates';
import type { Session } from '../../../shared/features/groups';
import { useApiQuery } from '../../app/api';
import { useSession } from '../../app/auth-context';
import { PageHeader } from '../../components/page-header';
import { StaffSelect } from '../../components/staff-select';
import { useVenues } from '../groups/group-fields';
import { sessionPath } from '../groups/group-labels';
import { dayName, isIsoDate, monthGrid, rangeFor, rangeTitle, shift, weekDays, type CalendarView } from './calendar-helpers';
import { SessionCard, WithoutReadyPlanCard } from './session-cards';

const DAY_HEADS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

function WeekView({ days, sessions, today }: { days: string[]; sessions: Session[]; today: string }) {
  return (
    <Stack gap={0}>
      {days.map((day) => {
        const mine = sessions.filter((s) => s.date === day);
        const isToday = day === today;
        return (
          <Group
            key={day}
            align="flex-start"
            wrap="nowrap"
            gap="md"
            py="sm"
            px="xs"
            style={{ borderTop: '1px solid var(--mantine-color-gray-3)', background: isToday ? 'var(--mantine-color-indigo-0)' : undefined }}
            aria-label={`${dayName(day)} ${day.slice(8, 10)}/${day.slice(5, 7)}`}
            role="group"
          >
            <Stack gap={0} w={120} style={{ flexShrink: 0 }}>
              <Text fw={700} size="sm" c={isToday ? 'indigo.8' : undefined}>
                {dayName(day)}
              </Text>
              <Text size="sm" c="dimmed">
                {day.slice(8, 10)}/{day.slice(5, 7)}/{day.slice(0, 4)}
              </Text>
              {isToday && (
                <Text size="xs" fw={700} c="indigo.8">
                  Today
                </Text>
              )}
            </Stack>
            {mine.length === 0 ? (
              <Text size="sm" c="dimmed" pt={2}>
                No sessions
              </Text>
            ) : (
              <Group gap="sm" align="stretch">
                {mine.map((s) => (
                  <SessionCard key={s.id} session={s} today={today} />
                ))}
              </Group>
            )}
          </Group>
        );
      })}
    </Stack>
  );
}

function MonthView({ anchor, sessions, today }: { anchor: string; sessions: Session[]; today: string }) {
  const weeks = monthGrid(anchor);
  const month = anchor.slice(0, 7);
  return (
    <Box role="grid" aria-label={rangeTitle('month', anchor)}>
      <SimpleGrid cols={7} spacing={0} role="row">
        {DAY_HEADS.map((d) => (
          <Text key={d} size="xs" fw={700} c="dimmed" ta="center" py={4} role="columnheader">
            {d}
          </Text>
        ))}
      </SimpleGrid>
      {weeks.map((week) => (
        <SimpleGrid key={week[0]} cols={7} spacing={0} role="row">
          {week.map((day) => {
            const mine = sessions.filter((s) => s.date === day);
            const inMonth = day.slice(0, 7) === month;
            return (
              <Box
                key={day}
                role="gridcell"
                aria-label={`${dayName(day)} ${day.slice(8, 10)}/${day.slice(5, 7)}: ${mine.length} session${mine.length === 1 ? '' : 's'}`}
                p={4}
                mih={104}
                style={{
                  border: '1px solid var(--mantine-color-gray-3)',
                  marginTop: -1,
                  marginLeft: -1,
                  background: day === today ? 'var(--mantine-color-indigo-0)' : inMonth ? 'white' : 'var(--mantine-color-gray-0)',
                }}
              >
                <Text size="xs" fw={day === today ? 700 : 500} c={inMonth ? (day === today ? 'indigo.8' : undefined) : 'dimmed'} mb={2}>
                  {Number(day.slice(8, 10))}
                  {day === today ? ' · Today' : ''}
                </Text>
                <Stack gap={2}>
                  {mine.map((s) => (
                    <UnstyledButton
                      key={s.id}
                      component={Link}
                      to={sessionPath(s)}
                      title={`${s.groupName}, session ${s.number}${s.themeName ? `: ${s.themeName}` : ''} at ${s.venue}`}
                      px={4}
                      py={1}
                      style={{
                        borderRadius: 4,
                        fontSize: 12,
                        lineHeight: 1.35,
                        background: s.status === 'cancelled' ? 'var(--mantine-color-gray-1)' : s.catchUpForSessionId ? 'var(--mantine-color-grape-0)' : 'var(--mantine-color-indigo-0)',
                        borderLeft: `3px solid var(--mantine-color-${s.status === 'cancelled' ? 'gray-5' : s.planStatus === 'ready' || s.registerTaken ? 'teal-6' : 'orange-6'})`,
                        textDecoration: s.status === 'cancelled' ? 'line-through' : undefined,
                        overflow: 'hidden',
                        whiteSpace: 'nowrap',
                        textOverflow: 'ellipsis',
                        display: 'block',
                      }}
                    >
                      <b>{s.startTime}</b> {s.groupName}
                    </UnstyledButton>
                  ))}
                </Stack>
              </Box>
            );
          })}
        </SimpleGrid>
      ))}
      <Group gap="lg" mt="xs">
        <Group gap={6}>
          <Box w={12} h={12} bg="teal.6" style={{ borderRadius: 2 }} aria-hidden />
          <Text size="xs" c="dimmed">
            Plan ready or register taken
          </Text>
        </Group>
        <Group gap={6}>
          <Box w={12} h={12} bg="orange.6" style={{ borderRadius: 2 }} aria-hidden />
          <Text size="xs" c="dimmed">
            Plan not ready yet
          </Text>
        </Group>
        <Group gap={6}>
          <Box w={12} h={12} bg="grape.1" style={{ borderRadius: 2 }} aria-hidden />
          <Text size="xs" c="dimmed">
            Catch-up session
          </Text>
        </Group>
      </Group>
    </Box>
  );
}

export function CalendarPage() {
  const me = useSession();
  const [params, setParams] = useSearchParams();
  const today = todayInLondon();
  const view: CalendarView = params.get('view') === 'month' ? 'month' : 'week';
  const anchor = isIsoDate(params.get('date')) ? params.get('date')! : today;
  const facilitatorId = params.get('facilitator') || null;
  const venue = params.get('venue') || null;
  const venues = useVenues();
  const range = rangeFor(view, anchor);
  const sessions = useApiQuery(
    'sessions.calendar',
    { ...range, ...(facilitatorId ? { facilitatorId } : {}), ...(venue ? { venue } : {}) },
    { placeholderData: keepPreviousData },
  );

  const set = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next, { replace: true });
  };
  const list = sessions.data ?? [];
  const shown = list.filter((s) => s.status !== 'cancelled').length;

  return (
    <>
      <PageHeader title="Calendar" description="Every group and one-to-one session. Open a session to see its plan, take its register, move or cancel it." />
      <Stack gap="md">
        <WithoutReadyPlanCard compact />
        <Paper withBorder radius="md" p="md">
          <Stack gap="sm">
            <Group justify="space-between" wrap="wrap" gap="sm">
              <Group gap="xs" wrap="nowrap">
                <Button variant="default" size="sm" px="xs" onClick={() => set({ date: shift(view, anchor, -1) })} aria-label={view === 'week' ? 'Previous week' : 'Previous month'}>
                  <IconChevronLeft size={18} />
                </Button>
                <Button variant="default" size="sm" onClick={() => set({ date: null })} disabled={rangeTitle(view, anchor) === rangeTitle(view, today)}>
                  {view === 'week' ? 'This week' : 'This month'}
                </Button>
                <Button variant="default" size="sm" px="xs" onClick={() => set({ date: shift(view, anchor, 1) })} aria-label={view === 'week' ? 'Next week' : 'Next month'}>
                  <IconChevronRight size={18} />
                </Button>
                <Title order={2} size="h4" ml="sm" aria-live="polite">
                  {rangeTitle(view, anchor)}
                </Title>
                {sessions.isFetching && <Loader size="xs" aria-label="Loading" />}
              </Group>
              <SegmentedControl value={view} onChange={(v) => set({ view: v === 'month' ? 'month' : null })} data={[{ value: 'week', label: 'Week' }, { value: 'month', label: 'Month' }]} aria-label="Show a week or a month" />
            </Group>
            <Group gap="md" align="flex-end" wrap="wrap">
              <StaffSelect
                label="Facilitator"
                placeholder="Everyone"
                roles={['facilitator', 'manager']}
                clearable
                w={280}
                value={facilitatorId}
                onChange={(v) => set({ facilitator: v })}
              />
              <Select label="Venue" placeholder="All venues" data={[...new Set([...venues, ...list.map((s) => s.venue), ...(venue ? [venue] : [])])].sort()} clearable w={280} value={venue} onChange={(v) => set({ venue: v })} />
              {(me.role === 'facilitator' || me.role === 'manager') && (
                <Switch mb={8} label="Only my sessions" checked={facilitatorId === me.staffId} onChange={(e) => set({ facilitator: e.currentTarget.checked ? me.staffId : null })} />
              )}
              <Text size="sm" c="dimmed" mb={8} aria-live="polite">
                {sessions.isPending ? '' : `${shown} session${shown === 1 ? '' : 's'}${list.length - shown ? ` (and ${list.length - shown} cancelled)` : ''}`}
              </Text>
            </Group>
          </Stack>
        </Paper>
        <Paper withBorder radius="md" p="md">
          {sessions.isPending ? (
            <Center py="xl">
              <Loader aria-label="Loading the calendar" />
            </Center>
          ) : sessions.isError ? (
            <Alert color="red" role="alert" title="The calendar could not be loaded">
              {sessions.error.message}
            </Alert>
          ) : view === 'week' ? (
            <WeekView days={weekDays(anchor)} sessions={list} today={today} />
          ) : (
            <MonthView anchor={anchor} sessions={list} today={today} />
          )}
          {!sessions.isPending && list.length === 0 && (facilitatorId || venue) && (
            <Text size="sm" c="dimmed" mt="sm">
              Nothing matches the filters. <Button variant="subtle" size="compact-sm" onClick={() => set({ facilitator: null, venue: null })}>Show everyone&apos;s sessions</Button>
            </Text>
          )}
        </Paper>
      </Stack>
    </>
  );
}
