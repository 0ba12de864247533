/**
 * The one seam between the program and the SQLCipher binding. Everything else
 * talks to `RawConnection`; which binding runs is decided here and nowhere else.
 *
 * - `journeyapps`: `@journeyapps/sqlcipher` (SQLCipher itself, asynchronous,
 *   N-API). It builds from source on Linux and macOS, not on Windows.
 * - `bs3mc`: `better-sqlite3-multiple-ciphers` (SQLite3 Multiple Ciphers,
 *   synchronous) in SQLCipher 4 mode. Windows uses it; it ships prebuilt
 *   binaries for Windows.
 *
 * Both write standard SQLCipher 4 files (AES-256-CBC, HMAC-SHA512, 4096-byte
 * pages), so either opens the other's databases and backups with the key.
 * `DVPP_DB_DRIVER=journeyapps|bs3mc` chooses the driver on any platform (tests
 * and the benchmark run both); otherwise Windows gets bs3mc and the rest journeyapps.
 */
import { AppError } from '../app-error';
import { bs3mcDriver } from './drivers/bs3mc';
import { journeyappsDriver } from './drivers/journeyapps';
import type { DriverModule } from './drivers/types';

export type { RawConnection, RunResult } from './drivers/types';
import type { RawConnection } from './drivers/types';

export const DRIVER_NAMES = ['journeyapps', 'bs3mc'] as const;
export type DriverName = (typeof DRIVER_NAMES)[number];

/** The driver this process uses: the environment's choice, or the platform's. */
export function driverName(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): DriverName {
  const chosen = env.DVPP_DB_DRIVER?.trim();
  if (chosen) {
    if ((DRIVER_NAMES as readonly string[]).includes(chosen)) return chosen as DriverName;
    throw new AppError(
      'INTERNAL',
      `DVPP_DB_DRIVER is set to "${chosen.slice(0, 40)}", which is not a database driver this program has. Use ${DRIVER_NAMES.join(' or ')}, or unset it.`,
    );
  }
  return platform === 'win32' ? 'bs3mc' : 'journeyapps';
}

const PACKAGES: Record<DriverName, string> = {
  journeyapps: '@journeyapps/sqlcipher',
  bs3mc: 'better-sqlite3-multiple-ciphers',
};

const loaded = new Map<DriverName, DriverModule>();

/**
 * Loads a driver, or throws a plain message naming the engine and why it could
 * not load (a missing or wrongly built native module), so the window can say
 * so at start instead of showing nothing.
 */
export function loadDriver(name: DriverName = driverName()): DriverModule {
  const cached = loaded.get(name);
  if (cached) return cached;
  let driver: DriverModule;
  try {
    // Each wrapper loads its native module only here: on Windows the journeyapps addon is not installed at all.
    driver = name === 'bs3mc' ? bs3mcDriver() : journeyappsDriver();
  } catch (err) {
    throw loadFailure(name, err);
  }
  loaded.set(name, driver);
  return driver;
}

/** The plain message for a driver whose native module will not load (missing, or built for another system). */
export function loadFailure(name: DriverName, err: unknown): AppError {
  const reason = err instanceof Error ? firstLine(err.message) : 'unknown error';
  return new AppError(
    'INTERNAL',
    `The database engine (${PACKAGES[name]}) could not be loaded on this computer: ${reason}. Nothing has been changed. Reinstall the program, or ask whoever installed it.`,
  );
}

/** The plain message to show at start if the database engine cannot load, or null. */
export function driverProblem(): string | null {
  try {
    loadDriver();
    return null;
  } catch (err) {
    return (err as Error).message;
  }
}

/** Opens (or creates) a database file. The caller must key it (`raw.key`) before any other statement. */
export function openRaw(file: string): Promise<RawConnection> {
  return loadDriver().open(file);
}

function firstLine(text: string): string {
  // The first line names the problem; a path in it (a user's folder name) is cut down to the file's name.
  const line = text.split('\n')[0]!.slice(0, 300);
  return line.replace(/(?:[A-Za-z]:)?[\\/][^\s'"]*[\\/]([^\\/\s'"]+)/g, '$1');
}
