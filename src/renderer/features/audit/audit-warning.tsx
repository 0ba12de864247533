/**
 * Shown to an administrator once, after a log-in that found the newest audit entries missing from the
 * database (or the audit anchor lost): what happened, how many, since when, and what to do.
 */
import { Alert } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useState } from 'react';

export function AuditWarning({ message }: { message: string | null | undefined }) {
  const [hidden, setHidden] = useState(false);
  if (!message || hidden) return null;
  return (
    <Alert
      color="red"
      icon={<IconAlertTriangle size={20} />}
      role="alert"
      title="The audit log is not complete"
      withCloseButton
      closeButtonLabel="Hide this message"
      onClose={() => setHidden(true)}
      mb="md"
      data-testid="audit-warning"
    >
      {message}
    </Alert>
  );
}
