/** Who may be enrolled straight away and who needs a manager's reason. */
import type { SearchHit, Status, WaitingListRow } from '../../../shared/features/participants';

export type OverrideNeed = 'no' | 'maybe' | 'yes';

const SUITABLE = new Set(['suitable_group', 'suitable_one_to_one']);

/** A man from the waiting list: his assessment outcome says. */
export function overrideForWaiting(row: Pick<WaitingListRow, 'outcome'>): OverrideNeed {
  return row.outcome && SUITABLE.has(row.outcome) ? 'no' : 'yes';
}

/** Someone found by search: not yet assessed, or finished, certainly needs a reason; otherwise it depends on his assessment. */
export function overrideForStatus(status: Status): OverrideNeed {
  if (status === 'referred' || status === 'awaiting_assessment' || status === 'completed' || status === 'exited') return 'yes';
  return 'maybe';
}

export function overallNeed(needs: readonly OverrideNeed[]): OverrideNeed {
  if (needs.includes('yes')) return 'yes';
  if (needs.includes('maybe')) return 'maybe';
  return 'no';
}

export interface ChosenExtra {
  id: string;
  label: string;
  status: Status;
}

export function extraFromHit(hit: Pick<SearchHit, 'id' | 'name' | 'reference' | 'status'>): ChosenExtra {
  return { id: hit.id, label: `${hit.name ?? 'Restricted record'} (${hit.reference})`, status: hit.status };
}
