/** First run on a new computer: restore from a backup instead of setting up afresh. */
import { Text } from '@mantine/core';
import { AuthFrame } from '../auth/auth-frame';
import { RestoreWizard } from './restore-wizard';

export function FirstRunRestorePage({ onDone, onBack }: { onDone: () => void; onBack: () => void }) {
  return (
    <AuthFrame title="Restore from a backup" width={720}>
      <Text mb="md">
        Plug in the drive with the backup. Choose the backup, then give the backup passphrase (or the
        organisation&apos;s recovery key).
      </Text>
      <RestoreWizard firstRun onDone={onDone} onCancel={onBack} />
    </AuthFrame>
  );
}
