/** What every tab of a partner's record receives. */
import type { PartnerRecord } from '../../../shared/features/partners';

export interface PartnerTabProps {
  record: PartnerRecord;
  canEdit: boolean;
  reload: () => Promise<unknown>;
}

export const partnerTabs = ['contacts', 'checklist', 'safety-plan', 'marac', 'safeguarding', 'sharing', 'outcomes', 'details'] as const;
export type PartnerTab = (typeof partnerTabs)[number];

/** The level her latest scored checklist gives (an incomplete one gives none), and whether the newest one is incomplete. */
export function currentLevel(record: PartnerRecord) {
  const scored = record.checklists.find((c) => c.level !== null);
  return { level: scored?.level ?? null, latestIncomplete: record.checklists[0] ? !record.checklists[0].complete : false };
}
