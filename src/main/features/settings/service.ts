import type { Organisation } from '../../../shared/features/auth';
import { DEFAULT_DRAFT_DAYS } from '../../../shared/features/drafts';
import { DEFAULT_AUTO_LOCK_MINUTES, type Settings } from '../../../shared/features/settings';
import { DEFAULT_LETTER_MARKINGS, DEFAULT_PROTECTIVE_MARKING, type LogoInfo } from '../../../shared/features/reports';
import type { Db } from '../../ipc/context';

const EMPTY_ORGANISATION: Organisation = { name: '', shortName: '', address: '', charityNumber: '', phone: '' };

export async function readSettings(db: Db): Promise<Settings> {
  const rows = await db.selectFrom('settings').select(['key', 'value']).execute();
  const map = new Map(rows.map((r) => [r.key, JSON.parse(r.value) as unknown]));
  return {
    organisation: { ...EMPTY_ORGANISATION, ...((map.get('organisation') as Partial<Organisation>) ?? {}) },
    autoLockMinutes: Number(map.get('autoLockMinutes') ?? DEFAULT_AUTO_LOCK_MINUTES),
    protectiveMarking:
      (map.get('protectiveMarking') as Settings['protectiveMarking'] | undefined) ?? DEFAULT_PROTECTIVE_MARKING,
    // The logo's bytes live under their own key (reports read them); settings carry only what it is.
    logo: (map.get('logoInfo') as LogoInfo | undefined) ?? null,
    allowSelfSignOff: map.get('allowSelfSignOff') === true,
    draftDays: Number(map.get('draftDays') ?? DEFAULT_DRAFT_DAYS),
    letterMarkings: {
      ...DEFAULT_LETTER_MARKINGS,
      ...((map.get('letterMarkings') as Partial<Settings['letterMarkings']> | undefined) ?? {}),
    },
  };
}

/** Writes the given settings and returns the names of those that changed. */
export async function writeSettings(
  db: Db,
  values: Partial<Omit<Settings, 'logo'>>,
  staffId: string | null,
  /** the back end's clock (nowIso(ctx) from a route; the benchmark scripts pass the computer's) */
  now: string,
): Promise<string[]> {
  const current = await readSettings(db);
  const changed: string[] = [];
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined) continue; // left out: unchanged
    if (JSON.stringify(current[key as keyof Settings]) === JSON.stringify(value)) continue;
    changed.push(key);
    await db
      .insertInto('settings')
      .values({ key, value: JSON.stringify(value), updated_at: now, updated_by: staffId })
      .onConflict((oc) =>
        oc.column('key').doUpdateSet({ value: JSON.stringify(value), updated_at: now, updated_by: staffId }),
      )
      .execute();
  }
  return changed;
}
