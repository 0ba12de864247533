/** Her side's safeguarding concerns and information-sharing log, as tabs of her record. */
import { can } from '../../../shared/permissions';
import { useSession } from '../../app/auth-context';
import type { PartnerTabProps } from '../partners/partner-tab';
import { ConcernsPanel } from './concerns-panel';
import { SharingPanel } from './sharing-panel';

export function PartnerSafeguardingTab({ record }: PartnerTabProps) {
  const session = useSession();
  return (
    <ConcernsPanel
      side={{ partnerId: record.id }}
      canEdit={can(session.role, 'safeguarding.raise')}
      suggestedChildren={record.details.children.map((c) => c.name)}
      whose="her"
    />
  );
}

export function PartnerSharingTab({ record }: PartnerTabProps) {
  const session = useSession();
  return <SharingPanel side={{ partnerId: record.id }} consents={null} partnerConsented={record.details.consentToSharing} canEdit={can(session.role, 'sharing.record')} />;
}
