/**
 * Setting up, logging in, recovery, locking. These open and close the
 * database, so they write their own audit entries rather than relying on the
 * router's transaction.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { renameSync, rmSync } from 'node:fs';
import type { Kysely } from 'kysely';
import type { RouteParsed } from '../../../shared/api';
import type { SessionInfo, VaultState } from '../../../shared/features/auth';
import type { Role } from '../../../shared/permissions';
import { AppError, invalidField } from '../../app-error';
import { appendAudit } from '../../audit/audit';
import type { Backend } from '../../backend';
import { openDatabase } from '../../db/open';
import type { Database, StaffTable } from '../../db/schema';
import type { Session } from '../../ipc/context';
import { removeOldDrafts } from '../drafts/service';
import { readSettings } from '../settings/service';
import { insertStaff } from '../staff/service';
import { raiseTasksForToday } from '../tasks/new-day';
import { removeSafetyCopy } from '../../db/safety-copy';
import { todayInLondon } from '../../../shared/dates';

const WRONG_CREDENTIALS = 'The user name or password is not right. Check them and try again.';

export function vaultState(backend: Backend): VaultState {
  if (backend.session && backend.opened) return { state: 'unlocked', session: sessionInfo(backend) };
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
  return { state: 'locked', lockedUser: backend.lockedUser };
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
      const now = new Date().toISOString();
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
      });
      await appendAudit(trx, {
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
      return { ...opened, key: candidate.key };
    } catch (err) {
      lastError = err;
      if (err instanceof AppError && err.code !== 'VAULT') break;
    }
  }
  throw lastError;
}

async function checkDatabaseId(backend: Backend, db: Kysely<Database>): Promise<void> {
  const row = await db.selectFrom('meta').select('value').where('key', '=', 'database_id').executeTakeFirst();
  if (row?.value !== backend.vault.read().databaseId) {
    throw new AppError('VAULT', 'The key file in the data folder belongs to a different database. Nothing has been changed.');
  }
}

async function startSession(backend: Backend, staff: StaffTable, action: 'auth.login' | 'auth.recover' | 'auth.unlock', personalKey: Buffer | null) {
  const db = backend.requireDb();
  const settings = await readSettings(db);
  backend.autoLockMinutes = settings.autoLockMinutes;
  backend.organisationName = settings.organisation.name;
  await backend.flushPendingAudit(db);
  await db.transaction().execute(async (trx) => {
    const today = todayInLondon(new Date(backend.now()));
    await raiseTasksForToday(trx, today);
    backend.tasksRaisedOn = today;
    await removeOldDrafts(trx, settings.draftDays, new Date(backend.now()));
    await trx.updateTable('staff').set({ last_login_at: new Date().toISOString() }).where('id', '=', staff.id).execute();
    await appendAudit(trx, { actorId: staff.id, actorRole: staff.role, action, route: action, subjectType: 'staff', subjectId: staff.id });
  });
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
  return sessionInfo(backend);
}

function refuseWhenOpen(backend: Backend): void {
  if (backend.session) {
    throw new AppError('CONFLICT', 'Someone is already logged in. Lock the program or log out first.');
  }
}

export async function login(backend: Backend, input: RouteParsed<'auth.login'>): Promise<SessionInfo> {
  refuseWhenOpen(backend);
  // A lock during a backup closes the database only when the backup ends; the next log-in opens it after that.
  await backend.settled();
  backend.throttle.check();
  const unlocked = await backend.vault.unlockWithPassword(input.username, input.password);
  const failed = async (): Promise<never> => {
    // Kept beside the throttle count and written to the audit log at the next unlock (the database is closed now).
    const delay = backend.throttle.recordFailure('password');
    await backend.closeDatabase();
    throw new AppError('VALIDATION', WRONG_CREDENTIALS, delay > 0 ? { retryAfter: delay } : {});
  };
  if (!unlocked || unlocked.candidates.length === 0) return failed();
  backend.opened = await openWithCandidates(backend, unlocked.candidates);
  try {
    await checkDatabaseId(backend, backend.opened.db);
    const staff = await backend.opened.db.selectFrom('staff').selectAll().where('id', '=', unlocked.entryId).executeTakeFirst();
    if (!staff || staff.active !== 1) return await failed();
    backend.throttle.recordSuccess();
    const unlocking = backend.lockedUser?.username === staff.username;
    return await startSession(backend, staff, unlocking ? 'auth.unlock' : 'auth.login', unlocked.personalKey);
  } catch (err) {
    if (!backend.session) await backend.closeDatabase();
    throw err;
  }
}

export async function recover(backend: Backend, input: RouteParsed<'auth.recover'>): Promise<SessionInfo> {
  refuseWhenOpen(backend);
  // A lock during a backup closes the database only when the backup ends; the next log-in opens it after that.
  await backend.settled();
  backend.throttle.check();
  const unlocked = backend.vault.unlockWithRecoveryKey(input.recoveryKey);
  if (!unlocked || unlocked.candidates.length === 0) {
    backend.throttle.recordFailure('recovery-key');
    throw invalidField('recoveryKey', 'This recovery key does not open this installation. Check it against the printed copy.');
  }
  backend.opened = await openWithCandidates(backend, unlocked.candidates);
  try {
    await checkDatabaseId(backend, backend.opened.db);
    const db = backend.opened.db;
    const key = backend.opened.key;
    const staff = await db.transaction().execute(async (trx) => {
      let row = await trx.selectFrom('staff').selectAll().where('username', '=', input.username).executeTakeFirst();
      if (row && row.role !== 'admin') {
        throw invalidField('username', 'That account is not an administrator. Give an administrator’s user name, or a new one.');
      }
      if (!row) {
        if (!input.fullName) throw invalidField('fullName', 'Enter the full name for the new administrator account');
        row = await insertStaff(trx, { fullName: input.fullName, username: input.username, jobTitle: '', role: 'admin', mustChangePassword: false });
      } else {
        const now = new Date().toISOString();
        await trx.updateTable('staff').set({ active: 1, deactivated_at: null, must_change_password: 0, updated_at: now }).where('id', '=', row.id).execute();
        row = { ...row, active: 1, must_change_password: 0 };
      }
      await appendAudit(trx, { actorId: row.id, actorRole: 'admin', action: 'auth.recoveryKeyUsed', route: 'auth.recover', subjectType: 'staff', subjectId: row.id, detail: { fields: ['password'] } });
      await backend.vault.setPassword(row.id, row.username, input.newPassword, key);
      return row;
    });
    backend.throttle.recordSuccess();
    // Drafts belong to a person's own key; a recovery log-in has none of theirs.
    return await startSession(backend, staff, 'auth.recover', null);
  } catch (err) {
    if (!backend.session) await backend.closeDatabase();
    throw err;
  }
}

export async function changePassword(backend: Backend, session: Session, input: RouteParsed<'auth.changePassword'>) {
  backend.throttle.check();
  const ok = await backend.vault.changePassword(session.staffId, input.currentPassword, input.newPassword);
  if (!ok) {
    backend.throttle.recordFailure(null);
    throw invalidField('currentPassword', 'Your current password is not right.');
  }
  backend.throttle.recordSuccess();
  backend.session = { ...session, mustChangePassword: false };
}


