/** The top of his record, on every tab: name, reference, age, status, key worker and his flags. */
import { Anchor, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { IconLock, IconLockOpen } from '@tabler/icons-react';
import { useState } from 'react';
import { todayInLondon } from '../../../shared/dates';
import type { ParticipantRecord } from '../../../shared/features/participant-record';
import { contactStatusLabels } from '../../../shared/features/partners';
import { can } from '../../../shared/permissions';
import { useSession } from '../../app/auth-context';
import { formatDate } from '../../app/format';
import { FlagBadges, StatusBadge } from '../../components/participant-badges';
import { ageText } from './participant-labels';
import { RestrictModal } from './restrict-modal';

export function RecordHeader({ record }: { record: ParticipantRecord }) {
  const session = useSession();
  const [restricting, setRestricting] = useState(false);
  const h = record.header;
  const age = ageText(h.dateOfBirth, todayInLondon());
  const preferred =
    record.details.preferredName && record.details.preferredName !== record.details.firstName
      ? record.details.preferredName
      : null;

  return (
    <Paper
      withBorder
      radius="md"
      p="md"
      component="section"
      aria-label="Participant"
      style={{
        position: 'sticky',
        top: 'var(--app-shell-header-height, 64px)',
        zIndex: 5,
        boxShadow: '0 4px 8px -6px rgba(0, 0, 0, 0.25)',
      }}
    >
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="md">
        <Stack gap={6}>
          <Group gap="sm" align="center">
            <Title order={1} size="h2">
              {h.name}
            </Title>
            <StatusBadge status={h.status} outcome={h.outcome} exitReason={h.exitReason} size="lg" />
          </Group>
          <Group gap="lg" wrap="wrap">
            <Text size="sm">
              <Text span c="dimmed">
                Reference{' '}
              </Text>
              <b data-testid="participant-reference">{h.reference}</b>
            </Text>
            <Text size="sm">
              <Text span c="dimmed">
                Born{' '}
              </Text>
              {formatDate(h.dateOfBirth)}
              {age && ` (age ${age})`}
            </Text>
            {preferred && (
              <Text size="sm">
                <Text span c="dimmed">
                  Likes to be called{' '}
                </Text>
                {preferred}
              </Text>
            )}
            <Text size="sm">
              <Text span c="dimmed">
                Key worker{' '}
              </Text>
              {h.keyWorkerName ?? 'None yet'}
            </Text>
            <Text size="sm" data-testid="partner-contact-status">
              <Text span c="dimmed">
                Partner contact{' '}
              </Text>
              {record.partnerContactStatus ? contactStatusLabels[record.partnerContactStatus] : 'No partner on record'}
            </Text>
          </Group>
          <FlagBadges flags={h.flags} />
        </Stack>
        <Stack gap={6} align="flex-end" style={{ flexShrink: 0 }}>
          {can(session.role, 'participants.restrict') && (
            <Button
              variant="default"
              size="sm"
              leftSection={record.restricted ? <IconLockOpen size={18} /> : <IconLock size={18} />}
              onClick={() => setRestricting(true)}
              style={{ flexShrink: 0 }}
            >
              {record.restricted ? 'Who can open this record' : 'Restrict this record'}
            </Button>
          )}
          {can(session.role, 'audit.view') && (
            <Anchor component={Link} to={`/audit?subject=${encodeURIComponent(h.reference)}`} size="sm">
              Audit log for this record
            </Anchor>
          )}
        </Stack>
      </Group>
      {restricting && <RestrictModal record={record} onClose={() => setRestricting(false)} />}
    </Paper>
  );
}
