/**
 * First run on a new computer: restore from a backup instead of setting up afresh. Also offered by the
 * problem screen (`keepsOld`), where the files that could not be opened are kept in the data folder.
 */
import { Text } from '@mantine/core';
import { AuthFrame } from '../auth/auth-frame';
import { RestoreWizard } from './restore-wizard';

export function FirstRunRestorePage({
  onDone,
  onBack,
  keepsOld = false,
}: {
  onDone: () => void;
  onBack: () => void;
  keepsOld?: boolean;
}) {
  return (
    <AuthFrame title="Restore from a backup" width={720}>
      <Text mb="md">
        Plug in the drive with the backup. Choose the backup, then give the backup passphrase (or the
        organisation&apos;s recovery key).
        {keepsOld &&
          ' The files the program could not open are not deleted: they are kept in a folder named "kept-before-restore-" and the date, in the data folder.'}
      </Text>
      <RestoreWizard firstRun onDone={onDone} onCancel={onBack} />
    </AuthFrame>
  );
}
