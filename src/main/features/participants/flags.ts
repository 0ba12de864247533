/** His safety flags, from the columns of his row (a file of its own so tasks can use it without a cycle). */
import type { Flag } from '../../../shared/features/participants';
import type { ParticipantsTable } from '../../db/schema';

export function flagsOf(row: Pick<ParticipantsTable, 'child_protection' | 'risk_level' | 'interpreter' | 'restricted' | 'high_profile' | 'safeguarding_open'>): Flag[] {
  const flags: Flag[] = [];
  if (row.child_protection) flags.push('child_protection');
  if (row.safeguarding_open) flags.push('safeguarding');
  if (row.risk_level === 'high') flags.push('high_risk');
  if (row.interpreter) flags.push('interpreter');
  if (row.high_profile) flags.push('high_profile');
  if (row.restricted) flags.push('restricted');
  return flags;
}
