/** What happened to a session: each move or cancellation, with its reason and what it was before. */
import { Group, List, Paper, Text } from '@mantine/core';
import { IconHistory } from '@tabler/icons-react';
import type { SessionChange } from '../../../shared/features/groups';
import { useApiQuery } from '../../app/api';
import { formatDateTime } from '../../app/format';
import { dayLongDate } from './calendar-helpers';

type Placing = NonNullable<SessionChange['after']>;
const who = (p: Placing) => (p.facilitatorNames ?? []).join(' and ');
const placing = (p: Placing) => `${dayLongDate(p.date)} at ${p.startTime}, ${p.venue}${who(p) ? ` (${who(p)})` : ''}`;

/** "from Thursday 3 December at 18:00 to Friday 4 December at 18:00", naming the venue and facilitators only where they changed. */
function moveText(before: Placing, after: Placing): string {
  const when = (p: Placing) => `${dayLongDate(p.date)} at ${p.startTime}`;
  const parts = [`from ${when(before)} to ${when(after)}`];
  if (before.venue !== after.venue) parts.push(`venue ${before.venue} to ${after.venue}`);
  if (who(before) !== who(after)) parts.push(`facilitators ${who(before) || 'none'} to ${who(after) || 'none'}`);
  return parts.join('; ');
}

export function SessionHistory({ sessionId }: { sessionId: string }) {
  const changes = useApiQuery('sessions.changes', { sessionId });
  if (!changes.data?.length) return null;
  return (
    <Paper withBorder radius="md" p="sm" bg="gray.0" component="section" aria-label="Changes to this session">
      <Group gap="xs" align="flex-start" wrap="nowrap">
        <IconHistory size={18} aria-hidden style={{ marginTop: 2 }} />
        <List size="sm" spacing={4} listStyleType="none">
          {changes.data.map((c) => (
            <List.Item key={c.id}>
              <Text size="sm">
                {c.kind === 'rescheduled' ? (
                  <>
                    <b>Moved</b> {moveText(c.before, c.after!)}.
                  </>
                ) : (
                  <>
                    <b>Cancelled</b> (it was {placing(c.before)}).
                  </>
                )}{' '}
                Reason: {c.reason}
              </Text>
              <Text size="xs" c="dimmed">
                {c.byName ?? 'A former member of staff'}, {formatDateTime(c.at)}
              </Text>
            </List.Item>
          ))}
        </List>
      </Group>
    </Paper>
  );
}
