/** How to contact her safely: at the top of every tab of her record, because a call at the wrong time can put her in danger. */
import { Alert, Group, Paper, SimpleGrid, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconPhoneOff, IconShieldLock } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import type { PartnerDetails } from '../../../shared/features/partners';

function Line({ label, children, strong }: { label: string; children: ReactNode; strong?: boolean }) {
  const empty = children === '' || children == null;
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
        {label}
      </Text>
      <Text size={strong ? 'lg' : 'md'} fw={strong ? 700 : 500} c={empty ? 'dimmed' : undefined} style={{ overflowWrap: 'anywhere' }}>
        {empty ? 'Not recorded: ask her' : children}
      </Text>
    </Stack>
  );
}

export function SafeContactCard({ details }: { details: PartnerDetails }) {
  const s = details.safeContact;
  return (
    <Paper
      radius="md"
      p="md"
      bg="orange.0"
      component="section"
      aria-label="Safe-contact instructions"
      data-testid="safe-contact"
      style={{ border: '2px solid var(--mantine-color-orange-6)' }}
    >
      <Group gap="sm" mb="sm" wrap="nowrap">
        <ThemeIcon color="orange" variant="filled" radius="xl" aria-hidden>
          <IconShieldLock size={18} />
        </ThemeIcon>
        <Title order={2} size="h4">
          Before you contact her
        </Title>
      </Group>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 5 }} spacing="md">
        <Line label="Safe number" strong>
          {s.safeNumber}
        </Line>
        <Line label="Safe times" strong>
          {s.safeTimes}
        </Line>
        <Stack gap={0}>
          <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
            Leave a message?
          </Text>
          {s.messageAllowed === 'no' ? (
            <Group gap={4} wrap="nowrap">
              <IconPhoneOff size={18} color="var(--mantine-color-red-8)" aria-hidden />
              <Text fw={700} c="red.8" size="lg">
                Never
              </Text>
            </Group>
          ) : (
            <Text fw={700} size="lg">
              {s.messageAllowed === 'yes' ? 'Yes' : 'Ask her first'}
            </Text>
          )}
        </Stack>
        <Line label="Say you are">{s.nameToGive}</Line>
        <Line label="Code word (not safe to talk)">{s.codeWord}</Line>
      </SimpleGrid>
      {s.notes && (
        <Alert color="orange" variant="white" mt="sm" p="xs">
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {s.notes}
          </Text>
        </Alert>
      )}
    </Paper>
  );
}
