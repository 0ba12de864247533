/** Asks before leaving a page with unsaved work (for example a register half filled in). */
import { Text } from '@mantine/core';
import { modals } from '@mantine/modals';
import { useEffect } from 'react';
import { useBlocker } from 'react-router';

export function useUnsavedChangesPrompt(dirty: boolean, what = 'your changes') {
  const blocker = useBlocker(({ currentLocation, nextLocation }) => dirty && currentLocation.pathname !== nextLocation.pathname);
  useEffect(() => {
    if (blocker.state !== 'blocked') return;
    let decided = false;
    modals.openConfirmModal({
      title: 'Leave without saving?',
      children: <Text size="sm">You have not saved {what}. If you leave this page now, they are lost.</Text>,
      labels: { confirm: 'Leave without saving', cancel: 'Stay on this page' },
      confirmProps: { color: 'red' },
      onConfirm: () => {
        decided = true;
        blocker.proceed();
      },
      onClose: () => {
        if (!decided) blocker.reset();
      },
    });
  }, [blocker, what]);
}
