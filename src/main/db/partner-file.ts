/**
 * The partner file (partner.db, beside case.db): the partner side's tables in an SQLCipher file
 * of their own, under the partner key (vault/partner-key.ts). It is ATTACHed to the one
 * connection as `partner` only for a session whose role has partner access and whose keyring
 * entry holds the key, and checkpointed and DETACHed at lock or log-out. SQLite finds an
 * unqualified table name in an attached file when the main file has no table of that name, so the
 * partner side's queries are unchanged; without the file attached they fail ("no such table"),
 * which the router turns into a plain refusal.
 *
 * At conversion the partner file's tables are created from the programme database's own
 * definitions (so they match the schema the migrations built, column for column), without the
 * foreign keys that would point into the other file (SQLite cannot check a key across files).
 * Partner-side tables added or changed after that are upgrades of the partner file itself
 * (db/partner-schema.ts), applied when it is built and whenever a holder's session attaches it.
 *
 * Every function here runs raw statements: the caller runs them on the connection in its turn
 * (`db.connection().execute(...)`), never inside a transaction.
 */
import { existsSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { openRaw, type RawConnection } from './driver';
import { forgetPartnerAttached, notePartnerAttached } from './partner-attached';
import { PARTNER_DRAFTS, PARTNER_ROWS, PARTNER_SCHEMA, upgradePartnerFile } from './partner-schema';

export { PARTNER_SCHEMA };

/**
 * The partner side's own tables: her record and details, the links to the men, the contact log
 * (with the summaries she let be shared), risk checklists, safety plans and their history,
 * MARAC/MAPPA referrals, and the search index over her name and details.
 */
export const PARTNER_TABLES = [
  'partners',
  'partner_links',
  'partner_contacts',
  'partner_checklists',
  'safety_plans',
  'safety_plan_history',
  'marac_referrals',
  'partner_search',
] as const;

export const partnerFileOf = (databaseFile: string) => join(dirname(databaseFile), 'partner.db');
const buildingFileOf = (databaseFile: string) => `${partnerFileOf(databaseFile)}.new`;

export function partnerFileExists(databaseFile: string): boolean {
  return existsSync(partnerFileOf(databaseFile));
}

/** Whether the programme database still holds the partner side's tables (a folder from before the partner file). */
export async function mainHoldsPartnerTables(raw: RawConnection): Promise<boolean> {
  const rows = await raw.all<{ n: number }>(
    `SELECT count(*) AS n FROM main.sqlite_master WHERE type = 'table' AND name = 'partners'`,
  );
  return Number(rows[0]?.n ?? 0) > 0;
}

export async function isPartnerAttached(raw: RawConnection): Promise<boolean> {
  const rows = await raw.all<{ name: string }>('PRAGMA database_list');
  return rows.some((r) => r.name === PARTNER_SCHEMA);
}

/** Attaches the partner file under its key; throws (and leaves nothing attached) when the key does not open it. */
export async function attachPartnerFile(raw: RawConnection, file: string, key: Buffer): Promise<void> {
  forgetPartnerAttached(raw);
  await raw.attach(file, PARTNER_SCHEMA, key);
  try {
    // The first read is where a wrong key shows itself.
    await raw.all(`SELECT count(*) AS n FROM ${PARTNER_SCHEMA}.sqlite_master`);
    await raw.exec(
      [
        `PRAGMA ${PARTNER_SCHEMA}.journal_mode = WAL;`,
        `PRAGMA ${PARTNER_SCHEMA}.synchronous = FULL;`,
        `PRAGMA ${PARTNER_SCHEMA}.secure_delete = ON;`,
        // The same 16 MiB page cache as the main file (db/open.ts); an attached file otherwise gets
        // SQLCipher's 2 MiB, which the outcomes page's read of her records overflows: every page
        // was read and decrypted again on each call (about 30 ms instead of 7 at 5,000 men, issue 18).
        `PRAGMA ${PARTNER_SCHEMA}.cache_size = -16000;`,
      ].join('\n'),
    );
    notePartnerAttached(raw, true);
  } catch (err) {
    await raw.exec(`DETACH DATABASE ${PARTNER_SCHEMA};`).catch(() => undefined);
    throw err;
  }
}

/**
 * Tables both sides keep rows in: the programme's rows stay in the programme database, the
 * partner side's (PARTNER_ROWS: a task about her, a concern or sharing entry on her side) are in
 * the partner file (upgrade 1, db/partner-schema.ts). The programme side, without the partner
 * file, sees only its own rows: that is the wall.
 */
export const SHARED_TABLES = ['tasks', 'safeguarding_concerns', 'sharing_log'] as const;
export type SharedTable = (typeof SHARED_TABLES)[number];

/**
 * With the partner file attached and upgraded, each shared table is shown as one: a temporary
 * view of the same name over both files' rows, which SQLite finds before the programme
 * database's table (temp comes first), so every read is unchanged. A view cannot be written:
 * writes name their file (features/partners/shared-rows.ts), and a write left unchanged fails
 * loudly rather than landing on the wrong side. The views live in this connection's memory
 * only (temp_store = MEMORY) and go at detach.
 */
export async function showSharedTables(raw: RawConnection): Promise<void> {
  const present = await raw.all<{ name: string }>(
    `SELECT name FROM ${PARTNER_SCHEMA}.sqlite_master WHERE type = 'table' AND name IN (${SHARED_TABLES.map((t) => `'${t}'`).join(', ')})`,
  );
  const statements = present.map(
    ({ name }) =>
      `CREATE TEMP VIEW IF NOT EXISTS "${name}" AS SELECT * FROM main."${name}" UNION ALL SELECT * FROM ${PARTNER_SCHEMA}."${name}";`,
  );
  if (statements.length) await raw.exec(statements.join('\n'));
}

async function hideSharedTables(raw: RawConnection): Promise<void> {
  await raw.exec(SHARED_TABLES.map((t) => `DROP VIEW IF EXISTS temp."${t}";`).join('\n'));
}

/** Writes everything back into the partner file (so a byte copy of it is whole) and detaches it. */
export async function detachPartnerFile(raw: RawConnection): Promise<void> {
  forgetPartnerAttached(raw);
  if (!(await isPartnerAttached(raw))) return notePartnerAttached(raw, false);
  await hideSharedTables(raw);
  await raw.all(`PRAGMA ${PARTNER_SCHEMA}.wal_checkpoint(TRUNCATE)`);
  await raw.exec(`DETACH DATABASE ${PARTNER_SCHEMA};`);
  notePartnerAttached(raw, false);
}

/** Foreign keys that point into the programme database; the partner file's copy of a table leaves them out. */
const CROSS_FILE_REFERENCE =
  /\s+references\s+"?(staff|participants|tasks|consents)"?\s*\(\s*"?id"?\s*\)(\s+on\s+delete\s+(set\s+null|cascade))?/gi;

/** A CREATE statement from the programme database, rewritten to create the same object in the partner file. */
export function partnerDefinition(definition: string): string {
  const withoutCrossKeys = definition.replace(CROSS_FILE_REFERENCE, '');
  return withoutCrossKeys
    .replace(
      /^create\s+(virtual\s+)?table\s+"?(\w+)"?/i,
      (_m, virtual: string | undefined, name: string) =>
        `CREATE ${virtual ? 'VIRTUAL ' : ''}TABLE "${PARTNER_SCHEMA}"."${name}"`,
    )
    .replace(
      /^create\s+(unique\s+)?index\s+"?(\w+)"?/i,
      (_m, unique: string | undefined, name: string) =>
        `CREATE ${unique ? 'UNIQUE ' : ''}INDEX "${PARTNER_SCHEMA}"."${name}"`,
    );
}

/** The tables (and their indexes) to create in the partner file, in an order that satisfies their own foreign keys. */
async function partnerDefinitions(raw: RawConnection): Promise<string[]> {
  const rows = await raw.all<{ type: string; name: string; tbl_name: string; sql: string | null }>(
    `SELECT type, name, tbl_name, sql FROM main.sqlite_master WHERE sql IS NOT NULL AND type IN ('table', 'index')`,
  );
  const tables = PARTNER_TABLES.map((t) => rows.find((r) => r.type === 'table' && r.name === t)).filter(
    (r) => r !== undefined,
  );
  const indexes = rows.filter((r) => r.type === 'index' && (PARTNER_TABLES as readonly string[]).includes(r.tbl_name));
  return [...tables, ...indexes].map((r) => partnerDefinition(r.sql!));
}

/**
 * Conversion, step one: builds the partner file under `key` from the programme database's
 * partner tables (a new file beside it, `partner.db.new`, put in place by `placePartnerFile`
 * once its key is safely in the keyring). The programme database is not changed. Returns the
 * number of rows copied per table.
 */
export async function buildPartnerFile(
  raw: RawConnection,
  databaseFile: string,
  key: Buffer,
): Promise<Record<string, number>> {
  const building = buildingFileOf(databaseFile);
  for (const f of [building, `${building}-wal`, `${building}-shm`, `${building}-journal`]) rmSync(f, { force: true });
  const counts: Record<string, number> = {};
  forgetPartnerAttached(raw);
  await raw.attach(building, PARTNER_SCHEMA, key);
  try {
    await raw.exec(`PRAGMA ${PARTNER_SCHEMA}.secure_delete = ON;`);
    const definitions = await partnerDefinitions(raw);
    await raw.exec('BEGIN;');
    try {
      for (const definition of definitions) await raw.exec(definition);
      for (const table of PARTNER_TABLES) {
        // The FTS index is filled from its own rows; the others copy column for column (the same definitions).
        const copy =
          table === 'partner_search'
            ? `INSERT INTO ${PARTNER_SCHEMA}.partner_search (partner_id, text) SELECT partner_id, text FROM main.partner_search`
            : `INSERT INTO ${PARTNER_SCHEMA}.${table} SELECT * FROM main.${table}`;
        counts[table] = (await raw.run(copy)).changes;
      }
      await raw.exec('COMMIT;');
    } catch (err) {
      await raw.exec('ROLLBACK;').catch(() => undefined);
      throw err;
    }
    // The tables added since the migrations' partner tables (none of them exist in the programme database).
    await upgradePartnerFile(raw);
  } finally {
    await raw.exec(`DETACH DATABASE ${PARTNER_SCHEMA};`).catch(() => undefined);
    forgetPartnerAttached(raw);
  }
  return counts;
}

/** Conversion, step two (after the keyring holds the new key): the built file takes its place. */
export function placePartnerFile(databaseFile: string): void {
  renameSync(buildingFileOf(databaseFile), partnerFileOf(databaseFile));
}

/** Leftovers of a conversion that stopped before its file was whole; it starts again from the programme database. */
export function removeUnfinishedPartnerFile(databaseFile: string): void {
  const building = buildingFileOf(databaseFile);
  for (const f of [building, `${building}-wal`, `${building}-shm`, `${building}-journal`]) rmSync(f, { force: true });
}

/**
 * Conversion, last step (the partner file is whole and its key is in the keyring): the partner
 * tables leave the programme database, and VACUUM rewrites the file so that no page, free or in
 * use, still holds their text (secure_delete zeroes what is deleted; VACUUM drops the free pages),
 * then the write-ahead log, which held copies of those pages, is truncated.
 */
export async function removePartnerTablesFromMain(raw: RawConnection): Promise<void> {
  // Rows on the programme side still point at her id (a task about her); with the parent table gone
  // SQLite would refuse the drop, so foreign keys are off for it (they cannot be changed inside a transaction).
  await raw.exec('PRAGMA foreign_keys = OFF;');
  try {
    await raw.exec('BEGIN;');
    try {
      await dropReferencesToPartnerTables(raw);
      // The partner-side rows of the shared tables were copied into the partner file when it was built (upgrade 1).
      for (const table of SHARED_TABLES) await raw.exec(`DELETE FROM main.${table} WHERE ${PARTNER_ROWS[table]};`);
      // Her side's drafts, copied by upgrade 4.
      await raw.exec(`DELETE FROM main.drafts WHERE ${PARTNER_DRAFTS};`);
      for (const table of [...PARTNER_TABLES].reverse()) await raw.exec(`DROP TABLE IF EXISTS main.${table};`);
      await raw.exec('COMMIT;');
    } catch (err) {
      await raw.exec('ROLLBACK;').catch(() => undefined);
      throw err;
    }
  } finally {
    await raw.exec('PRAGMA foreign_keys = ON;');
  }
  await raw.exec('VACUUM;');
  await raw.all('PRAGMA main.wal_checkpoint(TRUNCATE)');
}

const PARTNER_REFERENCE = /\s+references\s+"?partners"?\s*\(\s*"?id"?\s*\)(\s+on\s+delete\s+(set\s+null|cascade))?/gi;

/**
 * Programme tables with a column pointing at her id (a task about her, a partner-side concern or
 * disclosure): SQLite checks a foreign key only within one file, and refuses a write to a child
 * table whose parent table is missing. Each such table is rebuilt without that foreign key (the
 * documented way to change a table's constraints: new table, copy, drop, rename, indexes again).
 */
async function dropReferencesToPartnerTables(raw: RawConnection): Promise<void> {
  const rows = await raw.all<{ type: string; name: string; tbl_name: string; sql: string | null }>(
    `SELECT type, name, tbl_name, sql FROM main.sqlite_master WHERE sql IS NOT NULL AND type IN ('table', 'index')`,
  );
  const children = rows.filter((r) => r.type === 'table' && !(PARTNER_TABLES as readonly string[]).includes(r.name) && new RegExp(PARTNER_REFERENCE.source, 'i').test(r.sql!));
  for (const child of children) {
    const temp = `${child.name}__rebuilt`;
    const definition = child.sql!.replace(PARTNER_REFERENCE, '').replace(/^create\s+table\s+"?\w+"?/i, `CREATE TABLE "${temp}"`);
    const indexes = rows.filter((r) => r.type === 'index' && r.tbl_name === child.name).map((r) => r.sql!);
    await raw.exec(definition);
    await raw.exec(`INSERT INTO "${temp}" SELECT * FROM "${child.name}";`);
    await raw.exec(`DROP TABLE "${child.name}";`);
    await raw.exec(`ALTER TABLE "${temp}" RENAME TO "${child.name}";`);
    for (const index of indexes) await raw.exec(index);
  }
}

/** Changes the partner file's key (it must not be attached): opened on a connection of its own, re-keyed, closed. */
export async function rekeyPartnerFile(file: string, oldKey: Buffer, newKey: Buffer): Promise<void> {
  const raw = await openRaw(file);
  try {
    await raw.key(oldKey);
    await raw.all('SELECT count(*) AS n FROM sqlite_master');
    await raw.exec('PRAGMA journal_mode = WAL;');
    await raw.all('PRAGMA wal_checkpoint(TRUNCATE)');
    // SQLCipher cannot re-key a file in WAL mode; it goes back to WAL when next attached.
    await raw.exec('PRAGMA journal_mode = DELETE;');
    await raw.rekey(newKey);
  } finally {
    await raw.close();
  }
}
