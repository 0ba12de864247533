/** His side's safeguarding concerns and information-sharing log, as tabs of his record. */
import { can } from '../../../shared/permissions';
import { useSession } from '../../app/auth-context';
import { recipientText } from '../consents/consent-labels';
import type { RecordTabProps } from '../participants/record-tab';
import { ConcernsPanel } from './concerns-panel';
import { SharingPanel } from './sharing-panel';

export function SafeguardingTab({ record }: RecordTabProps) {
  const session = useSession();
  return (
    <ConcernsPanel
      side={{ participantId: record.header.id }}
      canEdit={can(session.role, 'safeguarding.raise')}
      suggestedChildren={record.details.children.map((c) => c.name).filter(Boolean)}
      whose="his"
    />
  );
}

export function SharingTab({ record }: RecordTabProps) {
  const session = useSession();
  const consents = record.consents
    .filter((c) => c.state === 'current' || c.state === 'expiring')
    .map((c) => ({ id: c.id, label: `${recipientText(c)}: ${c.purpose}`.slice(0, 120) }));
  return <SharingPanel side={{ participantId: record.header.id }} consents={consents} canEdit={can(session.role, 'sharing.record')} />;
}
