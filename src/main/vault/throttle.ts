/**
 * Slows down guessing: after a few failed log-ins each further attempt must
 * wait, doubling up to five minutes. The count lives in a small file beside
 * the keyring so that restarting the program does not reset it. It holds a
 * count and a time, nothing about who tried.
 */
import { existsSync, readFileSync } from 'node:fs';
import { AppError } from '../app-error';
import { writeFileAtomic } from './files';

const FREE_ATTEMPTS = 3;
const MAX_DELAY_SECONDS = 300;

interface ThrottleState {
  failures: number;
  nextAttemptAt: number;
}

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
      if (!existsSync(this.file)) return { failures: 0, nextAttemptAt: 0 };
      const value = JSON.parse(readFileSync(this.file, 'utf8')) as Partial<ThrottleState>;
      return {
        failures: Number.isSafeInteger(value.failures) ? Number(value.failures) : 0,
        nextAttemptAt: Number.isFinite(value.nextAttemptAt) ? Number(value.nextAttemptAt) : 0,
      };
    } catch {
      // A damaged counter must not let anyone in faster than a fresh one would.
      return { failures: FREE_ATTEMPTS, nextAttemptAt: 0 };
    }
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

  recordFailure(): number {
    const failures = this.read().failures + 1;
    const delay = delayAfter(failures);
    writeFileAtomic(this.file, JSON.stringify({ failures, nextAttemptAt: this.now() + delay * 1000 }));
    return delay;
  }

  recordSuccess(): void {
    if (this.read().failures !== 0) writeFileAtomic(this.file, JSON.stringify({ failures: 0, nextAttemptAt: 0 }));
  }

  failures(): number {
    return this.read().failures;
  }
}
