/**
 * The vault owns the keyring file. It turns a password or the recovery key
 * into the database key, and keeps one wrapped copy of that key per person.
 * It never writes the database key anywhere in the clear.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { AppError } from '../app-error';
import { decrypt, encrypt, hkdf, newKeyPair, scrypt, seal, unseal, wipe, type ScryptParams } from './crypto';
import {
  normaliseUsername,
  readKeyring,
  refuseWeakKdf,
  MINIMUM_KDF,
  usernameLookup,
  writeKeyring,
  type Keyring,
  type KeyringEntry,
} from './keyring';
import { formatRecoveryKey, newRecoveryKey, parseRecoveryKey } from './recovery-key';
import { unsealPartnerKeys, type PartnerKeyCandidate } from './partner-key';

export const RECOVERY_ENTRY_ID = 'recovery';

/** A fixed, fast cost for tests and demos that create many accounts; never the default. */
export const TEST_KDF: ScryptParams = { N: 1024, r: 8, p: 1 };

/** Finds the scrypt cost that takes roughly `targetMs` on this machine (about half a second by default). */
export async function calibrateKdf(targetMs = 500): Promise<ScryptParams> {
  const salt = randomBytes(16);
  // Memory-hard cost doubles with N, so time roughly doubles too: step up until past the
  // target, then keep whichever of the last two is nearer to it.
  for (let N = 2 ** 14; ; N *= 2) {
    const start = performance.now();
    await scrypt('calibration', salt, { N, r: 8, p: 1 });
    const elapsed = performance.now() - start;
    if (elapsed >= targetMs || N >= 2 ** 20) {
      const nearer = Math.abs(elapsed - targetMs) <= Math.abs(elapsed / 2 - targetMs) ? N : N / 2;
      return { N: Math.max(nearer, 2 ** 14), r: 8, p: 1 };
    }
  }
}

const privateKeyAad = (entry: Pick<KeyringEntry, 'id' | 'kind' | 'publicKey'>) =>
  `private:${entry.kind}:${entry.id}:${entry.publicKey}`;
const sealedKeyAad = (keyring: Pick<Keyring, 'databaseId'>, entryId: string) =>
  `datakey:${keyring.databaseId}:${entryId}`;

/** The recovery key's private key from its entry (in the keyring, or copied into a backup's header); null if the key is wrong. */
export function recoveryPrivateKey(
  entry: Pick<KeyringEntry, 'publicKey' | 'kdf' | 'privateKey'>,
  text: string,
): Buffer | null {
  const recovery = parseRecoveryKey(text);
  if (!recovery || entry.kdf.alg !== 'hkdf') return null;
  const kek = hkdf(recovery, Buffer.from(entry.kdf.salt, 'base64'), 'recovery-key');
  return decrypt(kek, entry.privateKey, privateKeyAad({ id: RECOVERY_ENTRY_ID, kind: 'recovery', publicKey: entry.publicKey }));
}

/** The same people and recovery key, with the database key sealed afresh (for a restored database under a new key). */
export function resealKeyring(keyring: Keyring, dataKey: Buffer): Keyring {
  return {
    ...keyring,
    entries: keyring.entries.map((e) => ({ ...e, sealedKey: seal(e.publicKey, dataKey, sealedKeyAad(keyring, e.id)) })),
  };
}

export interface UnlockResult {
  entryId: string;
  /** The database key from the keyring, then (if a re-key was interrupted) from the pending keyring. */
  candidates: Array<{ key: Buffer; pending: boolean }>;
  /**
   * A key only this person's password (or, for the recovery entry, the recovery key) opens:
   * drafts of what they type are kept under it, so the database key alone cannot read them.
   */
  personalKey: Buffer;
  /** The partner key(s) sealed to this entry (empty for anyone without partner access): see partner-key.ts. */
  partnerKeys: PartnerKeyCandidate[];
}

export class Vault {
  readonly keyringFile: string;
  readonly pendingKeyringFile: string;

  constructor(
    readonly dir: string,
    private readonly kdfOverride?: ScryptParams,
  ) {
    this.keyringFile = join(dir, 'keyring.json');
    this.pendingKeyringFile = join(dir, 'keyring.next.json');
  }

  exists(): boolean {
    return existsSync(this.keyringFile);
  }

  read(): Keyring {
    return this.checkedCost(readKeyring(this.keyringFile));
  }

  /** The keyring, refused if its key-stretching cost is below the program's minimum (or this test's fixed cost). */
  private checkedCost(keyring: Keyring): Keyring {
    refuseWeakKdf(keyring, this.kdfOverride ?? MINIMUM_KDF);
    return keyring;
  }

  // ---- making entries -------------------------------------------------------------------

  private async wrapWithPassword(
    keyring: Keyring,
    id: string,
    username: string,
    password: string,
    dataKey: Buffer,
  ): Promise<KeyringEntry> {
    const pair = newKeyPair();
    const salt = randomBytes(16);
    const kek = await scrypt(password, salt, keyring.kdf);
    const base = { id, kind: 'staff' as const, publicKey: pair.publicKey };
    return {
      ...base,
      lookup: usernameLookup(keyring, username),
      kdf: { alg: 'scrypt', salt: salt.toString('base64'), params: keyring.kdf },
      privateKey: encrypt(kek, pair.privateKeyDer, privateKeyAad(base)),
      sealedKey: seal(pair.publicKey, dataKey, sealedKeyAad(keyring, id)),
    };
  }

  private wrapWithRecoveryKey(keyring: Keyring, recoveryKey: Buffer, dataKey: Buffer): KeyringEntry {
    const pair = newKeyPair();
    const salt = randomBytes(16);
    const kek = hkdf(recoveryKey, salt, 'recovery-key');
    const base = { id: RECOVERY_ENTRY_ID, kind: 'recovery' as const, publicKey: pair.publicKey };
    return {
      ...base,
      lookup: null,
      kdf: { alg: 'hkdf', salt: salt.toString('base64') },
      privateKey: encrypt(kek, pair.privateKeyDer, privateKeyAad(base)),
      sealedKey: seal(pair.publicKey, dataKey, sealedKeyAad(keyring, RECOVERY_ENTRY_ID)),
    };
  }

  /** Creates a new keyring. Refuses if one exists: an installation is never replaced by a new empty one. */
  async create(args: {
    databaseId: string;
    dataKey: Buffer;
    admin: { id: string; username: string; password: string };
  }): Promise<{ recoveryKey: string }> {
    if (this.exists()) throw new AppError('CONFLICT', 'This data folder is already set up.');
    const keyring: Keyring = {
      format: 1,
      databaseId: args.databaseId,
      lookupSalt: randomBytes(16).toString('base64'),
      kdf: this.kdfOverride ?? (await calibrateKdf()),
      entries: [],
    };
    const recovery = newRecoveryKey();
    keyring.entries.push(this.wrapWithRecoveryKey(keyring, recovery, args.dataKey));
    keyring.entries.push(
      await this.wrapWithPassword(keyring, args.admin.id, args.admin.username, args.admin.password, args.dataKey),
    );
    writeKeyring(this.keyringFile, keyring);
    return { recoveryKey: formatRecoveryKey(recovery) };
  }

  // ---- unlocking --------------------------------------------------------------------------

  private unsealCandidates(entry: KeyringEntry, privateKeyDer: Buffer, keyring: Keyring): UnlockResult {
    const candidates: UnlockResult['candidates'] = [];
    const current = unseal(privateKeyDer, entry.publicKey, entry.sealedKey, sealedKeyAad(keyring, entry.id));
    if (current) candidates.push({ key: current, pending: false });
    const pending = this.readPending();
    const pendingEntry = pending?.entries.find((e) => e.id === entry.id && e.publicKey === entry.publicKey);
    if (pending && pendingEntry) {
      const key = unseal(privateKeyDer, pendingEntry.publicKey, pendingEntry.sealedKey, sealedKeyAad(pending, entry.id));
      if (key) candidates.push({ key, pending: true });
    }
    return {
      entryId: entry.id,
      candidates,
      personalKey: hkdf(privateKeyDer, Buffer.from(entry.publicKey, 'utf8'), 'personal-drafts'),
      partnerKeys: unsealPartnerKeys(keyring, entry, privateKeyDer),
    };
  }

  /** Returns null for a wrong user name or password, after the same amount of work either way. */
  async unlockWithPassword(username: string, password: string): Promise<UnlockResult | null> {
    const keyring = this.read();
    const lookup = usernameLookup(keyring, username);
    const entry = keyring.entries.find((e) => e.kind === 'staff' && e.lookup === lookup);
    if (!entry || entry.kdf.alg !== 'scrypt') {
      await scrypt(password, randomBytes(16), keyring.kdf);
      return null;
    }
    const kek = await scrypt(password, Buffer.from(entry.kdf.salt, 'base64'), entry.kdf.params);
    const privateKeyDer = decrypt(kek, entry.privateKey, privateKeyAad(entry));
    wipe(kek);
    return this.unsealAndWipe(entry, privateKeyDer, keyring);
  }

  /** The candidates, with the private key and the keys that unwrapped it wiped at once. */
  private unsealAndWipe(entry: KeyringEntry, privateKeyDer: Buffer | null, keyring: Keyring): UnlockResult | null {
    if (!privateKeyDer) return null;
    try {
      return this.unsealCandidates(entry, privateKeyDer, keyring);
    } finally {
      wipe(privateKeyDer);
    }
  }

  unlockWithRecoveryKey(text: string): UnlockResult | null {
    const recovery = parseRecoveryKey(text);
    const keyring = this.read();
    const entry = keyring.entries.find((e) => e.kind === 'recovery');
    if (!recovery || !entry || entry.kdf.alg !== 'hkdf') return null;
    const kek = hkdf(recovery, Buffer.from(entry.kdf.salt, 'base64'), 'recovery-key');
    const privateKeyDer = decrypt(kek, entry.privateKey, privateKeyAad(entry));
    wipe(kek, recovery);
    return this.unsealAndWipe(entry, privateKeyDer, keyring);
  }

  // ---- an interrupted re-key ----------------------------------------------------------------

  private readPending(): Keyring | null {
    if (!existsSync(this.pendingKeyringFile)) return null;
    try {
      return this.checkedCost(readKeyring(this.pendingKeyringFile));
    } catch {
      return null;
    }
  }

  /** The database was re-keyed but the keyring not yet renamed: finish the job. */
  promotePending(): void {
    renameSync(this.pendingKeyringFile, this.keyringFile);
  }

  /** The re-key never reached the database: the pending keyring is stale. */
  discardPending(): void {
    rmSync(this.pendingKeyringFile, { force: true });
  }

  // ---- changing entries (the caller holds the unlocked database key) ----------------------------

  private update(change: (keyring: Keyring) => void | Promise<void>): Promise<void> {
    const keyring = this.read();
    return Promise.resolve(change(keyring)).then(() => writeKeyring(this.keyringFile, keyring));
  }

  hasEntry(id: string): boolean {
    return this.read().entries.some((e) => e.id === id);
  }

  /** Adds a person, or replaces their entry (a password reset by an administrator). */
  async setPassword(id: string, username: string, password: string, dataKey: Buffer): Promise<void> {
    await this.update(async (keyring) => {
      const entry = await this.wrapWithPassword(keyring, id, username, password, dataKey);
      keyring.entries = [...keyring.entries.filter((e) => e.id !== id), entry];
    });
  }

  /** A person changes their own password: proves the old one, keeps the same key pair. */
  async changePassword(id: string, oldPassword: string, newPassword: string): Promise<boolean> {
    const keyring = this.read();
    const entry = keyring.entries.find((e) => e.id === id);
    if (!entry || entry.kdf.alg !== 'scrypt') return false;
    const oldKek = await scrypt(oldPassword, Buffer.from(entry.kdf.salt, 'base64'), entry.kdf.params);
    const privateKeyDer = decrypt(oldKek, entry.privateKey, privateKeyAad(entry));
    if (!privateKeyDer) return false;
    const salt = randomBytes(16);
    const kek = await scrypt(newPassword, salt, keyring.kdf);
    entry.kdf = { alg: 'scrypt', salt: salt.toString('base64'), params: keyring.kdf };
    entry.privateKey = encrypt(kek, privateKeyDer, privateKeyAad(entry));
    writeKeyring(this.keyringFile, keyring);
    return true;
  }

  renameUser(id: string, newUsername: string): Promise<void> {
    return this.update((keyring) => {
      const entry = keyring.entries.find((e) => e.id === id);
      if (entry) entry.lookup = usernameLookup(keyring, normaliseUsername(newUsername));
    });
  }

  /** Replaces the recovery key; the old one stops working. Returns the new key, formatted for printing. */
  async replaceRecoveryKey(dataKey: Buffer): Promise<string> {
    const recovery = newRecoveryKey();
    await this.update((keyring) => {
      keyring.entries = [
        ...keyring.entries.filter((e) => e.kind !== 'recovery'),
        this.wrapWithRecoveryKey(keyring, recovery, dataKey),
      ];
    });
    return formatRecoveryKey(recovery);
  }

  /**
   * Removes a person's entry and changes the database key, so the key they
   * could have seen no longer opens the file. The new keyring is written
   * beside the old one first; `rekeyDatabase` changes the database; then the
   * new keyring replaces the old. A crash at any point leaves one keyring
   * that opens the database (see unsealCandidates).
   */
  async removeAndRekey(id: string, rekeyDatabase: (newKey: Buffer) => Promise<void>): Promise<Buffer> {
    const keyring = this.read();
    const newKey = randomBytes(32);
    const next: Keyring = {
      ...keyring,
      entries: keyring.entries
        .filter((e) => e.id !== id)
        .map((e) => ({ ...e, sealedKey: seal(e.publicKey, newKey, sealedKeyAad(keyring, e.id)) })),
    };
    writeKeyring(this.pendingKeyringFile, next);
    try {
      await rekeyDatabase(newKey);
    } catch (err) {
      this.discardPending();
      throw err;
    }
    this.promotePending();
    return newKey;
  }
}
