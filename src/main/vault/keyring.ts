/**
 * The keyring file: one wrapped copy of the database key per member of staff,
 * and one for the recovery key. It holds no key in the clear and no names:
 * a user name is found by a salted hash.
 */
import { createHash, createHmac } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { AppError } from '../app-error';
import { writeFileAtomic } from './files';

const box = z.object({ iv: z.string().min(1), tag: z.string().min(1), data: z.string().min(1) });
const sealed = box.extend({ ephemeral: z.string().min(1) });
const scryptParams = z.object({ N: z.number().int().min(2), r: z.number().int().min(1), p: z.number().int().min(1) });

const entrySchema = z.object({
  id: z.string().min(1),
  kind: z.enum(['staff', 'recovery']),
  /** salted hash of the user name (staff entries only) */
  lookup: z.string().nullable(),
  kdf: z.discriminatedUnion('alg', [
    z.object({ alg: z.literal('scrypt'), salt: z.string().min(1), params: scryptParams }),
    z.object({ alg: z.literal('hkdf'), salt: z.string().min(1) }),
  ]),
  publicKey: z.string().min(1),
  privateKey: box,
  sealedKey: sealed,
  /** the partner key sealed to this entry's public key (partner-side roles and the recovery key only; see partner-key.ts) */
  partnerKey: sealed.optional(),
  /** the next partner key, while a rotation is under way (a crash between the two writes leaves both) */
  partnerKeyNext: sealed.optional(),
});

const keyringSchema = z.object({
  format: z.literal(1),
  databaseId: z.string().min(1),
  lookupSalt: z.string().min(1),
  kdf: scryptParams,
  entries: z.array(entrySchema),
  /** the partner file's state: `rotate` is set when someone who held the partner key lost it (see partner-key.ts) */
  partner: z
    .object({
      rotate: z.boolean(),
      /**
       * Holders who lost their seal in a restore (they held the current key, the backup's older key was
       * never sealed to their key pair): the next holder to log in seals the file's key to them.
       */
      reseal: z.array(z.string().max(100)).max(1000).optional(),
    })
    .optional(),
  /**
   * SHA-256 of the rest, written by the program. Not a secret seal (anyone could recompute it): it tells a
   * file edited by hand, or damaged, from a wrong password, so the person is told so and offered the
   * recovery key instead of being slowed down. Keyrings from before it have none.
   */
  checksum: z.string().optional(),
});

export type KeyringEntry = z.infer<typeof entrySchema>;
export type Keyring = z.infer<typeof keyringSchema>;

export const damagedKeyringMessage =
  'The key file (keyring.json) in the data folder is damaged or has been edited, so the database cannot be unlocked. Nothing has been changed. Put back an earlier copy of the file, or restore from a backup.';

/** Reads and checks the keyring. Throws an AppError that says what is wrong; never repairs or rewrites. */
export function readKeyring(file: string): Keyring {
  if (!existsSync(file)) {
    throw new AppError(
      'VAULT',
      'The key file (keyring.json) is missing from the data folder, so the database cannot be unlocked. Nothing has been changed. Put the file back, or restore from a backup.',
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    throw new AppError('VAULT', damagedKeyringMessage);
  }
  const result = keyringSchema.safeParse(parsed);
  if (!result.success) throw new AppError('VAULT', damagedKeyringMessage);
  const ids = new Set(result.data.entries.map((e) => e.id));
  if (ids.size !== result.data.entries.length) throw new AppError('VAULT', damagedKeyringMessage);
  return result.data;
}

/** The lowest key-stretching cost the program writes (see calibrateKdf), and the highest it will spend. */
export const MINIMUM_KDF = { N: 2 ** 14, r: 8, p: 1 } as const;
const MAXIMUM_KDF = { N: 2 ** 22, r: 32, p: 16 } as const;

export const weakKeyringMessage =
  'The key file (keyring.json) in the data folder asks for less password protection than this program allows, so it has been changed by hand or by another program. Nothing has been changed. Put back an earlier copy of the file, or restore from a backup.';

type Cost = Pick<Keyring['kdf'], 'N' | 'r' | 'p'>;

/**
 * Refuses a keyring whose key-stretching cost (for new passwords, or any person's entry) is below
 * `minimum` or absurdly high: someone who can edit the file must not be able to make the next
 * password change wrap a key that is cheap to guess, or make a log-in use all the memory.
 */
export function refuseWeakKdf(keyring: Keyring, minimum: Cost = MINIMUM_KDF): void {
  const costs: Cost[] = [keyring.kdf, ...keyring.entries.flatMap((e) => (e.kdf.alg === 'scrypt' ? [e.kdf.params] : []))];
  const tooWeak = (c: Cost) => c.N < minimum.N || c.r < minimum.r || c.p < minimum.p;
  const tooCostly = (c: Cost) => c.N > MAXIMUM_KDF.N || c.r > MAXIMUM_KDF.r || c.p > MAXIMUM_KDF.p || (c.N & (c.N - 1)) !== 0;
  if (costs.some((c) => tooWeak(c) || tooCostly(c))) throw new AppError('VAULT', weakKeyringMessage);
}

/** Checks a keyring that came from elsewhere (a backup); null if it is not a whole, well-formed keyring. */
export function parseKeyring(value: unknown): Keyring | null {
  const result = keyringSchema.safeParse(value);
  if (!result.success) return null;
  const ids = new Set(result.data.entries.map((e) => e.id));
  return ids.size === result.data.entries.length ? result.data : null;
}

function checksumOf(keyring: Keyring): string {
  const { checksum: _ignored, ...rest } = keyring;
  return createHash('sha256').update(JSON.stringify(rest)).digest('base64');
}

/** False when the keyring is not as the program wrote it (a checksum that does not match). */
export function keyringIntact(keyring: Keyring): boolean {
  return keyring.checksum === undefined || keyring.checksum === checksumOf(keyring);
}

export function writeKeyring(file: string, keyring: Keyring): void {
  const parsed = keyringSchema.parse(keyring);
  const withSum = { ...parsed, checksum: checksumOf(parsed) };
  writeFileAtomic(file, `${JSON.stringify(withSum, null, 2)}\n`);
}

export const normaliseUsername = (username: string) => username.trim().toLowerCase();

export function usernameLookup(keyring: Pick<Keyring, 'lookupSalt'>, username: string): string {
  return createHmac('sha256', Buffer.from(keyring.lookupSalt, 'base64'))
    .update(normaliseUsername(username))
    .digest('base64');
}
