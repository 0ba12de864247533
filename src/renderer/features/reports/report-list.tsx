/** A table of reports: kind, about whom, period, for whom, who wrote and signed it, and where it stands. */
import { Anchor, Badge, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import { recipientLabels, reportStatusLabels, reportTypes, type ReportSummary } from '../../../shared/features/reports';
import { formatDate, formatDateTime } from '../../app/format';

const statusColour = { draft: 'gray', signed: 'blue', saved: 'cyan', sent: 'green' } as const;

export function ReportList({ reports, showSubject = true }: { reports: ReportSummary[]; showSubject?: boolean }) {
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table striped highlightOnHover fz="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Report</Table.Th>
            {showSubject && <Table.Th>About</Table.Th>}
            <Table.Th>Period</Table.Th>
            <Table.Th>For</Table.Th>
            <Table.Th>Written by</Table.Th>
            <Table.Th>Signed off by</Table.Th>
            <Table.Th>Status</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {reports.map((r) => (
            <Table.Tr key={r.id}>
              <Table.Td>
                <Anchor component={Link} to={`/reports/${r.id}`}>
                  {reportTypes[r.type].label}
                </Anchor>
              </Table.Td>
              {showSubject && (
                <Table.Td>{r.participantReference ?? (r.sessionId ? 'A session' : 'Everyone (figures)')}</Table.Td>
              )}
              <Table.Td>{r.periodFrom ? `${formatDate(r.periodFrom)} to ${formatDate(r.periodTo)}` : '—'}</Table.Td>
              <Table.Td>
                {r.recipient ? (r.recipient === 'other' ? r.recipientName : recipientLabels[r.recipient]) : '—'}
              </Table.Td>
              <Table.Td>{r.authorName ?? '—'}</Table.Td>
              <Table.Td>{r.approverName ?? (reportTypes[r.type].needsSignOff ? 'Not yet' : 'Not needed')}</Table.Td>
              <Table.Td>
                <Badge color={statusColour[r.status]} variant="light">
                  {reportStatusLabels[r.status]}
                </Badge>
                {r.status === 'sent' && (r.sentOn || r.sentAt) && (
                  <Text size="xs" c="dimmed">
                    {r.sentOn ? formatDate(r.sentOn) : formatDateTime(r.sentAt)}
                  </Text>
                )}
                {r.status === 'saved' && r.savedAt && (
                  <Text size="xs" c="dimmed">
                    {formatDateTime(r.savedAt)}
                  </Text>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
