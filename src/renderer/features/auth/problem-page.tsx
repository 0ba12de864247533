/** The data folder is not in a state the program can open. Nothing here changes any file. */
import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useState } from 'react';
import { AuthFrame } from './auth-frame';

interface Props {
  message: string;
  onCheckAgain: () => Promise<void>;
  /** offered only when the back end says the recovery key can help */
  onUseRecoveryKey?: () => void;
}

export function ProblemPage({ message, onCheckAgain, onUseRecoveryKey }: Props) {
  const [checking, setChecking] = useState(false);
  return (
    <AuthFrame title="The program cannot open the records" width={600}>
      <Stack gap="md">
        <Alert color="red" icon={<IconAlertTriangle size={20} />} role="alert">
          {message}
        </Alert>
        <Text>
          The program has not changed or replaced anything. Ask your administrator for help: they may need to put a file back
          or restore the latest backup.
        </Text>
        <Group>
          <Button
            variant="default"
            loading={checking}
            onClick={async () => {
              setChecking(true);
              try {
                await onCheckAgain();
              } finally {
                setChecking(false);
              }
            }}
          >
            Check again
          </Button>
          {onUseRecoveryKey && (
            <Button variant="subtle" onClick={onUseRecoveryKey}>
              Use the recovery key
            </Button>
          )}
        </Group>
      </Stack>
    </AuthFrame>
  );
}
