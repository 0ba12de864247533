import { Radio, SimpleGrid } from '@mantine/core';
import type { ComponentProps } from 'react';
import { roleDescriptions, roleLabels, roles } from '../../../shared/permissions';

/** The four roles, each with what it is for, as radio buttons. */
export function RoleChoice(props: Omit<ComponentProps<typeof Radio.Group>, 'children'>) {
  return (
    <Radio.Group {...props}>
      <SimpleGrid cols={2} spacing="md" verticalSpacing="sm" mt="xs">
        {roles.map((role) => (
          <Radio key={role} value={role} label={roleLabels[role]} description={roleDescriptions[role]} />
        ))}
      </SimpleGrid>
    </Radio.Group>
  );
}
