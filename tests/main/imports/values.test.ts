import { describe, expect, it } from 'vitest';
import { readDate, readYesNo } from '../../../src/main/features/imports/values';

describe('UK dates in the forms spreadsheets write them', () => {
  it.each([
    ['14/03/1985', '1985-03-14'],
    ['4/3/85', '1985-03-04'],
    ['04-03-2026', '2026-03-04'],
    ['4.3.26', '2026-03-04'],
    ['1985-03-14', '1985-03-14'],
    ['1985-03-14T00:00:00Z', '1985-03-14'],
    ['14 Mar 1985', '1985-03-14'],
    ['14-March-85', '1985-03-14'],
    [31120, '1985-03-14'],
    ['31120', '1985-03-14'],
    [new Date('1985-03-14T00:00:00Z'), '1985-03-14'],
    ['', ''],
    [null, ''],
  ] as const)('%s', (cell, expected) => {
    expect(readDate(cell as never)).toBe(expected);
  });

  it.each(['31/02/1985', '13/13/2020', 'next Tuesday', '03/14/1985', true])('refuses %s', (cell) => {
    expect(readDate(cell as never)).toBeNull();
  });

  it('reads yes and no', () => {
    expect([readYesNo('Yes'), readYesNo('n'), readYesNo(true), readYesNo(''), readYesNo('maybe')]).toEqual([true, false, true, '', null]);
  });
});
