/** The badges that follow a participant everywhere: his status, and his flags (child protection, open safeguarding concern, high risk, interpreter, restricted, high profile). */
import { Badge, Group, type MantineSize } from '@mantine/core';
import { IconAlertTriangle, IconLanguage, IconLock, IconShieldExclamation, IconStar, IconUrgent } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import type { AssessmentOutcome, ExitReason, Flag, Status } from '../../shared/features/participants';
import {
  flagColours,
  flagText,
  sortFlags,
  statusColours,
  statusText,
} from '../features/participants/participant-labels';

const flagIcons: Record<Flag, typeof IconLock> = {
  child_protection: IconShieldExclamation,
  safeguarding: IconUrgent,
  high_risk: IconAlertTriangle,
  interpreter: IconLanguage,
  restricted: IconLock,
  high_profile: IconStar,
};

export function FlagBadge({ flag, size = 'md' }: { flag: Flag; size?: MantineSize }) {
  const Icon = flagIcons[flag];
  const strong = flag === 'child_protection' || flag === 'high_risk' || flag === 'safeguarding';
  return (
    <Badge
      color={flagColours[flag]}
      variant={strong ? 'filled' : 'light'}
      size={size}
      leftSection={<Icon size={14} aria-hidden />}
    >
      {flagText(flag)}
    </Badge>
  );
}

export function FlagBadges({ flags, size, empty }: { flags: readonly Flag[]; size?: MantineSize; empty?: ReactNode }) {
  const sorted = sortFlags(flags);
  if (sorted.length === 0) return empty ?? null;
  return (
    <Group gap={6} wrap="wrap" component="span" aria-label="Flags">
      {sorted.map((f) => (
        <FlagBadge key={f} flag={f} size={size} />
      ))}
    </Group>
  );
}

export function StatusBadge({
  status,
  outcome,
  exitReason,
  size,
}: {
  status: Status;
  outcome?: AssessmentOutcome | null;
  exitReason?: ExitReason | null;
  size?: MantineSize;
}) {
  return (
    <Badge color={statusColours[status]} variant="light" size={size}>
      {statusText(status, outcome, exitReason)}
    </Badge>
  );
}
