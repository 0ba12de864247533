/** The kinds of programme the organisation runs: sessions, session length, curriculum and completion rule. */
import { Alert, Badge, Button, Center, Group, Loader, Paper, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { IconPencil, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { programmeKindLabels, type ProgrammeType } from '../../../shared/features/programmes';
import { useApiQuery } from '../../app/api';
import { EmptyNote } from '../../components/empty-note';
import { durationText } from '../groups/group-labels';
import { ProgrammeTypeModal } from './programme-type-modal';

export function completionText(p: Pick<ProgrammeType, 'minAttendancePercent' | 'requiredThemeIds'>): string {
  const themes = p.requiredThemeIds.length;
  return `At least ${p.minAttendancePercent}% attendance${themes ? ` and ${themes} required theme${themes === 1 ? '' : 's'}` : ''}`;
}

export function ProgrammeTypesPanel() {
  const programmes = useApiQuery('programmes.list', {});
  const themes = useApiQuery('curriculum.list', {});
  const [editing, setEditing] = useState<ProgrammeType | 'new' | null>(null);
  const themeName = (id: string) => themes.data?.find((t) => t.id === id)?.name ?? 'A removed theme';

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start">
        <Text size="sm" maw={760}>
          Each group or one-to-one case follows one programme type. Changes apply to groups created from now on; groups already running keep
          their schedule.
        </Text>
        <Button leftSection={<IconPlus size={18} />} onClick={() => setEditing('new')}>
          Add a programme type
        </Button>
      </Group>
      <Paper withBorder radius="md" p="md">
        {programmes.isPending ? (
          <Center py="xl">
            <Loader aria-label="Loading the programme types" />
          </Center>
        ) : programmes.isError ? (
          <Alert color="red" role="alert" title="The programme types could not be loaded">
            {programmes.error.message}
          </Alert>
        ) : programmes.data.length === 0 ? (
          <EmptyNote title="No programme types yet">Add the programmes you run, for example a 26-week group programme.</EmptyNote>
        ) : (
          <Table.ScrollContainer minWidth={900}>
            <Table verticalSpacing="sm" aria-label="Programme types">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Name</Table.Th>
                  <Table.Th>Kind</Table.Th>
                  <Table.Th>Sessions</Table.Th>
                  <Table.Th>Each session</Table.Th>
                  <Table.Th>Curriculum</Table.Th>
                  <Table.Th>To complete</Table.Th>
                  <Table.Th>
                    <VisuallyHidden>Actions</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {programmes.data.map((p) => (
                  <Table.Tr key={p.id} c={p.active ? undefined : 'dimmed'}>
                    <Table.Td>
                      <Group gap="xs">
                        <Text fw={600} size="sm">
                          {p.name}
                        </Text>
                        {!p.active && (
                          <Badge color="gray" variant="light">
                            No longer offered
                          </Badge>
                        )}
                      </Group>
                    </Table.Td>
                    <Table.Td>{programmeKindLabels[p.kind]}</Table.Td>
                    <Table.Td>{p.sessionsCount}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{durationText(p.sessionMinutes)}</Table.Td>
                    <Table.Td>
                      <Text size="sm">
                        {p.themeIds.length === 0 ? 'All themes, in the library order' : p.themeIds.map(themeName).join(', ')}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {p.objectives.length === 0 ? 'No objectives listed' : `${p.objectives.length} objective${p.objectives.length === 1 ? '' : 's'}`}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{completionText(p)}</Text>
                      {p.requiredThemeIds.length > 0 && (
                        <Text size="xs" c="dimmed">
                          Required: {p.requiredThemeIds.map(themeName).join(', ')}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Button variant="default" size="xs" leftSection={<IconPencil size={14} />} onClick={() => setEditing(p)} aria-label={`Edit ${p.name}`}>
                        Edit
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
      {editing && <ProgrammeTypeModal programme={editing === 'new' ? null : editing} themes={themes.data ?? []} onClose={() => setEditing(null)} />}
    </Stack>
  );
}
