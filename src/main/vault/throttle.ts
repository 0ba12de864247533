/**
 * Slows down guessing: after a few failed log-ins each further attempt must
 * wait, doubling up to five minutes. The count lives in a small file beside
 * the keyring so that restarting the program does not reset it. It holds a
 * count and the times of failed attempts (for the audit log at the next
 * unlock), nothing about who tried.
 */
import { existsSync, readFileSync } from 'node:fs';
import { AppError } from '../app-error';
import { writeFileAtomic } from './files';

const FREE_ATTEMPTS = 3;
const MAX_DELAY_SECONDS = 300;

export interface FailedAttempt {
  at: string;
  kind: 'password' | 'recovery-key';
}

interface ThrottleState {
  failures: number;
  nextAttemptAt: number;
  /** failed attempts not yet written to the audit log (it is inside the locked database) */
  attempts: FailedAttempt[];
}

const MAX_KEPT_ATTEMPTS = 200;

export function delayAfter(failures: number): number {
  if (failures < FREE_ATTEMPTS) return 0;
  return Math.min(2 ** (failures - FREE_ATTEMPTS), MAX_DELAY_SECONDS);
}

export class LoginThrottle {
  constructor(
    private readonly file: string,
    private readonly now: () => number = Date.now,
  ) {}

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
      };
    } catch {
      // A damaged counter must not let anyone in faster than a fresh one would.
      return { failures: FREE_ATTEMPTS, nextAttemptAt: 0, attempts: [] };
    }
  }

  private write(state: ThrottleState): void {
    writeFileAtomic(this.file, JSON.stringify(state));
  }

  /** Throws RATE_LIMITED while the wait from earlier failures has not passed. */
  check(): void {
    const { nextAttemptAt } = this.read();
    const wait = Math.ceil((nextAttemptAt - this.now()) / 1000);
    if (wait > 0) {
      throw new AppError(
        'RATE_LIMITED',
        `Too many unsuccessful attempts. Please wait ${wait} second${wait === 1 ? '' : 's'} and try again.`,
        { retryAfter: wait },
      );
    }
  }

  /** `kind` null: the failure is already in the audit log (the database was open), so only count it. */
  recordFailure(kind: FailedAttempt['kind'] | null): number {
    const state = this.read();
    const failures = state.failures + 1;
    const delay = delayAfter(failures);
    const attempts = kind
      ? [...state.attempts, { at: new Date(this.now()).toISOString(), kind }].slice(-MAX_KEPT_ATTEMPTS)
      : state.attempts;
    this.write({ failures, nextAttemptAt: this.now() + delay * 1000, attempts });
    return delay;
  }

  recordSuccess(): void {
    const state = this.read();
    if (state.failures !== 0) this.write({ ...state, failures: 0, nextAttemptAt: 0 });
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
