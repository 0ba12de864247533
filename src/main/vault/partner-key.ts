/**
 * The partner key: a random 32-byte key for the partner file (partner.db), separate from the
 * database key. It is sealed (X25519, as the database key is) only to the keyring entries of
 * people with partner access who hold it, and to the recovery key. A facilitator's or an
 * administrator's entry never carries it, so their password, with every file in the data
 * folder, opens nothing from the partner side.
 *
 * Sealing needs only a public key, so the key can be sealed to someone without knowing their
 * password; but only a session that has the key in hand (a holder) can seal it. An
 * administrator's session never has it, so an administrator alone can give nobody partner access.
 *
 * Kept apart from vault.ts so that changes to the password entries and to the partner key merge cleanly.
 */
import { randomBytes } from 'node:crypto';
import { AppError } from '../app-error';
import { seal, unseal } from './crypto';
import type { Keyring, KeyringEntry } from './keyring';

export interface PartnerKeyCandidate {
  key: Buffer;
  /** true when it came from an interrupted rotation's next key */
  next: boolean;
}

const partnerKeyAad = (keyring: Pick<Keyring, 'databaseId'>, entryId: string, which: 'current' | 'next') =>
  `partnerkey:${which}:${keyring.databaseId}:${entryId}`;

export const newPartnerKey = (): Buffer => randomBytes(32);

/** The partner key(s) this entry's private key opens: the current one, then a rotation's next one. */
export function unsealPartnerKeys(keyring: Keyring, entry: KeyringEntry, privateKeyDer: Buffer): PartnerKeyCandidate[] {
  const out: PartnerKeyCandidate[] = [];
  if (entry.partnerKey) {
    const key = unseal(privateKeyDer, entry.publicKey, entry.partnerKey, partnerKeyAad(keyring, entry.id, 'current'));
    if (key) out.push({ key, next: false });
  }
  if (entry.partnerKeyNext) {
    const key = unseal(privateKeyDer, entry.publicKey, entry.partnerKeyNext, partnerKeyAad(keyring, entry.id, 'next'));
    if (key) out.push({ key, next: true });
  }
  return out;
}

/** Whether any entry holds a partner key (the data folder has been converted). */
export const partnerKeyExists = (keyring: Keyring): boolean => keyring.entries.some((e) => e.partnerKey !== undefined);

export const holdsPartnerKey = (keyring: Keyring, entryId: string): boolean =>
  keyring.entries.some((e) => e.id === entryId && e.partnerKey !== undefined);

/**
 * Seals the partner key to these entries (by id; the recovery entry's id is 'recovery'). The
 * caller holds the key: the conversion of a folder, a holder giving someone access.
 */
export function sealPartnerKeyTo(keyring: Keyring, entryIds: readonly string[], partnerKey: Buffer): Keyring {
  const wanted = new Set(entryIds);
  for (const id of wanted) {
    if (!keyring.entries.some((e) => e.id === id))
      throw new AppError('NOT_FOUND', 'That person has no entry in the key file yet.');
  }
  return {
    ...keyring,
    entries: keyring.entries.map((e) =>
      wanted.has(e.id)
        ? { ...e, partnerKey: seal(e.publicKey, partnerKey, partnerKeyAad(keyring, e.id, 'current')) }
        : e,
    ),
  };
}

/**
 * Takes the partner key from one entry (someone removed, or no longer in a partner role) and
 * marks the key for rotation at the next log-in of a holder: their old copy of the key file
 * still opens the current key until then.
 */
export function removePartnerKeyFrom(keyring: Keyring, entryId: string): Keyring {
  const held = keyring.entries.some((e) => e.id === entryId && (e.partnerKey || e.partnerKeyNext));
  return {
    ...keyring,
    partner: held ? { ...keyring.partner, rotate: true } : keyring.partner,
    entries: keyring.entries.map((e) => (e.id === entryId ? withoutPartnerKey(e) : e)),
  };
}

function withoutPartnerKey(e: KeyringEntry): KeyringEntry {
  const { partnerKey: _current, partnerKeyNext: _next, ...rest } = e;
  return rest;
}

/** Rotation, step one: the next key sealed beside the current one for every holder (written before the file is re-keyed). */
export function withNextPartnerKey(keyring: Keyring, nextKey: Buffer): Keyring {
  return {
    ...keyring,
    entries: keyring.entries.map((e) =>
      e.partnerKey ? { ...e, partnerKeyNext: seal(e.publicKey, nextKey, partnerKeyAad(keyring, e.id, 'next')) } : e,
    ),
  };
}

/** Rotation, last step (the file is under the next key): the next key becomes the only one, sealed as current. */
export function promoteNextPartnerKey(keyring: Keyring, nextKey: Buffer): Keyring {
  return {
    ...keyring,
    partner: { ...keyring.partner, rotate: false },
    entries: keyring.entries.map((e) => {
      if (!e.partnerKeyNext) return e;
      const rest = withoutPartnerKey(e);
      return { ...rest, partnerKey: seal(e.publicKey, nextKey, partnerKeyAad(keyring, e.id, 'current')) };
    }),
  };
}

/** The file never reached the next key: forget it. */
export function dropNextPartnerKey(keyring: Keyring): Keyring {
  return {
    ...keyring,
    entries: keyring.entries.map((e) => {
      if (!e.partnerKeyNext) return e;
      const { partnerKeyNext: _next, ...rest } = e;
      return rest;
    }),
  };
}
