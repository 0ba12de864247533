/** The retention policy, kept in the settings table under its own key. */
import {
  DEFAULT_RETENTION_POLICY,
  retentionPolicySchema,
  type RetentionPolicy,
} from '../../../shared/features/retention';
import type { Db } from '../../ipc/context';

const KEY = 'retentionPolicy';

export async function readPolicy(db: Db): Promise<RetentionPolicy> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', KEY).executeTakeFirst();
  if (!row) return DEFAULT_RETENTION_POLICY;
  const parsed = retentionPolicySchema.safeParse(JSON.parse(row.value));
  return parsed.success ? parsed.data : DEFAULT_RETENTION_POLICY;
}

/** Saves the policy and returns the names of the parts that changed (for the audit log). */
export async function writePolicy(db: Db, policy: RetentionPolicy, staffId: string, now: string): Promise<string[]> {
  const before = await readPolicy(db);
  const changed: string[] = [];
  for (const part of Object.keys(policy) as Array<keyof RetentionPolicy>) {
    for (const [field, value] of Object.entries(policy[part])) {
      if ((before[part] as Record<string, number>)[field] !== value) changed.push(`${part}.${field}`);
    }
  }
  const value = JSON.stringify(policy);
  await db
    .insertInto('settings')
    .values({ key: KEY, value, updated_at: now, updated_by: staffId })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: now, updated_by: staffId }))
    .execute();
  return changed;
}

/** The same calendar date N years later (29 February becomes 28 February). */
export function addYears(date: string, years: number): string {
  const [y, m, d] = date.slice(0, 10).split('-').map(Number) as [number, number, number];
  const year = y + years;
  const last = new Date(Date.UTC(year, m, 0)).getUTCDate();
  return `${year}-${String(m).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}
