/**
 * Changes to the partner file's tables after the conversion (db/partner-file.ts).
 *
 * The programme database's migrations cannot reach the partner file: it is attached only for a
 * session with partner access, and never while migrations run. So a partner-side table added or
 * changed after the conversion is an upgrade listed here, applied in order whenever the file is
 * attached (and when it is first built), and counted in the file's own `user_version`. Each
 * upgrade runs in one transaction with the file attached as `partner`; its statements name the
 * partner file's tables as `partner.<table>` and may read (and delete from) the programme
 * database as `main.<table>`, to move rows that belong behind the wall.
 *
 * Upgrades are append-only: never edit or reorder one that has shipped.
 */
import type { RawConnection } from './driver';

/** The name the partner file is attached under. */
export const PARTNER_SCHEMA = 'partner';

export interface PartnerUpgrade {
  /** 1, 2, 3, …: the file's user_version once applied. */
  version: number;
  /** What it does, for the reader (and the error message if it fails). */
  name: string;
  statements: string[];
  /**
   * It deletes partner-side rows from the programme database: after it, the programme
   * database's write-ahead log is truncated, so that no copy of those rows' pages remains there
   * (its pages are already zeroed as rows are deleted: secure_delete is on).
   */
  removesFromMain?: boolean;
}

/** The partner file's upgrades, oldest first. */
export const PARTNER_UPGRADES: readonly PartnerUpgrade[] = [
  // Upgrades 1–9 are the partner-side rows of the shared tables moving behind the wall (issue 13).
  {
    version: 10,
    name: 'partner-reported outcome measures (issue 18)',
    statements: [
      `CREATE TABLE partner.partner_outcomes (
        id TEXT PRIMARY KEY,
        partner_id TEXT NOT NULL REFERENCES partners(id),
        participant_id TEXT NOT NULL,
        point TEXT NOT NULL,
        form_version INTEGER NOT NULL,
        status TEXT NOT NULL,
        answers TEXT NOT NULL,
        recorded_on TEXT NOT NULL,
        note TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        created_by TEXT
      );`,
      'CREATE UNIQUE INDEX partner.partner_outcomes_point ON partner_outcomes (partner_id, participant_id, point);',
      'CREATE INDEX partner.partner_outcomes_recorded ON partner_outcomes (point, recorded_on);',
    ],
  },
];

export async function partnerFileVersion(raw: RawConnection, schema = PARTNER_SCHEMA): Promise<number> {
  const rows = await raw.all<{ user_version: number }>(`PRAGMA ${schema}.user_version`);
  return Number(rows[0]?.user_version ?? 0);
}

/**
 * Brings the attached partner file up to date; returns the upgrades applied. A failure rolls its
 * upgrade back whole (the file stays at the version before) and is thrown to the caller.
 */
export async function upgradePartnerFile(
  raw: RawConnection,
  upgrades: readonly PartnerUpgrade[] = PARTNER_UPGRADES,
): Promise<number> {
  const current = await partnerFileVersion(raw, PARTNER_SCHEMA);
  const due = upgrades.filter((u) => u.version > current).sort((a, b) => a.version - b.version);
  let scrubMain = false;
  for (const upgrade of due) {
    await raw.exec('BEGIN IMMEDIATE;');
    try {
      for (const statement of upgrade.statements) await raw.exec(statement);
      // PRAGMA takes no bound parameters; the version is a number from the list above.
      await raw.exec(`PRAGMA ${PARTNER_SCHEMA}.user_version = ${Math.trunc(upgrade.version)};`);
      await raw.exec('COMMIT;');
    } catch (err) {
      await raw.exec('ROLLBACK;').catch(() => undefined);
      throw new Error(`The partner file's upgrade ${upgrade.version} (${upgrade.name}) failed`, { cause: err });
    }
    scrubMain ||= upgrade.removesFromMain === true;
  }
  if (scrubMain) await raw.all('PRAGMA main.wal_checkpoint(TRUNCATE)');
  return due.length;
}
