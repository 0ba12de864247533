/**
 * The temporary passwords of the accounts a staff import has just made: shown this once
 * (they are kept nowhere else), for the administrator to pass on in person, as when one
 * account is added on the Staff page.
 */
import { Alert, Button, CopyButton, List, Table, Text } from '@mantine/core';
import { IconCheck, IconCopy } from '@tabler/icons-react';
import type { ImportResult } from '../../../shared/features/imports';

export function ImportedStaff({ passwords }: { passwords: NonNullable<ImportResult['temporaryPasswords']> }) {
  return (
    <Alert color="orange" title="Temporary passwords: shown only this once">
      <Text size="sm" mb="sm">
        Give each person their own password in person or by phone, never by email or text message. Write them down now if you
        need to, and destroy the note once they have logged in. Each person chooses their own password at their first log-in.
        If one gets lost, use “Reset password” on the Staff page.
      </Text>
      <Table.ScrollContainer minWidth={560}>
        <Table withTableBorder aria-label="Temporary passwords of the new accounts">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>User name</Table.Th>
              <Table.Th>Temporary password</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {passwords.map((p) => (
              <Table.Tr key={p.username}>
                <Table.Td>{p.fullName}</Table.Td>
                <Table.Td>{p.username}</Table.Td>
                <Table.Td ff="monospace" fz="lg" fw={700} style={{ letterSpacing: '0.06em', userSelect: 'all' }}>
                  {p.temporaryPassword}
                </Table.Td>
                <Table.Td>
                  <CopyButton value={p.temporaryPassword} timeout={3000}>
                    {({ copied, copy }) => (
                      <Button size="xs" variant="light" color={copied ? 'teal' : undefined} leftSection={copied ? <IconCheck size={14} /> : <IconCopy size={14} />} onClick={copy} aria-label={`Copy ${p.fullName}'s password`}>
                        {copied ? 'Copied' : 'Copy'}
                      </Button>
                    )}
                  </CopyButton>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <List size="sm" mt="sm">
        <List.Item>Partner support workers cannot see the partner side yet: a manager gives each of them partner access on the Staff page.</List.Item>
      </List>
    </Alert>
  );
}
