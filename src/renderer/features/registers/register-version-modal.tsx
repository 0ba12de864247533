/** An earlier version of a register, read-only, as it stood before it was changed. */
import { Alert, Center, Loader, Modal, Stack, Table, Text } from '@mantine/core';
import { attendanceLabels, concernLabels, participationScale, type RegisterEntry } from '../../../shared/features/registers';
import { useApiQuery } from '../../app/api';
import { formatDateTime } from '../../app/format';

function detailOf(e: RegisterEntry): string {
  const parts: string[] = [];
  if (e.lateMinutes) parts.push(`${e.lateMinutes} minutes late`);
  if (e.leftEarlyMinutes) parts.push(`left ${e.leftEarlyMinutes} minutes early`);
  if (e.absenceReason) parts.push(`reason: ${e.absenceReason}`);
  return parts.join('; ');
}

export function RegisterVersionModal({ sessionId, version, onClose }: { sessionId: string; version: number; onClose: () => void }) {
  const v = useApiQuery('registers.version', { sessionId, version });
  return (
    <Modal opened onClose={onClose} title={`The register as it was: version ${version}`} size="xl">
      {v.isPending ? (
        <Center py="lg">
          <Loader aria-label="Opening the earlier version" />
        </Center>
      ) : v.isError ? (
        <Alert color="red" role="alert" title="The earlier version could not be opened">
          {v.error.message}
        </Alert>
      ) : (
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            Saved by {v.data.byName ?? 'a former member of staff'} on {formatDateTime(v.data.at)}. This is a record of what it said; it cannot be changed.
          </Text>
          {v.data.entries.length === 0 ? (
            <Text size="sm">Nobody was marked in this version.</Text>
          ) : (
            <Table striped withTableBorder aria-label={`Register, version ${version}`}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Man</Table.Th>
                  <Table.Th>Attendance</Table.Th>
                  <Table.Th>Participation and session log</Table.Th>
                  <Table.Th>Concern</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {v.data.entries.map((e) => (
                  <Table.Tr key={e.participantId}>
                    <Table.Td>
                      {e.name ?? 'Restricted record'}{' '}
                      <Text span size="xs" c="dimmed">
                        ({e.reference})
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      {attendanceLabels[e.attendance]}
                      {detailOf(e) && (
                        <Text size="xs" c="dimmed">
                          {detailOf(e)}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      {e.participation ? participationScale.find((p) => p.value === e.participation)?.label : ''}
                      {e.note && <Text size="sm">{e.note}</Text>}
                    </Table.Td>
                    <Table.Td>
                      {e.concern !== 'none' ? concernLabels[e.concern] : ''}
                      {e.concernNote && <Text size="sm">{e.concernNote}</Text>}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
          {v.data.interpreterPresent !== null && v.data.interpreterPresent && <Text size="sm">Interpreter present: {v.data.interpreterName}</Text>}
          <div>
            <Text size="sm" fw={600}>
              The facilitators&apos; debrief
            </Text>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {v.data.debrief || 'None written.'}
            </Text>
          </div>
        </Stack>
      )}
    </Modal>
  );
}
