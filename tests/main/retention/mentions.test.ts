/**
 * Whether a text names someone: the fast finder (names folded once, the text
 * looked up by runs of whole words) gives the same answer as reading the text
 * for each name in turn, which is what it replaced.
 */
import { describe, expect, it } from 'vitest';
import { mentionFinder, mentions } from '../../../src/main/features/retention/scrub';
import { foldForSearch } from '../../../src/shared/text';

function byEachName(text: string, names: readonly string[]): boolean {
  const folded = ` ${foldForSearch(text)} `;
  return names.some((n) => {
    const f = foldForSearch(n);
    return f.length >= 3 && folded.includes(` ${f} `);
  });
}

const names = ['Zoë O’Brien', 'Zoe', 'Al', 'Mary-Jane Smith', 'Jo', 'Ann Marie van der Berg', 'Siân', 'Chloë'];
const texts = [
  '',
  'Spoke with zoe obrien at the handover.',
  'ZOË O’BRIEN was not there',
  'Zoetrope is not a name.',
  'Al came late; Alan was early.',
  'Mary Jane Smith phoned the office.',
  'mary-jane  smith!',
  'Jo and Joanne.',
  'Ann-Marie van der Berg called; ann marie van der',
  'Sian said so',
  'He said “Chloë” twice.',
  'nothing here at all',
  '   ',
];

describe('mentionFinder', () => {
  it('answers as reading the text for each name in turn', () => {
    const find = mentionFinder(names);
    for (const text of texts) expect(find(text), text).toBe(byEachName(text, names));
    for (const text of texts) expect(mentions(text, names), text).toBe(byEachName(text, names));
  });

  it('finds a name of several words only as whole words in order', () => {
    const find = mentionFinder(['Ann Marie van der Berg']);
    expect(find('Ann Marie van der Berg rang')).toBe(true);
    expect(find('van der Berg, Ann Marie')).toBe(false);
    expect(find('Ann Marie van der Bergen')).toBe(false);
  });

  it('names shorter than three letters never match, and no names match nothing', () => {
    expect(mentionFinder(['Al', 'Jo'])('Al and Jo')).toBe(false);
    expect(mentionFinder([])('Anything')).toBe(false);
  });
});
