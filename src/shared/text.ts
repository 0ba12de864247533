/**
 * Folding for search: lower case, accents removed, apostrophes and other
 * punctuation dropped, so `Zoë` finds `Zoe` and `obrien` finds `O'Brien`.
 */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/['’‘`´]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
