/** The administrator's home page: when the last checked backup was made, and a way to make one. */
import { Anchor, Card, Group, Text, ThemeIcon, Title } from '@mantine/core';
import { IconAlertTriangle, IconDatabaseExport } from '@tabler/icons-react';
import { Link } from 'react-router';
import { useApiQuery } from '../../app/api';
import { formatDate } from '../../app/format';
import { backupTone } from './backup-tone';

export function BackupCard() {
  const status = useApiQuery('backups.status', {}, { staleTime: 0 });
  const data = status.data;
  const tone = backupTone(data);
  const warn = tone === 'warning';
  const colour = tone === 'unknown' ? 'gray' : warn ? 'orange' : 'green';
  const Icon = warn ? IconAlertTriangle : IconDatabaseExport;
  return (
    <Card withBorder radius="md" padding="lg" maw={760}>
      <Group gap="sm" mb="xs" wrap="nowrap">
        <ThemeIcon variant="light" color={colour} size="lg" radius="md" aria-hidden>
          <Icon size={20} />
        </ThemeIcon>
        <Title order={2} size="h4">
          Backups
        </Title>
      </Group>
      <Text size="sm" mb="sm" c={warn ? 'orange.9' : undefined}>
        {!data
          ? 'Checking…'
          : data.lastVerifiedAt
            ? `Last checked backup: ${formatDate(data.lastVerifiedAt)}.${data.overdue ? ` That is more than ${data.reminderDays} days ago: make a new one.` : ''}`
            : 'No backup has been made yet. Make one now.'}
      </Text>
      <Anchor component={Link} to="/backups" size="sm" fw={500}>
        {data?.passphraseSet === false ? 'Set up backups' : 'Back up now'}
      </Anchor>
    </Card>
  );
}
