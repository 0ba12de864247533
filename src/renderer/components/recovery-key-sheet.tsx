/**
 * The organisation's recovery key, shown once (at set-up, or when an
 * administrator replaces it). Printing prints only a plain sheet (organisation,
 * date, key and one instruction), placed straight under <body> so that no
 * dialog or scrolling area can cut it off.
 */
import { Alert, Box, Button, Checkbox, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconPrinter } from '@tabler/icons-react';
import { useState } from 'react';
import { createPortal } from 'react-dom';
import { todayUk } from '../app/format';
import { splitKey } from './recovery-key-lines';


interface Props {
  recoveryKey: string;
  organisationName: string;
  /** label of the button that becomes available once the person confirms */
  continueLabel: string;
  onContinue: () => void;
}

export function RecoveryKeySheet({ recoveryKey, organisationName, continueLabel, onContinue }: Props) {
  const [stored, setStored] = useState(false);
  const lines = splitKey(recoveryKey);
  const lastLine = lines.length - 1;
  const created = todayUk();
  const instruction =
    'Keep this sheet locked away from the computer. Type the key in, on the log-in screen under "Use the recovery key", only if no administrator can log in.';
  return (
    <Stack gap="md">
      {createPortal(
        <div className="print-sheet" aria-hidden>
          <h1>Recovery key for {organisationName}</h1>
          <p>DVPP Case Manager. Created {created}.</p>
          <p className="print-sheet-key">
            {lines.map((line, i) => (
              <span key={i}>
                {line.join('-')}
                {i < lastLine ? '-' : ''}
                <br />
              </span>
            ))}
          </p>
          <p>{instruction}</p>
        </div>,
        document.body,
      )}
      <Text>
        The recovery key is the only way back into the program if every administrator forgets their password. Anyone who
        has it can open all the records, so keep it locked away, like a spare key to the office. It is shown only once: this
        program does not keep a copy you can look up later.
      </Text>

      <Paper withBorder p="lg" radius="md">
        <Stack gap="xs">
          <Title order={3}>Recovery key for {organisationName}</Title>
          <Text size="sm" c="dimmed">
            Created {created}
          </Text>
          <Box
            data-testid="recovery-key"
            aria-label="Recovery key"
            role="group"
            ff="monospace"
            fz={28}
            fw={700}
            lh={1.6}
            py="sm"
            style={{ letterSpacing: '0.06em', userSelect: 'all' }}
          >
            {lines.map((line, i) => (
              <div key={i}>
                {line.join('-')}
                {i < lastLine ? '-' : ''}
              </div>
            ))}
          </Box>
          <Text size="sm">{instruction}</Text>
        </Stack>
      </Paper>

      <Group>
        <Button variant="default" leftSection={<IconPrinter size={18} />} onClick={() => window.print()}>
          Print the recovery key
        </Button>
      </Group>

      <Alert color="orange" icon={<IconAlertTriangle size={20} />} title="Before you continue">
        If you cannot print, write the key down carefully on paper. Do not save it in a file on this computer or send it by
        email.
      </Alert>

      <Checkbox
       
        checked={stored}
        onChange={(e) => setStored(e.currentTarget.checked)}
        label="I have printed or written down the recovery key and stored it somewhere safe"
      />
      <Group justify="flex-end">
        <Button disabled={!stored} onClick={onContinue}>
          {continueLabel}
        </Button>
      </Group>
    </Stack>
  );
}
