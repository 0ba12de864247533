import { Badge, Button, Menu, Table, Text, VisuallyHidden } from '@mantine/core';
import { IconChevronDown, IconKey, IconPencil, IconUserCheck, IconUserOff } from '@tabler/icons-react';
import type { StaffMember } from '../../../shared/features/staff';
import { roleLabels } from '../../../shared/permissions';
import { formatDate, formatDateTime } from '../../app/format';

export interface StaffActions {
  edit: (m: StaffMember) => void;
  resetPassword: (m: StaffMember) => void;
  deactivate: (m: StaffMember) => void;
  reactivate: (m: StaffMember) => void;
}

interface Props {
  staff: StaffMember[];
  selfId: string;
  /** null: read-only (managers) */
  actions: StaffActions | null;
  /**
   * A manager holding the partner key gives partner access by sealing it to the person (issue 13);
   * an administrator cannot, so this is absent for them.
   */
  grantPartnerAccess?: ((m: StaffMember) => void) | null;
}

const PARTNER_ROLES = new Set(['manager', 'partner_worker']);

export function StaffTable({ staff, selfId, actions, grantPartnerAccess }: Props) {
  // On a narrow window the viewport scrolls sideways: it takes focus so a keyboard can scroll it (axe: scrollable-region-focusable).
  return (
    <Table.ScrollContainer minWidth={900} scrollAreaProps={{ viewportProps: { tabIndex: 0 } }}>
      <Table striped highlightOnHover verticalSpacing="sm" horizontalSpacing="xs" aria-label="Staff" style={{ whiteSpace: 'nowrap' }}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Name</Table.Th>
            <Table.Th>User name</Table.Th>
            <Table.Th>Role</Table.Th>
            <Table.Th>Job title</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Password</Table.Th>
            <Table.Th>Last log-in</Table.Th>
            {grantPartnerAccess && <Table.Th>Partner access</Table.Th>}
            {actions && (
              <Table.Th>
                <VisuallyHidden>Actions</VisuallyHidden>
              </Table.Th>
            )}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {staff.map((m) => {
            const isSelf = m.id === selfId;
            return (
              <Table.Tr key={m.id} c={m.active ? undefined : 'dimmed'}>
                <Table.Td>
                  <Text fw={500} size="sm" span>
                    {m.fullName}
                  </Text>
                  {isSelf && (
                    <Text c="dimmed" size="sm" span>
                      {' '}
                      (you)
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{m.username}</Table.Td>
                <Table.Td>{roleLabels[m.role]}</Table.Td>
                <Table.Td>{m.jobTitle || <Text c="dimmed" size="sm" span aria-label="No job title">–</Text>}</Table.Td>
                <Table.Td>
                  {m.active ? (
                    <Badge color="green" variant="light">
                      Active
                    </Badge>
                  ) : (
                    <>
                      <Badge color="gray" variant="light">
                        Deactivated
                      </Badge>
                      {m.deactivatedAt && (
                        <Text size="xs" c="dimmed">
                          since {formatDate(m.deactivatedAt)}
                        </Text>
                      )}
                    </>
                  )}
                </Table.Td>
                <Table.Td>
                  {m.active && m.mustChangePassword ? (
                    <Badge color="orange" variant="light" title="They must choose their own password when they next log in">
                      Temporary
                    </Badge>
                  ) : m.active ? (
                    <Text size="sm" span>
                      Own password
                    </Text>
                  ) : null}
                </Table.Td>
                <Table.Td>{m.lastLoginAt ? formatDateTime(m.lastLoginAt) : <Text c="dimmed" size="sm" span>Never</Text>}</Table.Td>
                {grantPartnerAccess && (
                  <Table.Td>
                    {m.active && PARTNER_ROLES.has(m.role) && m.partnerAccess ? (
                      <Badge color="green" variant="light" title="They can open the partner side">
                        Has access
                      </Badge>
                    ) : m.active && PARTNER_ROLES.has(m.role) && m.mustChangePassword ? (
                      <Text size="xs" c="dimmed" span title="Partner access can be given once they have logged in and chosen their own password">
                        After their first log-in
                      </Text>
                    ) : m.active && !isSelf && PARTNER_ROLES.has(m.role) ? (
                      <Button variant="light" size="compact-sm" onClick={() => grantPartnerAccess(m)} aria-label={`Give partner access to ${m.fullName}`}>
                        Give partner access
                      </Button>
                    ) : null}
                  </Table.Td>
                )}
                {actions && (
                  <Table.Td ta="right">
                    <Menu position="bottom-end" withinPortal>
                      <Menu.Target>
                        <Button variant="default" size="compact-sm" rightSection={<IconChevronDown size={14} />} aria-label={`Actions for ${m.fullName}`}>
                          Actions
                        </Button>
                      </Menu.Target>
                      <Menu.Dropdown>
                        <Menu.Item leftSection={<IconPencil size={16} />} onClick={() => actions.edit(m)}>
                          Edit details
                        </Menu.Item>
                        {m.active && !isSelf && (
                          <Menu.Item leftSection={<IconKey size={16} />} onClick={() => actions.resetPassword(m)}>
                            Reset password
                          </Menu.Item>
                        )}
                        {m.active && !isSelf && (
                          <Menu.Item color="red" leftSection={<IconUserOff size={16} />} onClick={() => actions.deactivate(m)}>
                            Deactivate
                          </Menu.Item>
                        )}
                        {!m.active && (
                          <Menu.Item leftSection={<IconUserCheck size={16} />} onClick={() => actions.reactivate(m)}>
                            Reactivate
                          </Menu.Item>
                        )}
                        {isSelf && (
                          <Menu.Label>To change your own password, use &quot;Change my password&quot; at the top.</Menu.Label>
                        )}
                      </Menu.Dropdown>
                    </Menu>
                  </Table.Td>
                )}
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
