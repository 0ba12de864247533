import { randomInt } from 'node:crypto';

/**
 * Digits only (issue 16, item 8): a temporary password has no capitals or
 * small letters to get wrong, however it is typed, and digits are read aloud
 * or copied from a note without mistakes. The comparison stays exact (the
 * password unwraps a key), so nothing about checking it is loosened.
 */
const DIGITS = '0123456789';

/** A one-time password for an administrator to pass on: 6 groups of 3 digits, about 60 bits. */
export function temporaryPassword(): string {
  const group = () => Array.from({ length: 3 }, () => DIGITS[randomInt(DIGITS.length)]).join('');
  return Array.from({ length: 6 }, group).join('-');
}
