/**
 * The whole back end for one data folder: vault, database and router.
 * Electron's main process builds it; so do the browser host, the tests and the
 * benchmark. It never imports Electron.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import type { ApiResult } from '../shared/errors';
import { AppError } from './app-error';
import { appendAudit, appendAuditEntries, type AuditInput } from './audit/audit';
import { anchorPath, auditTail, writeAnchor } from './audit/anchor';
import { anchorPartnerChain, partnerAnchorPath } from './audit/partner-anchor';
import type { Database } from './db/schema';
import type { OpenDatabase } from './db/open';
import { detachPartnerFile } from './db/partner-file';
import type { Session } from './ipc/context';
import { Router, type Caller } from './ipc/router';
import { handlers } from './features/handlers';
import { forgetPackedDocuments } from './features/reports/page-count-task';
import { log } from './log';
import { jobFinished, jobRunning } from './features/backups/jobs';
import { finishInterruptedRestore } from './features/backups/swap';
import { raiseTasksForToday } from './features/tasks/new-day';
import { todayInLondon } from '../shared/dates';
import { LoginThrottle } from './vault/throttle';
import { Vault } from './vault/vault';
import { removeLeftoverTempFiles } from './vault/files';
import type { ScryptParams } from './vault/crypto';
import type { UpdateInstaller } from './features/updates/installer';
import type { TrustedKey } from './features/updates/trusted-keys';
import { recordVersionRun } from './features/updates/high-water';
import { finishInstall } from './features/updates/installed';
import { APP_VERSION } from './app-version';

/**
 * Saves a file where the user chooses, in two steps so that no database
 * transaction waits on the person at the dialog: `choose` resolves to the
 * place, or null when the user cancelled; `write` throws when it cannot write there.
 */
export interface FileSaver {
  choose(suggestedName: string): Promise<string | null>;
  write(place: string, bytes: Buffer): Promise<void>;
}

export interface BackendOptions {
  dataDir: string;
  /** scrypt cost; omitted, it is calibrated to about half a second at set-up */
  kdf?: ScryptParams;
  now?: () => number;
  /** native folder and file pickers (Electron only; the browser host types a path instead) */
  pickers?: FilePickers;
  /** installs a checked update and restarts (Electron only; the browser host stops before installing) */
  updateInstaller?: UpdateInstaller;
  /**
   * Tests only: the keys whose signatures an update may carry, instead of the built-in ones
   * (trusted-keys.ts). The desktop program never sets it; the browser host, which refuses to
   * run in a packaged build, passes on its --test-update-keys option.
   */
  updateKeys?: readonly TrustedKey[];
  /** tests only: the version the update checks take as running, instead of the program's own */
  runningVersion?: string;
  /** tests only: the platform the update checks take as this one */
  updatePlatform?: string;
}

export interface FilePickers {
  folder(): Promise<string | null>;
  file(): Promise<string | null>;
}

/** Audit entries for events while the database is closed (failed log-ins, refused calls), written at the next unlock. */
const MAX_PENDING_AUDIT = 500;

export class Backend {
  readonly vault: Vault;
  readonly throttle: LoginThrottle;
  /** wrong backup passphrases and recovery keys, slowed down like log-ins but counted apart, so one never locks out the other */
  readonly backupThrottle: LoginThrottle;
  readonly databaseFile: string;
  readonly router: Router;
  readonly now: () => number;

  /** the open database and its key; null while locked */
  opened: (OpenDatabase & { key: Buffer }) | null = null;
  session: Session | null = null;
  /** the open database's id (from its meta table), for the audit anchor; null while locked */
  databaseId: string | null = null;
  /** an audit warning for the administrator now logged in, shown once in the window */
  auditWarning: string | null = null;
  /** a warning about the partner side's audit chain for the holder now logging in (features/partners/partner-side.ts) */
  partnerAuditWarning: string | null = null;
  /**
   * The database file would not open with a key the keyring gave, or failed a page check while logging in:
   * the problem screen shows until the file changes (put back, or restored). `stamp` is its size and time.
   */
  databaseProblem: { message: string; stamp: string } | null = null;
  /** a log-in or recovery is under way (set before the key stretching, so a second one is refused at once) */
  loggingIn = false;
  /** the logged-in person's own key for their drafts (see vault.ts); null while locked */
  personalKey: Buffer | null = null;
  /** the partner key while the partner file is attached (a holder's session only; see features/partners/partner-side.ts) */
  partnerKey: Buffer | null = null;
  /** who locked the window, for the lock screen (kept in memory only) */
  lockedUser: { username: string; fullName: string } | null = null;
  pendingAudit: AuditInput[] = [];
  droppedAudit = 0;
  lastActivity = 0;
  autoLockMinutes = 10;
  /** the London date this session last raised the day's tasks for (the database records it too: tasks/new-day.ts) */
  tasksRaisedOn: string | null = null;
  /** the day's tasks being raised after a log-in or at midnight; null when none is under way */
  dayTasks: Promise<void> | null = null;
  organisationName = "";
  /**
   * Set by the desktop program: saves a generated report where the user chooses (a save dialog).
   * Unset (the browser host, tests), reports are returned to the window as bytes to download.
   */
  fileSaver: FileSaver | null = null;
  private idleTimer: NodeJS.Timeout | null = null;
  private closing: Promise<void> | null = null;

  constructor(readonly options: BackendOptions) {
    this.vault = new Vault(options.dataDir, options.kdf);
    // Guesses at one user name wait up to five minutes; everybody else waits at most 30 seconds.
    this.throttle = new LoginThrottle(join(options.dataDir, 'login-throttle.json'), options.now, 30);
    this.backupThrottle = new LoginThrottle(join(options.dataDir, 'backup-throttle.json'), options.now);
    this.databaseFile = join(options.dataDir, 'case.db');
    this.now = options.now ?? Date.now;
    this.router = new Router(this, handlers);
  }

  get db(): Kysely<Database> | null {
    return this.opened?.db ?? null;
  }

  requireDb(): Kysely<Database> {
    if (!this.opened) throw new AppError('LOCKED', 'The program is locked. Please log in again.');
    return this.opened.db;
  }

  databaseExists(): boolean {
    return existsSync(this.databaseFile);
  }

  invoke(route: unknown, input: unknown, caller: Caller): Promise<ApiResult<unknown>> {
    return this.router.invoke(route, input, caller);
  }

  /** Writes an audit entry now if the database is open, or keeps it for the next unlock. */
  async recordAudit(entry: AuditInput): Promise<void> {
    const stamped = { ...entry, at: entry.at ?? new Date(this.now()).toISOString() };
    const db = this.db;
    if (!db) {
      if (this.pendingAudit.length < MAX_PENDING_AUDIT) this.pendingAudit.push(stamped);
      else this.droppedAudit += 1;
      return;
    }
    try {
      await db.transaction().execute((trx) => appendAudit(trx, stamped));
      await this.anchorAudit();
    } catch (err) {
      log.error('could not write an audit entry', err);
    }
  }

  /**
   * After a commit that added audit entries: the newest entry's number and hash go into the anchor
   * outside the database (see audit/anchor.ts). A failure here is logged, never the caller's error:
   * the change itself is already safely committed.
   */
  async anchorAudit(): Promise<void> {
    const opened = this.opened;
    const databaseId = this.databaseId;
    if (!opened || !databaseId) return;
    try {
      const tail = await auditTail(opened.db);
      writeAnchor(anchorPath(this.options.dataDir), opened.key, databaseId, tail);
      // Her chain's own anchor, in a holder's session only (audit/partner-anchor.ts).
      if (this.partnerKey) await anchorPartnerChain(opened.db, partnerAnchorPath(this.options.dataDir), this.partnerKey, databaseId);
    } catch (err) {
      log.error('could not write the audit anchor', err);
    }
  }

  async flushPendingAudit(db: Kysely<Database>): Promise<void> {
    const attempts = this.throttle.takeAttempts().map(
      (a): AuditInput => ({
        at: a.at,
        action: a.kind === 'password' ? 'auth.login' : 'auth.recover',
        outcome: 'refused',
        detail: { reason: a.kind === 'password' ? 'wrong user name or password' : 'wrong recovery key' },
      }),
    );
    const pending = [...attempts, ...this.pendingAudit].sort((a, b) => (a.at ?? '').localeCompare(b.at ?? ''));
    const dropped = this.droppedAudit;
    this.pendingAudit = [];
    this.droppedAudit = 0;
    if (dropped > 0) pending.push({ action: 'audit.overflow', outcome: 'refused', detail: { dropped } });
    if (pending.length === 0) return;
    await db.transaction().execute((trx) => appendAuditEntries(trx, pending));
  }

  touch(): void {
    this.lastActivity = this.now();
  }

  /**
   * A back-stop for the window's own idle timer: lock if no call has come for the auto-lock time plus a minute.
   * It also notices midnight under a session left open, so tomorrow's reminders do not wait for the next log-in.
   */
  startIdleWatch(intervalMs = 30_000): void {
    this.stopIdleWatch();
    this.idleTimer = setInterval(() => {
      if (this.session && this.now() - this.lastActivity > (this.autoLockMinutes + 1) * 60_000) {
        void this.closeSession('lock', 'auth.autoLock');
        return;
      }
      void this.raiseTasksIfNewDay();
    }, intervalMs);
    this.idleTimer.unref();
  }

  private async raiseTasksIfNewDay(): Promise<void> {
    if (!this.db || !this.session || this.tasksRaisedOn === todayInLondon(new Date(this.now()))) return;
    await this.raiseDayTasks();
    await this.dayTasks;
  }

  /**
   * Raises the day's tasks (tasks/new-day.ts) after a log-in's answer, not inside it: on ten years of
   * records the first log-in of a day spent 0.5–2 s on them. Resolves as soon as the raising holds the
   * one connection, so every query after it (the window's task list and counts, the home page) waits
   * its turn and is answered with the day's tasks in place: the window needs no message to learn of
   * them. A failure is logged and leaves the day unrecorded, so the next log-in raises it again.
   */
  raiseDayTasks(): Promise<void> {
    const db = this.db;
    if (!db) return Promise.resolve();
    const now = new Date(this.now());
    const today = todayInLondon(now);
    this.tasksRaisedOn = today;
    let holding!: () => void;
    const held = new Promise<void>((resolve) => (holding = resolve));
    const previous = this.dayTasks;
    const actor = this.session ? { staffId: this.session.staffId, role: this.session.role } : null;
    const run: Promise<void> = (async () => {
      await previous;
      let wrote = false;
      try {
        wrote = await db.connection().execute(async (conn) => {
          holding();
          return raiseTasksForToday(conn, today, now.toISOString(), actor);
        });
      } catch (err) {
        log.error("could not raise the day's tasks", err);
      } finally {
        holding();
      }
      // Her side's day is an entry in her chain: its anchor moves on (a side that raised nothing wrote none).
      if (wrote && this.db === db) await this.anchorAudit();
    })().finally(() => {
      if (this.dayTasks === run) this.dayTasks = null;
    });
    this.dayTasks = run;
    return held;
  }

  stopIdleWatch(): void {
    if (this.idleTimer) clearInterval(this.idleTimer);
    this.idleTimer = null;
  }

  /**
   * Ends the session, writes its audit entry, closes the database and forgets the key.
   * The session ends at once (the window locks); while a backup or restore is
   * running the database is closed when it ends, not under it.
   */
  async closeSession(kind: 'lock' | 'logout', action: string): Promise<void> {
    const session = this.session;
    if (session) {
      await this.recordAudit({ actorId: session.staffId, actorRole: session.role, action, route: null });
    }
    this.lockedUser = kind === 'lock' && session ? { username: session.username, fullName: session.fullName } : null;
    this.session = null;
    this.personalKey?.fill(0);
    this.personalKey = null;
    // Report documents packed ahead for a quick produce (features/reports/page-count-task.ts) go with the session.
    forgetPackedDocuments();
    if (jobRunning(this)) {
      const closing: Promise<void> = jobFinished(this)
        .then(() => (this.session ? undefined : this.closeDatabase()))
        .finally(() => {
          if (this.closing === closing) this.closing = null;
        });
      this.closing = closing;
      return;
    }
    await this.closeDatabase();
  }

  /** Resolves once a close put off until the end of a backup or restore has happened; log-ins wait for it. */
  async settled(): Promise<void> {
    await this.closing;
  }

  async closeDatabase(): Promise<void> {
    // The day's tasks finish (and anchor their audit entries) before the connection closes under them.
    await this.dayTasks;
    const opened = this.opened;
    this.opened = null;
    this.databaseId = null;
    this.partnerKey?.fill(0);
    this.partnerKey = null;
    if (opened) {
      // The partner file is checkpointed (so a byte copy of it is whole) and detached before the connection closes.
      await opened.db
        .connection()
        .execute(() => detachPartnerFile(opened.raw))
        .catch((err: unknown) => log.error('closing the partner file failed', err));
      opened.key.fill(0);
      await opened.db.destroy().catch((err: unknown) => log.error('closing the database failed', err));
    }
  }

  async shutdown(): Promise<void> {
    this.stopIdleWatch();
    if (this.session) await this.closeSession('logout', 'auth.shutdown');
    await jobFinished(this);
    await this.settled();
    await this.closeDatabase();
  }
}

/** Anti-rollback and the end of an update: see features/updates/high-water.ts and installed.ts. */
function noteVersionRun(backend: Backend): void {
  const running = backend.options.runningVersion ?? APP_VERSION;
  try {
    const installed = finishInstall(backend.options.dataDir, running, new Date(backend.now()));
    recordVersionRun(backend.options.dataDir, running);
    if (installed) backend.pendingAudit.push(installed); // written at the next log-in
  } catch (err) {
    log.error('could not record the version this data folder runs', err);
  }
}

export async function createBackend(options: BackendOptions): Promise<Backend> {
  // A restore the program was killed in the middle of: undo it (or finish it) before anything opens the database.
  finishInterruptedRestore(options.dataDir);
  removeLeftoverTempFiles(options.dataDir);
  const backend = new Backend(options);
  noteVersionRun(backend);
  backend.startIdleWatch();
  return backend;
}
