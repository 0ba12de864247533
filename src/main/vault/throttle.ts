/**
 * Slows down guessing: after a few failed log-ins each further attempt must
 * wait, doubling up to five minutes. The count lives in a small file beside
 * the keyring so that restarting the program does not reset it. It holds a
 * count and the times of failed attempts (for the audit log at the next
 * unlock), nothing about who tried.
 *
 * Two counts (issue 13): one per user name (salted hashes, never the name),
 * which waits up to five minutes, and one for every attempt together, which
 * waits at most `maxSharedDelay` (30 s for log-ins), so that guesses at one
 * name cannot keep everybody else out for long. An attempt is counted as
 * failed before the slow key stretching starts (`begin`) and taken back when it
 * succeeds, so attempts made in parallel cannot all pass the check first.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { AppError } from '../app-error';
import { writeFileAtomic } from './files';

const FREE_ATTEMPTS = 3;
const MAX_DELAY_SECONDS = 300;

export interface FailedAttempt {
  at: string;
  kind: 'password' | 'recovery-key';
}

interface NameCount {
  failures: number;
  nextAttemptAt: number;
}

interface ThrottleState {
  failures: number;
  nextAttemptAt: number;
  /** failed attempts not yet written to the audit log (it is inside the locked database) */
  attempts: FailedAttempt[];
  /** random, so that the hashes of user names cannot be looked up */
  salt?: string;
  names?: Record<string, NameCount>;
}

const MAX_KEPT_ATTEMPTS = 200;
const MAX_KEPT_NAMES = 100;

export function delayAfter(failures: number): number {
  if (failures < FREE_ATTEMPTS) return 0;
  return Math.min(2 ** (failures - FREE_ATTEMPTS), MAX_DELAY_SECONDS);
}

function readNames(value: unknown): Record<string, NameCount> {
  const names: Record<string, NameCount> = {};
  if (!value || typeof value !== 'object') return names;
  for (const [hash, count] of Object.entries(value as Record<string, Partial<NameCount>>).slice(-MAX_KEPT_NAMES)) {
    if (!Number.isSafeInteger(count?.failures) || !Number.isFinite(count?.nextAttemptAt)) continue;
    names[hash] = { failures: Number(count.failures), nextAttemptAt: Number(count.nextAttemptAt) };
  }
  return names;
}

export class LoginThrottle {
  constructor(
    private readonly file: string,
    private readonly now: () => number = Date.now,
    /** the longest wait the shared count imposes; a single user name's count waits up to five minutes */
    private readonly maxSharedDelay = MAX_DELAY_SECONDS,
  ) {}

  private nameKey(state: ThrottleState, name: string): string {
    state.salt ??= randomBytes(16).toString('hex');
    return createHash('sha256').update(`${state.salt}\0${name.trim().toLowerCase()}`).digest('hex').slice(0, 32);
  }

  private refuseIfWaiting(nextAttemptAt: number): void {
    const wait = Math.ceil((nextAttemptAt - this.now()) / 1000);
    if (wait > 0) {
      throw new AppError(
        'RATE_LIMITED',
        `Too many unsuccessful attempts. Please wait ${wait} second${wait === 1 ? '' : 's'} and try again.`,
        { retryAfter: wait },
      );
    }
  }

  /**
   * Before the key stretching: refuses while a wait is in force (for everyone, or for this user
   * name), then counts this attempt as failed at once. `succeeded` or `forgive` takes it back.
   */
  begin(name: string | null): void {
    const state = this.read();
    const names = state.names ?? {};
    const key = name === null ? null : this.nameKey(state, name);
    // One refusal naming the whole wait in force (the shared one, or this user name's if longer), so
    // nobody is told "30 seconds" and then, after waiting, told to wait again.
    this.refuseIfWaiting(
      Math.max(Math.min(state.nextAttemptAt, this.now() + this.maxSharedDelay * 1000), key ? (names[key]?.nextAttemptAt ?? 0) : 0),
    );
    const failures = state.failures + 1;
    const nextAttemptAt = this.now() + Math.min(delayAfter(failures), this.maxSharedDelay) * 1000;
    if (key) {
      const count = (names[key]?.failures ?? 0) + 1;
      delete names[key];
      names[key] = { failures: count, nextAttemptAt: this.now() + delayAfter(count) * 1000 };
    }
    const kept = Object.fromEntries(Object.entries(names).slice(-MAX_KEPT_NAMES));
    this.write({ ...state, failures, nextAttemptAt, names: kept });
  }

  /** The attempt counted by `begin` failed: keeps it for the audit log; returns the wait now in force, in seconds. */
  failed(kind: FailedAttempt['kind'] | null, name: string | null): number {
    const state = this.read();
    if (kind) {
      const attempts = [...state.attempts, { at: new Date(this.now()).toISOString(), kind }].slice(-MAX_KEPT_ATTEMPTS);
      this.write({ ...state, attempts });
    }
    const key = name === null ? null : this.nameKey(state, name);
    const until = Math.max(state.nextAttemptAt, key ? (state.names?.[key]?.nextAttemptAt ?? 0) : 0);
    return Math.max(0, Math.ceil((until - this.now()) / 1000));
  }

  /** The attempt counted by `begin` succeeded: this user name's count and the shared count start again. */
  succeeded(name: string | null): void {
    const state = this.read();
    const names = { ...state.names };
    if (name !== null) delete names[this.nameKey(state, name)];
    this.write({ ...state, failures: 0, nextAttemptAt: 0, names });
  }

  /** The attempt counted by `begin` was not the person's fault (an edited key file): it is taken back. */
  forgive(name: string | null): void {
    const state = this.read();
    const names = { ...state.names };
    const key = name === null ? null : this.nameKey(state, name);
    const count = key ? names[key] : undefined;
    if (key && count) {
      const failures = Math.max(0, count.failures - 1);
      names[key] = { failures, nextAttemptAt: failures < FREE_ATTEMPTS ? 0 : count.nextAttemptAt };
    }
    const failures = Math.max(0, state.failures - 1);
    this.write({ ...state, failures, nextAttemptAt: failures < FREE_ATTEMPTS ? 0 : state.nextAttemptAt, names });
  }

  private read(): ThrottleState {
    try {
      if (!existsSync(this.file)) return { failures: 0, nextAttemptAt: 0, attempts: [] };
      const value = JSON.parse(readFileSync(this.file, 'utf8')) as Partial<ThrottleState>;
      return {
        failures: Number.isSafeInteger(value.failures) ? Number(value.failures) : 0,
        nextAttemptAt: Number.isFinite(value.nextAttemptAt) ? Number(value.nextAttemptAt) : 0,
        attempts: Array.isArray(value.attempts)
          ? value.attempts.filter((a): a is FailedAttempt => typeof a?.at === 'string').slice(-MAX_KEPT_ATTEMPTS)
          : [],
        ...(typeof value.salt === 'string' ? { salt: value.salt } : {}),
        names: readNames(value.names),
      };
    } catch {
      // A damaged counter must not let anyone in faster than a fresh one would.
      return { failures: FREE_ATTEMPTS, nextAttemptAt: 0, attempts: [] };
    }
  }

  private write(state: ThrottleState): void {
    // An attempt is counted before it is tried, so the count may be the first file in a new data folder
    // (opening a backup on a computer where the program has never run).
    mkdirSync(dirname(this.file), { recursive: true, mode: 0o700 });
    writeFileAtomic(this.file, JSON.stringify(state));
  }

  /** Returns the failed attempts kept for the audit log and forgets them. */
  takeAttempts(): FailedAttempt[] {
    const state = this.read();
    // Stryker disable next-line ArrayDeclaration: read() drops anything that is not an attempt (see stryker.config.mjs)
    if (state.attempts.length > 0) this.write({ ...state, attempts: [] });
    return state.attempts;
  }

  failures(): number {
    return this.read().failures;
  }
}
