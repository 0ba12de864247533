/**
 * Setting up, logging in, recovery, locking. These open and close the
 * database, so they write their own audit entries rather than relying on the
 * router's transaction.
 */
import { wipe } from '../../vault/crypto';
import { randomBytes, randomUUID } from 'node:crypto';
import { renameSync, rmSync } from 'node:fs';
import type { Kysely } from 'kysely';
import type { RouteParsed } from '../../../shared/api';
import { PASSWORD_HAS_USERNAME, passwordHasUsername, type SessionInfo, type VaultState } from '../../../shared/features/auth';
import type { Role } from '../../../shared/permissions';
import { AppError, invalidField } from '../../app-error';
import { appendAudit } from '../../audit/audit';
import { anchorPath, auditTail, checkAnchor, writeAnchor } from '../../audit/anchor';
import type { AuditAnchorCheck } from '../../../shared/features/audit';
import type { Backend } from '../../backend';
import { driverProblem } from '../../db/driver';
import { openDatabase } from '../../db/open';
import type { Database, StaffTable } from '../../db/schema';
import type { Session } from '../../ipc/context';
import { removeOldDrafts } from '../drafts/service';
import { readSettings } from '../settings/service';
import { insertStaff } from '../staff/service';
import { removeSafetyCopy } from '../../db/safety-copy';
import { inTransaction } from '../../db/transaction';
import { keyringIntact } from '../../vault/keyring';
import { DAMAGED_DATABASE, databaseFileProblem, isDamageError } from '../../db/damage';
import { statSync } from 'node:fs';
import { convertToPartnerFile, openPartnerSide } from '../partners/partner-side';
import type { PartnerKeyCandidate } from '../../vault/partner-key';
import { readOrganisationName, writeOrganisationName } from '../settings/organisation-name-file';

const WRONG_CREDENTIALS = 'The user name or password is not right. Check them and try again.';

export const KEYRING_EDITED =
  'The key file (keyring.json) in the data folder has been changed or damaged since the program wrote it, or is not this database’s, so it cannot unlock the records. This was not counted as a failed log-in. Use the recovery key ("Use the recovery key" below) to get back in, or put back an earlier copy of the file; an administrator can then set passwords again.';

/** Whether the keyring on disk is as the program last wrote it (a hand edit shows as a checksum that does not match). */
function keyringEdited(backend: Backend): boolean {
  try {
    return !keyringIntact(backend.vault.read());
  } catch {
    return true;
  }
}

export function vaultState(backend: Backend): VaultState {
  if (backend.session && backend.opened) return { state: 'unlocked', session: sessionInfo(backend) };
  // A database engine that cannot load: say so at start, instead of a log-in that cannot work.
  const engine = driverProblem();
  if (engine) return { state: 'problem', message: engine, cause: 'engine' };
  const hasKeyring = backend.vault.exists();
  const hasDatabase = backend.databaseExists();
  if (!hasKeyring && !hasDatabase) return { state: 'needs-setup' };
  if (!hasDatabase) {
    return {
      state: 'problem',
      message:
        'The database file (case.db) is missing from the data folder, although its key file is there. Nothing has been changed. Put the file back, or restore from a backup.',
    };
  }
  try {
    backend.vault.read();
  } catch (err) {
    return { state: 'problem', message: (err as Error).message };
  }
  const fileProblem = databaseFileProblem(backend.databaseFile);
  if (fileProblem) return { state: 'problem', message: fileProblem };
  const found = backend.databaseProblem;
  if (found && found.stamp === fileStamp(backend.databaseFile)) return { state: 'problem', message: found.message };
  backend.databaseProblem = null;
  return { state: 'locked', lockedUser: backend.lockedUser, organisationName: readOrganisationName(backend.options.dataDir) };
}

function fileStamp(file: string): string {
  try {
    const s = statSync(file);
    return `${s.size}:${s.mtimeMs}`;
  } catch {
    return 'missing';
  }
}

/**
 * The key came from the keyring, so a database that will not open with it, or fails a page check while
 * logging in, is damaged or not this installation's: the problem screen, not a log-in error to retry.
 */
function damagedDatabase(backend: Backend, message = DAMAGED_DATABASE): AppError {
  backend.databaseProblem = { message, stamp: fileStamp(backend.databaseFile) };
  return new AppError('VAULT', message);
}

/** Nothing is opened, let alone written, in a file that can be seen to be damaged. */
function refuseDamagedFile(backend: Backend): void {
  const problem = databaseFileProblem(backend.databaseFile);
  if (problem) throw damagedDatabase(backend, problem);
}

export function sessionInfo(backend: Backend): SessionInfo {
  const s = backend.session!;
  return {
    staffId: s.staffId,
    username: s.username,
    fullName: s.fullName,
    role: s.role,
    mustChangePassword: s.mustChangePassword,
    autoLockMinutes: backend.autoLockMinutes,
    organisationName: backend.organisationName,
    auditWarning: backend.auditWarning,
  };
}

function setupLeftovers(file: string): string[] {
  return [file, `${file}-wal`, `${file}-shm`, `${file}-journal`];
}

export async function setup(backend: Backend, input: RouteParsed<'auth.setup'>): Promise<{ recoveryKey: string }> {
  if (backend.vault.exists() || backend.databaseExists()) {
    throw new AppError('CONFLICT', 'This data folder is already set up. An existing database is never replaced.');
  }
  const temp = `${backend.databaseFile}.setup`;
  // Anything left by a set-up that was interrupted before it finished holds no usable data.
  for (const f of setupLeftovers(temp)) rmSync(f, { force: true });

  const dataKey = randomBytes(32);
  const databaseId = randomUUID();
  const opened = await openDatabase(temp, dataKey, { create: true });
  let adminId: string;
  try {
    adminId = await opened.db.transaction().execute(async (trx) => {
      const now = new Date(backend.now()).toISOString();
      await trx
        .insertInto('meta')
        .values([
          { key: 'database_id', value: databaseId },
          { key: 'created_at', value: now },
        ])
        .execute();
      for (const [key, value] of Object.entries({ organisation: input.organisation, autoLockMinutes: 10 })) {
        await trx.insertInto('settings').values({ key, value: JSON.stringify(value), updated_at: now, updated_by: null }).execute();
      }
      const admin = await insertStaff(trx, {
        fullName: input.admin.fullName,
        username: input.admin.username,
        jobTitle: '',
        role: 'admin',
        mustChangePassword: false,
      }, now);
      await appendAudit(trx, {
        at: now,
        actorId: admin.id,
        actorRole: 'admin',
        action: 'auth.setup',
        route: 'auth.setup',
        subjectType: 'organisation',
        detail: { fields: ['organisation', 'admin'] },
      });
      return admin.id;
    });
  } finally {
    await opened.db.destroy();
  }
  try {
    const { recoveryKey } = await backend.vault.create({
      databaseId,
      dataKey,
      admin: { id: adminId, username: input.admin.username, password: input.admin.password },
    });
    renameSync(temp, backend.databaseFile);
    writeOrganisationName(backend.options.dataDir, input.organisation.name);
    writeAnchor(anchorPath(backend.options.dataDir), dataKey, databaseId, null);
    backend.lockedUser = null;
    return { recoveryKey };
  } finally {
    dataKey.fill(0);
  }
}

/** Tries each candidate key; finishes or abandons an interrupted re-key to match what the database accepted. */
async function openWithCandidates(backend: Backend, candidates: Array<{ key: Buffer; pending: boolean }>) {
  let lastError: unknown = new AppError('VAULT', 'The database could not be opened.');
  for (const candidate of candidates) {
    try {
      const opened = await openDatabase(backend.databaseFile, candidate.key, { safetyCopy: true });
      if (candidate.pending) backend.vault.promotePending();
      else backend.vault.discardPending();
      // The key that did not open it is wiped now; the one in use is wiped when the database closes (lock).
      wipe(...candidates.filter((c) => c !== candidate).map((c) => c.key));
      return { ...opened, key: candidate.key };
    } catch (err) {
      lastError = err;
      if (err instanceof AppError && err.code !== 'VAULT') break;
    }
  }
  wipe(...candidates.map((c) => c.key));
  // A newer database (NEWER_DATABASE) is said as such; anything else means the file itself is at fault.
  if (lastError instanceof AppError && lastError.code !== 'VAULT') throw lastError;
  if (lastError instanceof AppError || isDamageError(lastError)) throw damagedDatabase(backend);
  throw lastError;
}

async function checkDatabaseId(backend: Backend, db: Kysely<Database>): Promise<void> {
  const row = await db.selectFrom('meta').select('value').where('key', '=', 'database_id').executeTakeFirst();
  if (row?.value !== backend.vault.read().databaseId) {
    throw damagedDatabase(
      backend,
      'The database file (case.db) and the key file (keyring.json) in the data folder belong to different installations, so the records cannot be opened. Nothing has been changed. Put the right files back together, or restore the newest backup with the backup passphrase or the recovery key: the files found are kept aside in the data folder first.',
    );
  }
  backend.databaseId = row.value;
}

/** Kept in the database until an administrator logs in, when a non-administrator's log-in found it. */
const AUDIT_WARNING_KEY = 'audit_warning';

/**
 * Before anything new is written: does the database reach the audit anchor outside it? Entries found
 * missing are themselves recorded (so the gap stays in the log after the anchor moves on), and an
 * administrator is told, now or at their next log-in.
 */
async function checkAuditAnchor(backend: Backend, db: Kysely<Database>, staff: StaffTable): Promise<void> {
  const opened = backend.opened!;
  let check: AuditAnchorCheck;
  try {
    check = await checkAnchor(db, anchorPath(backend.options.dataDir), opened.key, backend.databaseId!);
  } catch {
    return; // a check that cannot run must not keep anyone out
  }
  await inTransaction(db, async (trx) => {
    if (check.state !== 'ok') {
      await appendAudit(trx, {
        at: new Date(backend.now()).toISOString(),
        action: check.state === 'entries-missing' ? 'audit.entriesMissing' : 'audit.anchorLost',
        outcome: 'failed',
        subjectType: 'audit',
        detail:
          check.state === 'entries-missing'
            ? { missing: check.missing, since: check.since, until: check.until }
            : { anchor: check.state === 'anchor-missing' ? 'missing' : 'damaged' },
      });
    }
    const kept = await trx.selectFrom('meta').select('value').where('key', '=', AUDIT_WARNING_KEY).executeTakeFirst();
    const warning = check.state === 'ok' ? (kept?.value ?? null) : check.message;
    if (staff.role === 'admin') {
      backend.auditWarning = warning;
      if (kept) await trx.deleteFrom('meta').where('key', '=', AUDIT_WARNING_KEY).execute();
    } else if (check.state !== 'ok') {
      await trx
        .insertInto('meta')
        .values({ key: AUDIT_WARNING_KEY, value: check.message })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value: check.message }))
        .execute();
    }
  });
  // The gap is recorded: from here the anchor vouches for the database as it now is.
  if (check.state !== 'ok') writeAnchor(anchorPath(backend.options.dataDir), opened.key, backend.databaseId!, await auditTail(db), true);
}

async function startSession(backend: Backend, staff: StaffTable, action: 'auth.login' | 'auth.recover' | 'auth.unlock', personalKey: Buffer | null) {
  const db = backend.requireDb();
  backend.auditWarning = null;
  await checkAuditAnchor(backend, db, staff);
  // A gap in the partner side's chain, found as the partner side opened: told to the holder logging in.
  if (backend.partnerAuditWarning) {
    backend.auditWarning = [backend.auditWarning, backend.partnerAuditWarning].filter(Boolean).join('\n\n');
    backend.partnerAuditWarning = null;
  }
  const settings = await readSettings(db);
  backend.autoLockMinutes = settings.autoLockMinutes;
  backend.organisationName = settings.organisation.name;
  // After a restore or an update the file may be older than the database: bring it up to date.
  writeOrganisationName(backend.options.dataDir, settings.organisation.name);
  await backend.flushPendingAudit(db);
  await inTransaction(db, async (trx) => {
    await removeOldDrafts(trx, settings.draftDays, new Date(backend.now()));
    await trx.updateTable('staff').set({ last_login_at: new Date(backend.now()).toISOString() }).where('id', '=', staff.id).execute();
    await appendAudit(trx, { at: new Date(backend.now()).toISOString(), actorId: staff.id, actorRole: staff.role, action, route: action, subjectType: 'staff', subjectId: staff.id });
  });
  await backend.anchorAudit();
  const session: Session = {
    staffId: staff.id,
    username: staff.username,
    fullName: staff.full_name,
    role: staff.role as Role,
    mustChangePassword: staff.must_change_password === 1,
  };
  backend.session = session;
  backend.personalKey = personalKey;
  backend.lockedUser = null;
  backend.touch();
  // The program has started on the migrated database: the copy from before the migration is no longer needed.
  removeSafetyCopy(backend.databaseFile);
  // The day's tasks (and her side's catch-up) follow the answer: it waits only until they hold the
  // connection, so whatever the window reads next is answered after them (tasks/new-day.ts).
  await backend.raiseDayTasks();
  return sessionInfo(backend);
}

/** The recovery key's guesses are counted under a name of their own, apart from every person's. */
const RECOVERY_KEY_NAME = '\0recovery key';

/** The first log-in after the update moves the partner side into its own file; then a holder's session attaches it. */
async function openPartnerSideAtLogin(backend: Backend, staff: StaffTable, candidates: PartnerKeyCandidate[]): Promise<void> {
  const made = await convertToPartnerFile(backend);
  const keyring = backend.vault.read();
  // The person logging in during the conversion holds the new key if it was sealed to them.
  const own = made && keyring.entries.some((e) => e.id === staff.id && e.partnerKey) ? [{ key: made, next: false }] : [];
  try {
    await openPartnerSide(backend, staff, [...own, ...candidates]);
  } finally {
    made?.fill(0);
    for (const c of candidates) c.key.fill(0);
  }
}

export const ALREADY_LOGGED_IN = 'Someone is already logged in. Lock the program or log out first.';
export const LOGIN_IN_PROGRESS =
  'Someone else is logging in on this computer at this moment. Wait for them to finish, then lock the program or log out before you log in.';

/**
 * One log-in at a time: the check and the reservation happen together, before the slow key
 * stretching, so two log-ins that arrive at once cannot both pass and leave the window acting
 * as whoever finished last (across the partner wall, with the wrong author on every write).
 * The reservation is released when the log-in ends, whatever the outcome.
 */
async function reserved<T>(backend: Backend, work: () => Promise<T>): Promise<T> {
  if (backend.session) throw new AppError('CONFLICT', ALREADY_LOGGED_IN);
  if (backend.loggingIn) throw new AppError('CONFLICT', LOGIN_IN_PROGRESS);
  backend.loggingIn = true;
  try {
    return await work();
  } finally {
    backend.loggingIn = false;
    // No database handle stays open with nobody logged in.
    if (!backend.session && backend.opened) await backend.closeDatabase();
  }
}

export function login(backend: Backend, input: RouteParsed<'auth.login'>): Promise<SessionInfo> {
  return reserved(backend, () => loginReserved(backend, input));
}

async function loginReserved(backend: Backend, input: RouteParsed<'auth.login'>): Promise<SessionInfo> {
  // A lock during a backup closes the database only when the backup ends; the next log-in opens it after that.
  await backend.settled();
  // Counted before the key stretching, so that attempts in parallel cannot all pass the check first.
  backend.throttle.begin(input.username);
  const unlocked = await backend.vault.unlockWithPassword(input.username, input.password).catch((err: unknown) => {
    // A missing or damaged key file is not a guess: it is not counted.
    backend.throttle.forgive(input.username);
    throw err;
  });
  const failed = async (): Promise<never> => {
    // Kept beside the throttle count and written to the audit log at the next unlock (the database is closed now).
    const delay = backend.throttle.failed('password', input.username);
    await backend.closeDatabase();
    throw new AppError('VALIDATION', WRONG_CREDENTIALS, delay > 0 ? { retryAfter: delay } : {});
  };
  // The password opened this person's private key but the database key sealed to it does not open, or the
  // file is not as the program wrote it: the key file is at fault, not the person, so it is not counted.
  if ((unlocked && unlocked.candidates.length === 0) || (!unlocked && keyringEdited(backend))) {
    backend.throttle.forgive(input.username);
    throw new AppError('CONFLICT', KEYRING_EDITED);
  }
  if (!unlocked) return failed();
  refuseDamagedFile(backend);
  backend.opened = await openWithCandidates(backend, unlocked.candidates);
  try {
    await checkDatabaseId(backend, backend.opened.db);
    const staff = await backend.opened.db.selectFrom('staff').selectAll().where('id', '=', unlocked.entryId).executeTakeFirst();
    if (!staff || staff.active !== 1) return await failed();
    backend.throttle.succeeded(input.username);
    await openPartnerSideAtLogin(backend, staff, unlocked.partnerKeys);
    const unlocking = backend.lockedUser?.username === staff.username;
    return await startSession(backend, staff, unlocking ? 'auth.unlock' : 'auth.login', unlocked.personalKey);
  } catch (err) {
    if (!backend.session) await backend.closeDatabase();
    if (isDamageError(err)) throw damagedDatabase(backend);
    throw err;
  }
}

export function recover(backend: Backend, input: RouteParsed<'auth.recover'>): Promise<SessionInfo> {
  return reserved(backend, () => recoverReserved(backend, input));
}

async function recoverReserved(backend: Backend, input: RouteParsed<'auth.recover'>): Promise<SessionInfo> {
  // A lock during a backup closes the database only when the backup ends; the next log-in opens it after that.
  await backend.settled();
  backend.throttle.begin(RECOVERY_KEY_NAME);
  const unlocked = backend.vault.unlockWithRecoveryKey(input.recoveryKey);
  if (unlocked && unlocked.candidates.length === 0) {
    backend.throttle.forgive(RECOVERY_KEY_NAME);
    throw new AppError(
      'CONFLICT',
      'The key file (keyring.json) in the data folder has been changed or damaged, and the recovery key’s part of it no longer opens the records. This was not counted as a failed attempt. Put back an earlier copy of the file, or restore the newest backup (it holds its own copy of the key file).',
    );
  }
  if (!unlocked) {
    backend.throttle.failed('recovery-key', RECOVERY_KEY_NAME);
    throw invalidField('recoveryKey', 'This recovery key does not open this installation. Check it against the printed copy.');
  }
  refuseDamagedFile(backend);
  backend.opened = await openWithCandidates(backend, unlocked.candidates);
  try {
    await checkDatabaseId(backend, backend.opened.db);
    const db = backend.opened.db;
    const key = backend.opened.key;
    const staff = await inTransaction(db, async (trx) => {
      let row = await trx.selectFrom('staff').selectAll().where('username', '=', input.username).executeTakeFirst();
      if (row && row.role !== 'admin') {
        throw invalidField('username', 'That account is not an administrator. Give an administrator’s user name, or a new one.');
      }
      if (!row) {
        if (!input.fullName) throw invalidField('fullName', 'Enter the full name for the new administrator account');
        row = await insertStaff(trx, { fullName: input.fullName, username: input.username, jobTitle: '', role: 'admin', mustChangePassword: false }, new Date(backend.now()).toISOString());
      } else {
        const now = new Date(backend.now()).toISOString();
        await trx.updateTable('staff').set({ active: 1, deactivated_at: null, must_change_password: 0, updated_at: now }).where('id', '=', row.id).execute();
        row = { ...row, active: 1, must_change_password: 0 };
      }
      await appendAudit(trx, { at: new Date(backend.now()).toISOString(), actorId: row.id, actorRole: 'admin', action: 'auth.recoveryKeyUsed', route: 'auth.recover', subjectType: 'staff', subjectId: row.id, detail: { fields: ['password'] } });
      await backend.vault.setPassword(row.id, row.username, input.newPassword, key);
      return row;
    });
    backend.throttle.succeeded(RECOVERY_KEY_NAME);
    // An administrator's session: the partner side is converted if need be, never opened.
    await openPartnerSideAtLogin(backend, staff, []);
    // Drafts belong to a person's own key; a recovery log-in has none of theirs.
    return await startSession(backend, staff, 'auth.recover', null);
  } catch (err) {
    if (!backend.session) await backend.closeDatabase();
    if (isDamageError(err)) throw damagedDatabase(backend);
    throw err;
  }
}

export async function changePassword(backend: Backend, session: Session, input: RouteParsed<'auth.changePassword'>) {
  if (passwordHasUsername(input.newPassword, session.username)) throw invalidField('newPassword', PASSWORD_HAS_USERNAME);
  backend.throttle.begin(session.username);
  const ok = await backend.vault.changePassword(session.staffId, input.currentPassword, input.newPassword);
  if (!ok) {
    backend.throttle.failed(null, session.username);
    throw invalidField('currentPassword', 'Your current password is not right.');
  }
  backend.throttle.succeeded(session.username);
  backend.session = { ...session, mustChangePassword: false };
}

/** The logged-in person's password again, for an action that must not ride on a session left open (slowed down like a log-in). */
export async function confirmOwnPassword(backend: Backend, session: Session, password: string): Promise<void> {
  backend.throttle.begin(session.username);
  const unlocked = await backend.vault.unlockWithPassword(session.username, password);
  if (!unlocked || unlocked.entryId !== session.staffId) {
    backend.throttle.failed(null, session.username);
    throw invalidField('password', 'Your password is not right.');
  }
  backend.throttle.succeeded(session.username);
  for (const c of unlocked.candidates) c.key.fill(0);
  for (const k of unlocked.partnerKeys) k.key.fill(0);
  unlocked.personalKey.fill(0);
}
