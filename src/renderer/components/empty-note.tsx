/** What to show where a list is empty: what it means, and what to do next. */
import { EmptyState } from '@mantine/core';
import type { ReactNode } from 'react';

export function EmptyNote({
  title,
  children,
  icon,
  action,
}: {
  title: string;
  children?: ReactNode;
  icon?: ReactNode;
  action?: ReactNode;
}) {
  return (
    <EmptyState
      py="lg"
      size="sm"
      title={title}
      description={children}
      icon={icon}
      withIndicatorBackground={Boolean(icon)}
    >
      {action && <EmptyState.Actions>{action}</EmptyState.Actions>}
    </EmptyState>
  );
}
