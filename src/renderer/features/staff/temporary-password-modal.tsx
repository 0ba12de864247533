/** A temporary password, shown once, for the administrator to pass on. */
import { Alert, Button, CopyButton, Group, List, Modal, Paper, Stack, Text } from '@mantine/core';
import { IconCheck, IconCopy } from '@tabler/icons-react';
import type { StaffMember } from '../../../shared/features/staff';

export interface ShownPassword {
  staff: StaffMember;
  temporaryPassword: string;
  reason: 'created' | 'reset' | 'reactivated';
}

const intro: Record<ShownPassword['reason'], (name: string) => string> = {
  created: (name) => `${name} has been added.`,
  reset: (name) => `${name}'s old password no longer works.`,
  reactivated: (name) => `${name}'s account is active again.`,
};

export function TemporaryPasswordModal({ shown, onClose }: { shown: ShownPassword; onClose: () => void }) {
  const { staff, temporaryPassword } = shown;
  return (
    <Modal
      opened
      onClose={onClose}
      title={`Temporary password for ${staff.fullName}`}
      size="lg"
      closeOnClickOutside={false}
    >
      <Stack gap="md">
        <Text>
          {intro[shown.reason](staff.fullName)} Give them this temporary password. It is shown only this once.
        </Text>
        <Paper withBorder p="md" radius="md" bg="gray.0">
          <Group justify="space-between" wrap="nowrap">
            <Text data-testid="temporary-password" aria-label="Temporary password" ff="monospace" fz={28} fw={700} style={{ letterSpacing: '0.08em', userSelect: 'all' }}>
              {temporaryPassword}
            </Text>
            <CopyButton value={temporaryPassword} timeout={3000}>
              {({ copied, copy }) => (
                <Button variant="light" color={copied ? 'teal' : undefined} leftSection={copied ? <IconCheck size={18} /> : <IconCopy size={18} />} onClick={copy}>
                  {copied ? 'Copied' : 'Copy'}
                </Button>
              )}
            </CopyButton>
          </Group>
        </Paper>
        <List size="sm" spacing={4}>
          <List.Item>
            They log in with the user name <b>{staff.username}</b> and this password.
          </List.Item>
          <List.Item>The program then asks them to choose their own password.</List.Item>
          <List.Item>If the password gets lost, use &quot;Reset password&quot; to make a new one.</List.Item>
        </List>
        <Alert color="orange">
          Tell them in person or by phone. Do not send it by email or text message, and do not leave it written down near the
          computer.
        </Alert>
        <Group justify="flex-end">
          <Button onClick={onClose}>Done</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
