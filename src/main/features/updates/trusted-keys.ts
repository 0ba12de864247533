/**
 * The public keys whose signatures this program accepts on an update, built
 * into the program. Two, so the makers can change keys: releases are signed
 * with `current`; `next` is already trusted, so a later release can switch to
 * it (and bring a new `next`) without an update the program cannot check.
 *
 * The private halves were made with `npm run release:keygen` and are kept off
 * the build machine. Only tests replace these (through BackendOptions, which
 * the desktop program never sets); no environment variable or file changes them.
 */
export interface TrustedKey {
  /** the name the manifest gives as `keyId` */
  readonly id: string;
  readonly role: 'current' | 'next';
  /** base64 of the 32 raw bytes of the Ed25519 public key */
  readonly publicKey: string;
}

export const BUILT_IN_KEYS: readonly TrustedKey[] = Object.freeze([
  Object.freeze({ id: 'dvpp-2026', role: 'current', publicKey: 'mXJiqzuJ9+iwwmg4K0UAx3MFyhbPmT/XGYPsmXIdv88=' } as const),
  Object.freeze({ id: 'dvpp-2027', role: 'next', publicKey: '8kuDpgeV6S5SS/APojQJfWhnAZKuBnX/vm8nEdjh1nY=' } as const),
]);
