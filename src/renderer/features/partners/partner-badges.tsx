/** The badges that follow a partner: how contact stands, her risk level, and an open safeguarding concern. */
import { Badge, type MantineSize } from '@mantine/core';
import { IconUrgent } from '@tabler/icons-react';
import { contactStatusLabels, type ContactStatus, type RiskBand } from '../../../shared/features/partners';
import { contactStatusColours, riskBandColours, riskBandLabels } from './partner-labels';

export function ContactStatusBadge({ status, size }: { status: ContactStatus; size?: MantineSize }) {
  return (
    <Badge color={contactStatusColours[status]} variant="light" size={size}>
      {contactStatusLabels[status]}
    </Badge>
  );
}

export function RiskBandBadge({ level, size, incomplete }: { level: RiskBand | null; size?: MantineSize; incomplete?: boolean }) {
  if (!level)
    return (
      <Badge color="gray" variant="outline" size={size}>
        {incomplete ? 'Checklist incomplete' : 'No checklist yet'}
      </Badge>
    );
  return (
    <Badge color={riskBandColours[level]} variant={level === 'high' ? 'filled' : 'light'} size={size}>
      {riskBandLabels[level]}
    </Badge>
  );
}

export function SafeguardingBadge({ size }: { size?: MantineSize }) {
  return (
    <Badge color="orange" variant="filled" size={size} leftSection={<IconUrgent size={14} aria-hidden />}>
      Open safeguarding concern
    </Badge>
  );
}
