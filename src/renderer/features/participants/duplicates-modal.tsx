/** "Is this someone already on record?": the possible matches, why each might be him, and the choice. */
import { Alert, Button, Divider, Group, List, Modal, Paper, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconLock, IconUserCheck, IconUserPlus, IconUsers } from '@tabler/icons-react';
import type { DuplicateCandidate } from '../../../shared/features/participants';
import { formatDate } from '../../app/format';
import { StatusBadge } from '../../components/participant-badges';

interface Props {
  candidates: DuplicateCandidate[];
  saving: boolean;
  onSamePerson: (candidate: DuplicateCandidate) => void;
  onNewPerson: () => void;
  onClose: () => void;
}

export function DuplicatesModal({ candidates, saving, onSamePerson, onNewPerson, onClose }: Props) {
  const one = candidates.length === 1;
  return (
    <Modal
      opened
      onClose={onClose}
      size="xl"
      title={one ? 'Is he already on record?' : `He may already be on record: ${candidates.length} possible matches`}
    >
      <Stack gap="md">
        <Text size="sm">
          Nothing has been saved yet. Check {one ? 'the person below' : 'each person below'} against the referral. If it
          is the same man, add this referral to his existing record so his history stays in one place.
        </Text>
        {candidates.map((c) => (
          <Paper
            key={c.id}
            withBorder
            p="md"
            radius="md"
            component="section"
            aria-label={c.reference ? `Possible match ${c.reference}` : 'Possible match: a restricted record'}
          >
            <Group justify="space-between" align="flex-start" wrap="nowrap" gap="md">
              <Stack gap={4}>
                <Group gap="xs">
                  {c.name ? (
                    <Text fw={700}>{c.name}</Text>
                  ) : (
                    <Group gap={4}>
                      <IconLock size={16} aria-hidden />
                      <Text fw={700}>Restricted record</Text>
                    </Group>
                  )}
                  {c.reference && (
                    <Text c="dimmed" size="sm">
                      {c.reference}
                    </Text>
                  )}
                  {c.status && <StatusBadge status={c.status} size="sm" />}
                </Group>
                {c.dateOfBirth && <Text size="sm">Born {formatDate(c.dateOfBirth)}</Text>}
                {c.aliases.length > 0 && <Text size="sm">Also known as {c.aliases.join(', ')}</Text>}
                {c.canLink && (
                  <Text size="sm" fw={600} mt={4}>
                    Why this might be him:
                  </Text>
                )}
                <List size="sm" spacing={2}>
                  {c.reasons.map((r) => (
                    <List.Item key={r}>{r}</List.Item>
                  ))}
                </List>
              </Stack>
              {c.canLink ? (
                <Button
                  leftSection={<IconUserCheck size={18} />}
                  onClick={() => onSamePerson(c)}
                  loading={saving}
                  style={{ flexShrink: 0 }}
                  aria-label={`Same person: add this referral to his record (${c.name ?? 'restricted record'}, ${c.reference ?? ''})`}
                >
                  Same person: add this referral to his record
                </Button>
              ) : (
                <Alert color="gray" icon={<IconLock size={18} />} maw={260} p="xs">
                  <Text size="xs">
                    Only named staff can open this record, so it cannot be linked from here.
                  </Text>
                </Alert>
              )}
            </Group>
          </Paper>
        ))}
        <Alert color="blue" icon={<IconUsers size={18} />} p="sm">
          <Text size="sm">
            Adding the referral to an existing record keeps his details on that record as they are. Check them there
            afterwards and update anything that has changed.
          </Text>
        </Alert>
        <Divider />
        <Group justify="space-between">
          <Button variant="default" onClick={onClose}>
            Go back to the form
          </Button>
          <Group gap="xs">
            <ThemeIcon variant="transparent" c="dimmed" aria-hidden>
              <IconUserPlus size={18} />
            </ThemeIcon>
            <Button variant="outline" onClick={onNewPerson} loading={saving}>
              Not the same person: create a new record
            </Button>
          </Group>
        </Group>
      </Stack>
    </Modal>
  );
}
