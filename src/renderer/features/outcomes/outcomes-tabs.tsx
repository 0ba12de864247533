/** The Outcomes tab of his record (his own view, the facilitators' rating) and of hers (her answers, per man she is linked to). */
import { Stack, Text } from '@mantine/core';
import type { PartnerTabProps } from '../partners/partner-tab';
import type { RecordTabProps } from '../participants/record-tab';
import { MeasuresPanel } from './measures-panel';

export function OutcomesTab({ record, canEdit }: RecordTabProps) {
  return <MeasuresPanel participantId={record.header.id} partnerId={null} canEdit={canEdit} />;
}

export function PartnerOutcomesTab({ record, canEdit }: PartnerTabProps) {
  if (record.links.length === 0) return <Text c="dimmed">Link her to the man on his programme first (Her details): the points follow his programme.</Text>;
  return (
    <Stack gap="md">
      {record.links.map((l) => (
        <MeasuresPanel key={l.id} participantId={l.participantId} partnerId={record.id} canEdit={canEdit} heading={`In relation to ${l.participantReference ?? 'his programme'}`} />
      ))}
    </Stack>
  );
}
