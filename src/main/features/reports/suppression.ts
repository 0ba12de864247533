/**
 * Small-number suppression for the figures for funders: a count from 1 to 4
 * could point to a person, so it is shown as "fewer than 5". So that a hidden
 * count cannot be worked out by subtraction from the others and the total, a
 * breakdown with one hidden cell hides the next smallest too, and its total is
 * then shown rounded to the nearest 5. The raw figures (figures.ts) are not
 * changed: only what is printed.
 */
export const FEWER_THAN_5 = 'fewer than 5';
export const isSmall = (n: number) => n >= 1 && n <= 4;

/** A single count on its own. */
export const shownCount = (n: number) => (isSmall(n) ? FEWER_THAN_5 : String(n));

export interface Suppressed<K extends string> {
  cells: Record<K, string>;
  hidden: Set<K>;
  total: string;
}

export function suppressBreakdown<K extends string>(values: Record<K, number>, total: number): Suppressed<K> {
  const keys = Object.keys(values) as K[];
  const hidden = new Set<K>(keys.filter((k) => isSmall(values[k])));
  if (hidden.size === 1) {
    // One hidden cell is the total minus the rest: hide the next smallest non-zero cell as well.
    const next = keys.filter((k) => !hidden.has(k) && values[k] > 0).sort((a, b) => values[a] - values[b])[0];
    if (next) hidden.add(next);
  }
  const cells = Object.fromEntries(
    keys.map((k) => [k, hidden.has(k) ? (isSmall(values[k]) ? FEWER_THAN_5 : 'not shown') : String(values[k])]),
  ) as Record<K, string>;
  const shownTotal = isSmall(total) ? FEWER_THAN_5 : hidden.size ? `about ${Math.round(total / 5) * 5}` : String(total);
  return { cells, hidden, total: shownTotal };
}

export interface SuppressedRate {
  part: string;
  whole: string;
  percent: string;
}

/**
 * A rate (part of a whole, as a percentage). If the part, the whole or what is
 * left (whole minus part) is from 1 to 4, the part and the percentage are not
 * shown (either would give the small number away); the whole is shown unless
 * it is small itself.
 */
export function suppressRate(part: number, whole: number, percent: number | null): SuppressedRate {
  if (isSmall(part) || isSmall(whole) || isSmall(whole - part))
    return { part: isSmall(part) ? FEWER_THAN_5 : 'not shown', whole: shownCount(whole), percent: 'not shown' };
  return { part: String(part), whole: String(whole), percent: percent === null ? '' : String(percent) };
}
