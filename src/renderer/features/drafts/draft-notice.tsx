/** Says that text kept from last time has been put back, so no one wonders where it came from. */
import { Alert } from '@mantine/core';
import { IconRestore } from '@tabler/icons-react';
import { formatDateTime } from '../../app/format';

export function DraftNotice({ restoredAt }: { restoredAt: string | null }) {
  if (!restoredAt) return null;
  return (
    <Alert color="blue" icon={<IconRestore size={18} />} data-testid="draft-restored" py="xs">
      Your unsaved text from {formatDateTime(restoredAt)} has been put back. Save it when it is ready, or Cancel to discard it.
    </Alert>
  );
}
