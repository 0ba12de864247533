/**
 * Whether two people with the same date of birth may be the same man under a name written
 * differently: first and last name swapped, different case, spacing or accents, an initial
 * for a first name, or a letter or two typed differently. Only ever a "possible match" for
 * the manager to decide on; never used to merge anyone.
 */
import { foldForSearch } from '../../../shared/text';

function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

const squash = (s: string) => foldForSearch(s).replace(/ /g, '');
/** A letter or two out (one for short names: Jon and John, but not Ali and Amir). */
const close = (a: string, b: string) => {
  const shorter = Math.min(a.length, b.length);
  const limit = shorter >= 5 ? 2 : 1;
  return shorter >= 3 && editDistance(a, b, limit) <= limit;
};

/** Why two names (of people born on the same day) may be one man, in plain words; null when they do not look alike. */
export function similarName(a: { first: string; last: string }, b: { first: string; last: string }): string | null {
  const [af, al, bf, bl] = [squash(a.first), squash(a.last), squash(b.first), squash(b.last)];
  if (!af || !al || !bf || !bl) return null;
  if (af === bf && al === bl) return 'the same name written with different capitals, spaces or accents';
  if (af === bl && al === bf) return 'the same names with first and last name the other way round';
  if (al === bl && (af.length === 1 || bf.length === 1) && af[0] === bf[0]) return 'the same last name and first initial';
  if (al === bl && close(af, bf)) return 'the same last name and a first name spelt a little differently';
  if (af === bf && close(al, bl)) return 'the same first name and a last name spelt a little differently';
  // A double-barrelled or hyphenated surname given in part ("Smith" for "Jones-Smith").
  const aParts = foldForSearch(a.last).split(' ');
  const bParts = foldForSearch(b.last).split(' ');
  if (af === bf && (aParts.length > 1 || bParts.length > 1) && aParts.some((p) => p.length > 2 && bParts.includes(p))) return 'the same first name and part of the same last name';
  return null;
}

/**
 * People by date of birth and by each name, so a row is compared only with those who could
 * match (every rule above needs the same first name, the same last name, or the two swapped):
 * a file of 10,000 men all given the same placeholder date of birth stays quick.
 */
export class NameIndex<T extends { first: string; last: string }> {
  private readonly byFirst = new Map<string, T[]>();
  private readonly byLast = new Map<string, T[]>();

  add(dateOfBirth: string, person: T): void {
    for (const [map, name] of [
      [this.byFirst, person.first],
      [this.byLast, person.last],
    ] as const) {
      const key = `${dateOfBirth}|${squash(name)}`;
      const list = map.get(key) ?? [];
      list.push(person);
      map.set(key, list);
    }
  }

  /** Those born that day who may be this person, and why (in the order they were added). */
  find(dateOfBirth: string, name: { first: string; last: string }): Array<{ person: T; why: string }> {
    const first = `${dateOfBirth}|${squash(name.first)}`;
    const last = `${dateOfBirth}|${squash(name.last)}`;
    const candidates = new Set([...(this.byFirst.get(first) ?? []), ...(this.byLast.get(last) ?? []), ...(this.byFirst.get(last) ?? [])]);
    const found: Array<{ person: T; why: string }> = [];
    for (const person of candidates) {
      const why = similarName(name, person);
      if (why) found.push({ person, why });
    }
    return found;
  }
}
