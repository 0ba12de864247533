/**
 * Opening and closing the partner side of the data folder (see db/partner-file.ts and
 * vault/partner-key.ts): converting a folder from before the partner file at the first log-in
 * after the update, attaching the partner file for a session with partner access, rotating the
 * partner key after someone lost it, and giving a person partner access.
 */
import type { Kysely } from 'kysely';
import { AppError } from '../../app-error';
import type { Backend } from '../../backend';
import {
  attachPartnerFile,
  buildPartnerFile,
  detachPartnerFile,
  mainHoldsPartnerTables,
  partnerFileExists,
  partnerFileOf,
  placePartnerFile,
  rekeyPartnerFile,
  removePartnerTablesFromMain,
  showSharedTables,
  removeUnfinishedPartnerFile,
} from '../../db/partner-file';
import { makeSafetyCopy } from '../../db/safety-copy';
import { appendAudit } from '../../audit/audit';
import { anchorPartnerChain, ANCHOR_STARTED, checkPartnerAnchor, partnerAnchorPath } from '../../audit/partner-anchor';
import { upgradePartnerFile } from '../../db/partner-schema';
import type { RawConnection } from '../../db/driver';
import type { Database, StaffTable } from '../../db/schema';
import { writeKeyring } from '../../vault/keyring';
import {
  dropNextPartnerKey,
  newPartnerKey,
  promoteNextPartnerKey,
  removePartnerKeyFrom,
  sealPartnerKeyTo,
  withNextPartnerKey,
  type PartnerKeyCandidate,
} from '../../vault/partner-key';
import { RECOVERY_ENTRY_ID } from '../../vault/vault';
import { can, type Role } from '../../../shared/permissions';
import { sql } from 'kysely';
import type { Db } from '../../ipc/context';
import { attachWaitingAlerts } from './alerts';

/** Roles whose keyring entries may hold the partner key. */
export const hasPartnerAccess = (role: Role | string) => can(role as Role, 'partners.view');

/** Runs raw statements on the one connection, in its turn, outside any transaction. */
function onConnection<T>(backend: Backend, work: () => Promise<T>): Promise<T> {
  const opened = backend.opened;
  if (!opened) throw new AppError('LOCKED', 'The program is locked. Please log in again.');
  return opened.db.connection().execute(() => work());
}

/** People the partner key is sealed to at conversion: active partner-side staff who have set their own password. */
async function conversionHolders(db: Kysely<Database>): Promise<string[]> {
  const rows = await db
    .selectFrom('staff')
    .select(['id', 'role'])
    .where('active', '=', 1)
    .where('must_change_password', '=', 0)
    .execute();
  return rows.filter((r) => hasPartnerAccess(r.role)).map((r) => r.id);
}

/**
 * A folder from before the partner file: its partner tables move into a new partner file
 * under a new key sealed to the partner-side staff and the recovery key, then leave the
 * programme database. Any log-in may run it: sealing needs only public keys. Returns the key
 * when it made one (so the person logging in, if a holder, can attach at once).
 *
 * Each step leaves a folder that works: a safety copy of case.db first; the new file is built
 * beside the old one and renamed into place only after its key is in the keyring; the tables
 * leave the programme database only once the partner file is in place (a crash after that
 * finishes the job at the next log-in).
 */
export async function convertToPartnerFile(backend: Backend): Promise<Buffer | null> {
  const opened = backend.opened!;
  const databaseFile = backend.databaseFile;
  const holdsTables = await onConnection(backend, () => mainHoldsPartnerTables(opened.raw));
  if (!holdsTables) return null;
  if (partnerFileExists(databaseFile)) {
    // Interrupted after the partner file was put in place: only the removal is left to do.
    await onConnection(backend, () => removePartnerTablesFromMain(opened.raw));
    return null;
  }
  const keyring0 = backend.vault.read();
  const holders = (await conversionHolders(opened.db)).filter((h) => keyring0.entries.some((e) => e.id === h));
  // Nobody to seal the key to yet (a new installation before its first manager has set a password): the
  // tables stay where they are (empty, or nearly) until the first log-in after someone can hold the key.
  if (holders.length === 0) return null;
  removeUnfinishedPartnerFile(databaseFile);
  const key = newPartnerKey();
  await onConnection(backend, async () => {
    await makeSafetyCopy(opened.raw, databaseFile, opened.key);
    await buildPartnerFile(opened.raw, databaseFile, key);
  });
  writeKeyring(backend.vault.keyringFile, sealPartnerKeyTo(backend.vault.read(), [RECOVERY_ENTRY_ID, ...holders], key));
  placePartnerFile(databaseFile);
  await onConnection(backend, () => removePartnerTablesFromMain(opened.raw));
  return key;
}

/**
 * At log-in, after the conversion: a person with partner access whose entry holds the partner
 * key gets the partner file attached. Someone with partner access but no key yet (a manager has
 * not given it) logs in without the partner side; the router refuses its routes plainly.
 */
export async function openPartnerSide(
  backend: Backend,
  staff: StaffTable,
  candidates: PartnerKeyCandidate[],
): Promise<void> {
  if (!hasPartnerAccess(staff.role) || !partnerFileExists(backend.databaseFile)) return;
  const opened = backend.opened!;
  const file = partnerFileOf(backend.databaseFile);
  let key: Buffer | null = null;
  for (const candidate of candidates) {
    try {
      await onConnection(backend, () => attachPartnerFile(opened.raw, file, candidate.key));
      key = candidate.key;
      const keyring = backend.vault.read();
      // A rotation that re-keyed the file but stopped before the keyring said so: finish it; or one that never reached the file: forget it.
      if (candidate.next) writeKeyring(backend.vault.keyringFile, promoteNextPartnerKey(keyring, candidate.key));
      else if (keyring.entries.some((e) => e.partnerKeyNext))
        writeKeyring(backend.vault.keyringFile, dropNextPartnerKey(keyring));
      break;
    } catch {
      // the next candidate
    }
  }
  if (!key) return;
  if (!(await onConnection(backend, () => upgradePartnerFileOrClose(opened.raw)))) return;
  backend.partnerKey = Buffer.from(key);
  await checkPartnerAuditAnchor(backend, staff);
  // Her catch-up with what the programme side wrote while the partner side was closed follows the
  // log-in's answer, with the day's tasks (tasks/new-day.ts raiseTasksForToday).
  if (backend.vault.read().partner?.rotate) await rotatePartnerKey(backend);
  sealToRecoveryIfMissing(backend);
  await sealToThoseAwaiting(backend);
}

/**
 * Before anything new goes into her chain: does it reach its anchor outside the database
 * (audit/partner-anchor.ts)? A gap is recorded in her chain (so "verify" still reports it once the
 * anchor has moved on) and told to the holder logging in; the anchor then vouches for the chain as
 * it now is. A first anchor (none yet, none ever started) starts silently. A check that cannot run
 * keeps no one out.
 */
async function checkPartnerAuditAnchor(backend: Backend, staff: StaffTable): Promise<void> {
  backend.partnerAuditWarning = null;
  const opened = backend.opened!;
  const databaseId = backend.databaseId;
  const key = backend.partnerKey;
  if (!databaseId || !key) return;
  const file = partnerAnchorPath(backend.options.dataDir);
  const db = opened.db as Kysely<Database>;
  try {
    const check = await checkPartnerAnchor(db, file, key, databaseId);
    if (check?.state === 'ok') return;
    await db.transaction().execute((trx) =>
      appendAudit(trx, {
        at: new Date(backend.now()).toISOString(),
        actorId: staff.id,
        actorRole: staff.role,
        // `partner.` routes go to her chain (audit/audit.ts).
        route: 'partner.auditAnchor',
        subjectType: 'audit',
        ...(check === null
          ? { action: ANCHOR_STARTED }
          : {
              action: check.state === 'entries-missing' ? 'audit.entriesMissing' : 'audit.anchorLost',
              outcome: 'failed' as const,
              detail:
                check.state === 'entries-missing'
                  ? { missing: check.missing, since: check.since, until: check.until }
                  : { anchor: check.state === 'anchor-missing' ? 'missing' : 'damaged' },
            }),
      }),
    );
    if (check) backend.partnerAuditWarning = check.message;
    await anchorPartnerChain(db, file, key, databaseId, true);
  } catch {
    // a check that cannot run must not keep anyone out
  }
}

/**
 * The partner file's own upgrades (db/partner-schema.ts) for a file built by an older version.
 * If one fails, the file is detached: this session works without the partner side (its routes
 * refuse plainly) rather than on tables of the wrong shape; the file itself is unchanged.
 */
async function upgradePartnerFileOrClose(raw: RawConnection): Promise<boolean> {
  try {
    await upgradePartnerFile(raw);
    await showSharedTables(raw);
    return true;
  } catch {
    await detachPartnerFile(raw);
    return false;
  }
}

/**
 * Someone who held the partner key has lost it (removed, or moved out of a partner role): their
 * old copy of the key file would still open the current key, so the file gets a new one, sealed
 * to the holders who remain. Crash-safe like the database's re-key: the next key is written
 * beside the current one before the file changes, and whichever one opens the file wins.
 */
export async function rotatePartnerKey(backend: Backend): Promise<void> {
  const opened = backend.opened!;
  const oldKey = backend.partnerKey!;
  const nextKey = newPartnerKey();
  const file = partnerFileOf(backend.databaseFile);
  writeKeyring(backend.vault.keyringFile, withNextPartnerKey(backend.vault.read(), nextKey));
  await onConnection(backend, async () => {
    await detachPartnerFile(opened.raw);
    try {
      await rekeyPartnerFile(file, oldKey, nextKey);
    } catch (err) {
      await attachPartnerFile(opened.raw, file, oldKey);
      await showSharedTables(opened.raw);
      throw err;
    }
    await attachPartnerFile(opened.raw, file, nextKey);
    await showSharedTables(opened.raw);
  });
  writeKeyring(backend.vault.keyringFile, promoteNextPartnerKey(backend.vault.read(), nextKey));
  oldKey.fill(0);
  backend.partnerKey = nextKey;
  // Her chain's anchor under the new key, both slots (the old key's slot would no longer open).
  if (backend.databaseId) {
    await anchorPartnerChain(opened.db as Kysely<Database>, partnerAnchorPath(backend.options.dataDir), nextKey, backend.databaseId, true).catch(() => undefined);
  }
  await backend.recordAudit({
    action: 'vault.partnerRekey',
    subjectType: 'organisation',
    detail: { reason: 'partner access removed' },
  });
}

/** A new recovery key receives the partner key only from a holder: the first holder to log in after it was replaced. */
function sealToRecoveryIfMissing(backend: Backend): void {
  const keyring = backend.vault.read();
  const recovery = keyring.entries.find((e) => e.id === RECOVERY_ENTRY_ID);
  if (recovery && !recovery.partnerKey && backend.partnerKey) {
    writeKeyring(backend.vault.keyringFile, sealPartnerKeyTo(keyring, [RECOVERY_ENTRY_ID], backend.partnerKey));
  }
}

/**
 * After a restore, holders whose seal the backup did not have (backups/restore.ts partnerSealsFrom)
 * get the restored file's key from the first holder to log in: only those still active and still
 * in a partner role.
 */
async function sealToThoseAwaiting(backend: Backend): Promise<void> {
  const keyring = backend.vault.read();
  const awaiting = keyring.partner?.reseal ?? [];
  if (!awaiting.length || !backend.partnerKey) return;
  const staff = await backend.opened!.db.selectFrom('staff').select(['id', 'role']).where('id', 'in', awaiting).where('active', '=', 1).execute();
  const ids = staff.filter((s) => hasPartnerAccess(s.role) && keyring.entries.some((e) => e.id === s.id)).map((s) => s.id);
  const sealed = ids.length ? sealPartnerKeyTo(keyring, ids, backend.partnerKey) : keyring;
  writeKeyring(backend.vault.keyringFile, { ...sealed, partner: { rotate: sealed.partner?.rotate ?? false } });
}

/** Checkpoints and detaches the partner file and forgets its key (lock, log-out, before a backup's copy). */
export async function closePartnerSide(backend: Backend): Promise<void> {
  const opened = backend.opened;
  backend.partnerKey?.fill(0);
  backend.partnerKey = null;
  if (!opened) return;
  await opened.db.connection().execute(() => detachPartnerFile(opened.raw));
}

/**
 * A holder (a manager with the partner side open) gives a person partner access by sealing the
 * key to their entry. An administrator's session never holds the key, so it cannot; nor can
 * anyone give it to an account whose password an administrator set and still knows.
 */
export function grantPartnerKey(backend: Backend, target: StaffTable): void {
  if (!backend.partnerKey) {
    throw new AppError(
      'FORBIDDEN',
      'Only a manager who has the partner side open can give partner access. Ask a manager to do it.',
    );
  }
  if (!hasPartnerAccess(target.role))
    throw new AppError('CONFLICT', 'This person’s role has no partner access. Change the role first.');
  if (target.active !== 1) throw new AppError('CONFLICT', 'This account is deactivated.');
  if (target.must_change_password === 1) {
    throw new AppError(
      'CONFLICT',
      'This person has not yet set their own password. Partner access can be given once they have logged in and changed it.',
    );
  }
  writeKeyring(backend.vault.keyringFile, sealPartnerKeyTo(backend.vault.read(), [target.id], backend.partnerKey));
}

/** Takes the partner key from a person (leaving, or no longer in a partner role); the key is rotated at the next holder's log-in. */
export function revokePartnerKey(backend: Backend, staffId: string): void {
  writeKeyring(backend.vault.keyringFile, removePartnerKeyFrom(backend.vault.read(), staffId));
}

/**
 * When the partner side opens (each holder's log-in, after its answer: tasks/new-day.ts), it catches
 * up with the programme side: her flag follows concerns about the men raised while it was closed
 * (below), and alerts written for the partner service about a man she is linked to become hers
 * (catchUpWaitingAlerts: the programme side could not know whose they were). Two transactions, so
 * that an alert that cannot move does not hold back her flags.
 */
export async function catchUpPartnerFlags(db: Db): Promise<void> {
  // The partners to flag are found once (not by a correlated subquery per partner, which walked the
  // concerns view, over both files, for each of her 5,000 records: 7–15 ms at every holder's log-in).
  await sql`update partners set safeguarding_open = case when partners.id in (
        select c.partner_id from safeguarding_concerns c where c.status = 'open' and c.partner_id is not null
        union select l.partner_id from partner_links l join safeguarding_concerns c on c.participant_id = l.participant_id and c.status = 'open'
      ) then 1 else 0 end
    where safeguarding_open != case when partners.id in (
        select c.partner_id from safeguarding_concerns c where c.status = 'open' and c.partner_id is not null
        union select l.partner_id from partner_links l join safeguarding_concerns c on c.participant_id = l.participant_id and c.status = 'open'
      ) then 1 else 0 end`.execute(db);
}

/** Alerts written for the partner service about a man she is linked to become hers (`today`: the back end's day). */
export async function catchUpWaitingAlerts(db: Db, today: string): Promise<void> {
  // Alerts with no partner yet are programme rows (db/partner-schema.ts PARTNER_ROWS): read from the
  // programme's own table on its kind index (migration 0024), not the view over both files. Called with
  // the partner file attached (tasks/new-day.ts), so her tables are the partner file's.
  const waiting = (
    await sql<{ participant_id: string | null; id: string; worker_id: string | null }>`select t.participant_id, p.id, p.worker_id
      from main.tasks t join partner_links l on l.participant_id = t.participant_id join partners p on p.id = l.partner_id
      where t.kind = 'partner_alert' and t.status = 'open' and t.partner_id is null
      order by l.created_at`.execute(db)
  ).rows;
  const done = new Set<string>();
  for (const w of waiting) {
    if (!w.participant_id || done.has(w.participant_id)) continue;
    done.add(w.participant_id);
    await attachWaitingAlerts(db, w.participant_id, { id: w.id, workerId: w.worker_id }, today);
  }
}
