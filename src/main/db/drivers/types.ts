/** What every SQLCipher binding behind `src/main/db/driver.ts` provides. */

export interface RunResult {
  changes: number;
  lastId: number;
}

export interface RawConnection {
  /** which binding this is (for the benchmark and the tests; the program never branches on it) */
  readonly driver: 'journeyapps' | 'bs3mc';
  run(sql: string, params?: readonly unknown[]): Promise<RunResult>;
  all<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
  /** Sets the raw 256-bit key (no passphrase KDF) and the SQLCipher 4 settings. Must come first. */
  key(key: Buffer): Promise<void>;
  /** Re-encrypts the whole database under a new raw key (`PRAGMA rekey`). */
  rekey(key: Buffer): Promise<void>;
  /** Attaches another SQLCipher 4 file under its own raw key. */
  attach(file: string, schema: string, key: Buffer): Promise<void>;
  /** Copies the whole main database into an attached, empty one (SQLCipher's `sqlcipher_export`). */
  exportInto(schema: string): Promise<void>;
  /**
   * SQLCipher's page check (`PRAGMA cipher_integrity_check`) of the main
   * database: one line per page whose HMAC does not verify; empty when sound.
   */
  cipherIntegrityCheck(): Promise<string[]>;
}

export interface DriverModule {
  readonly name: 'journeyapps' | 'bs3mc';
  open(file: string): Promise<RawConnection>;
}

/** A raw key as SQL text: `'x''<hex>'''`. Single quotes, so it is a string in every SQLite build. */
export const rawKeyLiteral = (key: Buffer) => `'x''${key.toString('hex')}'''`;

export const quoteText = (text: string) => `'${text.replace(/'/g, "''")}'`;
export const quoteName = (name: string) => `"${name.replace(/"/g, '""')}"`;
