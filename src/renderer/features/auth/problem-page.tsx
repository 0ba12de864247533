/** The data folder is not in a state the program can open. Nothing here changes any file. */
import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useState } from 'react';
import { AuthFrame } from './auth-frame';

interface Props {
  message: string;
  onCheckAgain: () => Promise<void>;
  /** the restore flow; the files that could not be opened are kept beside it */
  onRestore: () => void;
}

export function ProblemPage({ message, onCheckAgain, onRestore }: Props) {
  const [checking, setChecking] = useState(false);
  return (
    <AuthFrame title="The program cannot open the records" width={600}>
      <Stack gap="md">
        <Alert color="red" icon={<IconAlertTriangle size={20} />} role="alert">
          {message}
        </Alert>
        <Text>
          The program has not changed or replaced anything. Ask your administrator for help: they may need to put a file back
          or restore the latest backup. A restore keeps the files that could not be opened in a folder beside them, so
          nothing is lost.
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
          <Button variant="subtle" onClick={onRestore}>
            Restore from a backup
          </Button>
        </Group>
      </Stack>
    </AuthFrame>
  );
}
