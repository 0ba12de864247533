/** The frame around every screen shown before someone is logged in: program name, then one card. */
import { Box, Center, Container, Group, Paper, Text, ThemeIcon, Title } from '@mantine/core';
import { IconShieldLock } from '@tabler/icons-react';
import { useEffect, type ReactNode } from 'react';

export const PROGRAM_NAME = 'DVPP Case Manager';

export function AuthFrame({
  title,
  width = 460,
  organisation,
  children,
}: {
  title: string;
  width?: number;
  /** whose program this is, shown above the log-in (read before log-in from organisation.json) */
  organisation?: string | null;
  children: ReactNode;
}) {
  useEffect(() => {
    document.title = `${title} – ${PROGRAM_NAME}`;
  }, [title]);
  return (
    <Box mih="100vh" bg="gray.0" py={40}>
      <Container size={width} px="md">
        <Center mb="lg">
          <Group gap="xs">
            <ThemeIcon size="lg" radius="md" variant="light" aria-hidden>
              <IconShieldLock size={22} />
            </ThemeIcon>
            <Text fw={600} c="dimmed">
              {PROGRAM_NAME}
            </Text>
          </Group>
        </Center>
        {organisation && (
          <Text ta="center" fw={700} size="xl" mb="md" data-testid="organisation-name">
            {organisation}
          </Text>
        )}
        <Paper withBorder shadow="sm" radius="md" p="xl" component="main">
          <Title order={1} size="h2" mb="md">
            {title}
          </Title>
          {children}
        </Paper>
      </Container>
    </Box>
  );
}
