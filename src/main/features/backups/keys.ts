/**
 * The backup key. Every backup gets a fresh random key, sealed to two public
 * keys: the backup passphrase's and the organisation recovery key's. Sealing
 * needs only the public halves, so a backup is made without anyone typing the
 * passphrase; only the private halves (wrapped by the passphrase, or by the
 * recovery key, as in the vault) open it again.
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { decrypt, encrypt, newKeyPair, scrypt, seal, unseal, type Box, type ScryptParams } from '../../vault/crypto';
import type { KeyringEntry } from '../../vault/keyring';
import { recoveryPrivateKey } from '../../vault/vault';
import { slotSchema, type BackupHeader, type Slot } from './format';

/** What is kept in the settings table: the passphrase's key pair, its private half wrapped by the passphrase. */
export const passphraseKeySchema = slotSchema.omit({ sealedKey: true }).extend({ setAt: z.string() });
export type PassphraseKey = z.infer<typeof passphraseKeySchema>;

const passphraseAad = (publicKey: string) => `backup-passphrase:${publicKey}`;
const sealedAad = (databaseId: string, slot: 'passphrase' | 'recovery') => `backup-key:${databaseId}:${slot}`;
export const keyringAad = (databaseId: string) => `backup-keyring:${databaseId}`;

export async function newPassphraseKey(
  passphrase: string,
  params: ScryptParams,
  setAt: string,
): Promise<PassphraseKey> {
  const pair = newKeyPair();
  const salt = randomBytes(16);
  const kek = await scrypt(passphrase, salt, params);
  return {
    kdf: { alg: 'scrypt', salt: salt.toString('base64'), params },
    publicKey: pair.publicKey,
    privateKey: encrypt(kek, pair.privateKeyDer, passphraseAad(pair.publicKey)),
    setAt,
  };
}

export function sealBackupKey(
  backupKey: Buffer,
  databaseId: string,
  passphrase: PassphraseKey,
  recovery: KeyringEntry | null,
): BackupHeader['slots'] {
  const { setAt: _setAt, ...slot } = passphrase;
  return {
    passphrase: { ...slot, sealedKey: seal(slot.publicKey, backupKey, sealedAad(databaseId, 'passphrase')) },
    recovery: recovery
      ? {
          kdf: recovery.kdf,
          publicKey: recovery.publicKey,
          privateKey: recovery.privateKey,
          sealedKey: seal(recovery.publicKey, backupKey, sealedAad(databaseId, 'recovery')),
        }
      : null,
  };
}

export async function unlockWithPassphrase(header: BackupHeader, passphrase: string): Promise<Buffer | null> {
  const slot: Slot = header.slots.passphrase;
  if (slot.kdf.alg !== 'scrypt') return null;
  const kek = await scrypt(passphrase, Buffer.from(slot.kdf.salt, 'base64'), slot.kdf.params);
  const privateKeyDer = decrypt(kek, slot.privateKey, passphraseAad(slot.publicKey));
  if (!privateKeyDer) return null;
  return unseal(privateKeyDer, slot.publicKey, slot.sealedKey, sealedAad(header.databaseId, 'passphrase'));
}

export function unlockWithRecoveryKey(header: BackupHeader, text: string): Buffer | null {
  const slot = header.slots.recovery;
  if (!slot) return null;
  const privateKeyDer = recoveryPrivateKey(slot, text);
  if (!privateKeyDer) return null;
  return unseal(privateKeyDer, slot.publicKey, slot.sealedKey, sealedAad(header.databaseId, 'recovery'));
}

/** Checks a passphrase against the stored key pair (to refuse one that matches, or to prove the old one). */
export async function passphraseOpens(key: PassphraseKey, passphrase: string): Promise<boolean> {
  if (key.kdf.alg !== 'scrypt') return false;
  const kek = await scrypt(passphrase, Buffer.from(key.kdf.salt, 'base64'), key.kdf.params);
  return decrypt(kek, key.privateKey, passphraseAad(key.publicKey)) !== null;
}

export function encryptJson(key: Buffer, value: unknown, aad: string): Box {
  return encrypt(key, Buffer.from(JSON.stringify(value), 'utf8'), aad);
}

export function decryptJson(key: Buffer, box: Box, aad: string): unknown {
  const plain = decrypt(key, box, aad);
  if (!plain) return null;
  try {
    return JSON.parse(plain.toString('utf8')) as unknown;
  } catch {
    return null;
  }
}
