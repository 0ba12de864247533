/** Small badges for a session: its status, its plan and its register. */
import { Badge, Group } from '@mantine/core';
import { IconCheck } from '@tabler/icons-react';
import { addDays } from '../../../shared/dates';
import type { Session } from '../../../shared/features/groups';
import { planStatusColours, planStatusLabels, registerOverdue, sessionStatusColours, sessionStatusLabels } from './group-labels';

export function SessionStatusBadge({ session, today }: { session: Pick<Session, 'status' | 'date'>; today: string }) {
  if (session.status === 'scheduled' && session.date === today) {
    return (
      <Badge color="indigo" variant="filled">
        Today
      </Badge>
    );
  }
  return (
    <Badge color={sessionStatusColours[session.status]} variant="light">
      {sessionStatusLabels[session.status]}
    </Badge>
  );
}

/** No plan for a session more than two weeks away is normal: grey, not orange. */
export function PlanBadge({ session, today }: { session: Pick<Session, 'planStatus' | 'status' | 'date'>; today?: string }) {
  if (session.status === 'cancelled') return null;
  if (session.planStatus === 'none' && today && session.date > addDays(today, 14)) {
    return (
      <Badge color="gray" variant="outline">
        No plan yet
      </Badge>
    );
  }
  // Within two weeks (or past) with no plan: say what to do, not just "No plan" beside "No plan yet".
  return (
    <Badge color={planStatusColours[session.planStatus]} variant={session.planStatus === 'ready' ? 'light' : 'outline'}>
      {session.planStatus === 'none' ? 'Plan needed' : planStatusLabels[session.planStatus]}
    </Badge>
  );
}

export function RegisterBadge({ session, today }: { session: Pick<Session, 'registerTaken' | 'status' | 'date'>; today: string }) {
  if (session.registerTaken) {
    return (
      <Badge color="green" variant="light" leftSection={<IconCheck size={12} aria-hidden />}>
        Register taken
      </Badge>
    );
  }
  if (registerOverdue(session, today)) {
    return (
      <Badge color="red" variant="outline">
        Register not taken
      </Badge>
    );
  }
  return null;
}

export function SessionBadges({ session, today }: { session: Session; today: string }) {
  return (
    <Group gap={6} wrap="wrap">
      <SessionStatusBadge session={session} today={today} />
      <PlanBadge session={session} today={today} />
      <RegisterBadge session={session} today={today} />
    </Group>
  );
}
