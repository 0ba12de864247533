/** The data folder is not in a state the program can open. Nothing here changes any file. */
import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useState } from 'react';
import { AuthFrame } from './auth-frame';

interface Props {
  message: string;
  /** the program's database engine failed to load: the files are fine, so no restore is offered */
  engine?: boolean;
  onCheckAgain: () => Promise<void>;
  /** the restore flow; the files that could not be opened are kept beside it */
  onRestore: () => void;
}

export function ProblemPage({ message, engine = false, onCheckAgain, onRestore }: Props) {
  const [checking, setChecking] = useState(false);
  return (
    <AuthFrame title="The program cannot open the records" width={600}>
      <Stack gap="md">
        <Alert color="red" icon={<IconAlertTriangle size={20} />} role="alert">
          {message}
        </Alert>
        {engine ? (
          <Text>
            The part of the program that reads the encrypted records could not start on this computer. Your records have not
            been opened, changed or replaced, and a backup is not needed. Install the program again from its installer, or
            ask whoever looks after this computer, and give them the message above.
          </Text>
        ) : (
          <Text>
            The program has not changed or replaced anything. Ask your administrator for help: they may need to put a file
            back or restore the latest backup. A restore keeps the files that could not be opened in a folder beside them,
            so nothing is lost.
          </Text>
        )}
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
          {!engine && (
            <Button variant="subtle" onClick={onRestore}>
              Restore from a backup
            </Button>
          )}
        </Group>
      </Stack>
    </AuthFrame>
  );
}
