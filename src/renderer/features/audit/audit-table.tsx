import { Anchor, Badge, Table, Text, Tooltip } from '@mantine/core';
import type { AuditEntry } from '../../../shared/features/audit';
import { formatDateTimeSeconds } from '../../app/format';
import { eventText, outcomeColours, outcomeLabels, roleLabel, summariseDetail } from './audit-labels';

interface Props {
  entries: AuditEntry[];
  /** to name the member of staff an entry is about */
  staffNames: Map<string, string>;
  onSubject: (subjectId: string) => void;
}

function subjectText(e: AuditEntry, staffNames: Map<string, string>): string {
  const raw = e.subjectType ?? 'record';
  const type = raw.charAt(0).toUpperCase() + raw.slice(1);
  if (!e.subjectId) return type;
  const name = raw === 'staff' ? staffNames.get(e.subjectId) : (e.subjectReference ?? undefined);
  return name ? `${type}: ${name}` : `${type} ${e.subjectId.slice(0, 8)}`;
}

export function AuditTable({ entries, staffNames, onSubject }: Props) {
  return (
    <Table.ScrollContainer minWidth={1000}>
      <Table striped verticalSpacing="xs" fz="sm" aria-label="Audit log entries">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>No.</Table.Th>
            <Table.Th>Time</Table.Th>
            <Table.Th>Who</Table.Th>
            <Table.Th>Role</Table.Th>
            <Table.Th>What happened</Table.Th>
            <Table.Th>Outcome</Table.Th>
            <Table.Th>Record</Table.Th>
            <Table.Th>Detail</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {entries.map((e) => (
            <Table.Tr key={`${e.chain ?? 'programme'}-${e.seq}`}>
              <Table.Td c="dimmed">
                {e.seq}
                {/* A manager reads both parts of the log; each numbers its own entries. */}
                {e.chain === 'partner' && (
                  <Badge display="block" mt={2} size="xs" color="grape" variant="light" title="Partner side of the log">
                    Partner
                  </Badge>
                )}
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTimeSeconds(e.at)}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                {e.actorName ?? (
                  <Text c="dimmed" size="sm" span>
                    {e.actorId ? 'Unknown' : 'Not logged in'}
                  </Text>
                )}
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{roleLabel(e.actorRole)}</Table.Td>
              <Table.Td miw={180}>
                <Text size="sm" span>
                  {eventText(e)}
                </Text>
              </Table.Td>
              <Table.Td>
                <Badge color={outcomeColours[e.outcome]} variant="light">
                  {outcomeLabels[e.outcome]}
                </Badge>
              </Table.Td>
              <Table.Td>
                {e.subjectId ? (
                  <Tooltip label="Show only entries about this record" openDelay={400}>
                    <Anchor component="button" type="button" size="sm" ta="left" onClick={() => onSubject(e.subjectReference ?? e.subjectId!)}>
                      {subjectText(e, staffNames)}
                    </Anchor>
                  </Tooltip>
                ) : e.subjectType ? (
                  subjectText(e, staffNames)
                ) : null}
              </Table.Td>
              <Table.Td miw={150}>
                {/* Wraps in full (no cut-off) and breaks long fingerprints, so nothing needs a sideways scroll at 1366 px. */}
                <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                  {summariseDetail(e)}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
