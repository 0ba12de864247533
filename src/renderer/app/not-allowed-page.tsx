import { Button, Paper, Stack, Text, Title } from '@mantine/core';
import { IconLockAccess } from '@tabler/icons-react';
import { Link } from 'react-router';
import { can, roleLabels, roles, type Permission } from '../../shared/permissions';

/** Shown when someone opens (for example by typing the address) a page their role may not use. */
export function NotAllowedPage({ permission }: { permission: Permission }) {
  const allowed = roles.filter((r) => can(r, permission)).map((r) => `${roleLabels[r].toLowerCase()}s`);
  const who = allowed.length > 1 ? `${allowed.slice(0, -1).join(', ')} and ${allowed.at(-1)}` : (allowed[0] ?? 'other roles');
  return (
    <Paper withBorder p="xl" radius="md" maw={640}>
      <Stack gap="md" align="flex-start">
        <IconLockAccess size={36} aria-hidden />
        <Title order={1} size="h2">
          Your role does not allow this
        </Title>
        <Text>
          This part of the program is only for {who}. If you need it for your work, ask an administrator.
        </Text>
        <Button component={Link} to="/">
          Go to the home page
        </Button>
      </Stack>
    </Paper>
  );
}

export function NotFoundPage() {
  return (
    <Paper withBorder p="xl" radius="md" maw={640}>
      <Stack gap="md" align="flex-start">
        <Title order={1} size="h2">
          There is no page here
        </Title>
        <Text>The address may be mistyped, or the page may have moved. Use the menu on the left to find what you need.</Text>
        <Button component={Link} to="/">
          Go to the home page
        </Button>
      </Stack>
    </Paper>
  );
}
