import { randomInt } from 'node:crypto';

// No 0/O, 1/I/L: read aloud or copied from a note without mistakes.
const ALPHABET = 'ABCDEFGHJKMNPQRSTVWXYZ23456789';

/** A one-time password for an administrator to pass on: 3 groups of 4, about 59 bits. */
export function temporaryPassword(): string {
  const group = () => Array.from({ length: 4 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
  return `${group()}-${group()}-${group()}`;
}
