/**
 * The looser duplicate check: a row born the same day as someone on record (or on another
 * row) with a name written differently is shown as a possible match, row by row; nothing is
 * imported until the manager answers each one, and the program never merges anyone.
 */
import Papa from 'papaparse';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { similarName } from '../../../src/main/features/imports/similar-names';
import { call, callError, tempDir } from '../helpers';
import { world, type World } from '../participants/fixtures';
import { b64, sample } from './fixtures';

describe('names that may be the same man', () => {
  it.each([
    [['Marek', 'Nowakowski'], ['Nowakowski', 'Marek'], /other way round/],
    [['Marek', 'Nowakowski'], ['M', 'Nowakowski'], /first initial/],
    [['Marek', 'Nowakowski'], ['Mark', 'Nowakowski'], /spelt a little differently/],
    [['Jon', 'Hartley'], ['John', 'Hartley'], /spelt a little differently/],
    [['Marek', 'Nowakowski'], ['Marek', 'Nowakowsky'], /spelt a little differently/],
    [['Sean', "O'Neill"], ['Seán', 'ONeill'], /capitals, spaces or accents/],
    [['Leon', 'Mc Donald'], ['Leon', 'McDonald'], /capitals, spaces or accents/],
    [['Dean', 'Jones-Smith'], ['Dean', 'Smith'], /part of the same last name/],
  ])('%j and %j', (a, b, why) => {
    expect(similarName({ first: a[0]!, last: a[1]! }, { first: b[0]!, last: b[1]! })).toMatch(why);
  });
  it.each([
    [['Marek', 'Nowakowski'], ['Tomasz', 'Nowakowski']],
    [['Ali', 'Khan'], ['Amir', 'Khan']],
    [['Gary', 'Pryce'], ['Gareth', 'Pryce']],
    [['John', 'Smith'], ['Jane', 'Brown']],
  ])('%j and %j are different men', (a, b) => {
    expect(similarName({ first: a[0]!, last: a[1]! }, { first: b[0]!, last: b[1]! })).toBeNull();
  });
});

const HEADER = ['First name', 'Last name', 'Date of birth', 'Referred by', 'Date referral received', 'Reason for referral', 'Route'];
const man = (first: string, last: string, dob: string) => [first, last, dob, 'Probation', '01/03/2026', 'Referred again', 'Criminal justice'];

describe('possible matches in an import', () => {
  let w: World;
  let cleanup: () => void;
  beforeEach(async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    w = await world(t.dir);
    await call(w.backend, 'imports.run', { kind: 'participants', base64: sample('participants.xlsx') });
  });
  afterEach(async () => {
    await w.backend.shutdown();
    cleanup();
  });

  it('lists each row that may be a man on record or on another row; imports only once each is answered; leaves out the same men', async () => {
    const base64 = b64(
      Papa.unparse([
        HEADER,
        man('Nowakowski', 'Marek', '02/06/1984'), // row 2: names swapped
        man('M', 'Nowakowski', '02/06/1984'), // row 3: an initial
        man('Gary', 'Pryce', '05/07/1979'), // row 4: Gareth Pryce's birthday, a different first name
        man('Jon', 'Hartley', '01/01/1990'), // row 5
        man('John', 'Hartley', '01/01/1990'), // row 6: like row 5
        man('Marek', 'Nowakowski', '03/06/1984'), // row 7: another day, another man
      ]),
    );
    const check = await call(w.backend, 'imports.check', { kind: 'participants', base64 });
    expect(check.matches.map((m) => [m.row, m.matchWith, m.choice])).toEqual([
      [2, 'P-2025-0101 Marek Nowakowski, already on record', null],
      [3, 'P-2025-0101 Marek Nowakowski, already on record', null],
      [6, 'row 5 (Jon Hartley)', null],
    ]);
    expect(check.matches[0]!.why).toMatch(/born the same day.*other way round/);
    expect(check.problems.map((p) => [p.row, p.column])).toEqual([
      [2, 'Last name'],
      [3, 'Last name'],
      [6, 'Last name'],
    ]);
    expect(check.problems[0]!.message).toMatch(/Possible match with P-2025-0101.*Say under “Possible matches”/);
    expect((await callError(w.backend, 'imports.run', { kind: 'participants', base64 })).message).toMatch(/3 problems found. Nothing was imported/);
    expect(await call(w.backend, 'participants.search', { q: 'Hartley' })).toEqual([]);

    // Half answered: still refused.
    expect((await callError(w.backend, 'imports.run', { kind: 'participants', base64, sameAs: { '2': 'same' } })).message).toMatch(/2 problems found/);
    const sameAs = { '2': 'same', '3': 'same', '6': 'new' } as const;
    const answered = await call(w.backend, 'imports.check', { kind: 'participants', base64, sameAs });
    expect(answered.problems).toEqual([]);
    expect(answered.matches.map((m) => m.choice)).toEqual(['same', 'same', 'new']);
    const result = await call(w.backend, 'imports.run', { kind: 'participants', base64, sameAs });
    expect(result).toMatchObject({ rows: 6, created: 4, skipped: 2 });
    // Never merged: Marek is still one record, as he was; both Hartleys are new men.
    const marek = await call(w.backend, 'participants.search', { q: 'Nowakowski' });
    expect(marek.map((m) => m.reference).sort()).toHaveLength(2); // P-2025-0101 and the man born on 03/06/1984
    const original = await call(w.backend, 'participants.get', { id: marek.find((m) => m.reference === 'P-2025-0101')!.id });
    expect(original.referrals).toHaveLength(1);
    expect(await call(w.backend, 'participants.search', { q: 'Hartley' })).toHaveLength(2);
  });
});

describe('possible matches for partner rows', () => {
  let w: World;
  let cleanup: () => void;
  beforeEach(async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    w = await world(t.dir);
    await call(w.backend, 'imports.run', { kind: 'participants', base64: sample('participants.xlsx') });
    await call(w.backend, 'imports.run', { kind: 'partners', base64: sample('partners.xlsx') });
  });
  afterEach(async () => {
    await w.backend.shutdown();
    cleanup();
  });

  it('a partner linked to the same man or born the same day, under a name written a little differently, is asked about row by row', async () => {
    const base64 = b64(
      Papa.unparse([
        ['His reference', 'Relationship to him', 'First name', 'Last name', 'Date of birth'],
        ['P-2025-0101', 'Ex-partner', 'Agnieszka', 'Nowek', ''], // row 2: a letter out from his ex-partner on record
        ['P-2025-0104', 'Current partner', 'Chantal', 'Moreau-Blanc', ''], // row 3: part of a double surname
        ['P-2025-0101', 'Ex-partner', 'Beata', 'Kowalska', '01/01/1988'], // row 4
        ['P-2025-0104', 'Ex-partner', 'Beata', 'Kowalski', '01/01/1988'], // row 5: born the same day as row 4
        ['P-2025-0104', 'Ex-partner', 'Zofia', 'Nowak', ''], // row 6: a different woman
      ]),
    );
    const check = await call(w.backend, 'imports.check', { kind: 'partners', base64 });
    expect(check.matches.map((m) => [m.row, m.matchWith.replace(/^\S+ /, ''), m.choice])).toEqual([ // her partner reference (or 'row') first
      [2, 'Agnieszka Nowak, already on record', null],
      [3, 'Chantal Moreau, already on record', null],
      [5, '4 (Beata Kowalska)', null],
    ]);
    expect(check.matches[0]!.why).toMatch(/linked to him as his ex-partner: the same first name and a last name spelt a little differently/);
    expect(check.matches[2]!.why).toMatch(/born the same day/);
    expect(check.problems.map((p) => [p.row, p.column])).toEqual([
      [2, 'Last name'],
      [3, 'Last name'],
      [5, 'Last name'],
    ]);
    expect(check.problems[0]!.message).toMatch(/whether this is the same person/);
    expect((await callError(w.backend, 'imports.run', { kind: 'partners', base64 })).message).toMatch(/3 problems found. Nothing was imported/);

    const sameAs = { '2': 'same', '3': 'new', '5': 'new' } as const;
    expect((await call(w.backend, 'imports.check', { kind: 'partners', base64, sameAs })).problems).toEqual([]);
    expect(await call(w.backend, 'imports.run', { kind: 'partners', base64, sameAs })).toMatchObject({ rows: 5, created: 4, skipped: 1 });

    // Never across the wall: the programme side cannot run the check, so it never sees a partner's name.
    await w.loginAs('facilitator');
    expect((await callError(w.backend, 'imports.check', { kind: 'partners', base64 })).code).toBe('FORBIDDEN');
  });
});
